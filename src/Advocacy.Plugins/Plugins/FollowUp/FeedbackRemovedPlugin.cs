using Advocacy.Plugins.Application.FollowUp;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.FollowUp
{
    /// <summary>
    /// After an answer is deleted: maps the pre-image (the row is gone) and runs <see cref="RecordFeedback.AfterRemoval"/> —
    /// the account's last NPS/CSAT and loyalty risk without it, and the tasks it raised closed.
    /// </summary>
    [CrmPluginRegistration(MessageNameEnum.Delete, "adv_feedback", StageEnum.PostOperation, ExecutionModeEnum.Synchronous,
        "", "Advocacy: removed feedback leaves the account's last word", 10, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "adv_accountid",
        Description = "Restores the account's last NPS/CSAT and loyalty risk from the remaining answers and completes the removed answer's open recovery and escalation.")]
    public sealed class FeedbackRemovedPlugin : AdvocacyPlugin
    {
        protected override void Execute(PluginContext context)
        {
            var account = context.PreImage("pre")?.GetAttributeValue<EntityReference>("adv_accountid");
            new RecordFeedback(context).AfterRemoval(context.Execution.PrimaryEntityId, account?.LogicalName == "account" ? account.Id : (System.Guid?)null);
        }
    }
}
