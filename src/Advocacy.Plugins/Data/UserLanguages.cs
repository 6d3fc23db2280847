using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain.Words;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Each user's language from their usersettings row: uilanguageid picks the string table, localeid the date and
    /// number formats (Microsoft Learn, "usersettings EntityType": uilanguageid "User interface language identifier",
    /// localeid "Unique identifier of the locale of the user", both LCIDs). Read through the execution's
    /// <see cref="UserSettingsRows"/> (one query per 1,000 users, shared with the time zones); a user without a row, a team, or a language we ship no table for reads English, and the trace says so.
    /// </summary>
    public sealed class UserLanguages : IReaderLanguages
    {
        private readonly UserSettingsRows _rows;
        private readonly ITracingService _tracing;
        private readonly Dictionary<Guid, Language> _known = new Dictionary<Guid, Language>();

        public UserLanguages(IOrganizationService service, ITracingService tracing)
            : this(new UserSettingsRows(service ?? throw new ArgumentNullException(nameof(service))), tracing)
        {
        }

        /// <param name="rows">The execution's settings rows, shared with the users' time zones.</param>
        public UserLanguages(UserSettingsRows rows, ITracingService tracing)
        {
            _rows = rows ?? throw new ArgumentNullException(nameof(rows));
            _tracing = tracing ?? throw new ArgumentNullException(nameof(tracing));
        }

        public void Prefetch(IEnumerable<Guid> userIds)
        {
            var before = _rows.Queries;
            var read = _rows.Load(userIds);
            _tracing.Trace("Language: {0} reader(s) read in {1} query(ies).", read, _rows.Queries - before);
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

            var row = _rows.Of(userId);
            if (row == null)
            {
                // Teams have no usersettings either: their members read the organisation's language, English here.
                _tracing.Trace("Language: {0} has no usersettings row (a team, or not a user); texts in English.", userId);
                language = Language.English;
            }
            else
            {
                var ui = row.GetAttributeValue<int?>("uilanguageid");
                var locale = row.GetAttributeValue<int?>("localeid");
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
