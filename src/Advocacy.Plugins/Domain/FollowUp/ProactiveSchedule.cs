using System;
using System.Globalization;
using Advocacy.Plugins.Domain.Settings;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>The outcome of a cadence decision: the dates to store and why.</summary>
    public sealed class CadenceResult
    {
        public CadenceResult(DateTime? lastContact, DateTime? nextContact, Cadence? cadence, string reason)
        {
            LastContact = lastContact;
            NextContact = nextContact;
            Cadence = cadence;
            Reason = reason;
        }

        public DateTime? LastContact { get; }

        /// <summary>Null when the account left advocacy (no tier and no override).</summary>
        public DateTime? NextContact { get; }

        public Cadence? Cadence { get; }

        public string Reason { get; }
    }

    /// <summary>The proactive-schedule columns of an account (adv_tier, adv_cadencedays, last and next contact).</summary>
    public sealed class ScheduleState
    {
        /// <param name="tierValue">The stored adv_tier choice value: a change of it is a change even when it maps to no tier.</param>
        public ScheduleState(int? tierValue, CustomerTier? tier, int? overrideDays, DateTime? lastContact, DateTime? nextContact)
        {
            TierValue = tierValue;
            Tier = tier;
            OverrideDays = overrideDays;
            LastContact = lastContact;
            NextContact = nextContact;
        }

        public int? TierValue { get; }
        public CustomerTier? Tier { get; }
        public int? OverrideDays { get; }
        public DateTime? LastContact { get; }
        public DateTime? NextContact { get; }

        /// <summary>In proactive follow-up: a tier or a positive cadence override.</summary>
        public bool InFollowUp => Tier.HasValue || (OverrideDays.HasValue && OverrideDays.Value > 0);
    }

    /// <summary>What an account save does to the next proactive contact.</summary>
    public sealed class ScheduleDecision
    {
        private ScheduleDecision(bool write, CadenceResult? result, string reason)
        {
            Write = write;
            Result = result;
            Reason = reason;
        }

        /// <summary>Write <see cref="CadenceResult.NextContact"/> of <see cref="Result"/> with the save.</summary>
        public bool Write { get; }

        public CadenceResult? Result { get; }

        public string Reason { get; }

        internal static ScheduleDecision Keep(string reason) => new ScheduleDecision(false, null, reason);

        internal static ScheduleDecision Set(CadenceResult result) => new ScheduleDecision(true, result, result.Reason);
    }

    /// <summary>
    /// DESIGN §5, the proactive schedule, every rule once: next contact = last contact (or today when there was
    /// none) + cadence (tier or the account's override); a completed check-in is a contact; an account with neither
    /// a tier nor an override is not in proactive follow-up. Dates are dates: stored as UTC midnight.
    /// </summary>
    public static class ProactiveSchedule
    {
        /// <summary>
        /// The account's schedule after its tier or override changed. An account with neither a tier nor an
        /// override is not in advocacy: its next contact is cleared so the sweep leaves it alone.
        /// </summary>
        public static CadenceResult AfterTierChange(FollowUpSettings settings, CustomerTier? tier, int? overrideDays, DateTime? lastContact, DateTime today)
        {
            bool hasOverride = overrideDays.HasValue && overrideDays.Value > 0;
            if (!tier.HasValue && !hasOverride)
            {
                return new CadenceResult(lastContact, null, null, "no tier and no cadence override: the account is not in proactive follow-up, next contact cleared");
            }

            var planner = new CadencePlanner(settings);
            var cadence = planner.CadenceFor(tier, overrideDays);
            var next = Date(planner.NextContact(lastContact, today, tier, overrideDays));
            return new CadenceResult(lastContact, next, cadence,
                cadence.Reason + ", counted from " + (lastContact.HasValue ? "the last contact on " + Show(lastContact.Value) : "today (no contact yet)")
                + Clamped(lastContact ?? today, cadence.Days));
        }

        /// <summary>A contact on <paramref name="contactDate"/>: last = that date (never moved back), next = + cadence.</summary>
        public static CadenceResult AfterContact(FollowUpSettings settings, CustomerTier? tier, int? overrideDays, DateTime? previousLast, DateTime contactDate)
        {
            DateTime last = Date(contactDate);
            string note = string.Empty;
            if (previousLast.HasValue && previousLast.Value.Date > last)
            {
                note = " (the recorded last contact " + Show(previousLast.Value) + " is later and is kept)";
                last = Date(previousLast.Value);
            }

            var planner = new CadencePlanner(settings);
            var cadence = planner.CadenceFor(tier, overrideDays);
            var next = Date(planner.NextContact(last, tier, overrideDays));
            return new CadenceResult(last, next, cadence, "contact on " + Show(last) + note + "; " + cadence.Reason + Clamped(last, cadence.Days));
        }

        /// <summary>
        /// An account save: reschedule when the save sets the tier or the override to something new (or the
        /// account is in follow-up without a next contact yet); keep a next contact the creator chose; leave
        /// accounts outside follow-up alone on create. <paramref name="before"/> is null on Create.
        /// </summary>
        public static ScheduleDecision OnAccountSave(FollowUpSettings settings, ScheduleState? before, ScheduleState after, bool saveSetsTierOrCadence, DateTime today)
        {
            bool isCreate = before == null;
            if (!isCreate && !saveSetsTierOrCadence)
            {
                return ScheduleDecision.Keep("neither tier nor cadence override changed");
            }

            if (!isCreate && before!.TierValue == after.TierValue && before.OverrideDays == after.OverrideDays
                && (before.NextContact.HasValue || !after.InFollowUp))
            {
                return ScheduleDecision.Keep("tier and cadence override saved unchanged; next proactive contact kept");
            }

            if (isCreate && !after.InFollowUp)
            {
                return ScheduleDecision.Keep("new account without tier or cadence override: not in proactive follow-up");
            }

            if (isCreate && after.NextContact.HasValue)
            {
                return ScheduleDecision.Keep("new account already has a next proactive contact (" + Show(after.NextContact.Value) + "); kept");
            }

            return ScheduleDecision.Set(AfterTierChange(settings, after.Tier, after.OverrideDays, after.LastContact, today));
        }

        public static DateTime Date(DateTime value) => DateTime.SpecifyKind(value.Date, DateTimeKind.Utc);

        private static string Clamped(DateTime from, int days) =>
            PlatformDates.Clamps(from, days) ? " (kept at " + Show(PlatformDates.Max) + ", the latest date Dataverse stores: check the last contact date)" : string.Empty;

        private static string Show(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
