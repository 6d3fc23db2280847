using System;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Impact;
using Advocacy.Plugins.Domain.Money;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Currencies
{
    /// <summary>Amounts shown in the record's currency, compared in the base currency (issue 12, DESIGN §6).</summary>
    [TestClass]
    public sealed class MoneyTests
    {
        private static readonly DateTime Now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
        private static readonly Currency Euro = new("EUR", "€", 2, 0.92m);
        private static readonly Currency Yen = new("JPY", "¥", 0, 150m);

        [TestMethod]
        [DataRow(48000.0, "USD", "$48,000")]
        [DataRow(1234.5, "USD", "$1,234.50")]
        [DataRow(7200000.4, "JPY", "¥7,200,000")]
        [DataRow(1234.567, "EUR", "€1,234.57")]
        public void An_amount_shows_the_currencys_symbol_at_its_precision(double amount, string iso, string expected)
        {
            var currency = iso switch { "JPY" => Yen, "EUR" => Euro, _ => Currency.UsDollar };
            Assert.AreEqual(expected, MoneyText.Format((decimal)amount, currency));
        }

        [TestMethod]
        public void An_order_in_euros_and_one_in_yen_worth_the_same_in_dollars_score_the_same_and_show_their_own_symbol()
        {
            var dollars = Facts(48000m, Currency.UsDollar);
            var euros = Facts(48000m * 0.92m, Euro);
            var yen = Facts(48000m * 150m, Yen);

            var inDollars = ImpactScorer.Assess(dollars, new ScoringSettings(), Now);
            var inEuros = ImpactScorer.Assess(euros, new ScoringSettings(), Now);
            var inYen = ImpactScorer.Assess(yen, new ScoringSettings(), Now);

            Assert.AreEqual(inDollars.Score, inEuros.Score);
            Assert.AreEqual(inDollars.Score, inYen.Score);
            StringAssert.Contains(inEuros.Explanation, "€44,160 at stake (+8)");
            StringAssert.Contains(inYen.Explanation, "¥7,200,000 at stake (+8)");
            StringAssert.EndsWith(inYen.Explanation, "Estimated customer loss ¥864,000.");
        }

        [TestMethod]
        public void A_currency_without_a_positive_exchange_rate_cannot_be_made()
        {
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Currency("XTS", "¤", 2, 0m));
        }

        private static InconvenienceFacts Facts(decimal orderValue, Currency currency) => new()
        {
            Kind = InconvenienceKind.LateDelivery,
            PromisedOn = Now.AddDays(-12),
            ResolvedOn = Now,
            OrderValue = orderValue,
            BusinessCritical = true,
            Tier = CustomerTier.Strategic,
            Currency = currency,
        };
    }
}
