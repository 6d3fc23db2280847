using System;
using System.Collections.Generic;
using System.Globalization;

namespace Advocacy.Plugins.Domain.Words
{
    /// <summary>
    /// How one reader sees text: the string table of their language (usersettings.uilanguageid) and how dates
    /// and numbers read where they are (usersettings.localeid). Tasks are worded for their owner, errors for the
    /// caller, so the Data layer picks the reader's Language and the rules only say which text.
    /// </summary>
    public sealed class Language
    {
        /// <summary>The house style: English words, dates as "Tue 10 Mar 2026", numbers as 48,000.</summary>
        public static readonly Language English = new Language(EnglishTexts.Table, null);

        public static readonly Language German = new Language(GermanTexts.Table, LocaleOf(1031));

        /// <summary>Every table the product ships; adding a language is adding its table here.</summary>
        public static IReadOnlyList<StringTable> Tables { get; } = new[] { EnglishTexts.Table, GermanTexts.Table };

        /// <summary>en-US, the platform's default localeid for new users and organisations.</summary>
        public const int PlatformDefaultLocaleId = 1033;

        private readonly StringTable _table;
        private readonly CultureInfo? _locale;

        private Language(StringTable table, CultureInfo? locale)
        {
            _table = table;
            _locale = locale;
        }

        /// <summary>The table's language code (1033, 1031, …).</summary>
        public int LanguageId => _table.LanguageId;

        /// <summary>The culture dates and numbers follow; null: the house style (invariant).</summary>
        public CultureInfo? Locale => _locale;

        /// <summary>For numbers (money) written by other code for the same reader.</summary>
        public IFormatProvider NumberFormat => _locale ?? CultureInfo.InvariantCulture;

        /// <summary>
        /// The language for a user's settings: their uilanguageid's table (English when we ship none for it) and
        /// their localeid's formats (the table's default when it has none or the platform does not know it).
        /// </summary>
        public static Language For(int? uiLanguageId, int? localeId)
        {
            var table = EnglishTexts.Table;
            if (uiLanguageId.HasValue)
            {
                foreach (var candidate in Tables)
                {
                    if (candidate.LanguageId == uiLanguageId.Value)
                    {
                        table = candidate;
                    }
                }
            }

            // 1033 is what the platform gives every new user (and the organisation): read it as the language's own
            // default — the house style "Tue 10 Mar 2026" for English — rather than flip every date to M/d/yyyy.
            var locale = localeId.HasValue && localeId.Value != PlatformDefaultLocaleId ? LocaleOf(localeId.Value) : null;
            if (locale == null && table.DefaultLocaleId.HasValue)
            {
                locale = LocaleOf(table.DefaultLocaleId.Value);
            }

            return new Language(table, locale);
        }

        /// <summary>Whether a table exists for the language code (else <see cref="For"/> falls back to English).</summary>
        public static bool IsShipped(int uiLanguageId)
        {
            foreach (var table in Tables)
            {
                if (table.LanguageId == uiLanguageId)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The text for a key, its placeholders filled with <paramref name="args"/> written this reader's way.</summary>
        public string Format(TextKey key, params object?[] args)
        {
            string template;
            if (!_table.Entries.TryGetValue(key, out template!) && !EnglishTexts.Table.Entries.TryGetValue(key, out template!))
            {
                // A key without text is a programming error caught by the table tests; never show nothing.
                template = key.ToString();
            }

            // Every template is a format string, with or without placeholders: a brace is always written doubled ('}}').
            args = args ?? new object?[0];
            var shown = new object[args.Length];
            for (var i = 0; i < args.Length; i++)
            {
                shown[i] = Show(args[i]);
            }

            return string.Format(CultureInfo.InvariantCulture, template, shown);
        }

        public string Format(Phrase phrase) => phrase.In(this);

        /// <summary>A value inside a text: names as they are, numbers and dates in the reader's format, tiers in words.</summary>
        public string Show(object? value)
        {
            switch (value)
            {
                case null: return string.Empty;
                case string s: return s;
                case Phrase p: return p.In(this);
                case int i: return Number(i);
                case long l: return l.ToString(NumberFormat);
                case decimal m: return m.ToString("0.##", NumberFormat);
                case DateTime d: return Date(d);
                case CustomerTier t: return Word(t);
                case Specialty s: return Word(s);
                case ImpactBand b: return Word(b);
                case IFormattable f: return f.ToString(null, NumberFormat);
                default: return value.ToString() ?? string.Empty;
            }
        }

        /// <summary>A date as the reader sees it: a date, never a time ("Tue 10 Mar 2026"; with localeid 1031 "10.03.2026").</summary>
        public string Date(DateTime date) =>
            _locale == null
                ? date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)
                : date.ToString(_locale.DateTimeFormat.ShortDatePattern, _locale);

        /// <summary>A whole number without grouping ("82", "1000000"): scores, counts and days read the same everywhere.</summary>
        public string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        public string Word(CustomerTier tier)
        {
            switch (tier)
            {
                case CustomerTier.Strategic: return Format(TextKey.TierStrategic);
                case CustomerTier.Key: return Format(TextKey.TierKey);
                case CustomerTier.Standard: return Format(TextKey.TierStandard);
                default: return Format(TextKey.TierUnknown, (int)tier);
            }
        }

        public string Word(Specialty specialty)
        {
            switch (specialty)
            {
                case Specialty.Logistics: return Format(TextKey.SpecialtyLogistics);
                case Specialty.Billing: return Format(TextKey.SpecialtyBilling);
                case Specialty.Technical: return Format(TextKey.SpecialtyTechnical);
                case Specialty.Onboarding: return Format(TextKey.SpecialtyOnboarding);
                default: return Format(TextKey.SpecialtyUnknown, (int)specialty);
            }
        }

        public string Word(ImpactBand band)
        {
            switch (band)
            {
                case ImpactBand.Low: return Format(TextKey.BandLow);
                case ImpactBand.Moderate: return Format(TextKey.BandModerate);
                case ImpactBand.High: return Format(TextKey.BandHigh);
                case ImpactBand.Severe: return Format(TextKey.BandSevere);
                default: return Format(TextKey.BandUnknown, (int)band);
            }
        }

        /// <summary>The culture for a Dataverse localeid; null when this runtime does not know it.</summary>
        private static CultureInfo? LocaleOf(int localeId)
        {
            try
            {
                var culture = CultureInfo.GetCultureInfo(localeId);
                // Invariant-globalization runtimes answer every code with the invariant culture: no real locale.
                return culture.LCID == CultureInfo.InvariantCulture.LCID && localeId != CultureInfo.InvariantCulture.LCID ? null : culture;
            }
            catch (CultureNotFoundException)
            {
                return null;
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
        }
    }
}
