using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.Time;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Users' time zones from <c>usersettings.timezonecode</c> and the zone's Windows name in <c>timezonedefinition</c>
    /// (one query, the definition linked in), cached for the execution. A team, a user without settings, or a zone this
    /// machine does not know falls back to UTC, and the trace says so.
    /// </summary>
    public sealed class UserZones
    {
        private readonly UserSettingsRows _rows;
        private readonly ITracingService _tracing;
        private readonly Dictionary<Guid, IUserZone> _known = new();

        /// <param name="service">A service that may read every user's settings (the system user's).</param>
        public UserZones(IOrganizationService service, ITracingService tracing)
            : this(new UserSettingsRows(service), tracing)
        {
        }

        /// <param name="rows">The execution's settings rows, shared with the readers' languages.</param>
        public UserZones(UserSettingsRows rows, ITracingService tracing)
        {
            _rows = rows;
            _tracing = tracing;
        }

        /// <summary>The zone a fallback gives: the organization's default zone is not readable by a plug-in, so UTC.</summary>
        public static IUserZone Fallback => ZoneRules.Utc;

        public IUserZone Of(Guid userId, bool isTeam = false)
        {
            if (isTeam || userId == Guid.Empty)
            {
                // Stryker disable once all : trace text only
                _tracing.Trace("Time zone: {0} has no time zone; its dates are counted in UTC.", isTeam ? "team " + userId : "no user");
                return Fallback;
            }
            if (!_known.TryGetValue(userId, out var zone))
            {
                zone = ZoneFor(userId, _rows.Of(userId));
                _known[userId] = zone;
            }
            return zone;
        }

        /// <summary>Reads the settings of the users not read yet (one query per 1,000 users).</summary>
        public void Load(IEnumerable<Guid> userIds) => _rows.Load(userIds);

        /// <summary>
        /// Links a query's record to its owner's usersettings (alias "owner", the time zone code plus
        /// <paramref name="settingsColumns"/>) and the zone's definition (alias "ownerzone"), outer joins, so one query
        /// reads a record with the zone its owner sees it in (a team owner matches no settings row).
        /// </summary>
        public static void LinkOwnerSettings(QueryExpression query, params string[] settingsColumns)
        {
            var settings = query.AddLink("usersettings", "ownerid", "systemuserid", JoinOperator.LeftOuter);
            settings.EntityAlias = "owner";
            settings.Columns = new ColumnSet(new[] { "timezonecode" }.Concat(settingsColumns).ToArray());
            var definition = settings.AddLink("timezonedefinition", "timezonecode", "timezonecode", JoinOperator.LeftOuter);
            definition.EntityAlias = "ownerzone";
            definition.Columns = new ColumnSet("standardname");
        }

        /// <summary>The owner's zone a row read with <see cref="LinkOwnerSettings"/> carries; null when it has none known here.</summary>
        public static ZoneRules? OwnerZoneOf(Entity row) => ZoneRules.FindByStandardName(StandardName(row, "ownerzone"));

        /// <summary>
        /// The zone of a record's owner, read with the record in one query (<see cref="LinkOwnerSettings"/>): for a record
        /// whose dates are judged "as its owner sees them" before any task names that owner. A team owner, or an owner
        /// without settings, counts in UTC.
        /// </summary>
        public IUserZone OfOwnerOf(string table, Guid id)
        {
            var query = new QueryExpression(table) { ColumnSet = new ColumnSet("ownerid"), TopCount = 1 };
            query.Criteria.AddCondition(table + "id", ConditionOperator.Equal, id);
            LinkOwnerSettings(query);
            var rows = _rows.Service.RetrieveMultiple(query).Entities;
            var owner = rows.Count == 0 ? null : rows[0].GetAttributeValue<EntityReference>("ownerid");
            if (owner == null || owner.LogicalName != "systemuser" || !rows[0].Contains("owner.timezonecode"))
            {
                // Stryker disable once all : trace text only
                _tracing.Trace("Time zone: the owner of {0} {1} is {2}; its dates are counted in UTC.", table, id,
                    owner == null ? "not readable" : owner.LogicalName == "team" ? "a team" : "a user without settings");
                return Fallback;
            }
            return Known(owner.Id, rows[0].GetAttributeValue<AliasedValue>("owner.timezonecode")?.Value as int?, StandardName(rows[0], "ownerzone"));
        }

        private static string? StandardName(Entity row, string alias) => row.GetAttributeValue<AliasedValue>(alias + ".standardname")?.Value as string;

        private IUserZone ZoneFor(Guid userId, Entity? settings)
        {
            if (settings == null)
            {
                // Stryker disable once all : trace text only
                _tracing.Trace("Time zone: user {0} has no user settings; their dates are counted in UTC.", userId);
                return Fallback;
            }
            return Known(userId, settings.GetAttributeValue<int?>("timezonecode"), StandardName(settings, "tz"));
        }

        private IUserZone Known(Guid userId, int? code, string? name)
        {
            var zone = ZoneRules.FindByStandardName(name);
            if (zone == null)
            {
                // Stryker disable once all : trace text only
                _tracing.Trace("Time zone: user {0} has time zone code {1} ({2}), which is not a zone known here; their dates are counted in UTC.",
                    userId, code, name ?? "no definition");
                return Fallback;
            }
            return zone;
        }
    }
}
