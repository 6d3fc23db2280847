using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>What a recount found and fixed.</summary>
    public sealed class AdvocateLoadRecountResult
    {
        public int AdvocatesChecked { get; internal set; }
        public int AdvocatesCorrected { get; internal set; }

        /// <summary>Active accounts naming one of the checked advocates.</summary>
        public int AccountsCounted { get; internal set; }

        /// <summary>Each checked advocate's user (null: the profile has none), for work that follows the advocate.</summary>
        public IDictionary<Guid, Guid?> UserOf { get; } = new Dictionary<Guid, Guid?>();

        /// <summary>Each checked advocate's backup profile (null: none), for the users an advocacy gives an account to.</summary>
        public IDictionary<Guid, Guid?> BackupOf { get; } = new Dictionary<Guid, Guid?>();

        /// <summary>Each checked advocate's name.</summary>
        public IDictionary<Guid, string> NameOf { get; } = new Dictionary<Guid, string>();
    }

    /// <summary>
    /// adv_accountcount is never moved by a delta: it is always set to the number of active accounts that name the
    /// advocate, counted when it may have changed. So a re-fired step, a retried or replayed job, or a change made
    /// around the plug-ins can never count an account twice — counting again gives the same number.
    /// <para>
    /// Counting reads the accounts' adv_advocateid in pages of 5,000 (one round trip per page, one column) rather
    /// than with an aggregate: a FetchXML aggregate fails beyond 50,000 rows (AggregateQueryRecordLimit), and inside
    /// a plug-in's transaction a failed call dooms the whole transaction, so "try the aggregate, split on failure"
    /// is not possible. An advocate's accounts are one page in practice (capacity); the whole-organisation recount is
    /// one page per 5,000 advocated accounts, whatever their number.
    /// </para>
    /// The caller holds the assignment lock row first, so no assignment interleaves between the count and the write.
    /// </summary>
    public sealed class AdvocateLoadRecount
    {
        public const string Message = "adv_RecountAdvocateLoad";

        /// <summary>Rows per page, the platform's maximum.</summary>
        public const int PageSize = 5000;

        private readonly IOrganizationService _system;
        private readonly ITracingService _tracing;

        public AdvocateLoadRecount(IOrganizationService systemService, ITracingService tracing)
        {
            _system = systemService;
            _tracing = tracing;
        }

        /// <summary>Every advocate: the admin's recount after an import around the plug-ins.</summary>
        public AdvocateLoadRecountResult Run()
        {
            var result = new AdvocateLoadRecountResult();
            var actual = CountActiveAccounts(null);
            var query = AdvocatesQuery();
            query.PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 };
            query.AddOrder("adv_advocateid", OrderType.Ascending);
            while (true)
            {
                var page = _system.RetrieveMultiple(query);
                foreach (var row in page.Entities)
                {
                    Correct(row, actual, null, default, result);
                }

                if (!page.MoreRecords)
                {
                    break;
                }

                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }

            // Stryker disable once all : trace text only
            _tracing.Trace("Recount: {0} advocates checked, {1} corrected, {2} active accounts counted.",
                result.AdvocatesChecked.ToString(CultureInfo.InvariantCulture), result.AdvocatesCorrected.ToString(CultureInfo.InvariantCulture), result.AccountsCounted.ToString(CultureInfo.InvariantCulture));
            return result;
        }

        /// <summary>
        /// The advocates an account's save, state change or delete touched: each count set to what the accounts say
        /// now (inside the caller's transaction, so the save itself is counted). <paramref name="newlyAssigned"/> also
        /// gets adv_lastassignedon = <paramref name="utcNow"/> (the selection's "longest without a new account").
        /// An advocate that no longer exists is skipped and traced.
        /// </summary>
        public AdvocateLoadRecountResult Settle(IReadOnlyCollection<Guid> advocateIds, Guid? newlyAssigned, DateTime utcNow)
        {
            var result = new AdvocateLoadRecountResult();
            if (advocateIds.Count == 0)
            {
                return result;
            }

            var ids = new List<object>();
            foreach (var id in advocateIds)
            {
                ids.Add(id);
            }

            var actual = CountActiveAccounts(ids.ToArray());
            var query = AdvocatesQuery();
            query.Criteria.AddCondition("adv_advocateid", ConditionOperator.In, ids.ToArray());
            var found = new HashSet<Guid>();
            foreach (var row in _system.RetrieveMultiple(query).Entities)
            {
                found.Add(row.Id);
                Correct(row, actual, newlyAssigned, utcNow, result);
            }

            foreach (var id in advocateIds)
            {
                if (!found.Contains(id))
                {
                    // Stryker disable once all : trace text only
                    _tracing.Trace("Load: advocate {0} no longer exists; nothing to count for it.", id);
                }
            }

            return result;
        }

        /// <summary>How many active accounts name the advocate now (pages of 5,000).</summary>
        public int CountFor(Guid advocateId) =>
            CountActiveAccounts(new object[] { advocateId }).TryGetValue(advocateId, out int n) ? n : 0;

        /// <summary>Active accounts per advocate, for the given advocates or (null) every advocate.</summary>
        private Dictionary<Guid, int> CountActiveAccounts(object[]? advocateIds)
        {
            var counts = new Dictionary<Guid, int>();
            var query = new QueryExpression("account")
            {
                ColumnSet = new ColumnSet("adv_advocateid"),
                PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 },
            };
            query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
            if (advocateIds == null)
            {
                query.Criteria.AddCondition("adv_advocateid", ConditionOperator.NotNull);
            }
            else
            {
                query.Criteria.AddCondition("adv_advocateid", ConditionOperator.In, advocateIds);
            }

            // Paging with a cookie needs a stable order on the primary key.
            query.AddOrder("accountid", OrderType.Ascending);
            int pages = 0;
            while (true)
            {
                var page = _system.RetrieveMultiple(query);
                pages++;
                foreach (var row in page.Entities)
                {
                    var advocate = row.GetAttributeValue<EntityReference>("adv_advocateid");
                    if (advocate != null)
                    {
                        counts[advocate.Id] = (counts.TryGetValue(advocate.Id, out int n) ? n : 0) + 1;
                    }
                }

                if (!page.MoreRecords)
                {
                    break;
                }

                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }

            if (pages > 1)
            {
                // Stryker disable once all : trace text only
                _tracing.Trace("Load: counted the active accounts in {0} pages of {1}.", pages.ToString(CultureInfo.InvariantCulture), PageSize.ToString(CultureInfo.InvariantCulture));
            }

            return counts;
        }

        private static QueryExpression AdvocatesQuery() =>
            new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet("adv_name", "adv_accountcount", "adv_userid", "adv_backupadvocateid") };

        private void Correct(Entity row, Dictionary<Guid, int> actual, Guid? newlyAssigned, DateTime utcNow, AdvocateLoadRecountResult result)
        {
            result.AdvocatesChecked++;
            result.UserOf[row.Id] = row.GetAttributeValue<EntityReference>("adv_userid")?.Id;
            result.BackupOf[row.Id] = row.GetAttributeValue<EntityReference>("adv_backupadvocateid")?.Id;
            result.NameOf[row.Id] = row.GetAttributeValue<string>("adv_name") ?? string.Empty;
            int stored = row.GetAttributeValue<int?>("adv_accountcount") ?? 0;
            int should = actual.TryGetValue(row.Id, out int n) ? n : 0;
            result.AccountsCounted += should;
            bool stamp = newlyAssigned == row.Id;
            if (stored == should && row.Contains("adv_accountcount") && !stamp)
            {
                return;
            }

            var update = new Entity("adv_advocate", row.Id);
            update["adv_accountcount"] = should;
            if (stamp)
            {
                update["adv_lastassignedon"] = utcNow;
            }

            _system.Update(update);
            if (stored != should || !row.Contains("adv_accountcount"))
            {
                result.AdvocatesCorrected++;
            }

            // Stryker disable once all : trace text only
            _tracing.Trace("Load: {0} had {1} accounts recorded, {2} active accounts name them{3}.",
                row.GetAttributeValue<string>("adv_name") ?? row.Id.ToString(), stored.ToString(CultureInfo.InvariantCulture), should.ToString(CultureInfo.InvariantCulture),
                stamp ? "; newly assigned now" : string.Empty);
        }
    }
}
