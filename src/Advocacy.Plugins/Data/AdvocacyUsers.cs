using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.Assignment;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Reads who an advocacy gives an account to (<see cref="AdvocateAccess.Entitled"/>): for given advocates, their
    /// profiles and the backups behind them by outer links (<see cref="Of"/>); for every profile, its user and backup
    /// (<see cref="Profiles"/>).
    /// </summary>
    public static class AdvocacyUsers
    {
        private static readonly string[] LinkColumns = { "adv_advocateid", "adv_userid", "adv_backupadvocateid" };

        /// <summary>Each given advocate's entitled users, one query (the backup chain by outer links, as deep as routing goes).</summary>
        public static Dictionary<Guid, IReadOnlyCollection<Guid>> Of(IOrganizationService service, IEnumerable<Guid> advocateIds)
        {
            var ids = advocateIds.Distinct().Cast<object>().ToArray();
            var entitled = new Dictionary<Guid, IReadOnlyCollection<Guid>>();
            if (ids.Length == 0)
            {
                return entitled;
            }

            var query = new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet(LinkColumns) };
            query.Criteria.AddCondition("adv_advocateid", ConditionOperator.In, ids);
            AdvocateDirectory.LinkBackups(query, LinkColumns);

            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                var chain = new Dictionary<Guid, ProfileLink> { [row.Id] = Link(row.Id, row.GetAttributeValue<EntityReference>("adv_userid"), row.GetAttributeValue<EntityReference>("adv_backupadvocateid")) };
                for (int level = 1; level <= AdvocateSelection.StandInDepth; level++)
                {
                    string alias = AdvocateDirectory.BackupAlias(level) + ".";
                    if (row.GetAttributeValue<AliasedValue>(alias + "adv_advocateid")?.Value is Guid id)
                    {
                        chain[id] = Link(id, row.GetAttributeValue<AliasedValue>(alias + "adv_userid")?.Value as EntityReference,
                            row.GetAttributeValue<AliasedValue>(alias + "adv_backupadvocateid")?.Value as EntityReference);
                    }
                }

                entitled[row.Id] = AdvocateAccess.Entitled(row.Id, chain);
            }

            return entitled;
        }

        /// <summary>Every advocate profile, whatever its state, with its user and backup (pages of 5,000).</summary>
        public static Dictionary<Guid, ProfileLink> Profiles(IOrganizationService service)
        {
            var query = new QueryExpression("adv_advocate")
            {
                ColumnSet = new ColumnSet("adv_userid", "adv_backupadvocateid"),
                PageInfo = new PagingInfo { Count = AdvocateLoadRecount.PageSize, PageNumber = 1 },
            };
            // Stryker disable once Statement : equivalent, without an order the platform pages by the primary key (Learn, "Paging behaviors and ordering")
            query.AddOrder("adv_advocateid", OrderType.Ascending);
            var profiles = new Dictionary<Guid, ProfileLink>();
            foreach (var row in QueryPages.All(service, query))
            {
                profiles[row.Id] = Link(row.Id, row.GetAttributeValue<EntityReference>("adv_userid"), row.GetAttributeValue<EntityReference>("adv_backupadvocateid"));
            }

            return profiles;
        }

        private static ProfileLink Link(Guid id, EntityReference? user, EntityReference? backup) => new ProfileLink(id, user?.Id, backup?.Id);
    }
}
