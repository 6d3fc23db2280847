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
        /// <summary>Accounts whose advocacy's users were given the account's share in this call.</summary>
        public int Shared { get; internal set; }

        /// <summary>Accounts still missing it because the call reached its bound (call again).</summary>
        public int Left { get; internal set; }
    }

    /// <summary>
    /// Account shares for many accounts at once. <see cref="Run"/>: accounts that were given an advocate around the
    /// plug-ins (an import with custom logic bypassed, seeded data) are not shared with the advocacy's users — the step
    /// that shares them runs on the account's save — so the admin's recount shares them (<see cref="AdvocateAccess"/>):
    /// every account naming an advocate (pages of 5,000), every share of an account with those advocacies' users
    /// (principalobjectaccess, pages of 5,000), then the writes of each account whose users lack the share — at most
    /// <see cref="MaxWritesPerCall"/> accounts a call, so a call stays well inside a Custom API's two minutes; the rest are
    /// counted as left, and calling again continues (it only writes what is missing). <see cref="MoveAccounts"/>: the
    /// same reads for the accounts of advocacies whose users changed.
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

        /// <param name="entitledOf">Each advocate's users (<see cref="AdvocateAccess.Entitled"/>: their own and their stand-ins').</param>
        public AdvocateShareRepairResult Run(IDictionary<Guid, IReadOnlyCollection<Guid>> entitledOf)
        {
            var result = new AdvocateShareRepairResult();
            var users = entitledOf.Values.SelectMany(u => u).Distinct().ToList();
            if (users.Count == 0)
            {
                return result;
            }

            var shares = SharesWith(users);
            foreach (var advocated in AdvocatedAccounts(null))
            {
                if (!entitledOf.TryGetValue(advocated.Value, out var entitled))
                {
                    continue;
                }

                var known = shares.TryGetValue(advocated.Key, out var byUser) ? byUser : new Dictionary<Guid, int>();
                var account = new AccountShares(_system, advocated.Key, known);
                var changes = AdvocateAccess.Move(Array.Empty<Guid>(), entitled, account.Of);
                if (changes.Count == 0)
                {
                    continue;
                }

                if (result.Shared >= MaxWritesPerCall)
                {
                    result.Left++;
                    continue;
                }

                foreach (var change in changes)
                {
                    account.Set(change.User, change.Rights);
                }

                result.Shared++;
            }

            // Stryker disable once all : trace text only
            _tracing.Trace("Access: {0} advocated accounts shared with their advocacy's users; {1} left for the next call.",
                result.Shared.ToString(CultureInfo.InvariantCulture), result.Left.ToString(CultureInfo.InvariantCulture));
            return result;
        }

        /// <summary>
        /// Advocacies that now give their accounts to other users (a profile names another user or another backup): on
        /// every account naming one of the advocates, the users no longer entitled lose the advocacy's rights (other
        /// shared rights stay) and those entitled now get them. Reads: the advocates' accounts (pages of 5,000) and the
        /// involved users' account shares (pages of 5,000); then one write per user and account whose share changes. Not
        /// bounded per call: an advocate's accounts are limited by their capacity, but someone who stands in (as backup or
        /// second stand-in) for many advocates moves all their accounts in one save (a limit the README names).
        /// </summary>
        /// <param name="grantAs">Gives the rights (the platform checks its Share access on each account); the system takes them away.</param>
        /// <param name="refused">Called with the account whose grant the platform refused; what it throws propagates.</param>
        public int MoveAccounts(IDictionary<Guid, Entitlement> changedAdvocacies, IOrganizationService grantAs, Action<Guid, Exception> refused)
        {
            var users = changedAdvocacies.Values.SelectMany(e => e.Before.Concat(e.After)).Distinct().ToList();
            if (users.Count == 0)
            {
                return 0;
            }

            var shares = SharesWith(users);
            int writes = 0;
            foreach (var advocated in AdvocatedAccounts(changedAdvocacies.Keys.ToArray()))
            {
                var entitlement = changedAdvocacies[advocated.Value];
                var known = shares.TryGetValue(advocated.Key, out var byUser) ? byUser : new Dictionary<Guid, int>();
                var account = new AccountShares(_system, advocated.Key, known).GrantingAs(grantAs);
                foreach (var change in AdvocateAccess.Move(entitlement.Before, entitlement.After, account.Of))
                {
                    try
                    {
                        account.Set(change.User, change.Rights);
                    }
                    // The platform's refusal (an access check on Share), whatever its fault type on this SDK surface.
                    catch (Exception fault)
                    {
                        refused(advocated.Key, fault);
                        throw;
                    }

                    writes++;
                }
            }

            // Stryker disable once all : trace text only
            _tracing.Trace("Access: {0} share writes moved the advocacy's rights on the accounts of {1} advocate(s).",
                writes.ToString(CultureInfo.InvariantCulture), changedAdvocacies.Count.ToString(CultureInfo.InvariantCulture));
            return writes;
        }

        /// <summary>The accounts naming the given advocates (null: any advocate): account id → advocate id.</summary>
        private IEnumerable<KeyValuePair<Guid, Guid>> AdvocatedAccounts(Guid[]? advocateIds)
        {
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("adv_advocateid"), PageInfo = new PagingInfo { Count = AdvocateLoadRecount.PageSize, PageNumber = 1 } };
            if (advocateIds != null)
            {
                query.Criteria.AddCondition("adv_advocateid", ConditionOperator.In, advocateIds.Cast<object>().ToArray());
            }
            else
            {
                query.Criteria.AddCondition("adv_advocateid", ConditionOperator.NotNull);
            }

            query.AddOrder("accountid", OrderType.Ascending);
            foreach (var row in QueryPages.All(_system, query))
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
                foreach (var row in QueryPages.All(_system, query))
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
    }
}
