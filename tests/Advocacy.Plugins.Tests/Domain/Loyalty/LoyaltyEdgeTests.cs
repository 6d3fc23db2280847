using System;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Loyalty;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Loyalty
{
    /// <summary>
    /// The edges the loyalty tests left open: a CSAT of exactly 4 (promoter, not passive), every reason line
    /// at its threshold, and the index's own settings checks.
    /// </summary>
    [TestClass]
    public sealed class LoyaltyEdgeTests
    {
        private static readonly DateTime Now = new DateTime(2025, 6, 1, 9, 0, 0, DateTimeKind.Utc);

        private static LoyaltyRiskAssessment Risk(int? nps, int? csat, double index) =>
            LoyaltyRiskRules.Assess(nps, csat, index, new LoyaltyRiskSettings());

        [TestMethod]
        [DataRow(4, FeedbackSentiment.Promoter)]
        [DataRow(5, FeedbackSentiment.Promoter)]
        [DataRow(3, FeedbackSentiment.Passive)]
        [DataRow(2, FeedbackSentiment.Detractor)]
        public void Csat_alone_4_and_up_is_a_promoter_3_passive_2_and_below_a_detractor(int csat, FeedbackSentiment expected)
        {
            Assert.AreEqual(expected, FeedbackScore.Create(null, csat).Sentiment);
        }

        [TestMethod]
        public void With_an_nps_a_csat_of_3_or_more_leaves_the_nps_in_charge()
        {
            Assert.AreEqual(FeedbackSentiment.Passive, FeedbackScore.Create(8, 3).Sentiment);
            Assert.AreEqual(FeedbackSentiment.Detractor, FeedbackScore.Create(6, 5).Sentiment);
            Assert.AreEqual(FeedbackSentiment.Promoter, FeedbackScore.Create(9, 4).Sentiment);
        }

        [TestMethod]
        public void Scores_off_the_scale_name_the_field_and_the_value()
        {
            FeedbackInputException high = Assert.ThrowsExactly<FeedbackInputException>(() => FeedbackScore.Create(null, 6));
            Assert.AreEqual("Csat", high.Field);
            Assert.AreEqual("Enter a CSAT score from 1 to 5 (found 6).", high.Message);
            Assert.AreEqual("Nps, Csat", Assert.ThrowsExactly<FeedbackInputException>(() => FeedbackScore.Create(null, null)).Field);
            Assert.AreEqual("Enter an NPS score from 0 to 10 (found -1).", Assert.ThrowsExactly<FeedbackInputException>(() => FeedbackScore.ClassifyNps(-1)).Message);
            Assert.AreEqual(FeedbackSentiment.Detractor, FeedbackScore.ClassifyNps(0));
            Assert.AreEqual(FeedbackSentiment.Promoter, FeedbackScore.ClassifyNps(10));
            Assert.AreEqual(1, FeedbackScore.Create(null, 1).Csat);
            Assert.AreEqual(5, FeedbackScore.Create(null, 5).Csat);
            Assert.AreEqual(0, FeedbackScore.Create(0, null).Nps);
        }

        [TestMethod]
        public void Detractor_by_thresholds_uses_either_score()
        {
            Assert.IsTrue(FeedbackScore.Create(null, 2).IsDetractorBy(6, 2));
            Assert.IsFalse(FeedbackScore.Create(null, 3).IsDetractorBy(6, 2));
            Assert.IsTrue(FeedbackScore.Create(6, null).IsDetractorBy(6, 2));
            Assert.IsFalse(FeedbackScore.Create(7, null).IsDetractorBy(6, 2));
            Assert.IsFalse(FeedbackScore.Create(7, 3).IsDetractorBy(6, 2));
        }

        [TestMethod]
        public void Nps_from_counts_and_summary_responses()
        {
            Assert.IsNull(NetPromoterScore.FromCounts(0, 0, 0));
            Assert.AreEqual(-50, NetPromoterScore.FromCounts(1, 3, 4));
            var summary = new NetPromoterSummary(3, 2, 1);
            Assert.AreEqual(6, summary.Responses);
            Assert.AreEqual(33, summary.Score);
            Assert.IsNull(new NetPromoterSummary(0, 0, 0).Score);
            Assert.AreEqual("+1", NetPromoterScore.Format(1));
            Assert.AreEqual("-1", NetPromoterScore.Format(-1));
            Assert.AreEqual("npsValues", Assert.ThrowsExactly<ArgumentNullException>(() => NetPromoterScore.Summarize(null!)).ParamName);
        }

        [TestMethod]
        public void Risk_reasons_at_each_threshold()
        {
            Assert.AreEqual("High: last CSAT 2 (2 or lower).", Risk(null, 2, 0).Reason);
            Assert.AreEqual("High: last NPS 6 (6 or lower); last CSAT 1 (2 or lower); inconvenience index 60 (60 or more).", Risk(6, 1, 60).Reason);
            Assert.AreEqual("Medium: last NPS 8 (8 or lower).", Risk(8, 4, 0).Reason);
            Assert.AreEqual("Medium: last NPS 7 (8 or lower); last CSAT 3 (3 or lower); inconvenience index 30 (30 or more).", Risk(7, 3, 30).Reason);
            Assert.AreEqual(LoyaltyRisk.Medium, Risk(null, null, 59.99).Risk);
            Assert.AreEqual("Medium: inconvenience index 60 (30 or more).", Risk(null, null, 59.5).Reason, "shown rounded half away from zero");
            Assert.AreEqual("Low: last CSAT 4; inconvenience index 30 (below 30).", Risk(null, 4, 29.5).Reason);
            Assert.AreEqual(LoyaltyRisk.Low, Risk(9, 4, 29.99).Risk);
        }

        [TestMethod]
        public void Fractional_thresholds_are_shown_as_written()
        {
            var settings = new LoyaltyRiskSettings { MediumIndexAtLeast = 12.5, HighIndexAtLeast = 40.25 };
            Assert.AreEqual("Medium: inconvenience index 13 (12.5 or more).", LoyaltyRiskRules.Assess(null, null, 12.5, settings).Reason);
            Assert.AreEqual("High: inconvenience index 41 (40.25 or more).", LoyaltyRiskRules.Assess(null, null, 40.6, settings).Reason);
            Assert.AreEqual("Low: no feedback yet; inconvenience index 12 (below 12.5).", LoyaltyRiskRules.Assess(null, null, 12.4, settings).Reason);
        }

        [TestMethod]
        public void Risk_refuses_missing_settings_and_an_index_that_is_not_a_number()
        {
            Assert.AreEqual("settings", Assert.ThrowsExactly<ArgumentNullException>(() => LoyaltyRiskRules.Assess(null, null, 0, null!)).ParamName);
            ArgumentException nan = Assert.ThrowsExactly<ArgumentException>(() => Risk(null, null, double.NaN));
            Assert.AreEqual("index", nan.ParamName);
            StringAssert.StartsWith(nan.Message, "The inconvenience index is not a number.");
            Assert.ThrowsExactly<FeedbackInputException>(() => Risk(9, 6, 0), "a stored CSAT off the scale is refused even with a valid NPS");
        }

        [TestMethod]
        public void Index_settings_are_checked()
        {
            var events = new[] { new ScoredEvent(Now, 10) };
            void Refused(IndexSettings s)
            {
                ArgumentException e = Assert.ThrowsExactly<ArgumentException>(() => InconvenienceIndex.ComputeExact(events, s, Now));
                Assert.AreEqual("settings", e.ParamName);
                StringAssert.StartsWith(e.Message, "Index settings are out of range.");
            }

            Refused(new IndexSettings { HalfLifeDays = 0 });
            Refused(new IndexSettings { HalfLifeDays = -1 });
            Refused(new IndexSettings { HalfLifeDays = double.NaN });
            Refused(new IndexSettings { HalfLifeDays = double.PositiveInfinity });
            Refused(new IndexSettings { WindowDays = -1 });
            Refused(new IndexSettings { Cap = -0.5 });
            Refused(new IndexSettings { Cap = double.NaN });
            Refused(new IndexSettings { Cap = double.PositiveInfinity });

            Assert.AreEqual(10.0, InconvenienceIndex.ComputeExact(events, new IndexSettings { WindowDays = 0 }, Now), "age 0 is inside a 0-day window");
            Assert.AreEqual(0.0, InconvenienceIndex.ComputeExact(events, new IndexSettings { Cap = 0 }, Now));
            Assert.AreEqual(10.0, InconvenienceIndex.ComputeExact(events, new IndexSettings { HalfLifeDays = 0.001 }, Now));
            Assert.AreEqual("events", Assert.ThrowsExactly<ArgumentNullException>(() => InconvenienceIndex.ComputeExact(null!, new IndexSettings(), Now)).ParamName);
            Assert.AreEqual("settings", Assert.ThrowsExactly<ArgumentNullException>(() => InconvenienceIndex.ComputeExact(events, null!, Now)).ParamName);
        }

        [TestMethod]
        public void Missing_events_are_skipped_and_the_window_edge_is_exact()
        {
            Assert.AreEqual(10, InconvenienceIndex.Compute(new[] { null!, new ScoredEvent(Now, 10) }, new IndexSettings(), Now));
            var settings = new IndexSettings { WindowDays = 2, HalfLifeDays = 1 };
            Assert.AreEqual(25.0, InconvenienceIndex.ComputeExact(new[] { new ScoredEvent(Now.AddDays(-2), 100) }, settings, Now), 1e-9);
            Assert.AreEqual(25.0, InconvenienceIndex.ComputeExact(new[] { new ScoredEvent(Now.AddDays(-2).AddTicks(-1), 100) }, settings, Now), 1e-9, "the same calendar day: age 2");
            Assert.AreEqual(0.0, InconvenienceIndex.ComputeExact(new[] { new ScoredEvent(Now.AddDays(-3), 100) }, settings, Now));
            Assert.AreEqual(100.0, InconvenienceIndex.ComputeExact(new[] { new ScoredEvent(Now.AddDays(3), 100) }, settings, Now), "from the future: age 0");
        }
    }
}
