using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.Assignment;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Reads who an advocacy gives an account to (<see cref="AdvocateAccess.Entitled"/>): each advocate's user and their
    /// backup's (<see cref="Of"/>, the backup profile by outer link), profiles' users, and the profiles a backup stands in for.
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
    
        /// <summary>Each given profile's user (null: none), one query.</summary>
        public static Dictionary<Guid, Guid?> UsersOf(IOrganizationService service, IEnumerable<Guid?> profiles)
        {
            var ids = profiles.Where(p => p.HasValue).Select(p => (object)p!.Value).Distinct().ToArray();
            var users = new Dictionary<Guid, Guid?>();
            if (ids.Length == 0)
            {
                return users;
            }

            var query = new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet("adv_userid") };
            query.Criteria.AddCondition("adv_advocateid", ConditionOperator.In, ids);
            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                users[row.Id] = row.GetAttributeValue<EntityReference>("adv_userid")?.Id;
            }

            return users;
        }

        /// <summary>The profiles that name the given one as their backup, with their users (one query).</summary>
        public static Dictionary<Guid, Guid?> BackedBy(IOrganizationService service, Guid backupId)
        {
            var query = new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet("adv_userid") };
            query.Criteria.AddCondition("adv_backupadvocateid", ConditionOperator.Equal, backupId);
            var backed = new Dictionary<Guid, Guid?>();
            foreach (var row in service.RetrieveMultiple(query).Entities.Where(r => r.Id != backupId))
            {
                backed[row.Id] = row.GetAttributeValue<EntityReference>("adv_userid")?.Id;
            }

            return backed;
        }
    }
}
