using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.Assignment
{
    /// <summary>
    /// DESIGN §4: a case on an unadvocated account is escalated (isescalated becomes true) or gets high priority
    /// (prioritycode becomes 1 = High) → the account gets an advocate now, and the case gets the account's advocate in
    /// adv_advocateid (through the Target: no extra write). Needed specialty: the case subject's name when the
    /// platform supplies it, mapped by settings.assignment.specialtyBySubject.
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
        /// <summary>The platform's incident prioritycode for High.</summary>
        public const int HighPriority = 1;

        protected override void Execute(PluginContext context)
        {
            var target = context.Target;
            if (target == null)
            {
                return;
            }

            var pre = context.PreImage("pre") ?? new Entity("incident", target.Id);
            var merged = context.Merged();
            bool? Flag(Entity row, string column) => row.Contains(column) ? row[column] as bool? : null;

            bool escalatedNow = target.Contains("isescalated") && Flag(target, "isescalated") == true && Flag(pre, "isescalated") != true;
            bool highNow = target.Contains("prioritycode") && (target["prioritycode"] as OptionSetValue)?.Value == HighPriority
                && (pre.GetAttributeValue<OptionSetValue>("prioritycode")?.Value != HighPriority || context.Execution.MessageName == "Create");
            if (!escalatedNow && !highNow)
            {
                context.Trace("Assignment: case {0} was not escalated nor raised to high priority by this save.", target.Id);
                return;
            }

            if (merged.GetAttributeValue<EntityReference>("adv_advocateid") != null)
            {
                context.Trace("Assignment: case {0} already names an advocate; left alone.", target.Id);
                return;
            }

            var customer = merged.GetAttributeValue<EntityReference>("customerid");
            if (customer == null || customer.LogicalName != "account")
            {
                context.Trace("Assignment: case {0} is not for an account (customer {1}); no advocate to assign.", target.Id, customer?.LogicalName ?? "(none)");
                return;
            }

            Specialty? needed = null;
            var subject = merged.GetAttributeValue<EntityReference>("subjectid")?.Name;
            if (!string.IsNullOrWhiteSpace(subject) && context.Settings.Assignment.SpecialtyBySubject.TryGetValue(subject!.Trim(), out Specialty mapped))
            {
                needed = mapped;
            }

            var trigger = escalatedNow ? "case escalated" : "case set to high priority";
            var service = new AdvocateAssignmentService(context.SystemService, context.Tracing, context.Settings, context.UtcNow);
            var result = service.EnsureAdvocate(customer.Id, needed, true, trigger);
            if (result.AdvocateId.HasValue)
            {
                target["adv_advocateid"] = new EntityReference("adv_advocate", result.AdvocateId.Value);
                context.Trace("Assignment: case {0} gets advocate {1} ({2}).", target.Id, result.AdvocateId.Value, result.Reason);
            }
            else
            {
                context.Trace("Assignment: case {0} stays without an advocate: {1}.", target.Id, result.Reason);
            }
        }
    }
}
