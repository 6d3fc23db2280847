using System;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Reads what the account owner's stand-in rule needs (<see cref="OwnerStandIn"/>): whether the owning user is
    /// disabled, their name and manager, and whether the manager is disabled — linked into the query that reads the
    /// account (no extra round trip), or read alone for an account known from an image (<see cref="Resolve"/>).
    /// </summary>
    public static class AccountOwnerUser
    {
        private const string UserAlias = "owneruser";
        private const string ManagerAlias = "ownermanager";

        /// <summary>Adds the owner's user and their manager to a query of accounts (outer links: a team owner matches none).</summary>
        public static void Link(QueryExpression query)
        {
            var user = query.AddLink("systemuser", "ownerid", "systemuserid", JoinOperator.LeftOuter);
            user.EntityAlias = UserAlias;
            user.Columns = new ColumnSet("fullname", "isdisabled", "parentsystemuserid");
            var manager = user.AddLink("systemuser", "parentsystemuserid", "systemuserid", JoinOperator.LeftOuter);
            manager.EntityAlias = ManagerAlias;
            manager.Columns = new ColumnSet("isdisabled");
        }

        /// <summary>The same, for a FetchXML query of accounts.</summary>
        public static void Link(FetchXml fetch) =>
            fetch.Link("systemuser", "systemuserid", "ownerid", FetchLinkType.Outer, UserAlias, user => user
                .Attributes("fullname", "isdisabled", "parentsystemuserid")
                .Link("systemuser", "systemuserid", "parentsystemuserid", FetchLinkType.Outer, ManagerAlias, manager => manager.Attributes("isdisabled")));

        /// <summary>The facts with the owner's stand-in, from a row read with <see cref="Link(QueryExpression)"/>; as they are when the row has no such link.</summary>
        public static AccountFacts Apply(AccountFacts facts, Entity row)
        {
            if (facts.OwnerIsTeam || !(Aliased(row, UserAlias + ".isdisabled") is bool disabled))
            {
                return facts;
            }

            return facts.WithOwnerUser(disabled, Aliased(row, UserAlias + ".fullname") as string,
                (Aliased(row, UserAlias + ".parentsystemuserid") as EntityReference)?.Id,
                Aliased(row, ManagerAlias + ".isdisabled") as bool? ?? false);
        }

        /// <summary>
        /// The facts with the owner's stand-in, for an account known from an image (its owner read alone: one query, none
        /// for a team owner).
        /// </summary>
        public static AccountFacts Resolve(IOrganizationService service, AccountFacts facts)
        {
            if (facts == null) throw new ArgumentNullException(nameof(facts));
            if (facts.OwnerIsTeam || facts.OwnerId == Guid.Empty)
            {
                return facts;
            }

            var query = new QueryExpression("systemuser") { ColumnSet = new ColumnSet("fullname", "isdisabled", "parentsystemuserid"), TopCount = 1 };
            query.Criteria.AddCondition("systemuserid", ConditionOperator.Equal, facts.OwnerId);
            var manager = query.AddLink("systemuser", "parentsystemuserid", "systemuserid", JoinOperator.LeftOuter);
            manager.EntityAlias = ManagerAlias;
            manager.Columns = new ColumnSet("isdisabled");
            var rows = service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0)
            {
                return facts;
            }

            var user = rows[0];
            return facts.WithOwnerUser(user.GetAttributeValue<bool>("isdisabled"), user.GetAttributeValue<string>("fullname"),
                user.GetAttributeValue<EntityReference>("parentsystemuserid")?.Id, Aliased(user, ManagerAlias + ".isdisabled") as bool? ?? false);
        }

        private static object? Aliased(Entity row, string key) => row.GetAttributeValue<AliasedValue>(key)?.Value;
    }
}
