using System;
using System.Collections.Generic;
using System.Globalization;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>The advocates an assignment chooses from, and the writes that keep their maintained load.</summary>
    public sealed class AdvocatePool
    {
        private readonly IOrganizationService _service;
        private readonly ITracingService _tracing;
        private readonly int _defaultCapacity;

        public AdvocatePool(IOrganizationService service, ITracingService tracing, int defaultCapacity)
        {
            _service = service;
            _tracing = tracing;
            _defaultCapacity = defaultCapacity;
        }

        /// <summary>
        /// One query: every active profile covering the tier (out-of-office and full ones included, so the reason can
        /// say why they were passed over) plus the given profile whatever its state (the current advocate, so
        /// stickiness can judge an inactive one). <paramref name="excluded"/> is dropped from the result.
        /// </summary>
        public List<AdvocateCandidate> Load(CustomerTier tier, Guid? include, Guid? excluded)
        {
            var query = new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet(AdvocateDirectory.Columns) };
            query.Criteria.FilterOperator = LogicalOperator.Or;
            var covering = new FilterExpression(LogicalOperator.And);
            covering.AddCondition("statecode", ConditionOperator.Equal, 0);
            covering.AddCondition("adv_tiers", ConditionOperator.ContainValues, Choices.Value(tier));
            query.Criteria.AddFilter(covering);
            if (include.HasValue)
            {
                query.Criteria.AddCondition("adv_advocateid", ConditionOperator.Equal, include.Value);
            }

            var directory = new AdvocateDirectory(_service, _defaultCapacity);
            var pool = new List<AdvocateCandidate>();
            foreach (var row in _service.RetrieveMultiple(query).Entities)
            {
                if (excluded.HasValue && row.Id == excluded.Value)
                {
                    continue;
                }

                pool.Add(directory.ToCandidate(row, null)!);
            }

            return pool;
        }

        /// <summary>
        /// Writes the load deltas (<see cref="LoadLedger"/>): counts come from <paramref name="pool"/> when it holds
        /// the advocate, else from one query for the missing ones; one Update per advocate whose count moves. An
        /// advocate who gains the account by a change of advocate is stamped as last assigned <paramref name="utcNow"/>.
        /// </summary>
        public void ApplyLoad(IReadOnlyList<AdvocateLoadDelta> deltas, List<AdvocateCandidate>? pool, bool advocateChanged, DateTime utcNow)
        {
            if (deltas.Count == 0)
            {
                return;
            }

            var counts = new Dictionary<Guid, int>();
            var missing = new List<object>();
            foreach (var delta in deltas)
            {
                var known = pool == null ? null : pool.Find(c => c.Id == delta.AdvocateId);
                if (known != null)
                {
                    counts[delta.AdvocateId] = known.AccountCount;
                }
                else
                {
                    missing.Add(delta.AdvocateId);
                }
            }

            if (missing.Count > 0)
            {
                var query = new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet("adv_accountcount") };
                query.Criteria.AddCondition("adv_advocateid", ConditionOperator.In, missing.ToArray());
                foreach (var row in _service.RetrieveMultiple(query).Entities)
                {
                    counts[row.Id] = row.GetAttributeValue<int?>("adv_accountcount") ?? 0;
                }
            }

            foreach (var delta in deltas)
            {
                if (!counts.TryGetValue(delta.AdvocateId, out int count))
                {
                    _tracing.Trace("Assignment: advocate {0} no longer exists; its count was not changed.", delta.AdvocateId);
                    continue;
                }

                var update = new Entity("adv_advocate", delta.AdvocateId);
                int next = LoadLedger.Apply(count, delta.Delta);
                update["adv_accountcount"] = next;
                if (delta.Delta > 0 && advocateChanged)
                {
                    update["adv_lastassignedon"] = utcNow;
                }

                _service.Update(update);
                _tracing.Trace("Assignment: advocate {0} adv_accountcount {1} -> {2}.", delta.AdvocateId, count.ToString(CultureInfo.InvariantCulture), next.ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
