using System;
using System.Globalization;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Data
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

    /// <summary>
    /// Keeps account.adv_nextproactivecontact (DESIGN §5): next = last contact (or today when there was none)
    /// + cadence by tier, unless adv_cadencedays overrides it. Dates are stored as UTC midnight: they are
    /// dates, not times.
    /// </summary>
    public static class FollowUpCadence
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
                cadence.Reason + ", counted from " + (lastContact.HasValue ? "the last contact on " + lastContact.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "today (no contact yet)"));
        }

        /// <summary>A check-in was completed on <paramref name="contactDate"/>: last = that date (never moved back), next = + cadence.</summary>
        public static CadenceResult AfterContact(FollowUpSettings settings, CustomerTier? tier, int? overrideDays, DateTime? previousLast, DateTime contactDate)
        {
            DateTime last = Date(contactDate);
            string note = string.Empty;
            if (previousLast.HasValue && previousLast.Value.Date > last)
            {
                note = " (the recorded last contact " + previousLast.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " is later and is kept)";
                last = Date(previousLast.Value);
            }

            var planner = new CadencePlanner(settings);
            var cadence = planner.CadenceFor(tier, overrideDays);
            var next = Date(planner.NextContact(last, tier, overrideDays));
            return new CadenceResult(last, next, cadence, "contact on " + last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + note + "; " + cadence.Reason);
        }

        /// <summary>Writes last/next contact to the account (one Update) and traces it; the caller picks the service.</summary>
        public static void Write(IOrganizationService service, ITracingService tracing, Guid accountId, CadenceResult result, bool writeLast)
        {
            var update = new Entity("account", accountId);
            if (writeLast)
            {
                update["adv_lastproactivecontact"] = result.LastContact;
            }

            update["adv_nextproactivecontact"] = result.NextContact;
            service.Update(update);
            tracing.Trace("Account {0}: {1}next proactive contact {2} ({3}).", accountId,
                writeLast && result.LastContact.HasValue ? "last proactive contact " + result.LastContact.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ", " : string.Empty,
                result.NextContact.HasValue ? result.NextContact.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "(none)", result.Reason);
        }

        public static DateTime Date(DateTime value) => DateTime.SpecifyKind(value.Date, DateTimeKind.Utc);
    }
}
