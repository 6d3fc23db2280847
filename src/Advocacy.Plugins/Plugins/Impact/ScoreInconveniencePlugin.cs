using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Impact;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.Impact
{
    /// <summary>
    /// Scores an inconvenience as it is saved (DESIGN §3): the score, band, estimated loss and explanation go
    /// into the Target in PreOperation, so they are written with the row — no second Update, no re-trigger.
    /// Cost: the settings read and one account query; no writes.
    /// </summary>
    [CrmPluginRegistration(MessageNameEnum.Create, "adv_inconvenience", StageEnum.PreOperation, ExecutionModeEnum.Synchronous,
        "", "Advocacy: score inconvenience (create)", 10, IsolationModeEnum.Sandbox,
        Description = "Computes impact score, band, estimated loss and explanation into the new row.")]
    [CrmPluginRegistration(MessageNameEnum.Update, "adv_inconvenience", StageEnum.PreOperation, ExecutionModeEnum.Synchronous,
        InconvenienceScoring.InputColumns, "Advocacy: score inconvenience (update)", 10, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = InconvenienceScoring.InputColumns + ",createdon",
        Description = "Re-scores the inconvenience when an input changes.")]
    public sealed class ScoreInconveniencePlugin : AdvocacyPlugin
    {
        // Our own late-delivery step creates inconveniences at depth 2; scoring writes nothing, so it cannot loop.
        protected override int MaxDepth => 4;

        protected override void Execute(PluginContext context)
        {
            var target = context.Target ?? throw new InvalidPluginExecutionException("Scoring expects the inconvenience as Target.");
            var pre = context.PreImage("pre");
            var merged = context.Merged();

            var account = merged.GetAttributeValue<EntityReference>("adv_accountid");
            if (account == null)
            {
                throw new InvalidPluginExecutionException("Choose the account that was inconvenienced: an inconvenience without an account cannot be scored or followed up.");
            }

            var isCreate = context.Execution.MessageName == "Create";
            var createdOn = isCreate ? context.UtcNow : pre?.GetAttributeValue<DateTime?>("createdon") ?? context.UtcNow;
            var settings = context.Settings;
            context.Trace("Scoring inconvenience {0} of account {1} (as system user, so every recent inconvenience counts whatever the caller can see).",
                isCreate ? "(new)" : context.Execution.PrimaryEntityId.ToString("D"), account.Id);

            var accountContext = new InconvenienceScoring(context.SystemService)
                .LoadAccount(account.Id, isCreate ? (Guid?)null : context.Execution.PrimaryEntityId, createdOn, settings.Scoring);
            var facts = InconvenienceScoring.FactsOf(merged, accountContext);
            var assessment = ImpactScorer.Assess(facts, settings.Scoring, context.UtcNow);

            InconvenienceScoring.WriteOutputs(target, assessment);
            context.Trace("Tier {0}, {1} other inconvenience(s) in {2} days. {3}",
                accountContext.Tier.HasValue ? accountContext.Tier.Value.ToString() : "not set", accountContext.OtherRecentCount,
                settings.Scoring.RecurrenceWindowDays, assessment.Explanation);
        }

    }
}
