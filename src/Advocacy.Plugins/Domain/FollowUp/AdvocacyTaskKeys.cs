using System;
using System.Globalization;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>
    /// The adv_sourcekey of every advocacy task. A key is built only from the kind and the ids of the rows
    /// that caused the task, never from times or names, so a retried or re-fired plug-in computes the same key
    /// and the "one open task per key" rule turns the second create into a no-op. Ids are formatted "N"
    /// (32 lower-case hex digits): stable and short enough for the 100-character column.
    /// </summary>
    public static class AdvocacyTaskKeys
    {
        public const int MaxLength = 100;

        /// <summary>"intro:{account}:{advocate}": one introduction per advocate per account; a later
        /// re-assignment to another advocate gets its own introduction.</summary>
        public static string Introduction(Guid accountId, Guid advocateId) => "intro:" + N(accountId) + ":" + N(advocateId);

        /// <summary>"impact-review:{inconvenience}": one review per inconvenience, however often it is re-scored.</summary>
        public static string ImpactReview(Guid inconvenienceId) => "impact-review:" + N(inconvenienceId);

        /// <summary>"checkin:{case}": one post-resolution check-in per case; re-resolving after a reopen while
        /// the first check-in is still open creates nothing new.</summary>
        public static string PostResolutionCheckIn(Guid caseId) => "checkin:" + N(caseId);

        /// <summary>"proactive:{account}:{yyyyMMdd of next contact}": one per planned contact, so repeated sweeps
        /// create it once, and completing it (which moves the next contact) makes room for the next one.</summary>
        public static string ProactiveCheckIn(Guid accountId, DateTime nextContact) =>
            "proactive:" + N(accountId) + ":" + nextContact.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        /// <summary>"detractor:{feedback}": one recovery per feedback answer.</summary>
        public static string DetractorRecovery(Guid feedbackId) => "detractor:" + N(feedbackId);

        /// <summary>"manager:{feedback}": one manager escalation per feedback answer.</summary>
        public static string ManagerEscalation(Guid feedbackId) => "manager:" + N(feedbackId);

        /// <summary>"unassigned:{account}": one open "please cover this account" task per account, whatever
        /// triggered the failed assignment.</summary>
        public static string UnassignedAdvocacy(Guid accountId) => "unassigned:" + N(accountId);

        /// <summary>
        /// A follow-up asked for by hand (workflow activity): one open per kind and regarding row, so a
        /// workflow that runs twice does not double the work; a post-resolution check-in shares the plug-in's
        /// key for its case, so the two never both create one.
        /// </summary>
        public static string FollowUp(AdvocacyTaskKind kind, Guid regardingId, bool regardingIsCase) =>
            kind == AdvocacyTaskKind.PostResolutionCheckIn && regardingIsCase
                ? PostResolutionCheckIn(regardingId)
                : "followup:" + ((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + N(regardingId);

        private static string N(Guid id) => id.ToString("N");
    }
}
