using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain.Settings;

namespace Advocacy.Plugins.Domain.Loyalty
{
    /// <summary>One scored inconvenience of an account, as the index needs it.</summary>
    public sealed class ScoredEvent
    {
        public ScoredEvent(DateTime createdOn, int score)
        {
            CreatedOn = createdOn;
            Score = score;
        }

        public DateTime CreatedOn { get; }

        /// <summary>The inconvenience's impact score, 0..100.</summary>
        public int Score { get; }
    }

    /// <summary>
    /// DESIGN §3: how inconvenienced an account has been lately. Recent harm weighs most and fades with a
    /// half-life, because customers forgive (slowly); the window bounds the query and the cap keeps it a
    /// 0..100 figure that reads like the impact score.
    /// </summary>
    public static class InconvenienceIndex
    {
        /// <summary>
        /// Σ score × 0.5^(age days / half-life) over events at most <c>WindowDays</c> old (an event exactly
        /// WindowDays old still counts), then capped at <c>Cap</c>, then rounded half away from zero to a whole
        /// number. Events dated after <paramref name="nowUtc"/> (clock skew between servers) count as age 0.
        /// Scores outside 0..100 are clamped: the column can be edited by hand.
        /// </summary>
        public static int Compute(IEnumerable<ScoredEvent> events, IndexSettings settings, DateTime nowUtc, Time.IUserZone? zone = null)
        {
            return (int)Math.Round(ComputeExact(events, settings, nowUtc, zone), MidpointRounding.AwayFromZero);
        }

        /// <summary>
        /// The capped index before rounding, for callers that compare against thresholds. Ages are whole calendar days in
        /// the account owner's <paramref name="zone"/> (DESIGN §6: days as the owner sees them), UTC when not given.
        /// </summary>
        public static double ComputeExact(IEnumerable<ScoredEvent> events, IndexSettings settings, DateTime nowUtc, Time.IUserZone? zone = null)
        {
            var days = zone ?? Time.ZoneRules.Utc;
            if (events == null)
            {
                throw new ArgumentNullException(nameof(events));
            }

            if (settings == null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            if (!(settings.HalfLifeDays > 0) || double.IsInfinity(settings.HalfLifeDays) || settings.WindowDays < 0
                || !(settings.Cap >= 0) || double.IsInfinity(settings.Cap))
            {
                throw new ArgumentException("Index settings are out of range.", nameof(settings));
            }

            var sum = 0.0;
            foreach (var e in events)
            {
                if (e == null)
                {
                    continue;
                }

                var ageDays = Math.Max(0, Time.LocalDays.DaysBetween(days, e.CreatedOn, nowUtc));
                if (ageDays > settings.WindowDays)
                {
                    continue;
                }

                var score = Math.Min(100, Math.Max(0, e.Score));
                sum += score * Math.Pow(0.5, ageDays / settings.HalfLifeDays);
            }

            return Math.Min(settings.Cap, sum);
        }
    }
}
