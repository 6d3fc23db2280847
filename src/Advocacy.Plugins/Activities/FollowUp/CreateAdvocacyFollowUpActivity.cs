using System.Activities;
using Advocacy.Plugins.Application.FollowUp;
using Advocacy.Plugins.Data;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace Advocacy.Plugins.Activities.FollowUp
{
    /// <summary>
    /// "Create advocacy follow-up": an advocacy task of any kind from a workflow, through the same task
    /// factory as the plug-ins (owner = the account's advocate, or the owner with a note; one open task per
    /// key). Key: a post-resolution check-in on a case shares the plug-in's key ("checkin:{case}"); any other
    /// follow-up is "followup:{kind}:{record}", so a re-run while one is open returns it (AlreadyExisted).
    /// </summary>
    [CrmPluginRegistration("Advocacy.CreateAdvocacyFollowUp", "Create advocacy follow-up",
        "Creates an advocacy task for the account's advocate (one open task per kind and record); returns the task and whether it already existed.",
        "Customer Advocacy", IsolationModeEnum.Sandbox)]
    public sealed class CreateAdvocacyFollowUpActivity : AdvocacyActivity
    {
        [Input("Account")]
        [ReferenceTarget("account")]
        public InArgument<EntityReference> Account { get; set; } = null!;

        [Input("Case")]
        [ReferenceTarget("incident")]
        public InArgument<EntityReference> Case { get; set; } = null!;

        /// <summary>The adv_taskkind choice value (104520000 introduction … 104520006 unassigned advocacy).</summary>
        [Input("Kind (adv_taskkind value)")]
        public InArgument<int> Kind { get; set; } = null!;

        [Input("Due in business days")]
        public InArgument<int> DueInBusinessDays { get; set; } = null!;

        [Input("Subject")]
        public InArgument<string> Subject { get; set; } = null!;

        [Input("Description")]
        public InArgument<string> Description { get; set; } = null!;

        [Output("Task")]
        [ReferenceTarget("task")]
        public OutArgument<EntityReference> Task { get; set; } = null!;

        [Output("Already existed")]
        public OutArgument<bool> AlreadyExisted { get; set; } = null!;

        protected override void Execute(ActivityHost host, CodeActivityContext context)
        {
            int kindValue = Kind.Get(context);
            var result = new CreateFollowUp(host).Run(new FollowUpRequest
            {
                AccountId = Account.Get(context)?.Id,
                CaseId = Case.Get(context)?.Id,
                Kind = Choices.TaskKind(new OptionSetValue(kindValue)),
                KindValue = kindValue,
                DueInBusinessDays = DueInBusinessDays.Get(context),
                Subject = Subject.Get(context),
                Description = Description.Get(context),
            });
            Task.Set(context, new EntityReference("task", result.TaskId));
            AlreadyExisted.Set(context, result.AlreadyExisted);
        }
    }
}
