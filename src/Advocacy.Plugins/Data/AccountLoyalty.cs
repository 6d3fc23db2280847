using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain.Loyalty;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Keeps an account's inconvenience index and loyalty risk (DESIGN §3) in step with its inconveniences
    /// and feedback: one query for the account and its recent inconveniences, one Update when anything moved.
    /// </summary>
    public sealed class AccountLoyalty
    {
        private readonly IOrganizationService _service;
        private readonly ITracingService _tracing;

        public AccountLoyalty(IOrganizationService service, ITracingService tracing)
        {
            _service = service;
            _tracing = tracing;
        }

        /// <summary>Recomputes and writes both; returns the account as read (before the update).</summary>
        public AccountSnapshot Refresh(Guid accountId, AdvocacySettings settings, DateTime nowUtc)
        {
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet(AccountSnapshot.Columns) };
            query.Criteria.AddCondition("accountid", ConditionOperator.Equal, accountId);
            var link = query.AddLink("adv_inconvenience", "accountid", "adv_accountid", JoinOperator.LeftOuter);
            link.EntityAlias = "inc";
            link.Columns = new ColumnSet("createdon", "adv_impactscore");
            link.LinkCriteria.AddCondition("createdon", ConditionOperator.GreaterEqual, nowUtc.AddDays(-settings.Index.WindowDays));

            var rows = _service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0)
            {
                throw new InvalidPluginExecutionException("Account " + accountId.ToString("D") + " does not exist, so its loyalty figures cannot be updated.");
            }

            var events = new List<ScoredEvent>();
            foreach (var row in rows)
            {
                var created = row.GetAttributeValue<AliasedValue>("inc.createdon")?.Value;
                var score = row.GetAttributeValue<AliasedValue>("inc.adv_impactscore")?.Value;
                if (created is DateTime when && score is int points)
                {
                    events.Add(new ScoredEvent(when, points));
                }
            }

            var account = new AccountSnapshot(rows[0]);
            var index = InconvenienceIndex.Compute(events, settings.Index, nowUtc);
            var risk = LoyaltyRiskRules.Assess(account.LastNps, account.LastCsat, index, settings.LoyaltyRisk);
            var oldIndex = account.Row.GetAttributeValue<int?>("adv_inconvenienceindex");
            var oldRisk = account.Row.GetAttributeValue<OptionSetValue>("adv_loyaltyrisk")?.Value;
            var newRisk = Choices.Option(risk.Risk);
            if (oldIndex == index && oldRisk == newRisk.Value)
            {
                _tracing.Trace("Account {0}: index {1} and loyalty risk {2} unchanged ({3} scored inconvenience(s) in {4} days).", accountId, index, risk.Risk, events.Count, settings.Index.WindowDays);
                return account;
            }

            var update = new Entity("account", accountId);
            update["adv_inconvenienceindex"] = index;
            update["adv_loyaltyrisk"] = newRisk;
            _service.Update(update);
            _tracing.Trace("Account {0}: index {1} → {2}, loyalty risk → {3}. {4} (written as system user: agents need not have write access to the account).",
                accountId, oldIndex.HasValue ? oldIndex.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none", index, risk.Risk, risk.Reason);
            return account;
        }
    }
}
