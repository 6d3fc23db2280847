using Advocacy.Plugins.Application.Assignment;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.Assignment
{
    /// <summary>
    /// After an advocate profile's user changes, in that save's transaction: the advocate's accounts are shared with the new
    /// user and no longer with the previous one (<see cref="MoveAdvocateShares"/>), as an advocate change on the account
    /// does. Post-operation, so a failing save shares nothing.
    /// </summary>
    [CrmPluginRegistration("Update", "adv_advocate", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "adv_userid",
        "Advocacy: move account shares (advocate user change)", 20, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "adv_userid",
        Image2Name = "post", Image2Type = ImageTypeEnum.PostImage, Image2Attributes = "adv_userid",
        Description = "Shares the advocate's accounts with the profile's new user instead of the previous one.")]
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

            var before = context.PreImage("pre")?.GetAttributeValue<EntityReference>("adv_userid")?.Id;
            var after = context.PostImage("post")?.GetAttributeValue<EntityReference>("adv_userid")?.Id;
            new MoveAdvocateShares(context).AfterUserChange(execution.PrimaryEntityId, before, after);
        }
    }
}
