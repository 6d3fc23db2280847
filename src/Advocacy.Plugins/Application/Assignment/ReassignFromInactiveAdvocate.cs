using System;
using System.Diagnostics;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Advocacy.Plugins.Data;

namespace Advocacy.Plugins.Application.Assignment
{
    /// <summary>An account whose reassignment failed, and why.</summary>
    public sealed class ReassignmentFailure
    {
        public ReassignmentFailure(Guid accountId, string reason)
        {
            AccountId = accountId;
            Reason = reason;
        }

        public Guid AccountId { get; }
        public string Reason { get; }
    }

    /// <summary>How far a reassignment run got.</summary>
    public sealed class ReassignmentRun
    {
        public int Batches { get; internal set; }
        public int Reassigned { get; internal set; }
        public int Unassigned { get; internal set; }

        /// <summary>Accounts whose assignment ran and kept the advocate (e.g. their tier value is not a known tier).</summary>
        public int Kept { get; internal set; }

        public int Failed { get; internal set; }

        /// <summary>The first accounts that failed, with why (at most <see cref="ReassignFromInactiveAdvocate.FailuresNamed"/>).</summary>
        public IList<ReassignmentFailure> Failures { get; } = new List<ReassignmentFailure>();

        /// <summary>Time ran out: a continuation job was queued for the rest.</summary>
        public bool Continued { get; internal set; }
    }

    /// <summary>
    /// DESIGN §4: an advocate is deactivated → their active accounts are re-assigned in bounded batches, each account
    /// through adv_AssignAdvocate (its own transaction: a failure never leaves an account half-moved).
    /// <para>
    /// Progress is a cursor over the query's order (account id): each batch starts after the last account looked
    /// at, so accounts that rightly stay with the inactive advocate (a failure, an unknown tier) are passed once and
    /// never block the ones behind them. Why batches within a time budget, re-triggering only when the budget runs
    /// out: a job per batch would add a pipeline level per batch and the platform stops a chain at depth 8; looping
    /// inside one job uses one level per budget's worth of work. A continuation starts from the beginning, so an
    /// account that failed is tried once more there. Inactive accounts keep their (inactive) advocate: they count
    /// for nobody, and reactivating one runs the account assignment again.
    /// </para>
    /// </summary>
    public sealed class ReassignFromInactiveAdvocate
    {
        private readonly IAdvocacyHost _host;

        public ReassignFromInactiveAdvocate(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <summary>The platform's adv_advocate statecode for Inactive.</summary>
        public const int InactiveState = 1;

        /// <summary>
        /// How many failed accounts the run's last line names. Dataverse keeps only the most recent 10 KB of a step's trace
        /// (Microsoft Learn, "Tracing and logging"), and a long run traces a line per account: the early failures' own
        /// lines are gone by the end, so the summary — the last line — names them (ten, each reason cut to 200 characters,
        /// stay far inside the 10 KB).
        /// </summary>
        public const int FailuresNamed = 10;

        private const int ReasonLength = 200;

        /// <summary>
        /// The advocate's state changed: only a deactivation moves accounts, in batches of
        /// settings.assignment.reassignBatchSize within settings.sweep.timeBudgetSeconds. Null when nothing was to do.
        /// </summary>
        public ReassignmentRun? AfterStateChange(Guid advocateId, int? newState)
        {
            if (newState != InactiveState)
            {
                _host.Trace("Advocate {0}: state {1} is not Inactive; accounts stay.", advocateId, newState.HasValue ? (object)newState.Value : "(none)");
                return null;
            }

            var watch = Stopwatch.StartNew();
            long budgetMs = (long)_host.Settings.Sweep.TimeBudgetSeconds * 1000;
            return Run(advocateId, _host.Settings.Assignment.ReassignBatchSize, () => watch.ElapsedMilliseconds >= budgetMs);
        }

        /// <param name="outOfTime">Checked between batches; true → queue a continuation and stop.</param>
        public ReassignmentRun Run(Guid advocateId, int batchSize, Func<bool> outOfTime)
        {
            var run = new ReassignmentRun();
            var accounts = new AdvocateAccounts(_host.SystemService);
            batchSize = Math.Max(1, batchSize);
            Guid? cursor = null;
            _host.Trace("Reassignment of advocate {0}: batches of {1}, each account through {2} as {3}.", advocateId, I(batchSize), AssignAdvocateNames.Message, _host.SystemIdentity);
            while (true)
            {
                var batch = accounts.NextBatch(advocateId, cursor, batchSize);
                if (batch.Count == 0)
                {
                    _host.Trace("Reassignment of advocate {0}: done after {1} batch(es): {2}", advocateId, I(run.Batches), Summary(run));
                    return run;
                }

                foreach (var accountId in batch)
                {
                    cursor = accountId;
                    try
                    {
                        var response = accounts.Reassign(accountId);
                        if (!response.Changed) run.Kept++;
                        else if (response.Advocate == null) run.Unassigned++;
                        else run.Reassigned++;
                        _host.Trace("Reassignment: account {0}: {1}", accountId, response.Reason);
                    }
                    // Each call is its own transaction, so whatever fails it fails this account only: the run goes on
                    // with the next one and the trace names what went wrong.
                    catch (Exception ex)
                    {
                        run.Failed++;
                        if (run.Failures.Count < FailuresNamed)
                        {
                            run.Failures.Add(new ReassignmentFailure(accountId, Domain.FollowUp.Text.Truncate(ex.Message, ReasonLength)));
                        }
                        _host.Trace("Reassignment: account {0} failed and keeps its advocate ({1}): {2}", accountId, ex.GetType().Name, ex.Message);
                    }
                }

                run.Batches++;
                if (batch.Count < batchSize)
                {
                    // A short batch was the last one: nothing lies after the cursor.
                    continue;
                }

                if (outOfTime())
                {
                    accounts.TouchInactive(advocateId);
                    run.Continued = true;
                    _host.Trace("Reassignment of advocate {0}: time budget spent after {1} batch(es); a continuation job was queued. So far: {2}", advocateId, I(run.Batches), Summary(run));
                    return run;
                }
            }
        }

        private static string I(int n) => n.ToString(CultureInfo.InvariantCulture);

        /// <summary>The run's counts, then the accounts that failed with why (the first <see cref="FailuresNamed"/>).</summary>
        private static string Summary(ReassignmentRun run)
        {
            var text = new StringBuilder();
            text.Append(I(run.Reassigned)).Append(" re-assigned, ").Append(I(run.Unassigned)).Append(" left unassigned, ")
                .Append(I(run.Kept)).Append(" kept, ").Append(I(run.Failed)).Append(" failed");
            if (run.Failures.Count > 0)
            {
                text.Append(" (they keep the inactive advocate): ");
                text.Append(string.Join("; ", run.Failures.Select(f => f.AccountId + " (" + f.Reason + ")")));
                if (run.Failed > run.Failures.Count)
                {
                    text.Append("; and ").Append(I(run.Failed - run.Failures.Count)).Append(" more");
                }
            }
            return text.Append('.').ToString();
        }
    }
}
