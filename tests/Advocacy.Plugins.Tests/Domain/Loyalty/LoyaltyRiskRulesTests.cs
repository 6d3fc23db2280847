using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Loyalty;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Loyalty
{
    [TestClass]
    public sealed class LoyaltyRiskRulesTests
    {
        private static LoyaltyRiskAssessment Assess(int? nps, int? csat, double index)
        {
            return LoyaltyRiskRules.Assess(nps, csat, index, new LoyaltyRiskSettings());
        }

        [TestMethod]
        [DataRow(6, null, 0.0, LoyaltyRisk.High)]
        [DataRow(0, 5, 0.0, LoyaltyRisk.High)]
        [DataRow(null, 2, 0.0, LoyaltyRisk.High)]
        [DataRow(10, 1, 0.0, LoyaltyRisk.High)]
        [DataRow(null, null, 60.0, LoyaltyRisk.High)]
        [DataRow(10, 5, 60.0, LoyaltyRisk.High)]
        [DataRow(7, null, 0.0, LoyaltyRisk.Medium)]
        [DataRow(8, 5, 0.0, LoyaltyRisk.Medium)]
        [DataRow(null, 3, 0.0, LoyaltyRisk.Medium)]
        [DataRow(10, 5, 30.0, LoyaltyRisk.Medium)]
        [DataRow(null, null, 59.9, LoyaltyRisk.Medium)]
        [DataRow(9, 4, 29.9, LoyaltyRisk.Low)]
        [DataRow(null, null, 0.0, LoyaltyRisk.Low)]
        [DataRow(10, null, 0.0, LoyaltyRisk.Low)]
        [DataRow(null, 4, 0.0, LoyaltyRisk.Low)]
        public void Risk_table_from_the_design(int? nps, int? csat, double index, LoyaltyRisk expected)
        {
            Assert.AreEqual(expected, Assess(nps, csat, index).Risk);
        }

        [TestMethod]
        public void Reasons_name_every_trigger_at_the_level()
        {
            Assert.AreEqual("High: last NPS 4 (6 or lower); inconvenience index 65 (60 or more).", Assess(4, 5, 65).Reason);
            Assert.AreEqual("Medium: last CSAT 3 (3 or lower).", Assess(9, 3, 10).Reason);
            Assert.AreEqual("Low: last NPS 9; last CSAT 5; inconvenience index 12 (below 30).", Assess(9, 5, 12.4).Reason);
            Assert.AreEqual("Low: no feedback yet; inconvenience index 0 (below 30).", Assess(null, null, 0).Reason);
        }

        [TestMethod]
        public void Thresholds_come_from_settings()
        {
            var settings = new LoyaltyRiskSettings { HighNpsAtMost = -1, MediumNpsAtMost = 6 };
            Assert.AreEqual(LoyaltyRisk.Medium, LoyaltyRiskRules.Assess(3, null, 0, settings).Risk);
            Assert.AreEqual(LoyaltyRisk.Low, LoyaltyRiskRules.Assess(7, null, 0, settings).Risk);
        }

        [TestMethod]
        public void Stored_scores_outside_their_scale_are_refused()
        {
            Assert.ThrowsExactly<FeedbackInputException>(() => Assess(11, null, 0));
            Assert.ThrowsExactly<FeedbackInputException>(() => Assess(null, 0, 0));
        }
    }
}
