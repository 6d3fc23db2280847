namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>
    /// Whose advocacy work a task is (issue 16: the advocate form lists its open tasks). An advocacy task — one with a
    /// kind — belongs to the advocate profile of the user who owns it, so it follows the task when it changes hands
    /// (backup, hand-over, a manager's reassignment). A task without a kind, or owned by a team, belongs to no advocate.
    /// </summary>
    public static class TaskAdvocate
    {
        public static bool BelongsToOwnersProfile(AdvocacyTaskKind? kind, bool ownedByUser) => kind.HasValue && ownedByUser;
    }
}
