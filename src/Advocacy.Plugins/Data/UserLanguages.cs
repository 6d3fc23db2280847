using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain.Words;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Each user's language from their usersettings row: uilanguageid picks the string table, localeid the date and
    /// number formats (Microsoft Learn, "usersettings EntityType": uilanguageid "User interface language identifier",
    /// localeid "Unique identifier of the locale of the user", both LCIDs). One query per user and execution, cached
    /// here; a user without a row, a team, or a language we ship no table for reads English, and the trace says so.
    /// </summary>
    public sealed class UserLanguages : IReaderLanguages
    {
        private readonly IOrganizationService _service;
        private readonly ITracingService _tracing;
        private readonly Dictionary<Guid, Language> _known = new Dictionary<Guid, Language>();

        public UserLanguages(IOrganizationService service, ITracingService tracing)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
            _tracing = tracing ?? throw new ArgumentNullException(nameof(tracing));
        }

        /// <summary>Rows per query: the ids go into one IN condition, kept well under SQL Server's 2,100 parameters.</summary>
        public const int PrefetchChunk = 1000;

        public void Prefetch(IEnumerable<Guid> userIds)
        {
            var missing = new List<object>();
            var seen = new HashSet<Guid>();
            foreach (var id in userIds)
            {
                if (id != Guid.Empty && !_known.ContainsKey(id) && seen.Add(id))
                {
                    missing.Add(id);
                }
            }

            for (var start = 0; start < missing.Count; start += PrefetchChunk)
            {
                var chunk = missing.GetRange(start, Math.Min(PrefetchChunk, missing.Count - start));
                var query = new QueryExpression("usersettings") { ColumnSet = new ColumnSet("systemuserid", "uilanguageid", "localeid") };
                query.Criteria.AddCondition("systemuserid", ConditionOperator.In, chunk.ToArray());
                foreach (var row in _service.RetrieveMultiple(query).Entities)
                {
                    _known[row.GetAttributeValue<Guid>("systemuserid")] = Language.For(row.GetAttributeValue<int?>("uilanguageid"), row.GetAttributeValue<int?>("localeid"));
                }

                foreach (Guid id in chunk)
                {
                    if (!_known.ContainsKey(id))
                    {
                        _known[id] = Language.English;
                    }
                }
            }

            _tracing.Trace("Language: {0} reader(s) read in {1} query(ies).", missing.Count, (missing.Count + PrefetchChunk - 1) / PrefetchChunk);
        }

        public Language Of(Guid userId)
        {
            if (userId == Guid.Empty)
            {
                return Language.English;
            }

            Language language;
            if (_known.TryGetValue(userId, out language!))
            {
                return language;
            }

            var query = new QueryExpression("usersettings") { ColumnSet = new ColumnSet("uilanguageid", "localeid"), TopCount = 1 };
            query.Criteria.AddCondition("systemuserid", ConditionOperator.Equal, userId);
            var rows = _service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0)
            {
                // Teams have no usersettings either: their members read the organisation's language, English here.
                _tracing.Trace("Language: {0} has no usersettings row (a team, or not a user); texts in English.", userId);
                language = Language.English;
            }
            else
            {
                var ui = rows[0].GetAttributeValue<int?>("uilanguageid");
                var locale = rows[0].GetAttributeValue<int?>("localeid");
                language = Language.For(ui, locale);
                _tracing.Trace("Language: user {0} reads language {1} (uilanguageid {2}{3}), formats of locale {4}.", userId, language.LanguageId,
                    ui.HasValue ? ui.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "not set",
                    ui.HasValue && !Language.IsShipped(ui.Value) ? ", which has no table: English" : string.Empty,
                    language.Locale != null ? language.Locale.Name : "house style");
            }

            _known[userId] = language;
            return language;
        }
    }
}
