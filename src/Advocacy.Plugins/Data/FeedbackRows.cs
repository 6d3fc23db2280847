using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>An account's answers as the loyalty columns need them.</summary>
    public sealed class FeedbackRows
    {
        private readonly IOrganizationService _service;

        public FeedbackRows(IOrganizationService service)
        {
            _service = service;
        }

        /// <summary>
        /// The customer's last word on each scale among the account's answers as they stand: the NPS of the most recent
        /// answer that has one, and likewise the CSAT (null: no answer has one). Two queries of one row each.
        /// </summary>
        public LastWord LastWord(Guid accountId) => new LastWord(Latest(accountId, "adv_nps"), Latest(accountId, "adv_csat"));

        private int? Latest(Guid accountId, string column)
        {
            var query = new QueryExpression("adv_feedback") { ColumnSet = new ColumnSet(column), TopCount = 1 };
            query.Criteria.AddCondition("adv_accountid", ConditionOperator.Equal, accountId);
            query.Criteria.AddCondition(column, ConditionOperator.NotNull);
            query.AddOrder("createdon", OrderType.Descending);
            // Answers made in the same instant: the id decides, so the answer is the same every time.
            query.AddOrder("adv_feedbackid", OrderType.Descending);
            var rows = _service.RetrieveMultiple(query).Entities;
            return rows.Count == 0 ? null : rows[0].GetAttributeValue<int?>(column);
        }
    }

    /// <summary>The customer's last NPS and CSAT (either may be unknown).</summary>
    public sealed class LastWord
    {
        public LastWord(int? nps, int? csat)
        {
            Nps = nps;
            Csat = csat;
        }

        public int? Nps { get; }

        public int? Csat { get; }
    }
}
