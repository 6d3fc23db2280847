using System;
using System.Globalization;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Impact;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Impact
{
    /// <summary>
    /// The exact words users read when their input is refused, the wording per kind, and the edge of "late":
    /// resolved exactly at the promised moment is on time, never "1 day late".
    /// </summary>
    [TestClass]
    public sealed class ImpactScorerInputAndWordingTests
    {
        private static readonly DateTime Promised = new DateTime(2025, 3, 3, 0, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime Now = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

        private static InconvenienceFacts Facts() => new InconvenienceFacts
        {
            Kind = InconvenienceKind.LateDelivery,
            PromisedOn = Promised,
            ResolvedOn = Promised.AddDays(12),
            OrderValue = 48000m,
            BusinessCritical = true,
            Tier = CustomerTier.Strategic,
            OtherRecentCount = 2,
        };

        private static ImpactInputException Refused(InconvenienceFacts facts) =>
            Assert.ThrowsExactly<ImpactInputException>(() => ImpactScorer.Assess(facts, new ScoringSettings(), Now));

        [TestMethod]
        public void Resolved_exactly_at_the_promised_moment_is_on_time()
        {
            var facts = Facts();
            facts.ResolvedOn = Promised;
            ImpactAssessment result = ImpactScorer.Assess(facts, new ScoringSettings(), Now);

            Assert.AreEqual(0, result.WholeDaysLate);
            Assert.AreEqual(0.0, result.DaysLate);
            Assert.AreEqual(0m, result.EstimatedLoss);
            StringAssert.StartsWith(result.Explanation, "Impact 53/100 (high): delivered on time; business-critical order (+20)");

            facts.ResolvedOn = null;
            ImpactAssessment open = ImpactScorer.Assess(facts, new ScoringSettings(), Promised);
            Assert.AreEqual(0, open.WholeDaysLate);
            StringAssert.Contains(open.Explanation, "still open, not yet past the promised date;");
        }

        [TestMethod]
        public void Critical_wording_follows_the_kind()
        {
            var facts = Facts();
            facts.Kind = InconvenienceKind.ProductDefect;
            StringAssert.Contains(ImpactScorer.Assess(facts, new ScoringSettings(), Now).Explanation, "; business-critical product (+20);");
            facts.Kind = InconvenienceKind.Other;
            StringAssert.Contains(ImpactScorer.Assess(facts, new ScoringSettings(), Now).Explanation, "; business-critical for the customer (+20);");
            facts.Kind = InconvenienceKind.BillingError;
            StringAssert.Contains(ImpactScorer.Assess(facts, new ScoringSettings(), Now).Explanation, "; business-critical for the customer (+20);");
        }

        [TestMethod]
        public void Components_worth_nothing_have_no_words_and_are_not_explained()
        {
            var facts = Facts();
            facts.BusinessCritical = false;
            facts.OrderValue = null;
            facts.Tier = CustomerTier.Standard;
            facts.OtherRecentCount = 0;
            ImpactAssessment result = ImpactScorer.Assess(facts, new ScoringSettings(), Now);

            foreach (ImpactComponent component in result.Components.Where(c => c.Kind != ImpactComponentKind.Delay))
            {
                Assert.AreEqual(0, component.Points, component.Kind.ToString());
                Assert.AreEqual("", component.Text, component.Kind.ToString());
                Assert.IsFalse(component.Explained, component.Kind.ToString());
            }

            Assert.AreEqual("Impact 29/100 (moderate): delivered 12 days late (+29). No order value or reported loss: customer loss not estimated.", result.Explanation);
        }

        [TestMethod]
        public void Amounts_follow_the_given_number_format_and_a_currency_without_a_symbol_shows_its_iso_code()
        {
            var facts = Facts();
            facts.NumberFormat = CultureInfo.GetCultureInfo("de-DE");
            facts.Currency = new Advocacy.Plugins.Domain.Money.Currency("EUR", "€", 2, 1m);
            StringAssert.Contains(ImpactScorer.Assess(facts, new ScoringSettings(), Now).Explanation, "€48.000 at stake (+8)");

            facts.NumberFormat = null!;
            facts.Currency = new Advocacy.Plugins.Domain.Money.Currency("CHF", null, 2, 1m);
            string text = ImpactScorer.Assess(facts, new ScoringSettings(), Now).Explanation;
            StringAssert.Contains(text, "; CHF 48,000 at stake (+8);");
            StringAssert.EndsWith(text, "Estimated customer loss CHF 5,760.");
        }

        [TestMethod]
        public void Unknown_kind_and_tier_are_refused_with_the_choices()
        {
            var facts = Facts();
            facts.Kind = (InconvenienceKind)42;
            ImpactInputException kind = Refused(facts);
            Assert.AreEqual("Kind", kind.Field);
            Assert.AreEqual("The inconvenience kind 42 is not known; choose late delivery, service outage, billing error, product defect, fee or policy change, or other.", kind.Message);

            facts = Facts();
            facts.Tier = (CustomerTier)7;
            ImpactInputException tier = Refused(facts);
            Assert.AreEqual("Tier", tier.Field);
            Assert.AreEqual("The customer tier 7 is not known; choose strategic, key or standard.", tier.Message);
        }

        [TestMethod]
        public void Bad_counts_and_amounts_are_refused_with_the_found_value()
        {
            var facts = Facts();
            facts.OtherRecentCount = -3;
            Assert.AreEqual("The number of other recent inconveniences cannot be negative (found -3).", Refused(facts).Message);

            facts = Facts();
            facts.OrderValue = -12.50m; // shown as typed people read it: no trailing zero
            ImpactInputException negative = Refused(facts);
            Assert.AreEqual("OrderValue", negative.Field);
            Assert.AreEqual("The order value cannot be negative (found -12.5); enter 0 or leave it empty.", negative.Message);

            facts = Facts();
            facts.ReportedLoss = ImpactScorer.MaxAmount + 0.250m;
            ImpactInputException large = Refused(facts);
            Assert.AreEqual("ReportedLoss", large.Field);
            Assert.AreEqual("The reported loss is too large to be a real amount (found 1000000000000000.25).", large.Message);

            facts = Facts();
            facts.OrderValue = ImpactScorer.MaxAmount;
            facts.ReportedLoss = 0m;
            Assert.AreEqual(15, ImpactScorer.Assess(facts, new ScoringSettings(), Now).Components[(int)ImpactComponentKind.MoneyAtStake].Points, "the bound itself is accepted");
        }

        [TestMethod]
        public void Missing_arguments_are_refused_by_name()
        {
            Assert.AreEqual("facts", Assert.ThrowsExactly<ArgumentNullException>(() => ImpactScorer.Assess(null!, new ScoringSettings(), Now)).ParamName);
            Assert.AreEqual("settings", Assert.ThrowsExactly<ArgumentNullException>(() => ImpactScorer.Assess(Facts(), null!, Now)).ParamName);
            Assert.AreEqual("settings", Assert.ThrowsExactly<ArgumentNullException>(() => ImpactScorer.BandOf(50, null!)).ParamName);
        }
    }
}
