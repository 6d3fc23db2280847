using System;
using System.Globalization;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.FollowUp;

namespace Advocacy.Plugins.Application.FollowUp
{
    /// <summary>
    /// Keeps account.adv_nextproactivecontact (DESIGN §5) by <see cref="ProactiveSchedule"/>'s rules, for every way
    /// the schedule moves: an account saved with a new tier or cadence override (written with the save), a completed
    /// check-in, and the "Schedule next proactive contact" activity.
    /// </summary>
    public sealed class ScheduleProactiveContact
    {
        private readonly IAdvocacyHost _host;

        public ScheduleProactiveContact(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <summary>
        /// An account save (pre-operation): returns the decision; when it says Write, the caller puts the next contact
        /// into its Target, so it is written with the user's own save — no extra round trip, nothing re-triggered.
        /// </summary>
        /// <param name="before">The account before the save; null on Create.</param>
        public ScheduleDecision OnAccountSave(Guid accountId, ScheduleState? before, ScheduleState after, bool saveSetsTierOrCadence)
        {
            var decision = ProactiveSchedule.OnAccountSave(_host.Settings.FollowUp, before, after, saveSetsTierOrCadence, _host.Today());
            if (after.TierValue.HasValue && !after.Tier.HasValue)
            {
                _host.Trace("Account {0}: tier value {1} is not a tier this solution defines; treated as no tier.", accountId, after.TierValue.Value);
            }

            _host.Trace("Account {0}: {1}{2}.", accountId,
                decision.Write ? "next proactive contact " + Show(decision.Result!.NextContact) + " (written with the user's save): " : string.Empty, decision.Reason);
            return decision;
        }

        /// <summary>A contact with the customer on <paramref name="contactDate"/> (a completed check-in): last and next contact.</summary>
        public CadenceResult AfterContact(Guid accountId, DateTime contactDate) =>
            AfterContact(AccountSnapshot.Read(_host.SystemService, accountId), contactDate);

        /// <summary>The same, for an account the caller has already read.</summary>
        public CadenceResult AfterContact(AccountSnapshot account, DateTime contactDate)
        {
            var result = ProactiveSchedule.AfterContact(_host.Settings.FollowUp, account.Tier, account.CadenceDays, account.LastProactiveContact, contactDate);
            Write(account.Id, result, writeLast: true);
            return result;
        }

        /// <summary>
        /// The activity: a contact when a date is given, else a reschedule by the account's current tier and override —
        /// the same rule as a tier change, so an account outside follow-up has its next contact cleared.
        /// </summary>
        public CadenceResult Reschedule(Guid accountId, DateTime? contactDate)
        {
            if (contactDate.HasValue)
            {
                return AfterContact(accountId, contactDate.Value);
            }

            var account = AccountSnapshot.Read(_host.SystemService, accountId);
            var result = ProactiveSchedule.AfterTierChange(_host.Settings.FollowUp, account.Tier, account.CadenceDays, account.LastProactiveContact, _host.Today());
            Write(accountId, result, writeLast: false);
            return result;
        }

        private void Write(Guid accountId, CadenceResult result, bool writeLast)
        {
            new AccountWriter(_host.SystemService).SetContactDates(accountId, result, writeLast);
            _host.Trace("Account {0}: {1}next proactive contact {2} ({3}); written as {4} (the agent may not own the account).", accountId,
                writeLast && result.LastContact.HasValue ? "last proactive contact " + Show(result.LastContact) + ", " : string.Empty,
                Show(result.NextContact), result.Reason, _host.SystemIdentity);
        }

        private static string Show(DateTime? date) => date.HasValue ? date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "(none)";
    }
}
