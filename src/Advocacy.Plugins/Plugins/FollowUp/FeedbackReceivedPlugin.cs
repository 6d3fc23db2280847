using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Loyalty;
using Microsoft.Xrm.Sdk;

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
        Description = "A corrected answer is validated and evaluated like a new one; a task already raised for it is not raised again.")]
    public sealed class FeedbackReceivedPlugin : AdvocacyPlugin
    {
        public const string NoAccountMessage = "Choose the account this feedback is from: feedback without an account cannot update loyalty figures or reach an advocate.";

        protected override void Execute(PluginContext context)
        {
            // On a correction the Target holds only what changed; the post-image is the whole answer.
            var feedback = context.PostImage("post") ?? context.Target ?? throw new InvalidPluginExecutionException("The feedback row is missing from the request.");
            var feedbackId = feedback.Id != Guid.Empty ? feedback.Id : context.Execution.PrimaryEntityId;
            var accountRef = feedback.GetAttributeValue<EntityReference>("adv_accountid");
            int? nps = feedback.GetAttributeValue<int?>("adv_nps");
            int? csat = feedback.GetAttributeValue<int?>("adv_csat");

            // Validate everything before the first write.
            var score = FeedbackScore.Create(nps, csat);
            if (accountRef == null || accountRef.LogicalName != "account")
            {
                throw new AdvocacyInputException(NoAccountMessage);
            }

            context.Trace("Feedback {0} for account {1}: NPS {2}, CSAT {3} ({4}).", feedbackId, accountRef.Id, Show.Value(nps), Show.Value(csat), score.Sentiment);

            var settings = context.Settings;
            var today = context.UtcNow.Date;
            context.Trace("Reading the account and its advocate as the system user (advocate profiles and managers are not every agent's to read).");
            var account = new FollowUpAccounts(context.SystemService, context.Tracing, settings).Load(accountRef.Id, today);

            // A partial answer keeps the other score: the customer's most recent word on each scale counts.
            int? lastNps = nps ?? account.Snapshot.LastNps;
            int? lastCsat = csat ?? account.Snapshot.LastCsat;
            double index = account.Snapshot.Row.GetAttributeValue<int?>("adv_inconvenienceindex") ?? 0;
            var risk = LoyaltyRiskRules.Assess(lastNps, lastCsat, index, settings.LoyaltyRisk);

            var update = new Entity("account", accountRef.Id);
            update["adv_lastnps"] = lastNps;
            update["adv_lastcsat"] = lastCsat;
            update["adv_loyaltyrisk"] = Choices.Option(risk.Risk);
            context.SystemService.Update(update);
            context.Trace("Account {0} updated as the system user (the person recording feedback may not own the account): last NPS {1}, last CSAT {2}, loyalty risk {3}.",
                accountRef.Id, Show.Value(lastNps), Show.Value(lastCsat), risk.Reason);

            var planner = new AdvocacyTaskPlanner(settings);
            var tasks = planner.PlanFeedbackTasks(account.Facts, account.Routing, feedbackId, nps, csat, feedback.GetAttributeValue<string>("adv_comments"), today);
            if (tasks.Count == 0)
            {
                context.Trace("Not a detractor (NPS above {0}, CSAT above {1}): no recovery task.", settings.FollowUp.DetractorNpsAtMost, settings.FollowUp.DetractorCsatAtMost);
                return;
            }

            var writer = new AdvocacyTaskWriter(context.SystemService, context.Tracing);
            foreach (var task in tasks)
            {
                var result = writer.Ensure(task, oncePerKey: true);
                context.Trace("{0}: {1} task {2} for {3}, due {4:yyyy-MM-dd}.", task.Kind, result.Created ? "created" : "already had", result.TaskId, task.OwnerUserId, task.DueDate);
            }

            if (planner.IsDetractor(nps, csat) && !planner.NeedsManagerEscalation(nps))
            {
                context.Trace("No manager escalation: NPS {0} is above {1}.", Show.Value(nps), settings.FollowUp.ManagerEscalationNpsAtMost);
            }
        }
    }
}
