using Advocacy.Plugins.Application.Impact;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.Impact
{
    /// <summary>
    /// After an inconvenience is deleted: maps the pre-image (the row is gone) and runs
    /// <see cref="FollowUpInconvenience.AfterRemoval"/> — the account's and the case's figures without it, its review closed.
    /// </summary>
    [CrmPluginRegistration(MessageNameEnum.Delete, "adv_inconvenience", StageEnum.PostOperation, ExecutionModeEnum.Synchronous,
        "", "Advocacy: follow up inconvenience (delete)", 20, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "adv_accountid,adv_caseid",
        Description = "Takes a removed inconvenience out of the account's index and loyalty risk and the case's impact, and completes its open review.")]
    public sealed class InconvenienceRemovedPlugin : AdvocacyPlugin
    {
        protected override void Execute(PluginContext context)
        {
            var pre = context.PreImage("pre");
            new FollowUpInconvenience(context).AfterRemoval(
                context.Execution.PrimaryEntityId,
                pre?.GetAttributeValue<EntityReference>("adv_accountid")?.Id,
                pre?.GetAttributeValue<EntityReference>("adv_caseid")?.Id);
        }
    }
}
