using System;
using System.Collections.Generic;

namespace Advocacy.Plugins.Domain.Words
{
    /// <summary>The language a user reads in (their usersettings), answered by the Data layer; teams read English.</summary>
    public interface IReaderLanguages
    {
        Language Of(Guid userId);

        /// <summary>Reads many users' languages at once (the sweep words thousands of tasks); later <see cref="Of"/> calls cost nothing.</summary>
        void Prefetch(IEnumerable<Guid> userIds);
    }

    /// <summary>Every reader gets one language: for rules tested without a Dataverse, and for hosts that know no users.</summary>
    public sealed class FixedReaderLanguage : IReaderLanguages
    {
        public static readonly FixedReaderLanguage English = new FixedReaderLanguage(Language.English);

        private readonly Language _language;

        public FixedReaderLanguage(Language language)
        {
            _language = language ?? throw new ArgumentNullException(nameof(language));
        }

        public Language Of(Guid userId) => _language;

        public void Prefetch(IEnumerable<Guid> userIds)
        {
        }
    }
}
