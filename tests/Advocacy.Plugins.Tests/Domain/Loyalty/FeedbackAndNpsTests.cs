using System;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Loyalty;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Loyalty
{
    [TestClass]
    public sealed class FeedbackAndNpsTests
    {
        [TestMethod]
        [DataRow(10, null, FeedbackSentiment.Promoter)]
        [DataRow(9, null, FeedbackSentiment.Promoter)]
        [DataRow(8, null, FeedbackSentiment.Passive)]
        [DataRow(7, null, FeedbackSentiment.Passive)]
        [DataRow(6, null, FeedbackSentiment.Detractor)]
        [DataRow(0, null, FeedbackSentiment.Detractor)]
        [DataRow(10, 2, FeedbackSentiment.Detractor)]
        [DataRow(9, 3, FeedbackSentiment.Promoter)]
        [DataRow(null, 1, FeedbackSentiment.Detractor)]
        [DataRow(null, 3, FeedbackSentiment.Passive)]
        [DataRow(null, 5, FeedbackSentiment.Promoter)]
        public void Classification(int? nps, int? csat, FeedbackSentiment expected)
        {
            Assert.AreEqual(expected, FeedbackScore.Create(nps, csat).Sentiment);
        }

        [TestMethod]
        public void Invalid_feedback_tells_the_user_what_to_enter()
        {
            var none = Assert.ThrowsExactly<FeedbackInputException>(() => FeedbackScore.Create(null, null));
            Assert.AreEqual("Enter an NPS score (0 to 10) or a CSAT score (1 to 5): the feedback has neither.", none.Message);
            Assert.AreEqual("Enter an NPS score from 0 to 10 (found 11).", Assert.ThrowsExactly<FeedbackInputException>(() => FeedbackScore.Create(11, 4)).Message);
            Assert.AreEqual("Nps", Assert.ThrowsExactly<FeedbackInputException>(() => FeedbackScore.Create(-1, null)).Field);
            Assert.AreEqual("Enter a CSAT score from 1 to 5 (found 0).", Assert.ThrowsExactly<FeedbackInputException>(() => FeedbackScore.Create(null, 0)).Message);
            Assert.IsInstanceOfType<AdvocacyInputException>(none);
        }

        [TestMethod]
        public void Detractor_thresholds_are_configurable()
        {
            var answer = FeedbackScore.Create(6, 3);
            Assert.IsTrue(answer.IsDetractorBy(6, 2));
            Assert.IsFalse(answer.IsDetractorBy(5, 2));
            Assert.IsTrue(answer.IsDetractorBy(5, 3));
        }

        [TestMethod]
        public void Nps_is_percent_promoters_minus_percent_detractors()
        {
            Assert.AreEqual(20, NetPromoterScore.Compute(new[] { 10, 9, 8, 7, 6 }));
            Assert.AreEqual(100, NetPromoterScore.Compute(new[] { 9, 10 }));
            Assert.AreEqual(-100, NetPromoterScore.Compute(new[] { 0, 6 }));
            Assert.AreEqual(0, NetPromoterScore.Compute(new[] { 7, 8 }));
            Assert.AreEqual(33, NetPromoterScore.Compute(new[] { 10, 8, 8 }));   // 33.3
            Assert.AreEqual(67, NetPromoterScore.Compute(new[] { 10, 10, 8 }));  // 66.7
        }

        [TestMethod]
        public void Nps_rounds_half_away_from_zero()
        {
            Assert.AreEqual(13, NetPromoterScore.Compute(new[] { 10, 8, 8, 8, 8, 8, 8, 8 }));   // 12.5
            Assert.AreEqual(-13, NetPromoterScore.Compute(new[] { 1, 8, 8, 8, 8, 8, 8, 8 }));   // −12.5
        }

        [TestMethod]
        public void Nps_of_nobody_is_unknown_not_zero()
        {
            Assert.IsNull(NetPromoterScore.Compute(Enumerable.Empty<int>()));
            Assert.AreEqual(0, NetPromoterScore.Summarize(Array.Empty<int>()).Responses);
        }

        [TestMethod]
        public void Nps_refuses_values_off_the_scale()
        {
            Assert.ThrowsExactly<FeedbackInputException>(() => NetPromoterScore.Compute(new[] { 9, 11 }));
        }

        [TestMethod]
        public void Summary_counts_and_format()
        {
            var summary = NetPromoterScore.Summarize(new[] { 10, 9, 8, 2 });
            Assert.AreEqual(2, summary.Promoters);
            Assert.AreEqual(1, summary.Passives);
            Assert.AreEqual(1, summary.Detractors);
            Assert.AreEqual(25, summary.Score);
            Assert.AreEqual("+25", NetPromoterScore.Format(25));
            Assert.AreEqual("-12", NetPromoterScore.Format(-12));
            Assert.AreEqual("0", NetPromoterScore.Format(0));
        }

        [TestMethod]
        public void Nps_is_between_minus_100_and_100()
        {
            Prop.ForAll(Gen.NonEmptyListOf(Gen.Choose(0, 10)).ToArbitrary(), values =>
            {
                var score = NetPromoterScore.Compute(values).GetValueOrDefault(int.MinValue);
                var promoters = values.Count(v => v >= 9);
                var detractors = values.Count(v => v <= 6);
                var exact = 100.0 * (promoters - detractors) / values.Count();
                return score >= -100 && score <= 100 && Math.Abs(score - exact) <= 0.5 + 1e-9;
            }).QuickCheckThrowOnFailure();
        }
    }
}
