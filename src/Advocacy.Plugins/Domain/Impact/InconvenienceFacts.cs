using System;
using System.Globalization;

namespace Advocacy.Plugins.Domain.Impact
{
    /// <summary>
    /// What is known about one inconvenience, already mapped from the adv_inconvenience row. Dates are UTC
    /// instants; <see cref="Zone"/> says in which zone they are counted as calendar days.
    /// </summary>
    public sealed class InconvenienceFacts
    {
        public InconvenienceKind Kind { get; set; } = InconvenienceKind.Other;

        /// <summary>When the company promised delivery or resolution. Null: the delay cannot be scored.</summary>
        public DateTime? PromisedOn { get; set; }

        /// <summary>Null while the inconvenience is ongoing; then "now" is used as the end of the delay.</summary>
        public DateTime? ResolvedOn { get; set; }

        public decimal? OrderValue { get; set; }

        /// <summary>The loss the customer reported, if any. Zero is treated as "not reported".</summary>
        public decimal? ReportedLoss { get; set; }

        public bool BusinessCritical { get; set; }

        /// <summary>Null: the account has no tier yet, which scores like standard and is not mentioned.</summary>
        public CustomerTier? Tier { get; set; }

        /// <summary>The account's other inconveniences created within the recurrence window before this one.</summary>
        public int OtherRecentCount { get; set; }

        /// <summary>
        /// The record's currency: order value and reported loss are in it, and the explanation shows amounts in it;
        /// money points compare its base-currency amount (<see cref="Money.Currency.ToBase"/>).
        /// </summary>
        public Money.Currency Currency { get; set; } = Money.Currency.UsDollar;

        /// <summary>Number formatting for the explanation. Invariant by default: "$48,000".</summary>
        public IFormatProvider NumberFormat { get; set; } = CultureInfo.InvariantCulture;

        /// <summary>
        /// The account owner's time zone: days late are whole calendar days between the promised and resolved dates as
        /// the owner sees them (DESIGN §6), so the words, the points and the loss agree. UTC when not known.
        /// </summary>
        public Time.IUserZone Zone { get; set; } = Time.ZoneRules.Utc;

        public InconvenienceFacts Clone()
        {
            return (InconvenienceFacts)MemberwiseClone();
        }
    }
}
