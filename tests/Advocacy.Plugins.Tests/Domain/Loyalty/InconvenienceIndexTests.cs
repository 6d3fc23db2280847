using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.Loyalty;
using Advocacy.Plugins.Domain.Settings;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Loyalty
{
    [TestClass]
    public sealed class InconvenienceIndexTests
    {
        private static readonly DateTime Now = new DateTime(2025, 6, 1, 9, 0, 0, DateTimeKind.Utc);

        private static int Index(params ScoredEvent[] events) => InconvenienceIndex.Compute(events, new IndexSettings(), Now);

        private static ScoredEvent Aged(double days, int score) => new ScoredEvent(Now.AddDays(-days), score);

        [TestMethod]
        public void No_events_is_zero()
        {
            Assert.AreEqual(0, Index());
        }

        [TestMethod]
        [DataRow(0.0, 80, 80)]
        [DataRow(30.0, 80, 40)]   // one half-life: half
        [DataRow(60.0, 80, 20)]
        [DataRow(90.0, 80, 10)]
        [DataRow(15.0, 80, 57)]   // 80 / √2 = 56.57
        public void Events_decay_with_a_30_day_half_life(double ageDays, int score, int expected)
        {
            Assert.AreEqual(expected, Index(Aged(ageDays, score)));
        }

        [TestMethod]
        public void Window_keeps_180_days_inclusive()
        {
            Assert.AreEqual(2, Index(Aged(180, 100)));          // 100 / 64 = 1.56
            // Ages are whole calendar days (issue 12): earlier on the 180th day before still counts, the day before that not.
            Assert.AreEqual(2, Index(Aged(180.001, 100)));
            Assert.AreEqual(0, Index(Aged(181, 100)));
            Assert.AreEqual(0, Index(Aged(400, 100)));
        }

        [TestMethod]
        public void Ages_are_calendar_days_in_the_account_owners_zone()
        {
            var now = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);            // 10 Mar 22:00 in Auckland
            var events = new[] { new ScoredEvent(new DateTime(2026, 2, 8, 12, 0, 0, DateTimeKind.Utc), 100) }; // 9 Feb 01:00 there
            var auckland = new Advocacy.Plugins.Domain.Time.ZoneRules(TimeZoneInfo.FindSystemTimeZoneById("New Zealand Standard Time"));

            Assert.AreEqual(50, InconvenienceIndex.Compute(events, new IndexSettings(), now));            // 30 days in UTC
            Assert.AreEqual(51, InconvenienceIndex.Compute(events, new IndexSettings(), now, auckland));  // 29 days: 100 × 0.5^(29/30)
        }

        [TestMethod]
        public void Sum_is_capped_at_100()
        {
            Assert.AreEqual(100, Index(Aged(0, 60), Aged(1, 60), Aged(2, 60)));
        }

        [TestMethod]
        public void Rounds_half_away_from_zero_after_the_cap()
        {
            Assert.AreEqual(1, Index(Aged(30, 1)));              // 0.5 → 1
            Assert.AreEqual(0.5, InconvenienceIndex.ComputeExact(new[] { Aged(30, 1) }, new IndexSettings(), Now), 1e-12);
            Assert.AreEqual(90, InconvenienceIndex.Compute(new[] { Aged(0, 100) }, new IndexSettings { Cap = 90 }, Now));
        }

        [TestMethod]
        public void Future_events_count_fully_and_bad_scores_are_clamped()
        {
            Assert.AreEqual(50, Index(Aged(-2, 50)));
            Assert.AreEqual(100, Index(Aged(0, 500)));
            Assert.AreEqual(0, Index(Aged(0, -20)));
        }

        [TestMethod]
        public void Settings_change_the_decay_and_window()
        {
            var settings = new IndexSettings { HalfLifeDays = 10, WindowDays = 20 };
            Assert.AreEqual(20, InconvenienceIndex.Compute(new[] { Aged(10, 40), Aged(21, 100) }, settings, Now));
        }

        [TestMethod]
        public void Index_is_bounded_and_grows_with_more_events()
        {
            var gen = Gen.ListOf(Gen.Choose(0, 100).SelectMany(score => Gen.Choose(-2, 400), (score, age) => Aged(age, score)));
            Prop.ForAll(Gen.Two(gen).ToArbitrary(), pair =>
            {
                var some = pair.Item1.ToList();
                var more = some.Concat(pair.Item2).ToList();
                var a = Index(some.ToArray());
                var b = Index(more.ToArray());
                return a >= 0 && a <= 100 && b >= a;
            }).QuickCheckThrowOnFailure();
        }
    }
}
