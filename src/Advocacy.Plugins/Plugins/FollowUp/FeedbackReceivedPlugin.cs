using System;
using Advocacy.Plugins.Application.FollowUp;
using Microsoft.Xrm.Sdk;
using Advocacy.Plugins.Domain.Words;
using Advocacy.Plugins.Domain;

namespace Advocacy.Plugins.Plugins.FollowUp
{
    /// <summary>
    /// A customer answered a check-in (DESIGN §5): validate the answer (NPS 0–10, CSAT 1–5, an account),
    /// store it on the account as last NPS/CSAT with the loyalty risk it implies (§3, with the account's
    /// inconvenience index), and react at once to a detractor — a recovery task for the advocate (high
    /// priority, next business day, the comments in the description) and, for NPS ≤ 3, a task for the
    /// advocate's manager. Synchronous inside the create: bad input fails the save, and nothing is written
    /// half-way because every write shares the create's transaction.
    /// </summary>
    [CrmPluginRegistration("Create", "adv_feedback", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: feedback updates loyalty and recovers detractors", 10, IsolationModeEnum.Sandbox,
        Description = "Validates feedback, updates the account's last NPS/CSAT and loyalty risk, and creates detractor recovery and manager escalation tasks.")]
    [CrmPluginRegistration("Update", "adv_feedback", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "adv_accountid,adv_nps,adv_csat",
        "Advocacy: corrected feedback updates loyalty and recovers detractors", 10, IsolationModeEnum.Sandbox,
        Image1Name = "post", Image1Type = ImageTypeEnum.PostImage, Image1Attributes = "adv_accountid,adv_nps,adv_csat,adv_comments",
        Image2Name = "pre", Image2Type = ImageTypeEnum.PreImage, Image2Attributes = "adv_accountid",
        Description = "A corrected answer is validated and evaluated like a new one; a task already raised for it is not raised again; an account it left takes its remaining answers.")]
    public sealed class FeedbackReceivedPlugin : AdvocacyPlugin
    {
        public static readonly string NoAccountMessage = RecordFeedback.NoAccountMessage;

        protected override void Execute(PluginContext context)
        {
            // On a correction the Target holds only what changed; the post-image is the whole answer.
            var feedback = context.PostImage("post") ?? context.Target ?? throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorFeedbackRowMissing));
            var account = feedback.GetAttributeValue<EntityReference>("adv_accountid");
            var previous = context.PreImage("pre")?.GetAttributeValue<EntityReference>("adv_accountid");
            new RecordFeedback(context).Run(new FeedbackAnswer
            {
                FeedbackId = feedback.Id != Guid.Empty ? feedback.Id : context.Execution.PrimaryEntityId,
                AccountId = account?.LogicalName == "account" ? account.Id : (Guid?)null,
                PreviousAccountId = previous?.LogicalName == "account" ? previous.Id : (Guid?)null,
                Nps = feedback.GetAttributeValue<int?>("adv_nps"),
                Csat = feedback.GetAttributeValue<int?>("adv_csat"),
                Comments = feedback.GetAttributeValue<string>("adv_comments"),
            });
        }
    }
}
