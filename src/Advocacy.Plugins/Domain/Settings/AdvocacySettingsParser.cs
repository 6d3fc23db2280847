using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.Settings
{
    /// <summary>
    /// Reads the adv_AdvocacySettings environment variable. Lenient about what is absent (a missing variable or
    /// key means the default, so admins only write what they change) and strict about what is present: an
    /// unknown key is almost always a typo, and a silently ignored typo means the admin believes a setting is in
    /// force when it is not. Every rejection names the variable and the JSON path.
    /// </summary>
    public static class AdvocacySettingsParser
    {
        private static readonly string[] SpecialtyNames = Enum.GetNames(typeof(Specialty)).Select(n => n.ToLowerInvariant()).ToArray();

        /// <summary>Null, empty or whitespace means "all defaults".</summary>
        /// <exception cref="AdvocacySettingsException">The value is not JSON, or names an unknown key, or a value
        /// has the wrong type or is out of range.</exception>
        public static AdvocacySettings Parse(string? json)
        {
            var settings = AdvocacySettings.Defaults();
            if (string.IsNullOrWhiteSpace(json))
            {
                return settings;
            }

            JsonValue root;
            try
            {
                root = JsonParser.Parse(json!);
            }
            catch (JsonSyntaxException syntax)
            {
                throw AdvocacySettingsException.Syntax(syntax);
            }

            new Binder(settings).Bind(root);
            return settings;
        }

        /// <summary>
        /// One parse. Remembers which values were written so cross-field checks blame the value the admin
        /// actually wrote, with its position.
        /// </summary>
        private sealed class Binder
        {
            private readonly AdvocacySettings settings;
            private readonly Dictionary<string, JsonValue> written = new Dictionary<string, JsonValue>(StringComparer.Ordinal);

            public Binder(AdvocacySettings settings)
            {
                this.settings = settings;
            }

            public void Bind(JsonValue root)
            {
                ReadObject(root, JsonPath.Root,
                    new Entry("scoring", (v, p) => ReadScoring(v, p, settings.Scoring)),
                    new Entry("index", (v, p) => ReadIndex(v, p, settings.Index)),
                    new Entry("loyaltyRisk", (v, p) => ReadLoyaltyRisk(v, p, settings.LoyaltyRisk)),
                    new Entry("assignment", (v, p) => ReadAssignment(v, p, settings.Assignment)),
                    new Entry("followUp", (v, p) => ReadFollowUp(v, p, settings.FollowUp)),
                    new Entry("sweep", (v, p) => ReadSweep(v, p, settings.Sweep)));
            }

            private void ReadScoring(JsonValue value, string path, ScoringSettings s)
            {
                ReadObject(value, path,
                    Number("delayMaxPoints", 0, 100, x => s.DelayMaxPoints = x),
                    Positive("delayScaleDays", 3650, x => s.DelayScaleDays = x),
                    Number("criticalPoints", 0, 100, x => s.CriticalPoints = x),
                    Number("moneyMaxPoints", 0, 100, x => s.MoneyMaxPoints = x),
                    Positive("moneyUnit", 1e12, x => s.MoneyUnit = x),
                    Positive("moneyDecades", 20, x => s.MoneyDecades = x),
                    new Entry("tierPoints", (v, p) => ReadTierMap(v, p, s.TierPoints, (vv, pp) => ReadNumber(vv, pp, 0, 100, false))),
                    Number("recurrencePointsEach", 0, 100, x => s.RecurrencePointsEach = x),
                    Number("recurrenceMaxPoints", 0, 100, x => s.RecurrenceMaxPoints = x),
                    Whole("recurrenceWindowDays", 1, 3650, x => s.RecurrenceWindowDays = x),
                    Number("moderateFrom", 0, 100, x => s.ModerateFrom = x),
                    Number("highFrom", 0, 100, x => s.HighFrom = x),
                    Number("severeFrom", 0, 100, x => s.SevereFrom = x),
                    Number("lossRatePerDay", 0, 1, x => s.LossRatePerDay = x),
                    Number("lossCriticalMultiplier", 1, 100, x => s.LossCriticalMultiplier = x),
                    Whole("lossMaxDays", 0, 3650, x => s.LossMaxDays = x));

                // A higher tier or a worse score must never read as less serious.
                var tiers = path + ".tierPoints";
                Ascending(tiers + ".standard", s.TierPoints[CustomerTier.Standard], tiers + ".key", s.TierPoints[CustomerTier.Key], false);
                Ascending(tiers + ".key", s.TierPoints[CustomerTier.Key], tiers + ".strategic", s.TierPoints[CustomerTier.Strategic], false);
                Ascending(path + ".moderateFrom", s.ModerateFrom, path + ".highFrom", s.HighFrom, true);
                Ascending(path + ".highFrom", s.HighFrom, path + ".severeFrom", s.SevereFrom, true);
            }

            private void ReadIndex(JsonValue value, string path, IndexSettings s)
            {
                ReadObject(value, path,
                    Positive("halfLifeDays", 3650, x => s.HalfLifeDays = x),
                    Whole("windowDays", 1, 3650, x => s.WindowDays = x),
                    Positive("cap", 100, x => s.Cap = x));
            }

            private void ReadLoyaltyRisk(JsonValue value, string path, LoyaltyRiskSettings s)
            {
                ReadObject(value, path,
                    Whole("highNpsAtMost", -1, 10, x => s.HighNpsAtMost = x),
                    Whole("highCsatAtMost", 0, 5, x => s.HighCsatAtMost = x),
                    Number("highIndexAtLeast", 0, 100, x => s.HighIndexAtLeast = x),
                    Whole("mediumNpsAtMost", -1, 10, x => s.MediumNpsAtMost = x),
                    Whole("mediumCsatAtMost", 0, 5, x => s.MediumCsatAtMost = x),
                    Number("mediumIndexAtLeast", 0, 100, x => s.MediumIndexAtLeast = x));

                // "Medium" must be the wider net, or a customer could be high risk but not medium risk.
                Ascending(path + ".highNpsAtMost", s.HighNpsAtMost, path + ".mediumNpsAtMost", s.MediumNpsAtMost, false);
                Ascending(path + ".highCsatAtMost", s.HighCsatAtMost, path + ".mediumCsatAtMost", s.MediumCsatAtMost, false);
                Ascending(path + ".mediumIndexAtLeast", s.MediumIndexAtLeast, path + ".highIndexAtLeast", s.HighIndexAtLeast, false);
            }

            private void ReadAssignment(JsonValue value, string path, AssignmentSettings s)
            {
                ReadObject(value, path,
                    Whole("defaultCapacity", 1, 100000, x => s.DefaultCapacity = x),
                    new Entry("specialtyByKind", (v, p) => ReadSpecialtyByKind(v, p, s.SpecialtyByKind)),
                    new Entry("specialtyBySubject", (v, p) => s.SpecialtyBySubject = ReadSpecialtyBySubject(v, p)),
                    Whole("reassignBatchSize", 1, 1000, x => s.ReassignBatchSize = x),
                    Whole("introductionDueBusinessDays", 0, 260, x => s.IntroductionDueBusinessDays = x));
            }

            private void ReadFollowUp(JsonValue value, string path, FollowUpSettings s)
            {
                ReadObject(value, path,
                    new Entry("cadenceDays", (v, p) => ReadTierMap(v, p, s.CadenceDays, (vv, pp) => ReadWhole(vv, pp, 1, 3650))),
                    new Entry("checkInDueBusinessDays", (v, p) => ReadTierMap(v, p, s.CheckInDueBusinessDays, (vv, pp) => ReadWhole(vv, pp, 0, 260))),
                    Whole("proactiveWindowDays", 0, 365, x => s.ProactiveWindowDays = x),
                    Whole("proactiveCheckInDueBusinessDays", 0, 260, x => s.ProactiveCheckInDueBusinessDays = x),
                    Whole("impactReviewDueBusinessDays", 0, 260, x => s.ImpactReviewDueBusinessDays = x),
                    Whole("detractorDueBusinessDays", 0, 260, x => s.DetractorDueBusinessDays = x),
                    Whole("detractorNpsAtMost", -1, 10, x => s.DetractorNpsAtMost = x),
                    Whole("detractorCsatAtMost", 0, 5, x => s.DetractorCsatAtMost = x),
                    Whole("managerEscalationNpsAtMost", -1, 10, x => s.ManagerEscalationNpsAtMost = x),
                    Whole("unassignedDueBusinessDays", 0, 260, x => s.UnassignedDueBusinessDays = x),
                    new Entry("holidaySchedule", (v, p) => s.HolidaySchedule = ReadCalendarName(v, p)),
                    new Entry("businessClosures", (v, p) => s.BusinessClosures = ReadTrueOrFalse(v, p)));

                // The manager is told about the worst detractors, which are detractors first.
                Ascending(path + ".managerEscalationNpsAtMost", s.ManagerEscalationNpsAtMost, path + ".detractorNpsAtMost", s.DetractorNpsAtMost, false);
            }

            private void ReadSweep(JsonValue value, string path, SweepSettings s)
            {
                ReadObject(value, path,
                    Whole("pageSize", 1, 5000, x => s.PageSize = x),
                    Whole("batchSize", 1, 1000, x => s.BatchSize = x),
                    Whole("timeBudgetSeconds", 1, 110, x => s.TimeBudgetSeconds = x));
            }

            private void ReadTierMap<T>(JsonValue value, string path, Dictionary<CustomerTier, T> map, Func<JsonValue, string, T> read)
            {
                // Merged into the defaults: writing only "strategic" keeps the other tiers' defaults.
                var entries = new List<Entry>();
                foreach (CustomerTier tier in Enum.GetValues(typeof(CustomerTier)))
                {
                    var t = tier;
                    entries.Add(new Entry(Camel(t.ToString()), (v, p) => map[t] = read(v, p)));
                }

                ReadObject(value, path, entries.ToArray());
            }

            private void ReadSpecialtyByKind(JsonValue value, string path, Dictionary<InconvenienceKind, Specialty> map)
            {
                // Merged into the defaults; null removes a kind's mapping (no specialty preferred for it).
                var entries = new List<Entry>();
                foreach (InconvenienceKind kind in Enum.GetValues(typeof(InconvenienceKind)))
                {
                    var k = kind;
                    entries.Add(new Entry(Camel(k.ToString()), (v, p) =>
                    {
                        if (v.Kind == JsonValueKind.Null)
                        {
                            map.Remove(k);
                        }
                        else
                        {
                            map[k] = ReadSpecialty(v, p, true);
                        }
                    }));
                }

                ReadObject(value, path, entries.ToArray());
            }

            private Dictionary<string, Specialty> ReadSpecialtyBySubject(JsonValue value, string path)
            {
                // Replaces the default map rather than merging: subjects are the organisation's own list, and an
                // admin must be able to drop a default subject that means something else to them.
                var obj = RequireObject(value, path);
                var map = new Dictionary<string, Specialty>(StringComparer.OrdinalIgnoreCase);
                foreach (var member in obj.Members)
                {
                    var memberPath = JsonPath.Child(path, member.Name);
                    if (member.Name.Trim().Length == 0)
                    {
                        throw AdvocacySettingsException.Invalid(memberPath, Phrase.Of(TextKey.SettingsEmptySubject),
                            null, member.Line, member.Column);
                    }

                    if (map.ContainsKey(member.Name))
                    {
                        throw AdvocacySettingsException.Invalid(memberPath,
                            Phrase.Of(TextKey.SettingsRepeatedSubject), null, member.Line, member.Column);
                    }

                    map.Add(member.Name, ReadSpecialty(member.Value, memberPath, false));
                }

                return map;
            }

            private static bool ReadTrueOrFalse(JsonValue value, string path)
            {
                if (value.Kind == JsonValueKind.True || value.Kind == JsonValueKind.False)
                {
                    return value.Kind == JsonValueKind.True;
                }

                throw AdvocacySettingsException.Invalid(path, Phrase.Of(TextKey.SettingsTrueOrFalse), value);
            }

            /// <summary>A calendar's name as Dataverse holds it (1–160 characters, calendar.name's MaxLength), or null for none.</summary>
            private static string? ReadCalendarName(JsonValue value, string path)
            {
                if (value.Kind == JsonValueKind.Null)
                {
                    return null;
                }

                if (value is JsonString s && s.Value.Trim().Length > 0 && s.Value.Length <= 160)
                {
                    return s.Value.Trim();
                }

                throw AdvocacySettingsException.Invalid(path, Phrase.Of(TextKey.SettingsCalendarName), value);
            }

            private static Specialty ReadSpecialty(JsonValue value, string path, bool nullAllowed)
            {
                if (value is JsonString s)
                {
                    for (var i = 0; i < SpecialtyNames.Length; i++)
                    {
                        if (string.Equals(SpecialtyNames[i], s.Value, StringComparison.OrdinalIgnoreCase))
                        {
                            return (Specialty)Enum.Parse(typeof(Specialty), s.Value, true);
                        }
                    }
                }

                var choices = string.Join(", ", SpecialtyNames.Select(n => "\"" + n + "\""));
                throw AdvocacySettingsException.Invalid(path,
                    Phrase.Of(nullAllowed ? TextKey.SettingsOneOfOrNull : TextKey.SettingsOneOf, choices), value);
            }

            private void ReadObject(JsonValue value, string path, params Entry[] entries)
            {
                var obj = RequireObject(value, path);

                // Unknown keys first: a typo is the likelier root cause than whatever else is wrong nearby.
                foreach (var member in obj.Members)
                {
                    if (!entries.Any(e => e.Key == member.Name))
                    {
                        throw AdvocacySettingsException.Invalid(JsonPath.Child(path, member.Name),
                            Phrase.Of(TextKey.SettingsUnknownKey, Suggest(member.Name, entries)), null, member.Line, member.Column);
                    }
                }

                foreach (var member in obj.Members)
                {
                    var memberPath = JsonPath.Child(path, member.Name);
                    written[memberPath] = member.Value;
                    entries.First(e => e.Key == member.Name).Read(member.Value, memberPath);
                }
            }

            private static JsonObject RequireObject(JsonValue value, string path)
            {
                if (value is JsonObject obj)
                {
                    return obj;
                }

                throw AdvocacySettingsException.Invalid(path, Phrase.Of(TextKey.SettingsObject), value);
            }

            private static Entry Number(string key, double min, double max, Action<double> set)
            {
                return new Entry(key, (v, p) => set(ReadNumber(v, p, min, max, false)));
            }

            private static Entry Positive(string key, double max, Action<double> set)
            {
                return new Entry(key, (v, p) => set(ReadNumber(v, p, 0, max, true)));
            }

            private static Entry Whole(string key, int min, int max, Action<int> set)
            {
                return new Entry(key, (v, p) => set(ReadWhole(v, p, min, max)));
            }

            private static double ReadNumber(JsonValue value, string path, double min, double max, bool minExclusive)
            {
                if (value is JsonNumber n && (minExclusive ? n.Value > min : n.Value >= min) && n.Value <= max)
                {
                    return n.Value;
                }

                throw AdvocacySettingsException.Invalid(path,
                    Phrase.Of(minExclusive ? TextKey.SettingsNumberAbove : TextKey.SettingsNumberBetween, Format(min), Format(max)), value);
            }

            private static int ReadWhole(JsonValue value, string path, int min, int max)
            {
                if (value is JsonNumber n && n.Value >= min && n.Value <= max && Math.Floor(n.Value) == n.Value)
                {
                    return (int)n.Value;
                }

                throw AdvocacySettingsException.Invalid(path, Phrase.Of(TextKey.SettingsWholeBetween, Format(min), Format(max)), value);
            }

            /// <summary>lower must be below (or, unless strict, at most) higher; blames whichever was written.</summary>
            private void Ascending(string lowerPath, double lower, string higherPath, double higher, bool strict)
            {
                if (strict ? lower < higher : lower <= higher)
                {
                    return;
                }

                if (written.TryGetValue(higherPath, out var higherValue))
                {
                    throw AdvocacySettingsException.Invalid(higherPath,
                        Phrase.Of(strict ? TextKey.SettingsGreaterThan : TextKey.SettingsAtLeast, lowerPath, Format(lower)), higherValue);
                }

                written.TryGetValue(lowerPath, out var lowerValue);
                throw AdvocacySettingsException.Invalid(lowerPath,
                    Phrase.Of(strict ? TextKey.SettingsLessThan : TextKey.SettingsAtMost, higherPath, Format(higher)), lowerValue);
            }

            private static Phrase Suggest(string name, Entry[] entries)
            {
                // A key far longer than any setting cannot be a typo of one; skip the (quadratic) edit distance.
                if (name.Length > 64)
                {
                    return Phrase.Of(TextKey.SettingsAllowedKeys, string.Join(", ", entries.Select(e => e.Key)));
                }

                var best = entries
                    .Select(e => new { e.Key, Distance = EditDistance(name.ToLowerInvariant(), e.Key.ToLowerInvariant()) })
                    .OrderBy(x => x.Distance)
                    .FirstOrDefault();
                if (best != null && best.Distance <= Math.Max(2, name.Length / 4))
                {
                    return Phrase.Of(TextKey.SettingsDidYouMean, best.Key);
                }

                return Phrase.Of(TextKey.SettingsAllowedKeys, string.Join(", ", entries.Select(e => e.Key)));
            }

            private static int EditDistance(string a, string b)
            {
                var previous = new int[b.Length + 1];
                var current = new int[b.Length + 1];
                for (var j = 0; j <= b.Length; j++)
                {
                    previous[j] = j;
                }

                for (var i = 1; i <= a.Length; i++)
                {
                    current[0] = i;
                    for (var j = 1; j <= b.Length; j++)
                    {
                        var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                        current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                    }

                    var swap = previous;
                    previous = current;
                    current = swap;
                }

                return previous[b.Length];
            }
        }

        private sealed class Entry
        {
            public Entry(string key, Action<JsonValue, string> read)
            {
                Key = key;
                Read = read;
            }

            public string Key { get; }
            public Action<JsonValue, string> Read { get; }
        }

        /// <summary>The JSON key of an enum member ("LateDelivery" → "lateDelivery"), as the parser reads it and the CLI's writer writes it.</summary>
        public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);

        internal static string Format(double value) => value.ToString("0.###############", CultureInfo.InvariantCulture);
    }
}
