using System;
using Advocacy.Plugins.Domain.Words;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>What a check-in task regards, and the customer of the case it regards: one query.</summary>
    public sealed class CheckInRegarding
    {
        public EntityReference? Regarding { get; set; }

        /// <summary>The regarded case's customer (account or contact); null when the task regards no case.</summary>
        public EntityReference? CaseCustomer { get; set; }
    }

    public static class CheckInRows
    {
        private static EntityReference? Visible(Entity row)
        {
            var regarding = row.GetAttributeValue<EntityReference>("regardingobjectid");
            return regarding?.LogicalName == "account" && !row.Contains("acc.accountid") ? null : regarding;
        }

        /// <exception cref="MissingRecordException">No such task, or the service's user cannot see it.</exception>
        public static CheckInRegarding Read(IOrganizationService service, Guid taskId)
        {
            // A task's primary key is activityid (it is an activity), not "taskid".
            var query = new QueryExpression("task") { ColumnSet = new ColumnSet("regardingobjectid"), TopCount = 1 };
            query.Criteria.AddCondition("activityid", ConditionOperator.Equal, taskId);
            var incident = query.AddLink("incident", "regardingobjectid", "incidentid", JoinOperator.LeftOuter);
            incident.EntityAlias = "case";
            incident.Columns = new ColumnSet("customerid");
            // The regarded account as the caller sees it: a task can outlive or hide its account (deleted, another
            // business unit), and an answer must not name an account that is not there for its author.
            var regardedAccount = query.AddLink("account", "regardingobjectid", "accountid", JoinOperator.LeftOuter);
            regardedAccount.EntityAlias = "acc";
            regardedAccount.Columns = new ColumnSet("accountid");
            var rows = service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0)
            {
                throw new MissingRecordException("task", TextKey.RecordCheckInTask, taskId);
            }

            return new CheckInRegarding
            {
                Regarding = Visible(rows[0]),
                CaseCustomer = rows[0].GetAttributeValue<AliasedValue>("case.customerid")?.Value as EntityReference,
            };
        }
    }
}
