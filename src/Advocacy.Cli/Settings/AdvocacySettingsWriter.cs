using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Settings;

namespace Advocacy.Cli.Settings
{
    /// <summary>
    /// Writes settings back as the JSON the plug-in's <see cref="AdvocacySettingsParser"/> reads, every key
    /// included. <c>advocacy settings</c> shows admins the effective settings with it, and tests prove every
    /// key round-trips. It lives in the tool, not in the plug-in: the plug-ins only read settings.
    /// </summary>
    public static class AdvocacySettingsWriter
    {
        public static string ToJson(AdvocacySettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            var w = new Writer();
            w.Open(null);
            {
                var s = settings.Scoring;
                w.Open("scoring");
                w.Number("delayMaxPoints", s.DelayMaxPoints);
                w.Number("delayScaleDays", s.DelayScaleDays);
                w.Number("criticalPoints", s.CriticalPoints);
                w.Number("moneyMaxPoints", s.MoneyMaxPoints);
                w.Number("moneyUnit", s.MoneyUnit);
                w.Number("moneyDecades", s.MoneyDecades);
                w.TierMap("tierPoints", s.TierPoints, v => Format(v));
                w.Number("recurrencePointsEach", s.RecurrencePointsEach);
                w.Number("recurrenceMaxPoints", s.RecurrenceMaxPoints);
                w.Number("recurrenceWindowDays", s.RecurrenceWindowDays);
                w.Number("moderateFrom", s.ModerateFrom);
                w.Number("highFrom", s.HighFrom);
                w.Number("severeFrom", s.SevereFrom);
                w.Number("lossRatePerDay", s.LossRatePerDay);
                w.Number("lossCriticalMultiplier", s.LossCriticalMultiplier);
                w.Number("lossMaxDays", s.LossMaxDays);
                w.Close();
            }
            {
                var s = settings.Index;
                w.Open("index");
                w.Number("halfLifeDays", s.HalfLifeDays);
                w.Number("windowDays", s.WindowDays);
                w.Number("cap", s.Cap);
                w.Close();
            }
            {
                var s = settings.LoyaltyRisk;
                w.Open("loyaltyRisk");
                w.Number("highNpsAtMost", s.HighNpsAtMost);
                w.Number("highCsatAtMost", s.HighCsatAtMost);
                w.Number("highIndexAtLeast", s.HighIndexAtLeast);
                w.Number("mediumNpsAtMost", s.MediumNpsAtMost);
                w.Number("mediumCsatAtMost", s.MediumCsatAtMost);
                w.Number("mediumIndexAtLeast", s.MediumIndexAtLeast);
                w.Close();
            }
            {
                var s = settings.Assignment;
                w.Open("assignment");
                w.Number("defaultCapacity", s.DefaultCapacity);
                w.Open("specialtyByKind");
                foreach (InconvenienceKind kind in Enum.GetValues(typeof(InconvenienceKind)))
                {
                    // Unmapped kinds are written as null so the example shows that they exist.
                    w.Raw(AdvocacySettingsParser.Camel(kind.ToString()),
                        s.SpecialtyByKind.TryGetValue(kind, out var specialty) ? Quote(Name(specialty)) : "null");
                }

                w.Close();
                w.Open("specialtyBySubject");
                foreach (var subject in s.SpecialtyBySubject.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase))
                {
                    w.Raw(subject, Quote(Name(s.SpecialtyBySubject[subject])));
                }

                w.Close();
                w.Number("reassignBatchSize", s.ReassignBatchSize);
                w.Number("introductionDueBusinessDays", s.IntroductionDueBusinessDays);
                w.Close();
            }
            {
                var s = settings.FollowUp;
                w.Open("followUp");
                w.TierMap("cadenceDays", s.CadenceDays, v => Format(v));
                w.TierMap("checkInDueBusinessDays", s.CheckInDueBusinessDays, v => Format(v));
                w.Number("proactiveWindowDays", s.ProactiveWindowDays);
                w.Number("proactiveCheckInDueBusinessDays", s.ProactiveCheckInDueBusinessDays);
                w.Number("impactReviewDueBusinessDays", s.ImpactReviewDueBusinessDays);
                w.Number("detractorDueBusinessDays", s.DetractorDueBusinessDays);
                w.Number("detractorNpsAtMost", s.DetractorNpsAtMost);
                w.Number("detractorCsatAtMost", s.DetractorCsatAtMost);
                w.Number("managerEscalationNpsAtMost", s.ManagerEscalationNpsAtMost);
                w.Number("unassignedDueBusinessDays", s.UnassignedDueBusinessDays);
                w.Raw("holidaySchedule", s.HolidaySchedule == null ? "null" : Quote(s.HolidaySchedule));
                w.Raw("businessClosures", s.BusinessClosures ? "true" : "false");
                w.Close();
            }
            {
                var s = settings.Sweep;
                w.Open("sweep");
                w.Number("pageSize", s.PageSize);
                w.Number("batchSize", s.BatchSize);
                w.Number("timeBudgetSeconds", s.TimeBudgetSeconds);
                w.Close();
            }

            w.Close();
            return w.ToString();
        }

        private static string Name(Specialty specialty) => specialty.ToString().ToLowerInvariant();

        private static string Format(double value)
        {
            // "R" round-trips on every framework; integral values are written without a fraction.
            if (Math.Floor(value) == value && Math.Abs(value) < 1e15)
            {
                return value.ToString("0", CultureInfo.InvariantCulture);
            }

            return value.ToString("R", CultureInfo.InvariantCulture);
        }

        internal static string Quote(string text)
        {
            var builder = new StringBuilder(text.Length + 2);
            builder.Append('"');
            foreach (var c in text)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < 0x20)
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }

        private sealed class Writer
        {
            private readonly StringBuilder text = new StringBuilder();
            private readonly Stack<bool> hasMembers = new Stack<bool>();

            public void Open(string? key)
            {
                if (key == null)
                {
                    text.Append('{');
                }
                else
                {
                    Key(key);
                    text.Append('{');
                }

                hasMembers.Push(false);
            }

            public void Close()
            {
                var any = hasMembers.Pop();
                if (any)
                {
                    NewLine();
                }

                text.Append('}');
            }

            public void Number(string key, double value) => Raw(key, Format(value));

            public void TierMap<T>(string key, Dictionary<CustomerTier, T> map, Func<T, string> format)
            {
                Open(key);
                foreach (CustomerTier tier in Enum.GetValues(typeof(CustomerTier)))
                {
                    if (map.TryGetValue(tier, out var value))
                    {
                        Raw(AdvocacySettingsParser.Camel(tier.ToString()), format(value));
                    }
                }

                Close();
            }

            public void Raw(string key, string json)
            {
                Key(key);
                text.Append(json);
            }

            private void Key(string key)
            {
                if (hasMembers.Pop())
                {
                    text.Append(',');
                }

                hasMembers.Push(true);
                NewLine();
                text.Append(Quote(key)).Append(": ");
            }

            private void NewLine()
            {
                text.Append('\n').Append(' ', 2 * hasMembers.Count);
            }

            public override string ToString() => text.ToString();
        }
    }
}
