using System;
using System.Collections.Generic;
using System.Linq;

namespace Advocacy.Plugins.Domain.Assignment
{
    /// <summary>
    /// What a merge of two accounts means for their advocacy (the surviving account — the target — takes the merged
    /// account's rows, its tasks among them, and the merged account is deactivated): whose counts may change, which
    /// advocates' open work on the target now follows the target's advocacy, and whether the merge gave the target a new
    /// advocate.
    /// </summary>
    public static class AccountMerge
    {
        /// <summary>Every advocate either account named before or after the merge, once: their counts are recounted.</summary>
        public static IReadOnlyList<Guid> Touched(Guid? targetBefore, Guid? targetAfter, Guid? mergedBefore, Guid? mergedAfter) =>
            new[] { targetBefore, targetAfter, mergedBefore, mergedAfter }
                .Where(a => a.HasValue).Select(a => a!.Value).Distinct().ToList();

        /// <summary>
        /// The advocates whose open advocacy tasks on the target hand over to its advocacy now: the merged account's
        /// advocate (its work came along) and the target's own previous one when the merge chose another — not the
        /// target's advocate now.
        /// </summary>
        public static IReadOnlyList<Guid> PreviousAdvocates(Guid? targetBefore, Guid? targetAfter, Guid? mergedBefore) =>
            new[] { mergedBefore, targetBefore }
                .Where(a => a.HasValue && a != targetAfter).Select(a => a!.Value).Distinct().ToList();

        /// <summary>The target's advocate when the merge gave the active target a different one (it counts as an assignment); else null.</summary>
        public static Guid? NewlyAssigned(Guid? targetBefore, AccountAdvocacyState targetAfter) =>
            targetAfter.IsActive && targetAfter.AdvocateId.HasValue && targetAfter.AdvocateId != targetBefore ? targetAfter.AdvocateId : null;
    }
}
