using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

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
        Image2Name = "post", Image2Type = ImageTypeEnum.PostImage, Image2Attributes = "statecode,adv_kind,regardingobjectid,actualend",
        Description = "When a check-in task is completed, sets the account's last and next proactive contact.")]
    public sealed class CheckInCompletedPlugin : AdvocacyPlugin
    {
        public const int CompletedState = 1;

        protected override void Execute(PluginContext context)
        {
            var post = context.PostImage("post") ?? context.Target;
            var pre = context.PreImage("pre");
            var taskId = context.Execution.PrimaryEntityId;
            int? newState = post?.GetAttributeValue<OptionSetValue>("statecode")?.Value;
            if (newState != CompletedState)
            {
                context.Trace("Task {0}: state {1} is not Completed: nothing to schedule.", taskId, Show.Value(newState));
                return;
            }

            if (pre?.GetAttributeValue<OptionSetValue>("statecode")?.Value == CompletedState)
            {
                context.Trace("Task {0} was already completed: nothing to schedule.", taskId);
                return;
            }

            var kind = Choices.TaskKind(post!.GetAttributeValue<OptionSetValue>("adv_kind") ?? pre?.GetAttributeValue<OptionSetValue>("adv_kind"));
            if (kind != AdvocacyTaskKind.ProactiveCheckIn && kind != AdvocacyTaskKind.PostResolutionCheckIn)
            {
                context.Trace("Task {0} completed, but it is not a check-in (kind: {1}): the proactive schedule is unchanged.", taskId,
                    kind.HasValue ? kind.Value.ToString() : "not an advocacy task");
                return;
            }

            var regarding = post.GetAttributeValue<EntityReference>("regardingobjectid") ?? pre?.GetAttributeValue<EntityReference>("regardingobjectid");
            Guid? accountId = null;
            if (regarding?.LogicalName == "account")
            {
                accountId = regarding.Id;
            }
            else if (regarding?.LogicalName == "incident")
            {
                var incident = context.SystemService.Retrieve("incident", regarding.Id, new ColumnSet("customerid"));
                accountId = FollowUpAccounts.AccountOfCase(incident);
            }

            if (!accountId.HasValue)
            {
                context.Trace("Check-in task {0} completed, but it is regarding no account (regarding: {1}): nothing to schedule.", taskId,
                    regarding == null ? "nothing" : regarding.LogicalName + " " + regarding.Id);
                return;
            }

            var contactDate = post.GetAttributeValue<DateTime?>("actualend") ?? context.UtcNow;
            var account = AccountSnapshot.Read(context.SystemService, accountId.Value);
            var result = FollowUpCadence.AfterContact(context.Settings.FollowUp, account.Tier, account.CadenceDays, account.LastProactiveContact, contactDate);
            context.Trace("Check-in task {0} ({1}) completed; updating account {2} as the system user (the agent may not own the account).", taskId, kind, accountId);
            FollowUpCadence.Write(context.SystemService, context.Tracing, accountId.Value, result, writeLast: true);
        }
    }
}
