using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Loyalty;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Data
{
    /// <summary>An account with its scored inconveniences since a date, as read in one query.</summary>
    public sealed class AccountWithEvents
    {
        public AccountWithEvents(AccountSnapshot account, IReadOnlyList<ScoredEvent> events, Domain.Time.IUserZone? ownerZone = null)
        {
            Account = account;
            Events = events;
            OwnerZone = ownerZone ?? Domain.Time.ZoneRules.Utc;
        }

        /// <summary>The account owner's time zone, read with the account (UTC when unknown).</summary>
        public Domain.Time.IUserZone OwnerZone { get; }

        public AccountSnapshot Account { get; }

        public IReadOnlyList<ScoredEvent> Events { get; }
    }

    /// <summary>Reads what an account's loyalty figures depend on: one query for the account and its recent inconveniences.</summary>
    public sealed class AccountLoyaltyReader
    {
        private readonly IOrganizationService _service;

        public AccountLoyaltyReader(IOrganizationService service)
        {
            _service = service;
        }

        /// <exception cref="MissingRecordException">The account does not exist (or cannot be seen).</exception>
        public AccountWithEvents Read(Guid accountId, DateTime since)
        {
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet(AccountSnapshot.Columns) };
            query.Criteria.AddCondition("accountid", ConditionOperator.Equal, accountId);
            var link = query.AddLink("adv_inconvenience", "accountid", "adv_accountid", JoinOperator.LeftOuter);
            link.EntityAlias = "inc";
            link.Columns = new ColumnSet("createdon", "adv_impactscore");
            // A day earlier than asked: the window is counted in calendar days in the owner's zone, by the index.
            link.LinkCriteria.AddCondition("createdon", ConditionOperator.GreaterEqual, PlatformDates.AddDays(since, -1));
            UserZones.LinkOwnerSettings(query);
            AccountOwnerUser.Link(query);

            var rows = _service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0)
            {
                throw new MissingRecordException("account", accountId, Phrase.Of(TextKey.ErrorLoyaltyAccountMissing, accountId.ToString("D")));
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

            var ownerZone = UserZones.OwnerZoneOf(rows[0]);
            return new AccountWithEvents(new AccountSnapshot(rows[0]), events, ownerZone);
        }
    }
}
