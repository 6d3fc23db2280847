using Advocacy.Plugins.Application.Impact;
using Advocacy.Plugins.Data;
using Microsoft.Xrm.Sdk;
using Advocacy.Plugins.Domain.Words;
using Advocacy.Plugins.Domain;

namespace Advocacy.Plugins.Plugins.Impact
{
    /// <summary>
    /// After an inconvenience is scored: maps the post-image (and the pre-image on update) and runs
    /// <see cref="FollowUpInconvenience"/> — loyalty figures, the case's worst score, the impact review.
    /// </summary>
    [CrmPluginRegistration(MessageNameEnum.Create, "adv_inconvenience", StageEnum.PostOperation, ExecutionModeEnum.Synchronous,
        "", "Advocacy: follow up inconvenience (create)", 20, IsolationModeEnum.Sandbox,
        Image1Name = "post", Image1Type = ImageTypeEnum.PostImage, Image1Attributes = PostColumns,
        Description = "Updates the account's inconvenience index and loyalty risk, the case's impact, and raises the impact review.")]
    [CrmPluginRegistration(MessageNameEnum.Update, "adv_inconvenience", StageEnum.PostOperation, ExecutionModeEnum.Synchronous,
        "adv_accountid,adv_caseid,adv_impactscore,adv_impactband,adv_impactexplanation", "Advocacy: follow up inconvenience (update)", 20, IsolationModeEnum.Sandbox,
        Image1Name = "post", Image1Type = ImageTypeEnum.PostImage, Image1Attributes = PostColumns,
        Image2Name = "pre", Image2Type = ImageTypeEnum.PreImage, Image2Attributes = "adv_accountid,adv_caseid",
        Description = "Keeps the account, the case and the impact review in step when the inconvenience is re-scored or moved.")]
    public sealed class InconvenienceFollowUpPlugin : AdvocacyPlugin
    {
        private const string PostColumns = "adv_name,adv_accountid,adv_caseid,adv_kind,adv_impactscore,adv_impactband,adv_impactexplanation";

        // Inconveniences created by our own late-delivery step arrive at depth 2.
        protected override int MaxDepth => 2;

        protected override void Execute(PluginContext context)
        {
            var post = context.PostImage("post") ?? throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorStepNeedsPostImage, "follow up inconvenience"));
            var pre = context.PreImage("pre");
            new FollowUpInconvenience(context).Run(new ScoredInconvenience
            {
                InconvenienceId = context.Execution.PrimaryEntityId,
                AccountId = post.GetAttributeValue<EntityReference>("adv_accountid")?.Id,
                PreviousAccountId = pre?.GetAttributeValue<EntityReference>("adv_accountid")?.Id,
                CaseId = post.GetAttributeValue<EntityReference>("adv_caseid")?.Id,
                PreviousCaseId = pre?.GetAttributeValue<EntityReference>("adv_caseid")?.Id,
                Kind = Choices.KindOrNull(post.GetAttributeValue<OptionSetValue>("adv_kind")),
                Score = post.GetAttributeValue<int?>("adv_impactscore") ?? 0,
                Band = Choices.Band(post.GetAttributeValue<OptionSetValue>("adv_impactband")),
                Explanation = post.GetAttributeValue<string>("adv_impactexplanation") ?? string.Empty,
            });
        }
    }
}
