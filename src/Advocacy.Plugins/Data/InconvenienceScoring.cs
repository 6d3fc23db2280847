using System;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Impact;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>What the account contributes to a score: its tier and its other recent inconveniences.</summary>
    public sealed class AccountScoringContext
    {
        public AccountScoringContext(CustomerTier? tier, int otherRecentCount)
        {
            Tier = tier;
            OtherRecentCount = otherRecentCount;
        }

        public CustomerTier? Tier { get; }
        public int OtherRecentCount { get; }
    }

    /// <summary>
    /// The one path from Dataverse rows to <see cref="ImpactScorer"/>, shared by the scoring plug-in, the
    /// workflow activity and the Custom API so the three cannot score differently.
    /// </summary>
    public sealed class InconvenienceScoring
    {
        /// <summary>The columns a score depends on: the step's filtering attributes and its pre-image.</summary>
        public const string InputColumns = "adv_accountid,adv_kind,adv_promisedon,adv_resolvedon,adv_ordervalue,adv_reportedloss,adv_businesscritical";

        private readonly IOrganizationService _service;

        public InconvenienceScoring(IOrganizationService service)
        {
            _service = service;
        }

        /// <summary>
        /// The account's tier and how many of its other inconveniences were created in the window before
        /// <paramref name="createdOn"/>, in one query: the account with an outer link to those inconveniences.
        /// </summary>
        public AccountScoringContext LoadAccount(Guid accountId, Guid? inconvenienceId, DateTime createdOn, ScoringSettings settings)
        {
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("adv_tier") };
            query.Criteria.AddCondition("accountid", ConditionOperator.Equal, accountId);
            var recent = query.AddLink("adv_inconvenience", "accountid", "adv_accountid", JoinOperator.LeftOuter);
            recent.EntityAlias = "recent";
            recent.Columns = new ColumnSet("adv_inconvenienceid");
            recent.LinkCriteria.AddCondition("createdon", ConditionOperator.GreaterEqual, createdOn.AddDays(-settings.RecurrenceWindowDays));
            recent.LinkCriteria.AddCondition("createdon", ConditionOperator.LessThan, createdOn);
            if (inconvenienceId.HasValue && inconvenienceId.Value != Guid.Empty)
            {
                recent.LinkCriteria.AddCondition("adv_inconvenienceid", ConditionOperator.NotEqual, inconvenienceId.Value);
            }

            var rows = _service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0)
            {
                throw new AdvocacyInputException("The account of this inconvenience (" + accountId.ToString("D") + ") does not exist or you cannot see it. Choose an existing account.");
            }

            var count = 0;
            foreach (var row in rows)
            {
                if (row.Contains("recent.adv_inconvenienceid")) count++;
            }

            return new AccountScoringContext(Choices.Tier(rows[0].GetAttributeValue<OptionSetValue>("adv_tier")), count);
        }

        /// <summary>The facts of an adv_inconvenience row (the Target merged over its pre-image).</summary>
        public static InconvenienceFacts FactsOf(Entity inconvenience, AccountScoringContext account)
        {
            return new InconvenienceFacts
            {
                Kind = Choices.Kind(inconvenience.GetAttributeValue<OptionSetValue>("adv_kind")),
                PromisedOn = inconvenience.GetAttributeValue<DateTime?>("adv_promisedon"),
                ResolvedOn = inconvenience.GetAttributeValue<DateTime?>("adv_resolvedon"),
                OrderValue = inconvenience.GetAttributeValue<Money>("adv_ordervalue")?.Value,
                ReportedLoss = inconvenience.GetAttributeValue<Money>("adv_reportedloss")?.Value,
                BusinessCritical = inconvenience.GetAttributeValue<bool?>("adv_businesscritical") ?? false,
                Tier = account.Tier,
                OtherRecentCount = account.OtherRecentCount,
            };
        }

        /// <summary>Writes an assessment's outputs onto a row (the Target in PreOperation: no extra Update).</summary>
        public static void WriteOutputs(Entity row, ImpactAssessment assessment)
        {
            row["adv_impactscore"] = assessment.Score;
            row["adv_impactband"] = Choices.Option(assessment.Band);
            row["adv_estimatedloss"] = new Money(assessment.EstimatedLoss);
            row["adv_impactexplanation"] = assessment.Explanation;
        }
    }
}
