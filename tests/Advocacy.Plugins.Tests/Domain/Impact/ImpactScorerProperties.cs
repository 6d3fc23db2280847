using System;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Impact;
using Advocacy.Plugins.Domain.Settings;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Impact
{
    /// <summary>DESIGN §3's properties: bounded, monotone, and equal to the sum of the explained parts.</summary>
    [TestClass]
    public sealed class ImpactScorerProperties
    {
        private static readonly DateTime Base = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime Now = Base.AddDays(200);
        private static readonly ScoringSettings Defaults = new ScoringSettings();

        /// <summary>Facts and a way to make them worse, both derived from plain integers so they shrink.</summary>
        private static Arbitrary<int[]> Seeds()
        {
            return Gen.ArrayOf(Gen.Choose(0, 1 << 28), 12).ToArbitrary();
        }

        private static InconvenienceFacts FactsFrom(int[] a)
        {
            var promised = a[1] % 8 == 0 ? (DateTime?)null : Base;
            var lateMinutes = (a[2] % (420 * 1440)) - (30 * 1440);
            return new InconvenienceFacts
            {
                Kind = (InconvenienceKind)(a[0] % 6),
                PromisedOn = promised,
                ResolvedOn = a[3] % 4 == 0 ? (DateTime?)null : Base.AddMinutes(lateMinutes),
                OrderValue = a[4] % 5 == 0 ? (decimal?)null : (a[5] % 2000000) + ((a[5] % 100) / 100m),
                ReportedLoss = a[6] % 3 == 0 ? (decimal?)(a[6] % 100000) : null,
                BusinessCritical = a[7] % 2 == 0,
                Tier = a[8] % 4 == 3 ? (CustomerTier?)null : (CustomerTier)(a[8] % 4),
                OtherRecentCount = a[9] % 8,
            };
        }

        /// <summary>One or all of: later resolution, critical on, more money, higher tier, more recurrences.</summary>
        private static InconvenienceFacts Worsen(InconvenienceFacts facts, int how, int amount)
        {
            var worse = facts.Clone();
            var all = how % 7 == 6;
            if (all || how % 7 == 0)
            {
                if (worse.ResolvedOn.HasValue)
                {
                    worse.ResolvedOn = worse.ResolvedOn.Value.AddMinutes(amount % (100 * 1440));
                }
                else if (worse.PromisedOn.HasValue)
                {
                    worse.PromisedOn = worse.PromisedOn.Value.AddMinutes(-(amount % (100 * 1440)));
                }
            }

            if (all || how % 7 == 1)
            {
                worse.BusinessCritical = true;
            }

            if (all || how % 7 == 2)
            {
                worse.OrderValue = (worse.OrderValue ?? 0m) + (amount % 1000000);
            }

            if (all || how % 7 == 3)
            {
                worse.ReportedLoss = (worse.ReportedLoss ?? 0m) + (amount % 1000000);
            }

            if (all || how % 7 == 4)
            {
                worse.Tier = worse.Tier == null ? CustomerTier.Standard : (CustomerTier)Math.Min(2, (int)worse.Tier.Value + 1);
            }

            if (all || how % 7 == 5)
            {
                worse.OtherRecentCount += 1 + (amount % 5);
            }

            return worse;
        }

        private static void Check(Func<int[], bool> property)
        {
            Prop.ForAll(Seeds(), property).QuickCheckThrowOnFailure();
        }

        [TestMethod]
        public void Score_is_within_0_and_100()
        {
            Check(a =>
            {
                var result = ImpactScorer.Assess(FactsFrom(a), Defaults, Now);
                return result.Score >= 0 && result.Score <= 100 && !double.IsNaN(result.DaysLate) && result.EstimatedLoss >= 0;
            });
        }

        [TestMethod]
        public void Score_is_within_0_and_100_even_with_generous_settings()
        {
            var generous = new ScoringSettings { DelayMaxPoints = 60, CriticalPoints = 50, MoneyMaxPoints = 40, RecurrenceMaxPoints = 40, RecurrencePointsEach = 10 };
            Check(a =>
            {
                var result = ImpactScorer.Assess(FactsFrom(a), generous, Now);
                return result.Score >= 0 && result.Score <= 100 && result.Score == Math.Min(100, result.UncappedScore);
            });
        }

        [TestMethod]
        public void Score_never_decreases_when_an_input_worsens()
        {
            Check(a =>
            {
                var facts = FactsFrom(a);
                var worse = Worsen(facts, a[10], a[11]);
                return ImpactScorer.Assess(worse, Defaults, Now).Score >= ImpactScorer.Assess(facts, Defaults, Now).Score;
            });
        }

        [TestMethod]
        public void Score_never_decreases_as_time_passes_while_ongoing()
        {
            Check(a =>
            {
                var facts = FactsFrom(a);
                facts.ResolvedOn = null;
                var later = Now.AddMinutes(a[11] % (100 * 1440));
                return ImpactScorer.Assess(facts, Defaults, later).Score >= ImpactScorer.Assess(facts, Defaults, Now).Score;
            });
        }

        [TestMethod]
        public void Score_equals_the_sum_of_the_explained_parts()
        {
            Check(a =>
            {
                var result = ImpactScorer.Assess(FactsFrom(a), Defaults, Now);
                var sum = result.Components.Sum(c => c.Points);
                var explainedSum = result.Components.Where(c => c.Explained).Sum(c => c.Points);
                var everyPartWritten = result.Components.Where(c => c.Explained).All(c => result.Explanation.Contains(c.ToString()));
                var everyScoredPartExplained = result.Components.All(c => c.Points == 0 || c.Explained);
                return result.Score == Math.Min(100, sum) && sum == explainedSum && everyPartWritten && everyScoredPartExplained
                    && (sum > 100 || result.Score == sum)
                    && result.Explanation.StartsWith("Impact " + result.Score + "/100 (" + ImpactScorer.BandName(result.Band), StringComparison.Ordinal);
            });
        }

        [TestMethod]
        public void Same_input_gives_the_same_output()
        {
            Check(a =>
            {
                var first = ImpactScorer.Assess(FactsFrom(a), Defaults, Now);
                var second = ImpactScorer.Assess(FactsFrom(a), Defaults, Now);
                return first.Score == second.Score && first.Band == second.Band && first.EstimatedLoss == second.EstimatedLoss
                    && first.Explanation == second.Explanation && first.DaysLate.Equals(second.DaysLate);
            });
        }

        [TestMethod]
        public void Band_agrees_with_the_score()
        {
            Check(a =>
            {
                var result = ImpactScorer.Assess(FactsFrom(a), Defaults, Now);
                var expected = result.Score >= 75 ? ImpactBand.Severe : result.Score >= 50 ? ImpactBand.High
                    : result.Score >= 25 ? ImpactBand.Moderate : ImpactBand.Low;
                return result.Band == expected;
            });
        }
    }
}
