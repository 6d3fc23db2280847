using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Impact;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Impact
{
    /// <summary>
    /// Settings built in code skip the parser, so the scorer checks every range itself. Each check is pinned at
    /// both ends: the last value inside is accepted and the first value outside is refused, naming the setting.
    /// </summary>
    [TestClass]
    public sealed class ImpactScorerSettingsRangeTests
    {
        private static readonly DateTime Now = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

        private static InconvenienceFacts Facts() => new InconvenienceFacts
        {
            Kind = InconvenienceKind.LateDelivery,
            PromisedOn = Now.AddDays(-10),
            ResolvedOn = Now.AddDays(-2),
            OrderValue = 5000m,
            BusinessCritical = true,
            Tier = CustomerTier.Key,
            OtherRecentCount = 1,
        };

        private static void Accepted(Action<ScoringSettings> change)
        {
            var settings = new ScoringSettings();
            change(settings);
            ImpactScorer.Assess(Facts(), settings, Now);
        }

        private static void Refused(Action<ScoringSettings> change, string name)
        {
            var settings = new ScoringSettings();
            change(settings);
            var e = Assert.ThrowsExactly<ArgumentException>(() => ImpactScorer.Assess(Facts(), settings, Now));
            Assert.AreEqual("settings", e.ParamName);
            StringAssert.StartsWith(e.Message, "Scoring setting " + name + " is out of range.");
        }

        [TestMethod]
        public void Points_settings_accept_0_to_1000_and_refuse_outside()
        {
            Accepted(s => s.DelayMaxPoints = 0);
            Accepted(s => s.DelayMaxPoints = 1000);
            Refused(s => s.DelayMaxPoints = -0.5, "DelayMaxPoints");
            Refused(s => s.DelayMaxPoints = 1000.5, "DelayMaxPoints");

            Accepted(s => s.CriticalPoints = 0);
            Accepted(s => s.CriticalPoints = 1000);
            Refused(s => s.CriticalPoints = -0.5, "CriticalPoints");
            Refused(s => s.CriticalPoints = 1000.5, "CriticalPoints");

            Accepted(s => s.MoneyMaxPoints = 0);
            Accepted(s => s.MoneyMaxPoints = 1000);
            Refused(s => s.MoneyMaxPoints = -0.5, "MoneyMaxPoints");
            Refused(s => s.MoneyMaxPoints = 1000.5, "MoneyMaxPoints");

            Accepted(s => s.RecurrencePointsEach = 0);
            Accepted(s => s.RecurrencePointsEach = 1000);
            Refused(s => s.RecurrencePointsEach = -0.5, "RecurrencePointsEach");
            Refused(s => s.RecurrencePointsEach = 1000.5, "RecurrencePointsEach");

            Accepted(s => s.RecurrenceMaxPoints = 0);
            Accepted(s => s.RecurrenceMaxPoints = 1000);
            Refused(s => s.RecurrenceMaxPoints = -0.5, "RecurrenceMaxPoints");
            Refused(s => s.RecurrenceMaxPoints = 1000.5, "RecurrenceMaxPoints");
        }

        [TestMethod]
        public void Divisors_must_be_positive_and_finite()
        {
            Accepted(s => s.DelayScaleDays = 0.001);
            Refused(s => s.DelayScaleDays = 0, "DelayScaleDays");
            Refused(s => s.DelayScaleDays = -1, "DelayScaleDays");
            Refused(s => s.DelayScaleDays = double.PositiveInfinity, "DelayScaleDays");

            Accepted(s => s.MoneyUnit = 0.001);
            Refused(s => s.MoneyUnit = 0, "MoneyUnit");
            Refused(s => s.MoneyUnit = -1, "MoneyUnit");
            Refused(s => s.MoneyUnit = double.PositiveInfinity, "MoneyUnit");

            Accepted(s => s.MoneyDecades = 0.001);
            Refused(s => s.MoneyDecades = 0, "MoneyDecades");
            Refused(s => s.MoneyDecades = -1, "MoneyDecades");
            Refused(s => s.MoneyDecades = double.PositiveInfinity, "MoneyDecades");
        }

        [TestMethod]
        public void Loss_settings_are_bounded()
        {
            Accepted(s => s.LossRatePerDay = 0);
            Accepted(s => s.LossRatePerDay = 1);
            Refused(s => s.LossRatePerDay = -0.001, "LossRatePerDay");
            Refused(s => s.LossRatePerDay = 1.001, "LossRatePerDay");

            Accepted(s => s.LossCriticalMultiplier = 0);
            Accepted(s => s.LossCriticalMultiplier = 100);
            Refused(s => s.LossCriticalMultiplier = -0.5, "LossCriticalMultiplier");
            Refused(s => s.LossCriticalMultiplier = 100.5, "LossCriticalMultiplier");

            Accepted(s => s.LossMaxDays = 0);
            Refused(s => s.LossMaxDays = -1, "LossMaxDays");
        }

        [TestMethod]
        public void A_band_threshold_that_is_not_a_number_is_refused()
        {
            Refused(s => s.ModerateFrom = double.NaN, "band thresholds");
            Refused(s => s.HighFrom = double.NaN, "band thresholds");
            Refused(s => s.SevereFrom = double.NaN, "band thresholds");
        }

        [TestMethod]
        public void Every_tier_points_value_is_checked_and_no_tier_table_is_fine()
        {
            Accepted(s => s.TierPoints = null!);
            Accepted(s => s.TierPoints = new Dictionary<CustomerTier, double> { { CustomerTier.Key, 0 }, { CustomerTier.Strategic, 1000 } });
            Refused(s => s.TierPoints = new Dictionary<CustomerTier, double> { { CustomerTier.Standard, 0 }, { CustomerTier.Key, -0.5 } }, "TierPoints");
            Refused(s => s.TierPoints = new Dictionary<CustomerTier, double> { { CustomerTier.Standard, 0 }, { CustomerTier.Strategic, 1000.5 } }, "TierPoints");
        }

        [TestMethod]
        public void Without_a_tier_table_the_tier_scores_nothing_but_is_still_named_only_with_points()
        {
            var settings = new ScoringSettings { TierPoints = null! };
            var result = ImpactScorer.Assess(Facts(), settings, Now);
            Assert.AreEqual(0, result.Components[(int)ImpactComponentKind.CustomerTier].Points);
            Assert.IsFalse(result.Explanation.Contains("key customer"), result.Explanation);
        }
    }
}
