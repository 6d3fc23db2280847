using System;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Reads what the account owner's stand-in rule needs (<see cref="OwnerStandIn"/>): whether the owning user is
    /// disabled, their name and manager, and whether the manager is disabled — linked into the query that reads the
    /// account (no extra round trip), or with the account's owner alone for an account known from an image (<see cref="Resolve"/>).
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
        /// The facts with the owner's stand-in, for an account known from an image: the account's owner read through the
        /// same links (one query; none for a team owner).
        /// </summary>
        public static AccountFacts Resolve(IOrganizationService service, AccountFacts facts)
        {
            if (facts == null) throw new ArgumentNullException(nameof(facts));
            if (facts.OwnerIsTeam || facts.OwnerId == Guid.Empty)
            {
                return facts;
            }

            var row = Rows.Find(service, "account", facts.AccountId, Link, "ownerid");
            return row == null ? facts : Apply(facts, row);
        }

        private static object? Aliased(Entity row, string key) => row.GetAttributeValue<AliasedValue>(key)?.Value;
    }
}
