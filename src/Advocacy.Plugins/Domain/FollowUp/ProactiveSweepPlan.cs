using System;
using System.Globalization;
using Advocacy.Plugins.Domain.Settings;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>
    /// The proactive sweep's pure decisions (DESIGN §5): which accounts count as due, how big a page and a
    /// batch are, and when to stop so the plug-in finishes well inside the platform's time limit and hands
    /// back a continuation instead of being killed half-way.
    /// </summary>
    public sealed class ProactiveSweepPlan
    {
        public ProactiveSweepPlan(SweepSettings? sweep, FollowUpSettings? followUp)
        {
            sweep = sweep ?? new SweepSettings();
            followUp = followUp ?? new FollowUpSettings();

            // FetchXML pages hold at most 5000 rows; a non-positive setting means "the default".
            PageSize = sweep.PageSize > 0 ? Math.Min(sweep.PageSize, 5000) : 5000;
            BatchSize = sweep.BatchSize > 0 ? Math.Min(sweep.BatchSize, 1000) : 1000;
            TimeBudget = TimeSpan.FromSeconds(sweep.TimeBudgetSeconds > 0 ? sweep.TimeBudgetSeconds : 90);
            WindowDays = Math.Max(0, followUp.ProactiveWindowDays);
        }

        public int PageSize { get; }

        /// <summary>Tasks created per ExecuteMultiple (the platform allows 1000 requests in one).</summary>
        public int BatchSize { get; }

        public TimeSpan TimeBudget { get; }

        public int WindowDays { get; }

        /// <summary>Accounts whose next proactive contact is on or before this date are due.</summary>
        public DateTime DueOnOrBefore(DateTime asOf) => PlatformDates.AddDays(asOf, WindowDays);

        /// <summary>
        /// The due rule (DESIGN §5) of an active account without an open proactive check-in: its next contact is on
        /// or before <see cref="DueOnOrBefore"/>; or it has none yet while it is in advocacy (a tier or an advocate),
        /// so an account that was never scheduled does not wait forever. The sweep's query states exactly this.
        /// </summary>
        public bool IsDue(DateTime? nextContact, bool hasTier, bool hasAdvocate, DateTime asOf) =>
            nextContact.HasValue ? nextContact.Value.Date <= DueOnOrBefore(asOf) : hasTier || hasAdvocate;

        /// <summary>
        /// Whether another batch fits: the time used plus the slowest batch so far (or a guess before the first)
        /// must stay within the budget. Using the slowest, not the average, because overrunning kills the call.
        /// </summary>
        public bool HasTimeForAnotherBatch(TimeSpan elapsed, TimeSpan slowestBatch) => elapsed + slowestBatch <= TimeBudget;

        /// <summary>The one-line summary a sweep call returns and traces.</summary>
        public static string Summarise(int createdThisCall, int alreadyOpen, int createdSoFar, int? remaining, bool finished)
        {
            string text = Count(createdThisCall) + " check-in task" + (createdThisCall == 1 ? "" : "s") + " created"
                + (alreadyOpen > 0 ? ", " + Count(alreadyOpen) + " already open" : string.Empty)
                + " (" + Count(createdSoFar) + " in this sweep)";
            if (finished)
            {
                return text + "; the sweep is complete.";
            }

            return text + "; stopped to stay within the time limit"
                + (remaining.HasValue ? " with about " + Count(remaining.Value) + " due account" + (remaining.Value == 1 ? "" : "s") + " left" : string.Empty)
                + ": call again with the continuation token.";
        }

        private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
    }
}
