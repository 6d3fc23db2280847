using System;
using System.Collections.Generic;

namespace Advocacy.Plugins.Domain.Words
{
    /// <summary>
    /// Every text of one language, by key: templates with positional placeholders ({0}, {1}, …) that
    /// <see cref="Language.Format"/> fills with values already written the reader's way. Tables are C# (no .resx),
    /// so each language is compiled into the one plug-in assembly and no satellite assembly is ever needed.
    /// </summary>
    public sealed class StringTable
    {
        public StringTable(int languageId, string name, int? defaultLocaleId, IDictionary<TextKey, string> entries)
        {
            LanguageId = languageId;
            Name = name;
            DefaultLocaleId = defaultLocaleId;
            Entries = new Dictionary<TextKey, string>(entries ?? throw new ArgumentNullException(nameof(entries)));
        }

        /// <summary>The Dataverse language code (LCID) the table is chosen by: usersettings.uilanguageid.</summary>
        public int LanguageId { get; }

        public string Name { get; }

        /// <summary>How dates and numbers read for a reader of this language without a localeid; null: the house style.</summary>
        public int? DefaultLocaleId { get; }

        public IReadOnlyDictionary<TextKey, string> Entries { get; }
    }
}
