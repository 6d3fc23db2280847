using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>Reads advocate profiles into the domain's <see cref="AdvocateCandidate"/>.</summary>
    public sealed class AdvocateDirectory
    {
        public static readonly string[] Columns =
        {
            "adv_name", "adv_userid", "statecode", "adv_capacity", "adv_accountcount", "adv_tiers", "adv_specialties",
            "adv_outofofficefrom", "adv_outofofficeto", "adv_backupadvocateid", "adv_lastassignedon",
        };

        /// <summary>The alias under which a query links the profile's systemuser (for isdisabled).</summary>
        public const string UserAlias = "user";

        /// <summary>The alias under which the routing query links the manager of the profile's user (for isdisabled).</summary>
        public const string ManagerAlias = "manager";

        private readonly IOrganizationService _service;
        private readonly int _defaultCapacity;

        public AdvocateDirectory(IOrganizationService service, int defaultCapacity)
        {
            _service = service;
            _defaultCapacity = defaultCapacity;
        }

        /// <summary>
        /// The active profile of a user (one query), or null when the user is no advocate. Two profiles for one user
        /// resolve as the assignment does: the first by name is the one that works (one person, one capacity).
        /// </summary>
        public Guid? ActiveProfileOf(Guid userId)
        {
            var query = new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet("adv_name"), TopCount = 1 };
            query.Criteria.AddCondition("adv_userid", ConditionOperator.Equal, userId);
            query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
            query.AddOrder("adv_name", OrderType.Ascending);
            query.AddOrder("adv_advocateid", OrderType.Ascending);
            var rows = _service.RetrieveMultiple(query).Entities;
            return rows.Count == 0 ? (Guid?)null : rows[0].Id;
        }

        /// <summary>
        /// The advocate and the backups behind them (<see cref="AdvocateSelection.StandInDepth"/> deep), with the
        /// advocate's manager, in one query: enough to route urgent work as far as the routing goes.
        /// </summary>
        public AdvocateRouting? RoutingFor(Guid advocateId, DateTime today)
        {
            var query = new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet(Columns) };
            query.Criteria.AddCondition("adv_advocateid", ConditionOperator.Equal, advocateId);
            var user = query.AddLink("systemuser", "adv_userid", "systemuserid", JoinOperator.LeftOuter);
            user.EntityAlias = UserAlias;
            user.Columns = new ColumnSet("parentsystemuserid", "isdisabled");
            // The manager's user too: a disabled manager cannot take an escalation.
            var managerUser = user.AddLink("systemuser", "parentsystemuserid", "systemuserid", JoinOperator.LeftOuter);
            managerUser.EntityAlias = ManagerAlias;
            managerUser.Columns = new ColumnSet("isdisabled");
            // A linked row's id comes back only when asked for, and without it the backup cannot be identified.
            foreach (var backup in LinkBackups(query, LinkedColumns))
            {
                // Each backup's user too: a backup whose user is disabled must not be handed the urgent work.
                LinkUser(backup, backup.EntityAlias);
            }

            var rows = _service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0)
            {
                return null;
            }

            var row = rows[0];
            var advocate = ToCandidate(row, null)!;
            var manager = row.GetAttributeValue<AliasedValue>(UserAlias + ".parentsystemuserid")?.Value as EntityReference;
            bool managerDisabled = manager != null && row.GetAttributeValue<AliasedValue>(ManagerAlias + ".isdisabled")?.Value is true;
            advocate.ManagerUserId = managerDisabled ? null : manager?.Id;
            if (!advocate.UserId.HasValue)
            {
                return null;
            }

            // Stryker disable once Initializer : equivalent, the advocate in the pool only lets the chain name a loop back to them; without it the chain stops at "profile not found" and the work stays with the advocate either way (the routing keeps no note then)
            var pool = new List<AdvocateCandidate> { advocate };
            for (int level = 1; level <= AdvocateSelection.StandInDepth; level++)
            {
                var backup = ToCandidate(row, BackupAlias(level));
                if (backup != null) pool.Add(backup);
            }
            var routing = AdvocateRouting.For(advocate, pool, today);
            routing.DisabledManagerUserId = managerDisabled ? manager!.Id : (Guid?)null;
            return routing;
        }

        /// <summary>
        /// Links the profiles behind the queried advocate through their backups, <see cref="AdvocateSelection.StandInDepth"/>
        /// deep, each by outer link under <see cref="BackupAlias"/> with <paramref name="columns"/>: the chain routing follows.
        /// </summary>
        public static IReadOnlyList<LinkEntity> LinkBackups(QueryExpression query, string[] columns)
        {
            var links = new List<LinkEntity>();
            LinkEntity? previous = null;
            for (int level = 1; level <= AdvocateSelection.StandInDepth; level++)
            {
                var backup = previous == null
                    ? query.AddLink("adv_advocate", "adv_backupadvocateid", "adv_advocateid", JoinOperator.LeftOuter)
                    : previous.AddLink("adv_advocate", "adv_backupadvocateid", "adv_advocateid", JoinOperator.LeftOuter);
                backup.EntityAlias = BackupAlias(level);
                backup.Columns = new ColumnSet(columns);
                links.Add(backup);
                previous = backup;
            }

            return links;
        }

        /// <summary>The alias of the profile <paramref name="level"/> backups behind the advocate: b1, b2, …</summary>
        public static string BackupAlias(int level) => "b" + level.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static void LinkUser(LinkEntity profile, string alias)
        {
            var user = profile.AddLink("systemuser", "adv_userid", "systemuserid", JoinOperator.LeftOuter);
            user.EntityAlias = alias + UserAlias;
            user.Columns = new ColumnSet("isdisabled");
        }

        /// <summary>A linked profile's columns: <see cref="Columns"/> and its id.</summary>
        private static readonly string[] LinkedColumns = Columns.Concat(new[] { "adv_advocateid" }).ToArray();

        /// <summary>
        /// Maps a row, or the aliased columns of a linked profile when <paramref name="alias"/> is given (null when
        /// the outer link found none). A row without a capacity gets the settings' default: Dataverse cannot
        /// store a default for a whole-number column.
        /// </summary>
        public AdvocateCandidate? ToCandidate(Entity row, string? alias)
        {
            T? Get<T>(string column)
            {
                if (alias == null) return row.GetAttributeValue<T>(column);
                var aliased = row.GetAttributeValue<AliasedValue>(alias + "." + column);
                return aliased?.Value is T value ? value : default;
            }

            var id = alias == null ? row.Id : Get<Guid>("adv_advocateid");
            if (alias != null && id == Guid.Empty)
            {
                return null;
            }

            // A profile whose user is disabled (left the company, licence removed) has nobody to do the work: it
            // counts as a profile without a user, so it is never chosen, its work goes to the account's owner, and as a
            // backup it takes no urgent work. Read when the query linked the user as "user" for the profile itself (the
            // candidates and routing queries do) and as "{alias}user" for a linked profile (the routing query does).
            bool disabled = row.GetAttributeValue<AliasedValue>((alias ?? string.Empty) + UserAlias + ".isdisabled")?.Value is true;
            // Stryker disable once Conditional : equivalent when forced false, for a row read directly Get<object>(column) as T? reads the same value as GetAttributeValue<T?>; this also hides the forced-true mutants, which the linked-profile tests kill
            var candidate = new AdvocateCandidate(id, Get<string>("adv_name") ?? string.Empty)
            {
                UserId = disabled ? null : Get<EntityReference>("adv_userid")?.Id,
                IsActive = (Get<OptionSetValue>("statecode")?.Value ?? 0) == 0,
                Capacity = alias == null ? row.GetAttributeValue<int?>("adv_capacity") ?? _defaultCapacity : (Get<object>("adv_capacity") as int?) ?? _defaultCapacity,
                AccountCount = alias == null ? row.GetAttributeValue<int?>("adv_accountcount") ?? 0 : (Get<object>("adv_accountcount") as int?) ?? 0,
                OutOfOfficeFrom = alias == null ? row.GetAttributeValue<DateTime?>("adv_outofofficefrom") : Get<object>("adv_outofofficefrom") as DateTime?,
                OutOfOfficeTo = alias == null ? row.GetAttributeValue<DateTime?>("adv_outofofficeto") : Get<object>("adv_outofofficeto") as DateTime?,
                BackupAdvocateId = Get<EntityReference>("adv_backupadvocateid")?.Id,
                LastAssignedOn = alias == null ? row.GetAttributeValue<DateTime?>("adv_lastassignedon") : Get<object>("adv_lastassignedon") as DateTime?,
            };
            foreach (var tier in Choices.Tiers(Get<OptionSetValueCollection>("adv_tiers")))
            {
                candidate.Tiers.Add(tier);
            }

            foreach (var specialty in Choices.Specialties(Get<OptionSetValueCollection>("adv_specialties")))
            {
                candidate.Specialties.Add(specialty);
            }

            return candidate;
        }
    }
}
