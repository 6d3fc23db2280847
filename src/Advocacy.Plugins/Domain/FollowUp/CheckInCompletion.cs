using System;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>
    /// Which completed check-ins move an account's proactive schedule, and to which date (DESIGN §5). The schedule is
    /// the advocate's promise to the customer, so only the check-in of the person the product gave it to counts — the
    /// account's advocate (or their backup, who covers for them), or the account's owner while nobody advocates it —
    /// and a check-in cannot have happened after the moment it is recorded: a completion dated in the future counts as
    /// now. Without these rules any user could push an account's next contact years away with a task of their own.
    /// </summary>
    public static class CheckInCompletion
    {
        /// <summary>The contact date a completion records: its actualend, never later than now; now when empty.</summary>
        public static DateTime ContactDate(DateTime? completedOn, DateTime utcNow) =>
            !completedOn.HasValue || completedOn.Value > utcNow ? utcNow : completedOn.Value;

        /// <summary>Whether a completion dated <paramref name="completedOn"/> was moved back to now.</summary>
        public static bool IsInTheFuture(DateTime? completedOn, DateTime utcNow) => completedOn.HasValue && completedOn.Value > utcNow;

        /// <summary>
        /// A check-in owned by <paramref name="taskOwnerId"/> moves the schedule when that owner is the account's
        /// advocate's user or backup (<paramref name="routing"/>), or — when the account has no advocate (routing
        /// null) — the account's owner.
        /// </summary>
        public static bool Counts(Guid taskOwnerId, AdvocateRouting? routing, Guid accountOwnerId)
        {
            if (taskOwnerId == Guid.Empty)
            {
                return false;
            }

            if (routing == null)
            {
                return taskOwnerId == accountOwnerId;
            }

            return taskOwnerId == routing.AdvocateUserId || taskOwnerId == routing.BackupUserId;
        }
    }
}
