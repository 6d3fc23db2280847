using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Users' <c>usersettings</c> rows — time zone (with its <c>timezonedefinition</c> name linked in), UI language and
    /// locale — read once per user and execution and shared by <see cref="UserZones"/> (due dates, days) and
    /// <see cref="UserLanguages"/> (words), so a task owner costs one query, not one per concern. Ids go into one IN
    /// condition per 1,000 users, well under SQL Server's 2,100 parameters.
    /// </summary>
    public sealed class UserSettingsRows
    {
        /// <summary>Users per query.</summary>
        public const int Chunk = 1000;

        private readonly IOrganizationService _service;
        private readonly Dictionary<Guid, Entity?> _known = new Dictionary<Guid, Entity?>();

        /// <param name="service">A service that may read every user's settings (the system user's).</param>
        public UserSettingsRows(IOrganizationService service)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
        }

        /// <summary>The service the rows are read with (the system user's).</summary>
        internal IOrganizationService Service => _service;

        /// <summary>Queries made so far (for the callers' traces).</summary>
        public int Queries { get; private set; }

        /// <summary>The user's settings row, or null for a team, an unknown id or a user without settings.</summary>
        public Entity? Of(Guid userId)
        {
            if (userId == Guid.Empty) return null;
            Load(new[] { userId });
            return _known[userId];
        }

        /// <summary>Reads the rows of the users not read yet, <see cref="Chunk"/> users per query.</summary>
        /// <returns>How many users were read now.</returns>
        public int Load(IEnumerable<Guid> userIds)
        {
            var missing = userIds.Where(id => id != Guid.Empty && !_known.ContainsKey(id)).Distinct().ToList();
            for (var start = 0; start < missing.Count; start += Chunk)
            {
                var chunk = missing.GetRange(start, Math.Min(Chunk, missing.Count - start));
                var query = new QueryExpression("usersettings") { ColumnSet = new ColumnSet("systemuserid", "timezonecode", "uilanguageid", "localeid") };
                query.Criteria.AddCondition("systemuserid", ConditionOperator.In, chunk.Cast<object>().ToArray());
                var zone = query.AddLink("timezonedefinition", "timezonecode", "timezonecode", JoinOperator.LeftOuter);
                zone.EntityAlias = "tz";
                zone.Columns = new ColumnSet("standardname");
                Queries++;
                foreach (var row in _service.RetrieveMultiple(query).Entities)
                {
                    _known[row.GetAttributeValue<Guid>("systemuserid")] = row;
                }

                foreach (var id in chunk)
                {
                    if (!_known.ContainsKey(id)) _known[id] = null;
                }
            }

            return missing.Count;
        }
    }
}
