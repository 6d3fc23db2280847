using Advocacy.Plugins.Application.Assignment;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.Assignment
{
    /// <summary>
    /// DESIGN §4: a case on an unadvocated account is escalated (isescalated becomes true) or gets high priority
    /// (prioritycode becomes 1 = High) → the account gets an advocate now, and the case gets the account's advocate in
    /// adv_advocateid (through the Target: no extra write). Needed specialty: the case subject's name (read when the
    /// lookup comes without it), mapped by settings.assignment.specialtyBySubject.
    /// </summary>
    [CrmPluginRegistration("Create", "incident", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: assign advocate (case escalated, create)", 10, IsolationModeEnum.Sandbox,
        Description = "A case created escalated or with high priority gets the account's advocate, assigning one if needed.")]
    [CrmPluginRegistration("Update", "incident", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "isescalated,prioritycode",
        "Advocacy: assign advocate (case escalated, update)", 10, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "title,customerid,isescalated,prioritycode,adv_advocateid,subjectid",
        Description = "A case escalated or set to high priority gets the account's advocate, assigning one if needed.")]
    public sealed class CaseEscalationAssignmentPlugin : AdvocacyPlugin
    {
        protected override void Execute(PluginContext context)
        {
            var target = context.Target;
            if (target == null)
            {
                return;
            }

            var pre = context.PreImage("pre") ?? new Entity("incident", target.Id);
            var merged = context.Merged();
            var customer = merged.GetAttributeValue<EntityReference>("customerid");
            var advocateId = new AssignOnCaseEscalation(context).Run(new CaseSave
            {
                CaseId = target.Id,
                IsCreate = context.Execution.MessageName == "Create",
                EscalatedInSave = target.Contains("isescalated") ? target["isescalated"] as bool? : null,
                EscalatedBefore = pre.Contains("isescalated") ? pre["isescalated"] as bool? : null,
                PriorityInSave = target.Contains("prioritycode") ? (target["prioritycode"] as OptionSetValue)?.Value : null,
                PriorityBefore = pre.GetAttributeValue<OptionSetValue>("prioritycode")?.Value,
                AdvocateId = merged.GetAttributeValue<EntityReference>("adv_advocateid")?.Id,
                AccountId = customer?.LogicalName == "account" ? customer.Id : (System.Guid?)null,
                CustomerKind = customer?.LogicalName,
                Subject = merged.GetAttributeValue<EntityReference>("subjectid")?.Name,
                SubjectId = merged.GetAttributeValue<EntityReference>("subjectid")?.Id,
            });
            if (advocateId.HasValue)
            {
                target["adv_advocateid"] = new EntityReference("adv_advocate", advocateId.Value);
            }
        }
    }
}
