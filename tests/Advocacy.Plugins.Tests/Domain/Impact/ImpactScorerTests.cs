using System;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Impact;
using Advocacy.Plugins.Domain.Time;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Impact
{
    [TestClass]
    public sealed class ImpactScorerTests
    {
        private static readonly DateTime Promised = new DateTime(2025, 3, 3, 0, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime Now = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

        private static InconvenienceFacts Seed()
        {
            return new InconvenienceFacts
            {
                Kind = InconvenienceKind.LateDelivery,
                PromisedOn = Promised,
                ResolvedOn = Promised.AddDays(12),
                OrderValue = 48000m,
                BusinessCritical = true,
                Tier = CustomerTier.Strategic,
                OtherRecentCount = 2,
            };
        }

        private static InconvenienceFacts Plain()
        {
            return new InconvenienceFacts { Kind = InconvenienceKind.LateDelivery, PromisedOn = Promised, ResolvedOn = Promised };
        }

        private static int PointsOf(ImpactAssessment assessment, ImpactComponentKind kind)
        {
            return assessment.Components.Single(c => c.Kind == kind).Points;
        }

        [TestMethod]
        public void Seed_example_from_the_design_scores_82_severe_with_the_exact_explanation()
        {
            var result = ImpactScorer.Assess(Seed(), new ScoringSettings(), Now);

            Assert.AreEqual(82, result.Score);
            Assert.AreEqual(ImpactBand.Severe, result.Band);
            Assert.AreEqual(5760m, result.EstimatedLoss);
            Assert.IsFalse(result.LossReported);
            Assert.AreEqual(12.0, result.DaysLate);
            Assert.AreEqual(12, result.WholeDaysLate);
            Assert.AreEqual(
                "Impact 82/100 (severe): delivered 12 days late (+29); business-critical order (+20); $48,000 at stake (+8); "
                + "strategic customer (+15); 2 similar issues in 90 days (+10). Estimated customer loss $5,760.",
                result.Explanation);
            CollectionAssert.AreEqual(new[] { 29, 20, 8, 15, 10 }, result.Components.Select(c => c.Points).ToArray());
        }

        [TestMethod]
        public void Default_overload_uses_the_design_defaults()
        {
            Assert.AreEqual(82, ImpactScorer.Assess(Seed(), Now).Score);
        }

        [TestMethod]
        [DataRow(0.0, 0)]
        [DataRow(-3.0, 0)]
        [DataRow(1.0, 5)]      // 35 × (1 − e^(−1/7)) = 4.66
        [DataRow(7.0, 22)]     // 35 × (1 − 1/e) = 22.12
        [DataRow(12.0, 29)]    // 28.74
        [DataRow(29.0, 34)]    // 34.44
        [DataRow(30.0, 35)]    // 34.52
        [DataRow(10000.0, 35)] // saturated
        public void Delay_points_follow_the_saturating_curve(double days, int expected)
        {
            var facts = Plain();
            facts.ResolvedOn = Promised.AddDays(days);
            Assert.AreEqual(expected, PointsOf(ImpactScorer.Assess(facts, new ScoringSettings(), Now), ImpactComponentKind.Delay));
        }

        [TestMethod]
        public void Resolved_before_or_on_the_promise_is_on_time_and_scores_no_delay()
        {
            var facts = Plain();
            facts.ResolvedOn = Promised.AddDays(-2);
            var result = ImpactScorer.Assess(facts, new ScoringSettings(), Now);
            Assert.AreEqual(0, result.Score);
            Assert.AreEqual(0.0, result.DaysLate);
            Assert.AreEqual("Impact 0/100 (low): delivered on time. No order value or reported loss: customer loss not estimated.", result.Explanation);

            facts.Kind = InconvenienceKind.BillingError;
            StringAssert.Contains(ImpactScorer.Assess(facts, new ScoringSettings(), Now).Explanation, "resolved by the promised date");
        }

        [TestMethod]
        public void Missing_promised_date_is_explained_not_guessed()
        {
            var facts = Seed();
            facts.PromisedOn = null;
            var result = ImpactScorer.Assess(facts, new ScoringSettings(), Now);
            Assert.AreEqual(0, PointsOf(result, ImpactComponentKind.Delay));
            Assert.AreEqual(53, result.Score);
            Assert.AreEqual(0m, result.EstimatedLoss);
            StringAssert.StartsWith(result.Explanation, "Impact 53/100 (high): no promised date: delay not scored; business-critical order (+20)");
            StringAssert.EndsWith(result.Explanation, "Estimated customer loss $0.");
        }

        [TestMethod]
        public void Ongoing_inconvenience_counts_until_now()
        {
            var facts = Plain();
            facts.ResolvedOn = null;
            facts.PromisedOn = Now.AddDays(-3);
            var result = ImpactScorer.Assess(facts, new ScoringSettings(), Now);
            Assert.AreEqual(3.0, result.DaysLate);
            StringAssert.Contains(result.Explanation, "3 days late and still open (+12)");

            facts.PromisedOn = Now.AddDays(2);
            StringAssert.Contains(ImpactScorer.Assess(facts, new ScoringSettings(), Now).Explanation, "still open, not yet past the promised date");
        }

        [TestMethod]
        public void Wording_follows_the_kind_and_number()
        {
            var facts = Plain();
            facts.ResolvedOn = Promised.AddDays(1);
            StringAssert.Contains(ImpactScorer.Assess(facts, new ScoringSettings(), Now).Explanation, "delivered 1 day late (+5)");

            facts.Kind = InconvenienceKind.ServiceOutage;
            facts.BusinessCritical = true;
            var outage = ImpactScorer.Assess(facts, new ScoringSettings(), Now).Explanation;
            StringAssert.Contains(outage, "resolved 1 day after the promised date (+5)");
            StringAssert.Contains(outage, "business-critical service (+20)");

            facts.OtherRecentCount = 1;
            StringAssert.Contains(ImpactScorer.Assess(facts, new ScoringSettings(), Now).Explanation, "1 similar issue in 90 days (+5)");
        }

        [TestMethod]
        public void Days_late_are_whole_calendar_days_between_the_dates_as_the_account_owner_sees_them()
        {
            // The case: promised 26 Feb and delivered 10 Mar, entered by a Pacific user (midnight local each
            // time); the instants are 11.96 days apart across the change to daylight saving time (08:00Z → 07:00Z).
            var facts = Seed();
            facts.Zone = new ZoneRules(TimeZoneInfo.FindSystemTimeZoneById("Pacific Standard Time"));
            facts.PromisedOn = new DateTime(2026, 2, 26, 8, 0, 0, DateTimeKind.Utc);
            facts.ResolvedOn = new DateTime(2026, 3, 10, 7, 0, 0, DateTimeKind.Utc);
            var result = ImpactScorer.Assess(facts, new ScoringSettings(), Now);
            Assert.AreEqual(12, result.WholeDaysLate);
            Assert.AreEqual(5760m, result.EstimatedLoss);
            StringAssert.Contains(result.Explanation, "delivered 12 days late (+29)");

            // In Honolulu 26 Feb 09:00Z is still 25 Feb and 10 Mar 11:00Z is 10 Mar: 13 calendar days there.
            facts.Zone = new ZoneRules(TimeZoneInfo.FindSystemTimeZoneById("Hawaiian Standard Time"));
            facts.PromisedOn = new DateTime(2026, 2, 26, 9, 0, 0, DateTimeKind.Utc);
            facts.ResolvedOn = new DateTime(2026, 3, 10, 11, 0, 0, DateTimeKind.Utc);
            Assert.AreEqual(13, ImpactScorer.Assess(facts, new ScoringSettings(), Now).WholeDaysLate);

            facts.ResolvedOn = facts.PromisedOn.Value.AddMinutes(30); // 23:30 the same day in Honolulu: not a day late
            result = ImpactScorer.Assess(facts, new ScoringSettings(), Now);
            Assert.AreEqual(0, result.WholeDaysLate);
            StringAssert.Contains(result.Explanation, "on time");
        }

        [TestMethod]
        public void Critical_flag_is_worth_20()
        {
            var facts = Plain();
            Assert.AreEqual(0, PointsOf(ImpactScorer.Assess(facts, new ScoringSettings(), Now), ImpactComponentKind.BusinessCritical));
            facts.BusinessCritical = true;
            Assert.AreEqual(20, PointsOf(ImpactScorer.Assess(facts, new ScoringSettings(), Now), ImpactComponentKind.BusinessCritical));
        }

        [TestMethod]
        [DataRow(0.0, 0)]
        [DataRow(100.0, 0)]        // 15 × log10(1.1)/3 = 0.21
        [DataRow(1000.0, 2)]       // 1.505
        [DataRow(9000.0, 5)]       // log10(10) = 1 → 5
        [DataRow(48000.0, 8)]      // 8.45
        [DataRow(999000.0, 15)]    // log10(1000)/3 = 1
        [DataRow(5000000.0, 15)]   // capped
        public void Money_points_grow_logarithmically_and_cap(double amount, int expected)
        {
            var facts = Plain();
            facts.OrderValue = (decimal)amount;
            Assert.AreEqual(expected, PointsOf(ImpactScorer.Assess(facts, new ScoringSettings(), Now), ImpactComponentKind.MoneyAtStake));
        }

        [TestMethod]
        public void Money_at_stake_adds_order_value_and_reported_loss()
        {
            var facts = Plain();
            facts.OrderValue = 4000m;
            facts.ReportedLoss = 5000m;
            var result = ImpactScorer.Assess(facts, new ScoringSettings(), Now);
            Assert.AreEqual(5, PointsOf(result, ImpactComponentKind.MoneyAtStake));
            StringAssert.Contains(result.Explanation, "$9,000 at stake (+5)");
        }

        [TestMethod]
        [DataRow(null, 0)]
        [DataRow(CustomerTier.Standard, 0)]
        [DataRow(CustomerTier.Key, 8)]
        [DataRow(CustomerTier.Strategic, 15)]
        public void Tier_points(CustomerTier? tier, int expected)
        {
            var facts = Plain();
            facts.Tier = tier;
            var result = ImpactScorer.Assess(facts, new ScoringSettings(), Now);
            Assert.AreEqual(expected, PointsOf(result, ImpactComponentKind.CustomerTier));
            Assert.AreEqual(expected > 0, result.Explanation.Contains("customer (+"));
        }

        [TestMethod]
        [DataRow(0, 0)]
        [DataRow(1, 5)]
        [DataRow(2, 10)]
        [DataRow(3, 15)]
        [DataRow(4, 15)]
        [DataRow(1000, 15)]
        public void Recurrence_is_5_each_capped_at_15(int others, int expected)
        {
            var facts = Plain();
            facts.OtherRecentCount = others;
            Assert.AreEqual(expected, PointsOf(ImpactScorer.Assess(facts, new ScoringSettings(), Now), ImpactComponentKind.Recurrence));
        }

        [TestMethod]
        [DataRow(0, ImpactBand.Low)]
        [DataRow(24, ImpactBand.Low)]
        [DataRow(25, ImpactBand.Moderate)]
        [DataRow(49, ImpactBand.Moderate)]
        [DataRow(50, ImpactBand.High)]
        [DataRow(74, ImpactBand.High)]
        [DataRow(75, ImpactBand.Severe)]
        [DataRow(100, ImpactBand.Severe)]
        public void Bands_are_half_open(int score, ImpactBand expected)
        {
            Assert.AreEqual(expected, ImpactScorer.BandOf(score, new ScoringSettings()));
        }

        [TestMethod]
        public void Band_boundaries_through_whole_assessments()
        {
            // 20 (critical) + 5 (one recurrence) = 25 → moderate; 20 alone → low.
            var facts = Plain();
            facts.BusinessCritical = true;
            Assert.AreEqual(ImpactBand.Low, ImpactScorer.Assess(facts, new ScoringSettings(), Now).Band);
            facts.OtherRecentCount = 1;
            var result = ImpactScorer.Assess(facts, new ScoringSettings(), Now);
            Assert.AreEqual(25, result.Score);
            Assert.AreEqual(ImpactBand.Moderate, result.Band);
        }

        [TestMethod]
        public void Reported_loss_replaces_the_estimate()
        {
            var facts = Seed();
            facts.ReportedLoss = 12000m;
            var result = ImpactScorer.Assess(facts, new ScoringSettings(), Now);
            Assert.AreEqual(12000m, result.EstimatedLoss);
            Assert.IsTrue(result.LossReported);
            StringAssert.EndsWith(result.Explanation, "Customer-reported loss $12,000.");
        }

        [TestMethod]
        public void Zero_reported_loss_counts_as_not_reported()
        {
            var facts = Seed();
            facts.ReportedLoss = 0m;
            Assert.AreEqual(5760m, ImpactScorer.Assess(facts, new ScoringSettings(), Now).EstimatedLoss);
        }

        [TestMethod]
        public void Loss_days_cap_at_60_and_absurd_delays_stay_finite()
        {
            var facts = Seed();
            facts.ResolvedOn = Promised.AddDays(10000);
            var result = ImpactScorer.Assess(facts, new ScoringSettings(), Now);
            Assert.AreEqual(35, PointsOf(result, ImpactComponentKind.Delay));
            Assert.AreEqual(48000m * 0.005m * 60 * 2, result.EstimatedLoss);
            Assert.AreEqual(10000, result.WholeDaysLate);
            Assert.IsFalse(double.IsNaN(result.DaysLate));

            facts.PromisedOn = DateTime.MinValue;
            facts.ResolvedOn = DateTime.MaxValue;
            facts.OrderValue = ImpactScorer.MaxAmount;
            facts.ReportedLoss = null;
            result = ImpactScorer.Assess(facts, new ScoringSettings(), Now);
            Assert.AreEqual(95, result.Score); // 35 + 20 + 15 + 15 + 10
            Assert.AreEqual(ImpactScorer.MaxAmount * 0.6m, result.EstimatedLoss);
        }

        [TestMethod]
        public void Non_critical_loss_is_half_a_percent_per_day()
        {
            var facts = Seed();
            facts.BusinessCritical = false;
            Assert.AreEqual(2880m, ImpactScorer.Assess(facts, new ScoringSettings(), Now).EstimatedLoss);
        }

        [TestMethod]
        public void Amounts_use_the_currency_symbol_and_show_cents_only_when_needed()
        {
            var facts = Plain();
            facts.OrderValue = 1234.5m;
            facts.Currency = new Advocacy.Plugins.Domain.Money.Currency("EUR", "€", 2, 1m);
            StringAssert.Contains(ImpactScorer.Assess(facts, new ScoringSettings(), Now).Explanation, "€1,234.50 at stake (+2)");
        }

        [TestMethod]
        [DataRow("OrderValue")]
        [DataRow("ReportedLoss")]
        public void Negative_money_is_refused_naming_the_field(string field)
        {
            var facts = Seed();
            if (field == "OrderValue")
            {
                facts.OrderValue = -1m;
            }
            else
            {
                facts.ReportedLoss = -1m;
            }

            var error = Assert.ThrowsExactly<ImpactInputException>(() => ImpactScorer.Assess(facts, new ScoringSettings(), Now));
            Assert.AreEqual(field, error.Field);
            StringAssert.Contains(error.Message, field == "OrderValue" ? "order value cannot be negative" : "reported loss cannot be negative");
            Assert.IsInstanceOfType<AdvocacyInputException>(error);
        }

        [TestMethod]
        public void Other_bad_input_is_refused_clearly()
        {
            var facts = Seed();
            facts.OtherRecentCount = -1;
            Assert.AreEqual("OtherRecentCount", Assert.ThrowsExactly<ImpactInputException>(() => ImpactScorer.Assess(facts, new ScoringSettings(), Now)).Field);

            facts = Seed();
            facts.Kind = (InconvenienceKind)42;
            Assert.AreEqual("Kind", Assert.ThrowsExactly<ImpactInputException>(() => ImpactScorer.Assess(facts, new ScoringSettings(), Now)).Field);

            facts = Seed();
            facts.OrderValue = ImpactScorer.MaxAmount + 1;
            Assert.AreEqual("OrderValue", Assert.ThrowsExactly<ImpactInputException>(() => ImpactScorer.Assess(facts, new ScoringSettings(), Now)).Field);

            Assert.ThrowsExactly<ArgumentException>(() => ImpactScorer.Assess(Seed(), new ScoringSettings { DelayScaleDays = 0 }, Now));
        }

        [TestMethod]
        public void Score_is_capped_at_100_and_says_so()
        {
            var generous = new ScoringSettings { CriticalPoints = 60, DelayMaxPoints = 60 };
            var result = ImpactScorer.Assess(Seed(), generous, Now);
            Assert.AreEqual(100, result.Score);
            Assert.AreEqual(result.Components.Sum(c => c.Points), result.UncappedScore);
            Assert.IsTrue(result.UncappedScore > 100);
            StringAssert.StartsWith(result.Explanation, "Impact 100/100 (severe, capped from " + result.UncappedScore + "): ");
        }

        [TestMethod]
        public void Settings_change_the_model()
        {
            var settings = AdvocacySettingsParser.Parse("{\"scoring\":{\"tierPoints\":{\"strategic\":20},\"recurrenceWindowDays\":60}}").Scoring;
            var result = ImpactScorer.Assess(Seed(), settings, Now);
            Assert.AreEqual(87, result.Score);
            StringAssert.Contains(result.Explanation, "strategic customer (+20); 2 similar issues in 60 days (+10)");
        }
    }
}
