using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>Case subjects (the platform's <c>subject</c> table, named by its <c>title</c>).</summary>
    public static class Subjects
    {
        /// <summary>The subject's title; null when it has none or the row is gone.</summary>
        public static string? TitleOf(IOrganizationService service, Guid subjectId)
        {
            var query = new QueryExpression("subject") { ColumnSet = new ColumnSet("title"), TopCount = 1 };
            query.Criteria.AddCondition("subjectid", ConditionOperator.Equal, subjectId);
            var rows = service.RetrieveMultiple(query).Entities;
            return rows.Count == 0 ? null : rows[0].GetAttributeValue<string>("title");
        }
    }
}
