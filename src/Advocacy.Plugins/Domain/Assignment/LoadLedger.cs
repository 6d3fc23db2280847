using System;
using System.Collections.Generic;

namespace Advocacy.Plugins.Domain.Assignment
{
    /// <summary>One change to an advocate's maintained <c>adv_accountcount</c>.</summary>
    public sealed class AdvocateLoadDelta
    {
        public AdvocateLoadDelta(Guid advocateId, int delta)
        {
            AdvocateId = advocateId;
            Delta = delta;
        }

        public Guid AdvocateId { get; }

        /// <summary>+1 or −1.</summary>
        public int Delta { get; }

        public override string ToString() => AdvocateId.ToString("D") + (Delta > 0 ? " +" : " ") + Delta.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Which advocates' <c>adv_accountcount</c> ("active accounts whose adv_advocateid is this advocate") a change of
    /// one account moves, and which way. An account counts for its advocate only while the account is active:
    /// deactivating an account frees a seat, reactivating takes one, deleting it frees it. The counts themselves are
    /// never written as deltas: the advocates named here are recounted (SettleAdvocateLoad), so applying a change
    /// twice cannot count twice.
    /// </summary>
    public static class LoadLedger
    {
        private static readonly AdvocateLoadDelta[] None = new AdvocateLoadDelta[0];

        /// <summary>
        /// The deltas for any change of an account: before = (oldAdvocateId, wasActive), after =
        /// (newAdvocateId, isActive). Covers assign (null→A), unassign (A→null), reassign (A→B), account
        /// deactivation/reactivation (A→A with the state changing), create (before = null, inactive) and delete
        /// (after = null, inactive).
        /// </summary>
        public static IReadOnlyList<AdvocateLoadDelta> Changes(Guid? oldAdvocateId, bool wasActive, Guid? newAdvocateId, bool isActive)
        {
            Guid? before = wasActive ? oldAdvocateId : null;
            Guid? after = isActive ? newAdvocateId : null;
            if (before == after)
            {
                return None;
            }

            if (before.HasValue && after.HasValue)
            {
                return new[] { new AdvocateLoadDelta(before.Value, -1), new AdvocateLoadDelta(after.Value, +1) };
            }

            return before.HasValue
                ? new[] { new AdvocateLoadDelta(before.Value, -1) }
                : new[] { new AdvocateLoadDelta(after!.Value, +1) };
        }

        /// <summary>The account's advocate changes while its state does not.</summary>
        public static IReadOnlyList<AdvocateLoadDelta> ForAdvocateChange(Guid? oldAdvocateId, Guid? newAdvocateId, bool accountIsActive) =>
            Changes(oldAdvocateId, accountIsActive, newAdvocateId, accountIsActive);

        /// <summary>The account's state changes while its advocate does not.</summary>
        public static IReadOnlyList<AdvocateLoadDelta> ForStateChange(Guid? advocateId, bool wasActive, bool isActive) =>
            Changes(advocateId, wasActive, advocateId, isActive);
    }
}
