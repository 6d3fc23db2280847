using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Impact;
using Advocacy.Plugins.Domain.Time;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Data
{
    /// <summary>What the account contributes to a score: its tier and its other recent inconveniences.</summary>
    public sealed class AccountScoringContext
    {
        public static readonly AccountScoringContext None = new AccountScoringContext(null, 0);

        public AccountScoringContext(CustomerTier? tier, int otherRecentCount, IUserZone? ownerZone = null, Language? ownerLanguage = null)
        {
            Tier = tier;
            OtherRecentCount = otherRecentCount;
            OwnerZone = ownerZone ?? ZoneRules.Utc;
            OwnerLanguage = ownerLanguage ?? Language.English;
        }

        public CustomerTier? Tier { get; }
        public int OtherRecentCount { get; }

        /// <summary>The account owner's time zone (UTC for a team, a user without settings or an unknown zone).</summary>
        public IUserZone OwnerZone { get; }

        /// <summary>The account owner's language: the explanation is worded for them (English for a team or without settings).</summary>
        public Language OwnerLanguage { get; }
    }

    /// <summary>Reads and writes adv_inconvenience rows and what scoring needs around them.</summary>
    public sealed class InconvenienceRows
    {
        /// <summary>The columns a score depends on: the scoring step's filtering attributes and its pre-image.</summary>
        public const string InputColumns = "adv_accountid,adv_kind,adv_promisedon,adv_resolvedon,adv_ordervalue,adv_reportedloss,adv_businesscritical,transactioncurrencyid";

        /// <summary>The computed columns <see cref="WriteOutputs"/> writes: a save that sets any of them is re-scored.</summary>
        public const string OutputColumns = "adv_impactscore,adv_impactband,adv_estimatedloss,adv_impactexplanation";

        private readonly IOrganizationService _service;

        public InconvenienceRows(IOrganizationService service)
        {
            _service = service;
        }

        /// <summary>
        /// The account's tier, its owner's time zone and how many of its other inconveniences were created in the window
        /// before <paramref name="createdOn"/>, in one query: the account with outer links to its owner's settings (and
        /// their zone's definition) and to those inconveniences. The window is whole calendar days in the owner's zone:
        /// the query reads a day more on each side, and the days are counted here.
        /// </summary>
        /// <exception cref="AdvocacyInputException">The account does not exist or cannot be seen.</exception>
        public AccountScoringContext LoadAccount(Guid accountId, Guid? inconvenienceId, DateTime createdOn, int windowDays)
        {
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("adv_tier") };
            query.Criteria.AddCondition("accountid", ConditionOperator.Equal, accountId);
            // One link for the zone (days) and the language (the explanation's words).
            UserZones.LinkOwnerSettings(query, "uilanguageid", "localeid");
            var recent = query.AddLink("adv_inconvenience", "accountid", "adv_accountid", JoinOperator.LeftOuter);
            recent.EntityAlias = "recent";
            recent.Columns = new ColumnSet("adv_inconvenienceid", "createdon");
            recent.LinkCriteria.AddCondition("createdon", ConditionOperator.GreaterEqual, PlatformDates.AddDays(createdOn, -windowDays - 1));
            recent.LinkCriteria.AddCondition("createdon", ConditionOperator.LessThan, createdOn);
            if (inconvenienceId.HasValue && inconvenienceId.Value != Guid.Empty)
            {
                recent.LinkCriteria.AddCondition("adv_inconvenienceid", ConditionOperator.NotEqual, inconvenienceId.Value);
            }

            var rows = _service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0)
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorScoringAccountMissing, accountId.ToString("D")));
            }

            var zone = UserZones.OwnerZoneOf(rows[0]) ?? ZoneRules.Utc;
            var count = 0;
            foreach (var row in rows)
            {
                if (row.GetAttributeValue<AliasedValue>("recent.createdon")?.Value is DateTime created
                    && LocalDays.DaysBetween(zone, created, createdOn) <= windowDays)
                {
                    count++;
                }
            }

            var language = Language.For(Aliased(rows[0], "owner.uilanguageid"), Aliased(rows[0], "owner.localeid"));
            return new AccountScoringContext(Choices.Tier(rows[0].GetAttributeValue<OptionSetValue>("adv_tier")), count, zone, language);
        }

        private static int? Aliased(Entity row, string name)
        {
            var value = row.GetAttributeValue<AliasedValue>(name)?.Value;
            return value is int number ? number : (int?)null;
        }

        /// <summary>The caller's input on an adv_inconvenience row (the Target merged over its pre-image).</summary>
        public static InconvenienceInput InputOf(Entity inconvenience)
        {
            return new InconvenienceInput
            {
                Kind = Choices.KindOrNull(inconvenience.GetAttributeValue<OptionSetValue>("adv_kind")),
                PromisedOn = inconvenience.GetAttributeValue<DateTime?>("adv_promisedon"),
                CurrencyId = inconvenience.GetAttributeValue<EntityReference>("transactioncurrencyid")?.Id,
                ResolvedOn = inconvenience.GetAttributeValue<DateTime?>("adv_resolvedon"),
                OrderValue = inconvenience.GetAttributeValue<Money>("adv_ordervalue")?.Value,
                ReportedLoss = inconvenience.GetAttributeValue<Money>("adv_reportedloss")?.Value,
                BusinessCritical = inconvenience.GetAttributeValue<bool?>("adv_businesscritical") ?? false,
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

        /// <summary>
        /// The case as the copy of its worst score needs it, in one query: whether it is open, the score it shows, and the
        /// worst score among its scored inconveniences (null: none); null when the case is gone. The case comes back once
        /// per scored inconvenience (an outer link, as the loyalty reader reads an account's), so a case with more than a
        /// page of them (5,000) would be read in part — far beyond what one case gathers.
        /// </summary>
        public CaseImpactState? CaseImpact(Guid caseId)
        {
            var query = new QueryExpression("incident") { ColumnSet = new ColumnSet("statecode", "adv_impactscore") };
            query.Criteria.AddCondition("incidentid", ConditionOperator.Equal, caseId);
            var link = query.AddLink("adv_inconvenience", "incidentid", "adv_caseid", JoinOperator.LeftOuter);
            link.EntityAlias = "inc";
            link.Columns = new ColumnSet("adv_impactscore");
            link.LinkCriteria.AddCondition("adv_impactscore", ConditionOperator.NotNull);
            var rows = _service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0)
            {
                return null;
            }

            int? worst = null;
            foreach (var row in rows)
            {
                if (row.GetAttributeValue<AliasedValue>("inc.adv_impactscore")?.Value is int score && (worst == null || score > worst))
                {
                    worst = score;
                }
            }

            // Active is 0 on every case; Resolved (1) and Canceled (2) are closed.
            return new CaseImpactState((rows[0].GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0) == 0, rows[0].GetAttributeValue<int?>("adv_impactscore"), worst);
        }

        /// <summary>The inconveniences linked to the case (ids only, one page: far more than one case gathers).</summary>
        public IReadOnlyList<Guid> OfCase(Guid caseId)
        {
            var query = new QueryExpression("adv_inconvenience") { ColumnSet = new ColumnSet(false), TopCount = 5000 };
            query.Criteria.AddCondition("adv_caseid", ConditionOperator.Equal, caseId);
            return _service.RetrieveMultiple(query).Entities.Select(e => e.Id).ToList();
        }

        /// <summary>Links the inconvenience to another case (its own steps re-score both cases).</summary>
        public void MoveToCase(Guid inconvenienceId, Guid caseId)
        {
            var update = new Entity("adv_inconvenience", inconvenienceId);
            update["adv_caseid"] = new EntityReference("incident", caseId);
            _service.Update(update);
        }

        public void SetCaseImpact(Guid caseId, int? score)
        {
            var update = new Entity("incident", caseId);
            update["adv_impactscore"] = score;
            _service.Update(update);
        }

        public bool ExistsForOrder(Guid orderId)
        {
            // Stryker disable once Initializer,Boolean : equivalent, only how much is read changes; the answer is whether any row matches
            var existing = new QueryExpression("adv_inconvenience") { ColumnSet = new ColumnSet(false), TopCount = 1 };
            existing.Criteria.AddCondition("adv_orderid", ConditionOperator.Equal, orderId);
            return _service.RetrieveMultiple(existing).Entities.Count > 0;
        }

        /// <summary>Creates a late-delivery inconvenience for an order (the scoring and follow-up steps run on it).</summary>
        /// <param name="currencyId">The order's currency, so the order value keeps its meaning (else the platform's default).</param>
        public Guid CreateLateDelivery(string name, Guid accountId, Guid orderId, DateTime promisedOn, DateTime deliveredOn, Money? orderValue, Guid? currencyId = null)
        {
            var inconvenience = new Entity("adv_inconvenience")
            {
                ["adv_name"] = name,
                ["adv_accountid"] = new EntityReference("account", accountId),
                ["adv_orderid"] = new EntityReference("salesorder", orderId),
                ["adv_kind"] = Choices.Option(InconvenienceKind.LateDelivery),
                ["adv_promisedon"] = promisedOn,
                ["adv_resolvedon"] = deliveredOn,
                ["adv_ordervalue"] = orderValue,
                ["adv_businesscritical"] = false,
            };
            if (currencyId.HasValue)
            {
                inconvenience["transactioncurrencyid"] = new EntityReference("transactioncurrency", currencyId.Value);
            }

            return _service.Create(inconvenience);
        }
    }

    /// <summary>A case's state, shown impact score and worst linked score, as <see cref="InconvenienceRows.CaseImpact"/> reads them.</summary>
    public sealed class CaseImpactState
    {
        public CaseImpactState(bool open, int? score, int? worst)
        {
            Open = open;
            Score = score;
            Worst = worst;
        }

        /// <summary>Active; a resolved or canceled case takes no change but of its state or owner.</summary>
        public bool Open { get; }

        /// <summary>The score the case shows now.</summary>
        public int? Score { get; }

        /// <summary>The worst score among the case's scored inconveniences; null when none has one.</summary>
        public int? Worst { get; }
    }
}
