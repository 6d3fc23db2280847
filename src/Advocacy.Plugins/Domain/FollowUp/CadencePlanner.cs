using System;
using System.Globalization;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>How often an account gets a proactive contact, and why that often.</summary>
    public sealed class Cadence
    {
        public Cadence(int days, Phrase words)
        {
            Days = days;
            Words = words ?? throw new ArgumentNullException(nameof(words));
            Reason = words.ToString();
        }

        public int Days { get; }

        /// <summary>E.g. "strategic accounts every 30 days" or "account override: every 45 days" (English, for traces and outputs).</summary>
        public string Reason { get; }

        /// <summary>The same before it is worded: a check-in task states it in its owner's language.</summary>
        public Phrase Words { get; }
    }

    /// <summary>
    /// DESIGN §5 proactive cadence: next contact = last contact + cadence(tier), unless the account's own
    /// <c>adv_cadencedays</c> overrides it. Calendar days, not business days: a cadence is a rhythm, the
    /// task's due date is where business days apply.
    /// </summary>
    public sealed class CadencePlanner
    {
        private static readonly FollowUpSettings DefaultSettings = new FollowUpSettings();
        private readonly FollowUpSettings settings;

        public CadencePlanner(FollowUpSettings? settings)
        {
            this.settings = settings ?? DefaultSettings;
        }

        /// <summary>
        /// The override when &gt; 0 (0 or negative means "not set"); else the tier's cadence from settings. No
        /// tier → the standard cadence, so an untiered account is never forgotten, and the reason says so.
        /// </summary>
        public Cadence CadenceFor(CustomerTier? tier, int? overrideDays)
        {
            if (overrideDays.HasValue && overrideDays.Value > 0)
            {
                return new Cadence(overrideDays.Value, Phrase.Of(TextKey.CadenceOverride, Days(overrideDays.Value)));
            }

            if (!tier.HasValue || !AdvocacyWords.IsKnown(tier.Value))
            {
                return new Cadence(TierDays(CustomerTier.Standard), Phrase.Of(TextKey.CadenceNoTier, Days(TierDays(CustomerTier.Standard))));
            }

            int days = TierDays(tier.Value);
            return new Cadence(days, Phrase.Of(TextKey.CadenceTier, tier.Value, Days(days)));
        }

        /// <summary>Next proactive contact after a contact on <paramref name="lastContact"/> (a date); never past 9999-12-31.</summary>
        public DateTime NextContact(DateTime lastContact, CustomerTier? tier, int? overrideDays) =>
            PlatformDates.AddDays(lastContact, CadenceFor(tier, overrideDays).Days);

        /// <summary>
        /// Next contact for an account that may never have been contacted: counted from today then, so a new
        /// advocacy account gets its first check-in one cadence after it starts (the introduction comes first).
        /// </summary>
        public DateTime NextContact(DateTime? lastContact, DateTime today, CustomerTier? tier, int? overrideDays) =>
            NextContact(lastContact ?? today, tier, overrideDays);

        private int TierDays(CustomerTier tier)
        {
            if (settings.CadenceDays != null && settings.CadenceDays.TryGetValue(tier, out int days) && days > 0)
            {
                return days;
            }

            // A settings document that drops a tier falls back to the product default, not to "never".
            return DefaultSettings.CadenceDays[tier];
        }

        private static Phrase Days(int days) => Phrase.Of(days == 1 ? TextKey.DayOne : TextKey.DaysMany, days);
    }
}
