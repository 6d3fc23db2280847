using Advocacy.Plugins.Application.Assignment;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.Assignment
{
    /// <summary>
    /// After an advocate profile's user or backup changes, in that save's transaction: the accounts of the advocacies this
    /// changes are shared with the users they give the account to now and no longer with the previous ones
    /// (<see cref="MoveAdvocateShares"/>), as an advocate change on the account does. Post-operation, so a failing save
    /// shares nothing.
    /// </summary>
    [CrmPluginRegistration("Update", "adv_advocate", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "adv_userid,adv_backupadvocateid",
        "Advocacy: move account shares (advocate user or backup change)", 20, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "adv_userid,adv_backupadvocateid",
        Image2Name = "post", Image2Type = ImageTypeEnum.PostImage, Image2Attributes = "adv_userid,adv_backupadvocateid",
        Description = "Shares the advocate's accounts with the profile's new user or backup instead of the previous ones.")]
    public sealed class AdvocateUserChangedPlugin : AdvocacyPlugin
    {
        // Sharing is idempotent and a profile's user may change from a workflow or another plug-in too.
        protected override int MaxDepth => int.MaxValue;

        protected override void Execute(PluginContext context)
        {
            var execution = context.Execution;
            if (execution.PrimaryEntityName != "adv_advocate")
            {
                return;
            }

            var pre = context.PreImage("pre");
            var post = context.PostImage("post");
            new MoveAdvocateShares(context).AfterProfileChange(execution.PrimaryEntityId,
                pre?.GetAttributeValue<EntityReference>("adv_userid")?.Id, pre?.GetAttributeValue<EntityReference>("adv_backupadvocateid")?.Id,
                post?.GetAttributeValue<EntityReference>("adv_userid")?.Id, post?.GetAttributeValue<EntityReference>("adv_backupadvocateid")?.Id);
        }
    }
}
