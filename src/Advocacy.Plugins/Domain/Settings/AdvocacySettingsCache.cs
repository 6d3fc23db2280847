using System;
using System.Collections.Concurrent;

namespace Advocacy.Plugins.Domain.Settings
{
    /// <summary>
    /// Parsed settings per environment-variable value. Plug-in instances are shared across threads and live
    /// for a long time, so the cache is static and lock-free; keying by the value itself means an admin's
    /// change takes effect on the next execution without any invalidation. Bounded because a value that keeps
    /// changing (an admin experimenting) must not grow the sandbox's memory without limit.
    /// </summary>
    public static class AdvocacySettingsCache
    {
        /// <summary>A real environment rarely has more than two values alive at once (old and new).</summary>
        public const int MaxEntries = 8;

        private static readonly ConcurrentDictionary<string, AdvocacySettings> Entries =
            new ConcurrentDictionary<string, AdvocacySettings>(StringComparer.Ordinal);

        private static readonly AdvocacySettings DefaultSettings = AdvocacySettings.Defaults();

        /// <summary>
        /// The settings for this value: the same instance for the same string (a new, equal one only after the
        /// cache overflowed and was emptied). Callers must not modify it.
        /// Invalid values are not cached; they throw <see cref="AdvocacySettingsException"/> every time, so a
        /// fixed value is picked up at once.
        /// </summary>
        public static AdvocacySettings Get(string? json)
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                return DefaultSettings;
            }

            var key = json!;
            if (Entries.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var parsed = AdvocacySettingsParser.Parse(key);
            if (Entries.Count >= MaxEntries)
            {
                // Dropping everything is crude but cheap and rare; the next calls re-parse what is still in use.
                Entries.Clear();
            }

            // If another thread got there first, everyone shares its instance.
            return Entries.GetOrAdd(key, parsed);
        }

        /// <summary>Entries currently held (for diagnostics and tests).</summary>
        public static int Count => Entries.Count;
    }
}
