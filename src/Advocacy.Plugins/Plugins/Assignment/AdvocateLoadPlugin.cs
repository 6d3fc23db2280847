using Advocacy.Plugins.Application.Assignment;
using Advocacy.Plugins.Data;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.Assignment
{
    /// <summary>
    /// After an account's advocate or state changes, or the account is deleted, in that change's transaction: the
    /// touched advocates' adv_accountcount is recounted and the previous advocate's open tasks follow the account
    /// (<see cref="SettleAdvocateLoad"/>). Post-operation, so the count includes the change itself and a failing save
    /// leaves no count behind. Unlike the other steps it runs at any depth: recounting is idempotent, and an account
    /// changed by our own assignment (adv_AssignAdvocate at depth 2), by a workflow or by another plug-in must be
    /// counted too. adv_tier is a filtering attribute because the pre-operation assignment step writes adv_advocateid
    /// into the Target of a save that only set the tier.
    /// </summary>
    [CrmPluginRegistration("Create", "account", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: settle advocate load (account create)", 20, IsolationModeEnum.Sandbox,
        Image1Name = "post", Image1Type = ImageTypeEnum.PostImage, Image1Attributes = "name,ownerid,adv_tier,adv_advocateid,statecode",
        Description = "Counts the new account for its advocate.")]
    [CrmPluginRegistration("Update", "account", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "adv_tier,adv_advocateid,statecode",
        "Advocacy: settle advocate load (account update)", 20, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "adv_advocateid,statecode",
        Image2Name = "post", Image2Type = ImageTypeEnum.PostImage, Image2Attributes = "name,ownerid,adv_tier,adv_advocateid,statecode",
        Description = "Recounts the accounts of the advocates an advocate or state change touched; the previous advocate's open tasks follow the account.")]
    [CrmPluginRegistration("Delete", "account", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: settle advocate load (account delete)", 20, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "adv_advocateid,statecode",
        Description = "Releases the deleted account's seat: recounts its advocate's accounts.")]
    public sealed class AdvocateLoadPlugin : AdvocacyPlugin
    {
        // The platform stops loops at depth 8 itself; the recount is idempotent, so any depth is safe.
        protected override int MaxDepth => int.MaxValue;

        protected override void Execute(PluginContext context)
        {
            var execution = context.Execution;
            if (execution.PrimaryEntityName != "account")
            {
                return;
            }

            var pre = context.PreImage("pre");
            var post = context.PostImage("post");
            var message = execution.MessageName;
            var before = message == "Create" || pre == null ? null : AccountRows.AdvocacyState(pre);
            var after = message == "Delete" || post == null ? null : AccountRows.AdvocacyState(post);
            var account = post == null ? null : new AccountSnapshot(post).Facts();
            new SettleAdvocateLoad(context).AfterAccountChange(execution.PrimaryEntityId, before, after, account);
        }
    }
}
