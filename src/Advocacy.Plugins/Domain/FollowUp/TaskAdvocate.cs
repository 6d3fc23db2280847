namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>
    /// Whose advocacy work a task is (issue 16: the advocate form lists its open tasks). An advocacy task — one with a
    /// kind — belongs to the advocate profile of the user who owns it, so it follows the task when it changes hands
    /// (backup, hand-over, a manager's reassignment). A task without a kind, or owned by a team, belongs to no advocate.
    /// A completed or canceled task keeps the advocate it names: the work is done, by whoever it names, and the platform
    /// takes no change to a closed activity but its state and its owner (its owner still changes: a reassignment, the
    /// platform's cascade when the account changes hands).
    /// </summary>
    public static class TaskAdvocate
    {
        public static bool BelongsToOwnersProfile(AdvocacyTaskKind? kind, bool ownedByUser) => kind.HasValue && ownedByUser;

        /// <summary>Whether the task's advocate follows its owner now: not once the task is closed.</summary>
        public static bool FollowsOwner(bool closed) => !closed;

        /// <summary>
        /// Whether a state change names the task's advocate again: an advocacy task reopened follows its owner once more
        /// (its owner may have changed while it was closed).
        /// </summary>
        public static bool NamedAgainOn(bool wasClosed, bool openNow, bool isAdvocacyTask) => wasClosed && openNow && isAdvocacyTask;
    }
}
