using Advocacy.Plugins.Application.FollowUp;
using Advocacy.Plugins.Domain.Words;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.FollowUp
{
    /// <summary>
    /// A customer's answer recorded from its check-in task names the check-in; its account is filled from the check-in
    /// before the save (through the Target, no second write), so "feedback updates loyalty" then finds the account.
    /// </summary>
    [CrmPluginRegistration("Create", "adv_feedback", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: feedback from a check-in takes its account", 10, IsolationModeEnum.Sandbox,
        Description = "Fills the account of feedback recorded from a check-in task (the task's account, or its case's customer account).")]
    public sealed class FeedbackFromCheckInPlugin : AdvocacyPlugin
    {
        protected override void Execute(PluginContext context)
        {
            var target = context.Target ?? throw new InvalidPluginExecutionException(context.CallerLanguage.Format(TextKey.ErrorStepNeedsTarget));
            var account = new AnswerFromCheckIn(context).AccountFor(
                target.GetAttributeValue<EntityReference>("adv_accountid")?.Id,
                target.GetAttributeValue<EntityReference>("adv_taskid")?.Id);
            if (account.HasValue)
            {
                target["adv_accountid"] = new EntityReference("account", account.Value);
            }
        }
    }
}
