using System;
using System.Globalization;

namespace Advocacy.Plugins.Domain.Money
{
    /// <summary>
    /// A record's currency as Dataverse keeps it in <c>transactioncurrency</c> (issue 12, DESIGN §6): how its amounts
    /// are shown (symbol, else ISO code; its precision) and how they compare (the exchange rate: units of this currency
    /// per unit of the organization's base currency, so base amount = amount / rate, as the platform computes
    /// <c>_base</c> columns).
    /// </summary>
    public sealed class Currency
    {
        /// <summary>The base currency of the organizations the product was built for before currencies were read.</summary>
        public static readonly Currency UsDollar = new("USD", "$", 2, 1m);

        public Currency(string isoCode, string? symbol, int precision, decimal exchangeRate)
        {
            if (!(exchangeRate > 0m))
            {
                throw new ArgumentOutOfRangeException(nameof(exchangeRate), "An exchange rate must be above zero.");
            }

            IsoCode = isoCode ?? string.Empty;
            Symbol = symbol ?? string.Empty;
            Precision = Math.Max(0, Math.Min(4, precision));
            ExchangeRate = exchangeRate;
        }

        public string IsoCode { get; }

        public string Symbol { get; }

        /// <summary>Decimal places the currency shows (0 for yen, 2 for dollars and euros); Dataverse allows 0–4.</summary>
        public int Precision { get; }

        public decimal ExchangeRate { get; }

        /// <summary>The amount in the organization's base currency: what thresholds and points compare.</summary>
        public decimal ToBase(decimal amount) => amount / ExchangeRate;
    }

    /// <summary>
    /// The one money-formatting function: every amount a user reads (explanations, task texts, reports) goes through it.
    /// </summary>
    public static class MoneyText
    {
        /// <summary>
        /// "$48,000", "€1,234.50", "¥7,200,000": the currency's symbol (its ISO code and a space when it has none), then
        /// the amount rounded to the currency's precision — without decimals when the amount is whole.
        /// </summary>
        public static string Format(decimal amount, Currency currency, IFormatProvider? format = null)
        {
            if (currency == null) throw new ArgumentNullException(nameof(currency));
            var rounded = Math.Round(amount, currency.Precision, MidpointRounding.AwayFromZero);
            var whole = decimal.Truncate(rounded) == rounded;
            var number = rounded.ToString("N" + (whole ? 0 : currency.Precision).ToString(CultureInfo.InvariantCulture), format ?? CultureInfo.InvariantCulture);
            var prefix = currency.Symbol.Length > 0 ? currency.Symbol : currency.IsoCode + " ";
            return prefix + number;
        }
    }
}
