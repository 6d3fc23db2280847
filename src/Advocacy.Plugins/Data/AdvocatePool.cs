using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>The advocates an assignment chooses from.</summary>
    public sealed class AdvocatePool
    {
        private readonly IOrganizationService _service;
        private readonly int _defaultCapacity;

        public AdvocatePool(IOrganizationService service, int defaultCapacity)
        {
            _service = service;
            _defaultCapacity = defaultCapacity;
        }

        /// <summary>
        /// One query: every active profile covering the tier (out-of-office and full ones included, so the reason can
        /// say why they were passed over) plus the given profile whatever its state (the current advocate, so
        /// stickiness can judge an inactive one). <paramref name="excluded"/> is dropped from the result. The profile's
        /// user is linked for isdisabled: a disabled user's profile is a profile without a user.
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

            var user = query.AddLink("systemuser", "adv_userid", "systemuserid", JoinOperator.LeftOuter);
            user.EntityAlias = AdvocateDirectory.UserAlias;
            user.Columns = new ColumnSet("isdisabled");
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
    }
}
