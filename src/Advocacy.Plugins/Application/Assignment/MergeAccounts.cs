using System;
using System.Linq;
using Advocacy.Plugins.Application.Security;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Security;
using Advocacy.Plugins.Domain.Words;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Application.Assignment
{
    /// <summary>
    /// A merge of two accounts (Dataverse's Merge: "Merging will move any data from the Subordinate record to the Target and
    /// then deactivate the Subordinate record", Microsoft Learn). Whether the platform runs the two accounts' own Update
    /// steps for the target's new columns and the subordinate's deactivation is not published, so the product does not
    /// count on it: before the merge, both accounts' advocates are remembered; after it, the advocates' loads are
    /// recounted and the advocacy work that came along is handed over (<see cref="SettleAdvocateLoad.AfterMerge"/>) —
    /// idempotent, so it is right also where the platform did run those steps. The answers and inconveniences the merge
    /// moved run their own steps as the platform moves them (a cascade's rows run "along with all associated plug-ins"),
    /// which put both accounts' figures right; the merged account's open "unassigned advocacy" task is completed. Runs as
    /// <see cref="IAdvocacyHost.SystemService"/>. Cost: two reads before, two after, what settling costs, and one lookup
    /// (plus one write) for the unassigned-advocacy task.
    /// </summary>
    public sealed class MergeAccounts
    {
        private readonly IAdvocacyHost _host;

        public MergeAccounts(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <returns>Both accounts' advocates before the merge ("target;merged", empty for none), for the post-operation half (in the execution's shared variables).</returns>
        /// <param name="updateContent">The columns the merge sets on the target (the merge dialog's choices of the merged account's values).</param>
        /// <exception cref="AdvocacyInputException">
        /// The merge would set product columns, the tier or the cadence on the target (<see cref="ProductColumns.MergeCannotTake"/>):
        /// the product works the first out, and the others need the steps a merge does not run.
        /// </exception>
        public string BeforeMerge(Guid targetId, Guid subordinateId, Entity? updateContent)
        {
            var targetRow = AccountSnapshot.Read(_host.SystemService, targetId);
            var refused = (updateContent?.Attributes ?? new AttributeCollection())
                .Where(a => ProductColumns.MergeCannotTake(a.Key))
                .Where(a => !ProtectProductColumns.Same(a.Value, targetRow.Row.Contains(a.Key) ? targetRow.Row[a.Key] : null))
                .Select(a => a.Key)
                .OrderBy(k => k, StringComparer.Ordinal)
                .ToList();
            if (refused.Count > 0)
            {
                // Stryker disable once all : trace text only
                _host.Trace("Merge: the merge would set {0} on account {1}: refused (the product's columns, or ones whose change needs steps a merge does not run).", string.Join(", ", refused), targetId);
                throw new AdvocacyInputException(ProductColumns.MergeRefusal(targetRow.Name, refused));
            }

            Guid? targetAdvocate = targetRow.AdvocateId;
            Guid? mergedAdvocate = AccountSnapshot.Read(_host.SystemService, subordinateId).AdvocateId;
            // Stryker disable once all : trace text only
            _host.Trace("Merge: account {0} (advocate {1}) merges into account {2} (advocate {3}).", subordinateId, Show(mergedAdvocate), targetId, Show(targetAdvocate));
            return Encode(targetAdvocate) + ";" + Encode(mergedAdvocate);
        }

        /// <param name="remembered">What <see cref="BeforeMerge"/> returned in the same execution.</param>
        public LoadSettlement AfterMerge(Guid targetId, Guid subordinateId, string? remembered)
        {
            // Stryker disable once String : equivalent, any text that is not a pair is "nothing remembered"
            var parts = (remembered ?? string.Empty).Split(';');
            if (parts.Length != 2 || !TryDecode(parts[0], out var targetBefore) || !TryDecode(parts[1], out var mergedBefore))
            {
                _host.Trace("Merge: nothing was remembered before the merge of {0} into {1} (the pre-operation step did not run); nothing to settle.", subordinateId, targetId);
                return new LoadSettlement(new AdvocateLoadRecountResult(), 0, 0, 0);
            }

            var target = AccountSnapshot.Read(_host.SystemService, targetId);
            var mergedAfter = AccountSnapshot.Read(_host.SystemService, subordinateId).AdvocateId;
            var settled = new SettleAdvocateLoad(_host).AfterMerge(targetBefore, AccountRows.AdvocacyState(target.Row), mergedBefore, mergedAfter, target.Facts());
            // The merged account's "nobody advocates this account" task came along too; the surviving account's own
            // advocacy (its advocate, or its own such task) is what holds now.
            new OwnerDays(_host).Writer().CompleteOpen(AdvocacyTaskKeys.UnassignedAdvocacy(subordinateId), Phrase.Of(TextKey.MergedInto, target.Name));
            return settled;
        }

        // Stryker disable once all : trace text only
        private static string Show(Guid? advocateId) => advocateId.HasValue ? advocateId.Value.ToString() : "none";

        // Stryker disable once String : equivalent, "D" is a Guid's default format
        private static string Encode(Guid? advocateId) => advocateId.HasValue ? advocateId.Value.ToString("D") : string.Empty;

        private static bool TryDecode(string text, out Guid? advocateId)
        {
            advocateId = null;
            if (text.Length == 0)
            {
                return true;
            }

            if (!Guid.TryParse(text, out var id))
            {
                return false;
            }

            advocateId = id;
            return true;
        }
    }
}
