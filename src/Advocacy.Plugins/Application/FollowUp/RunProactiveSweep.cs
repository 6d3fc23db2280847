using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Time;
using Microsoft.Xrm.Sdk;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Application.FollowUp
{
    /// <summary>What one call of the sweep did.</summary>
    public sealed class ProactiveSweepResult
    {
        public ProactiveSweepResult(int created, int? remaining, string? continuation, string summary, bool finished, int pagesRead, int batchesWritten, int accountsScanned)
        {
            Created = created;
            Remaining = remaining;
            Continuation = continuation;
            Summary = summary;
            Finished = finished;
            PagesRead = pagesRead;
            BatchesWritten = batchesWritten;
            AccountsScanned = accountsScanned;
        }

        /// <summary>Check-in tasks created by this call.</summary>
        public int Created { get; }

        /// <summary>Due accounts still without an open check-in (0 when finished); null when they could not be
        /// counted (more than the platform's 50,000-row aggregate limit).</summary>
        public int? Remaining { get; }

        /// <summary>Null when the sweep is complete; else the token for the next call.</summary>
        public string? Continuation { get; }

        public string Summary { get; }

        public bool Finished { get; }

        public int PagesRead { get; }

        public int BatchesWritten { get; }

        public int AccountsScanned { get; }
    }

    /// <summary>
    /// The proactive sweep (DESIGN §5), for adv_RunProactiveSweep and the "Run proactive sweep" activity: finds the due
    /// accounts page by page (<see cref="DueAccounts"/>), plans a check-in for each (<see cref="AdvocacyTaskPlanner"/>)
    /// and creates them in batches of at most 1,000, as <see cref="IAdvocacyHost.SystemService"/> (the tasks are owned
    /// by the advocates). Before each batch it checks the time budget against the slowest batch so far and stops with
    /// a continuation instead of being killed. Round trips: 1 lock row per call, 1 read per page, 1 write per batch,
    /// and 1 count when it stops early.
    /// </summary>
    public sealed class RunProactiveSweep
    {
        private readonly IAdvocacyHost _host;
        private readonly Func<TimeSpan> _elapsed;

        /// <param name="elapsed">Time used so far by the call (a stopwatch; tests may pass their own).</param>
        public RunProactiveSweep(IAdvocacyHost host, Func<TimeSpan>? elapsed = null)
        {
            _host = host;
            if (elapsed == null)
            {
                var watch = Stopwatch.StartNew();
                elapsed = () => watch.Elapsed;
            }

            _elapsed = elapsed;
        }

        /// <param name="continuation">The token of the previous call, or null/blank to start a sweep as of today.</param>
        /// <param name="maxTasks">Stop after this many tasks (null or ≤ 0: no limit but the time budget).</param>
        /// <exception cref="SweepContinuationException">The token is not one this sweep made.</exception>
        public ProactiveSweepResult Run(string? continuation, int? maxTasks)
        {
            if (maxTasks.HasValue && maxTasks.Value < 0)
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorMaxTasks));
            }

            var settings = _host.Settings;
            var plan = new ProactiveSweepPlan(settings.Sweep, settings.FollowUp);
            var position = SweepContinuation.Decode(continuation);
            if (position == null)
            {
                position = SweepContinuation.Start(_host.Today());
                _host.Trace("Sweep: new sweep as of {0:yyyy-MM-dd}: accounts due on or before {1:yyyy-MM-dd} (window {2} days); page {3}, batch {4}, time budget {5}s; tasks created as {6}.",
                    position.AsOf, plan.DueOnOrBefore(position.AsOf), plan.WindowDays, plan.PageSize, plan.BatchSize, plan.TimeBudget.TotalSeconds, _host.SystemIdentity);
            }
            else
            {
                position.EnsureCurrent(_host.Today());
                bool hadCookie = position.PageNumber > 1 || position.PagingCookie.Length > 0;
                position = position.FromFirstPage();
                _host.Trace("Sweep: continuing ({0}){1}; tasks created as {2}.", position,
                    hadCookie ? " from the query's first page: the caller's paging cookie is not followed, and the accounts already given a check-in no longer match" : "",
                    _host.SystemIdentity);
            }

            int limit = maxTasks.HasValue && maxTasks.Value > 0 ? maxTasks.Value : int.MaxValue;

            // Serialises concurrent sweeps: the second waits for the first to commit, then its query no longer
            // sees the accounts the first one covered, so no account gets two check-ins.
            LockRows.Take(_host.SystemService, LockRows.ProactiveSweep);

            var due = new DueAccounts(_host.SystemService, plan);
            var writer = new AdvocacyTaskWriter(_host.SystemService, _host.Tracing, _host.Zones, _host.Readers);
            var cadence = new CadencePlanner(settings.FollowUp);
            var planner = new AdvocacyTaskPlanner(settings, _host.Readers, _host.Calendars);
            int created = 0, pages = 0, batches = 0, scanned = 0, otherDay = 0;
            TimeSpan slowest = TimeSpan.Zero;
            string? stopReason = null;
            bool finished = false;

            while (stopReason == null)
            {
                var pageStart = _elapsed();
                var page = due.ReadPage(position);
                pages++;
                scanned += page.Accounts.Count;
                var pageTime = _elapsed() - pageStart;
                if (pageTime > slowest) slowest = pageTime;
                _host.Trace("Sweep: page {0}: {1} due account(s) without an open check-in ({2:0} ms).", position.PageNumber, page.Accounts.Count, pageTime.TotalMilliseconds);

                // Every owner's settings (language for the words, zone for the due date) in one query per 1,000 owners, not one per task.
                var owners = new List<Guid>(page.Accounts.Count);
                foreach (var account in page.Accounts)
                {
                    owners.Add(account.AdvocateUserId.HasValue && account.AdvocateActive ? account.AdvocateUserId.Value : account.Facts.WorkOwnerId);
                }

                if (page.Accounts.Count > 0)
                {
                    _host.Readers.Prefetch(owners);
                }

                int createdOnPage = 0;
                int index = 0;
                while (index < page.Accounts.Count)
                {
                    if (created >= limit)
                    {
                        stopReason = "the maximum of " + I(limit) + " tasks for this call was reached";
                        break;
                    }

                    if (created > 0 && !plan.HasTimeForAnotherBatch(_elapsed(), slowest))
                    {
                        stopReason = "another batch might not finish within the " + I((int)plan.TimeBudget.TotalSeconds) + "s time budget";
                        break;
                    }

                    int size = Math.Min(Math.Min(plan.BatchSize, page.Accounts.Count - index), limit - created);
                    var batchStart = _elapsed();
                    var tasks = new List<PlannedTask>(size);
                    for (int i = index; i < index + size; i++)
                    {
                        tasks.Add(PlanFor(page.Accounts[i], position.AsOf, cadence, planner, _host, ref otherDay));
                    }

                    writer.CreateBatch(tasks);
                    batches++;
                    index += size;
                    created += size;
                    createdOnPage += size;
                    var batchTime = _elapsed() - batchStart;
                    if (batchTime > slowest) slowest = batchTime;
                    _host.Trace("Sweep: batch {0}: {1} check-in task(s) created ({2:0} ms); {3} so far due counted from an owner's today other than the sweep's date.", batches, size, batchTime.TotalMilliseconds, otherDay);
                }

                if (stopReason != null)
                {
                    // The accounts done on this page now have an open check-in and drop out of the query, so the
                    // same cookie continues with the rest of this page.
                    position = new SweepContinuation(position.PageNumber, position.PagingCookie, position.CreatedSoFar + createdOnPage, position.AsOf);
                    break;
                }

                if (!page.MoreRecords)
                {
                    position = new SweepContinuation(position.PageNumber, position.PagingCookie, position.CreatedSoFar + createdOnPage, position.AsOf);
                    finished = true;
                    break;
                }

                position = position.NextPage(page.PagingCookie, createdOnPage);
                if (created >= limit)
                {
                    stopReason = "the maximum of " + I(limit) + " tasks for this call was reached";
                }
                else if (!plan.HasTimeForAnotherBatch(_elapsed(), slowest))
                {
                    stopReason = "another page might not finish within the " + I((int)plan.TimeBudget.TotalSeconds) + "s time budget";
                }
            }

            int? remaining = finished ? 0 : CountRemaining(due, position.AsOf);
            string summary = ProactiveSweepPlan.Summarise(created, 0, position.CreatedSoFar, remaining, finished);
            if (stopReason != null)
            {
                _host.Trace("Sweep: stopped because {0}.", stopReason);
            }

            _host.Trace("Sweep: {0} ({1} page(s) read, {2} batch(es) written, {3} account(s) scanned).", summary, pages, batches, scanned);
            return new ProactiveSweepResult(created, remaining, finished ? null : position.Encode(), summary, finished, pages, batches, scanned);
        }

        private static PlannedTask PlanFor(DueAccount account, DateTime asOf, CadencePlanner cadence, AdvocacyTaskPlanner planner, IAdvocacyHost host, ref int otherDay)
        {
            // Proactive check-ins are not urgent: an away advocate does them on return, so no backup routing; an
            // inactive advocate's account goes to its owner until it is re-assigned.
            AdvocateRouting? routing = account.AdvocateId.HasValue && account.AdvocateUserId.HasValue && account.AdvocateActive
                ? new AdvocateRouting(account.AdvocateId.Value, account.AdvocateName, account.AdvocateUserId.Value)
                : null;
            var accountCadence = cadence.CadenceFor(account.Facts.Tier, account.CadenceDays);
            var task = planner.PlanProactiveCheckIn(account.Facts, routing, account.NextContact ?? asOf, asOf, accountCadence);

            // The due date counts from today in the owner's zone (their settings came with the page's prefetch, so
            // no query here); the key keeps the sweep's as-of date, which the continuation carries.
            var zone = host.Zones.Of(task.OwnerUserId, task.OwnerIsTeam);
            var today = LocalDays.Today(zone, host.UtcNow);
            if (today == asOf) return task;
            otherDay++;
            return planner.PlanProactiveCheckIn(account.Facts, routing, account.NextContact ?? asOf, today, accountCadence);
        }

        private int? CountRemaining(DueAccounts due, DateTime asOf)
        {
            try
            {
                return due.CountRemaining(asOf);
            }
            catch (Exception ex) when (!(ex is InvalidPluginExecutionException))
            {
                // The count is a courtesy for the caller: past the platform's aggregate limit it fails, and the
                // sweep's work must not be undone for it.
                _host.Trace("Sweep: could not count the remaining accounts ({0}); reported as unknown.", ex.Message);
                return null;
            }
        }

        private static string I(int n) => n.ToString(CultureInfo.InvariantCulture);
    }
}
