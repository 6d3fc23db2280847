using Advocacy.Plugins.Application.FollowUp;
using Advocacy.Plugins.Data;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.FollowUp
{
    /// <summary>
    /// Completing a check-in (DESIGN §5): the account's last proactive contact = the completion date (the
    /// task's actualend, else the operation's date) and next = + cadence. Check-in kinds are the proactive
    /// and the post-resolution check-in: both are a conversation with the customer. Any other completed task,
    /// advocacy or not, is ignored with a trace.
    /// </summary>
    [CrmPluginRegistration("Update", "task", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "statecode",
        "Advocacy: completed check-in schedules the next contact", 10, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "statecode,adv_kind,regardingobjectid",
        Image2Name = "post", Image2Type = ImageTypeEnum.PostImage, Image2Attributes = "statecode,adv_kind,regardingobjectid,actualend,ownerid",
        Description = "When a check-in task is completed, sets the account's last and next proactive contact.")]
    public sealed class CheckInCompletedPlugin : AdvocacyPlugin
    {
        public const int CompletedState = 1;

        protected override void Execute(PluginContext context)
        {
            var post = context.PostImage("post") ?? context.Target;
            var pre = context.PreImage("pre");
            new RecordCompletedCheckIn(context).Run(new TaskStateChange
            {
                TaskId = context.Execution.PrimaryEntityId,
                CompletedNow = post?.GetAttributeValue<OptionSetValue>("statecode")?.Value == CompletedState,
                WasCompleted = pre?.GetAttributeValue<OptionSetValue>("statecode")?.Value == CompletedState,
                Kind = Choices.TaskKind(post?.GetAttributeValue<OptionSetValue>("adv_kind") ?? pre?.GetAttributeValue<OptionSetValue>("adv_kind")),
                Regarding = post?.GetAttributeValue<EntityReference>("regardingobjectid") ?? pre?.GetAttributeValue<EntityReference>("regardingobjectid"),
                CompletedOn = post?.GetAttributeValue<System.DateTime?>("actualend"),
                OwnerId = (post?.GetAttributeValue<EntityReference>("ownerid") ?? pre?.GetAttributeValue<EntityReference>("ownerid"))?.Id,
                CompletedBy = context.Execution.InitiatingUserId,
            });
        }
    }
}
