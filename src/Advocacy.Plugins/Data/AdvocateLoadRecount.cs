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
        public int AccountsCounted { get; internal set; }
    }

    /// <summary>
    /// Rebuilds adv_accountcount: ONE aggregate FetchXML counting active accounts grouped by adv_advocateid, one
    /// paged read of the profiles' stored counts, and one write per profile whose count differs. The aggregate is
    /// bound by the platform's 50,000-row aggregate limit. The caller holds the assignment lock row first
    /// (<see cref="Application.Assignment.RecountAdvocateLoad"/>), so no assignment interleaves.
    /// </summary>
    public sealed class AdvocateLoadRecount
    {
        public const string Message = "adv_RecountAdvocateLoad";

        /// <summary>Active accounts per advocate (aliases "advocate" and "accounts").</summary>
        public static readonly string CountFetchXml = FetchXml.For("account").Aggregate()
            .Aggregate(FetchAggregate.Count, "accountid", "accounts")
            .GroupBy("adv_advocateid", "advocate")
            .Filter(f => f.Equal("statecode", 0).NotNull("adv_advocateid"))
            .ToString();

        private readonly IOrganizationService _system;
        private readonly ITracingService _tracing;

        public AdvocateLoadRecount(IOrganizationService systemService, ITracingService tracing)
        {
            _system = systemService;
            _tracing = tracing;
        }

        public AdvocateLoadRecountResult Run()
        {
            var result = new AdvocateLoadRecountResult();
            var actual = new Dictionary<Guid, int>();
            foreach (var row in _system.RetrieveMultiple(new FetchExpression(CountFetchXml)).Entities)
            {
                var advocate = row.GetAttributeValue<AliasedValue>("advocate")?.Value as EntityReference;
                var count = row.GetAttributeValue<AliasedValue>("accounts")?.Value;
                if (advocate != null && count != null)
                {
                    int n = Convert.ToInt32(count, CultureInfo.InvariantCulture);
                    actual[advocate.Id] = n;
                    result.AccountsCounted += n;
                }
            }

            var query = new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet("adv_name", "adv_accountcount"), PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 } };
            query.AddOrder("adv_advocateid", OrderType.Ascending);
            while (true)
            {
                var page = _system.RetrieveMultiple(query);
                foreach (var row in page.Entities)
                {
                    result.AdvocatesChecked++;
                    int stored = row.GetAttributeValue<int?>("adv_accountcount") ?? 0;
                    int should = actual.TryGetValue(row.Id, out int n) ? n : 0;
                    if (stored != should || !row.Contains("adv_accountcount"))
                    {
                        var update = new Entity("adv_advocate", row.Id);
                        update["adv_accountcount"] = should;
                        _system.Update(update);
                        result.AdvocatesCorrected++;
                        _tracing.Trace("Recount: {0} had {1} accounts recorded, {2} active accounts name them; corrected.",
                            row.GetAttributeValue<string>("adv_name") ?? row.Id.ToString(), stored.ToString(CultureInfo.InvariantCulture), should.ToString(CultureInfo.InvariantCulture));
                    }
                }

                if (!page.MoreRecords)
                {
                    break;
                }

                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }

            _tracing.Trace("Recount: {0} advocates checked, {1} corrected, {2} active accounts counted.",
                result.AdvocatesChecked.ToString(CultureInfo.InvariantCulture), result.AdvocatesCorrected.ToString(CultureInfo.InvariantCulture), result.AccountsCounted.ToString(CultureInfo.InvariantCulture));
            return result;
        }
    }
}
