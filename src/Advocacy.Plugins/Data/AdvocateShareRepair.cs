using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Advocacy.Plugins.Domain.Assignment;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>What a share repair found and did.</summary>
    public sealed class AdvocateShareRepairResult
    {
        /// <summary>Accounts whose advocate's user was given the account's share in this call.</summary>
        public int Shared { get; internal set; }

        /// <summary>Accounts still missing it because the call reached its bound (call again).</summary>
        public int Left { get; internal set; }
    }

    /// <summary>
    /// Accounts that were given an advocate around the plug-ins (an import with custom logic bypassed, seeded data) are
    /// not shared with the advocate's user: the step that shares them runs on the account's save. The admin's recount
    /// shares them (<see cref="AdvocateAccess"/>): every account naming an advocate (pages of 5,000), every share of an
    /// account with those advocates' users (principalobjectaccess, pages of 5,000), then one GrantAccess or ModifyAccess per
    /// account whose advocate lacks the share — at most <see cref="MaxWritesPerCall"/> a call, so a call stays well inside
    /// a Custom API's two minutes; the rest are counted as left, and calling again continues (it only writes what is missing).
    /// </summary>
    public sealed class AdvocateShareRepair
    {
        public const int MaxWritesPerCall = 1000;

        private readonly IOrganizationService _system;
        private readonly ITracingService _tracing;

        public AdvocateShareRepair(IOrganizationService systemService, ITracingService tracing)
        {
            _system = systemService;
            _tracing = tracing;
        }

        public AdvocateShareRepairResult Run(IDictionary<Guid, Guid?> userOfAdvocate)
        {
            var result = new AdvocateShareRepairResult();
            var users = userOfAdvocate.Values.Where(u => u.HasValue).Select(u => u!.Value).Distinct().ToList();
            if (users.Count == 0)
            {
                return result;
            }

            var shares = SharesWith(users);
            foreach (var advocated in AdvocatedAccounts())
            {
                Guid accountId = advocated.Key, advocateId = advocated.Value;
                if (!userOfAdvocate.TryGetValue(advocateId, out Guid? user) || !user.HasValue)
                {
                    continue;
                }

                var known = shares.TryGetValue(accountId, out var byUser) ? byUser : new Dictionary<Guid, int>();
                int existing = known.TryGetValue(user.Value, out int mask) ? mask : 0;
                if (AdvocateAccess.ForNewAdvocate(existing) is not int rights)
                {
                    continue;
                }

                if (result.Shared >= MaxWritesPerCall)
                {
                    result.Left++;
                    continue;
                }

                new AccountShares(_system, accountId, known).Set(user.Value, rights);
                result.Shared++;
            }

            // Stryker disable once all : trace text only
            _tracing.Trace("Access: {0} advocated accounts shared with their advocate's user; {1} left for the next call.",
                result.Shared.ToString(CultureInfo.InvariantCulture), result.Left.ToString(CultureInfo.InvariantCulture));
            return result;
        }

        /// <summary>Every account naming an advocate: account id → advocate id.</summary>
        /// <summary>
        /// An advocate profile's user changed: on every account naming the advocate, the previous user loses the advocacy's
        /// rights (other shared rights stay) and the new one gets them. Reads: the advocate's accounts (pages of 5,000) and
        /// both users' shares of accounts (pages of 5,000); then one write per user and account whose share changes. Not
        /// bounded per call: an advocate's accounts are limited by their capacity.
        /// </summary>
        public int MoveAdvocate(Guid advocateId, Guid? previousUser, Guid? newUser)
        {
            var users = new List<Guid>();
            if (previousUser.HasValue) users.Add(previousUser.Value);
            if (newUser.HasValue && newUser != previousUser) users.Add(newUser.Value);
            if (users.Count == 0 || previousUser == newUser)
            {
                return 0;
            }

            var shares = SharesWith(users);
            int writes = 0;
            foreach (var advocated in AdvocatedAccounts(advocateId))
            {
                var known = shares.TryGetValue(advocated.Key, out var byUser) ? byUser : new Dictionary<Guid, int>();
                var account = new AccountShares(_system, advocated.Key, known);
                if (previousUser.HasValue && AdvocateAccess.ForPreviousAdvocate(account.Of(previousUser.Value)) is int left)
                {
                    account.Set(previousUser.Value, left);
                    writes++;
                }

                if (newUser.HasValue && AdvocateAccess.ForNewAdvocate(account.Of(newUser.Value)) is int rights)
                {
                    account.Set(newUser.Value, rights);
                    writes++;
                }
            }

            // Stryker disable once all : trace text only
            _tracing.Trace("Access: the advocate's user changed; {0} share writes moved the advocacy's rights on their accounts.", writes.ToString(CultureInfo.InvariantCulture));
            return writes;
        }

        private IEnumerable<KeyValuePair<Guid, Guid>> AdvocatedAccounts(Guid? advocateId = null)
        {
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("adv_advocateid"), PageInfo = new PagingInfo { Count = AdvocateLoadRecount.PageSize, PageNumber = 1 } };
            if (advocateId.HasValue)
            {
                query.Criteria.AddCondition("adv_advocateid", ConditionOperator.Equal, advocateId.Value);
            }
            else
            {
                query.Criteria.AddCondition("adv_advocateid", ConditionOperator.NotNull);
            }

            query.AddOrder("accountid", OrderType.Ascending);
            foreach (var row in Pages(query))
            {
                yield return new KeyValuePair<Guid, Guid>(row.Id, row.GetAttributeValue<EntityReference>("adv_advocateid").Id);
            }
        }

        /// <summary>The accounts' shares with the given users, by account and user (one query per 500 users, paged).</summary>
        private Dictionary<Guid, Dictionary<Guid, int>> SharesWith(List<Guid> users)
        {
            var shares = new Dictionary<Guid, Dictionary<Guid, int>>();
            for (int start = 0; start < users.Count; start += 500)
            {
                var query = new QueryExpression("principalobjectaccess")
                {
                    ColumnSet = new ColumnSet("objectid", "principalid", "accessrightsmask"),
                    PageInfo = new PagingInfo { Count = AdvocateLoadRecount.PageSize, PageNumber = 1 },
                };
                query.Criteria.AddCondition("objecttypecode", ConditionOperator.Equal, "account");
                query.Criteria.AddCondition("principalid", ConditionOperator.In, users.Skip(start).Take(500).Cast<object>().ToArray());
                query.AddOrder("principalobjectaccessid", OrderType.Ascending);
                foreach (var row in Pages(query))
                {
                    Guid account = row.GetAttributeValue<Guid>("objectid");
                    if (!shares.TryGetValue(account, out var byUser))
                    {
                        shares[account] = byUser = new Dictionary<Guid, int>();
                    }

                    Guid user = row.GetAttributeValue<Guid>("principalid");
                    byUser[user] = (byUser.TryGetValue(user, out int mask) ? mask : 0) | row.GetAttributeValue<int>("accessrightsmask");
                }
            }

            return shares;
        }

        private IEnumerable<Entity> Pages(QueryExpression query)
        {
            while (true)
            {
                var page = _system.RetrieveMultiple(query);
                foreach (var row in page.Entities)
                {
                    yield return row;
                }

                if (!page.MoreRecords)
                {
                    yield break;
                }

                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }
        }
    }
}
