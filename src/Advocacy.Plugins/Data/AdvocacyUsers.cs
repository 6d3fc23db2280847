using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.Assignment;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// The users an advocacy gives an account to (<see cref="AdvocateAccess.Entitled"/>): each advocate's user and their
    /// backup's, in one query (the backup profile by outer link).
    /// </summary>
    public static class AdvocacyUsers
    {
        private const string BackupAlias = "backup";

        public static Dictionary<Guid, IReadOnlyCollection<Guid>> Of(IOrganizationService service, IEnumerable<Guid> advocateIds)
        {
            var ids = advocateIds.Distinct().Cast<object>().ToArray();
            var entitled = new Dictionary<Guid, IReadOnlyCollection<Guid>>();
            if (ids.Length == 0)
            {
                return entitled;
            }

            var query = new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet("adv_userid") };
            query.Criteria.AddCondition("adv_advocateid", ConditionOperator.In, ids);
            var backup = query.AddLink("adv_advocate", "adv_backupadvocateid", "adv_advocateid", JoinOperator.LeftOuter);
            backup.EntityAlias = BackupAlias;
            backup.Columns = new ColumnSet("adv_userid");
            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                var backupUser = row.GetAttributeValue<AliasedValue>(BackupAlias + ".adv_userid")?.Value as EntityReference;
                entitled[row.Id] = AdvocateAccess.Entitled(row.GetAttributeValue<EntityReference>("adv_userid")?.Id, backupUser?.Id);
            }

            return entitled;
        }
    }
}
