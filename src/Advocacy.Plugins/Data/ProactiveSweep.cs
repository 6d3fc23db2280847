using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Security;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
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
    /// The proactive sweep (DESIGN §5, issue 8 item 4). One FetchXML query finds the due accounts — active,
    /// next proactive contact on or before today + window (or no date yet while the account has a tier or an
    /// advocate), and no open proactive check-in (a "not any" link to task) — 5,000 per page with paging
    /// cookies, ordered by id only so the cookie is a pure key-set position that survives the pages shrinking
    /// as tasks are created. Each page becomes check-in tasks in ExecuteMultiple batches of at most 1,000,
    /// created as the system user (the tasks are owned by the advocates). Before each batch it checks the
    /// time budget against the slowest batch so far and stops with a continuation instead of being killed.
    /// Round trips: 1 read per page, 1 write per batch, 1 lock row per call, and 1 count when it stops early.
    /// </summary>
    public sealed class ProactiveSweep
    {
        public const string LockName = LockRows.ProactiveSweep;

        private readonly IOrganizationService _service;
        private readonly ITracingService _tracing;
        private readonly AdvocacySettings _settings;
        private readonly ProactiveSweepPlan _plan;
        private readonly Func<TimeSpan> _elapsed;

        /// <param name="service">The system user's service: tasks are created for the advocates.</param>
        /// <param name="elapsed">Time used so far by the call (a stopwatch; tests may pass their own).</param>
        public ProactiveSweep(IOrganizationService service, ITracingService tracing, AdvocacySettings settings, Func<TimeSpan>? elapsed = null)
        {
            _service = service;
            _tracing = tracing;
            _settings = settings ?? AdvocacySettings.Defaults();
            _plan = new ProactiveSweepPlan(_settings.Sweep, _settings.FollowUp);
            if (elapsed == null)
            {
                var watch = Stopwatch.StartNew();
                elapsed = () => watch.Elapsed;
            }

            _elapsed = elapsed;
        }

        public ProactiveSweepPlan Plan => _plan;

        /// <param name="continuation">The token of the previous call, or null/blank to start a sweep as of <paramref name="today"/>.</param>
        /// <param name="maxTasks">Stop after this many tasks (null or ≤ 0: no limit but the time budget).</param>
        /// <exception cref="SweepContinuationException">The token is not one this sweep made.</exception>
        public ProactiveSweepResult Run(string? continuation, int? maxTasks, DateTime today)
        {
            var position = SweepContinuation.Decode(continuation);
            if (position == null)
            {
                position = SweepContinuation.Start(today);
                _tracing.Trace("Sweep: new sweep as of {0:yyyy-MM-dd}: accounts due on or before {1:yyyy-MM-dd} (window {2} days); page {3}, batch {4}, time budget {5}s.",
                    position.AsOf, _plan.DueOnOrBefore(position.AsOf), _plan.WindowDays, _plan.PageSize, _plan.BatchSize, _plan.TimeBudget.TotalSeconds);
            }
            else
            {
                _tracing.Trace("Sweep: continuing ({0}).", position);
            }

            int limit = maxTasks.HasValue && maxTasks.Value > 0 ? maxTasks.Value : int.MaxValue;

            // Serialises concurrent sweeps: the second waits for the first to commit, then its query no longer
            // sees the accounts the first one covered, so no account gets two check-ins.
            LockRows.Take(_service, LockName);

            var cadence = new CadencePlanner(_settings.FollowUp);
            var planner = new AdvocacyTaskPlanner(_settings);
            int created = 0, pages = 0, batches = 0, scanned = 0;
            TimeSpan slowest = TimeSpan.Zero;
            string? stopReason = null;
            bool finished = false;

            while (stopReason == null)
            {
                var pageStart = _elapsed();
                var page = _service.RetrieveMultiple(new FetchExpression(DueAccountsFetch(position, _plan.PageSize)));
                pages++;
                scanned += page.Entities.Count;
                var pageTime = _elapsed() - pageStart;
                if (pageTime > slowest) slowest = pageTime;
                _tracing.Trace("Sweep: page {0}: {1} due account(s) without an open check-in ({2:0} ms).", position.PageNumber, page.Entities.Count, pageTime.TotalMilliseconds);

                int createdOnPage = 0;
                int index = 0;
                while (index < page.Entities.Count)
                {
                    if (created >= limit)
                    {
                        stopReason = "the maximum of " + limit.ToString(CultureInfo.InvariantCulture) + " tasks for this call was reached";
                        break;
                    }

                    if (created > 0 && !_plan.HasTimeForAnotherBatch(_elapsed(), slowest))
                    {
                        stopReason = "another batch might not finish within the " + _plan.TimeBudget.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s time budget";
                        break;
                    }

                    int size = Math.Min(Math.Min(_plan.BatchSize, page.Entities.Count - index), limit - created);
                    var batchStart = _elapsed();
                    var request = new ExecuteMultipleRequest
                    {
                        Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false },
                        Requests = new OrganizationRequestCollection(),
                    };
                    for (int i = index; i < index + size; i++)
                    {
                        var task = PlanFor(page.Entities[i], position.AsOf, cadence, planner);
                        request.Requests.Add(new CreateRequest { Target = AdvocacyTaskWriter.ToEntity(task) });
                    }

                    var response = (ExecuteMultipleResponse)_service.Execute(request);
                    batches++;
                    foreach (var item in response.Responses)
                    {
                        if (item.Fault != null)
                        {
                            throw new InvalidPluginExecutionException("The proactive sweep could not create a check-in task for account "
                                + page.Entities[index + item.RequestIndex].Id + ": " + item.Fault.Message + ". No task of this call was kept; fix the account and run the sweep again.");
                        }
                    }

                    index += size;
                    created += size;
                    createdOnPage += size;
                    var batchTime = _elapsed() - batchStart;
                    if (batchTime > slowest) slowest = batchTime;
                    _tracing.Trace("Sweep: batch {0}: {1} check-in task(s) created as the system user ({2:0} ms).", batches, size, batchTime.TotalMilliseconds);
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
                    stopReason = "the maximum of " + limit.ToString(CultureInfo.InvariantCulture) + " tasks for this call was reached";
                }
                else if (!_plan.HasTimeForAnotherBatch(_elapsed(), slowest))
                {
                    stopReason = "another page might not finish within the " + _plan.TimeBudget.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s time budget";
                }
            }

            int? remaining = finished ? 0 : CountRemaining(position.AsOf);
            string summary = ProactiveSweepPlan.Summarise(created, 0, position.CreatedSoFar, remaining, finished);
            if (stopReason != null)
            {
                _tracing.Trace("Sweep: stopped because {0}.", stopReason);
            }

            _tracing.Trace("Sweep: {0} ({1} page(s) read, {2} batch(es) written, {3} account(s) scanned).", summary, pages, batches, scanned);
            return new ProactiveSweepResult(created, remaining, finished ? null : position.Encode(), summary, finished, pages, batches, scanned);
        }

        private PlannedTask PlanFor(Entity account, DateTime asOf, CadencePlanner cadence, AdvocacyTaskPlanner planner)
        {
            var tier = Choices.Tier(account.GetAttributeValue<OptionSetValue>("adv_tier"));
            var owner = account.GetAttributeValue<EntityReference>("ownerid");
            var facts = new AccountFacts(account.Id, account.GetAttributeValue<string>("name") ?? string.Empty, tier, owner?.Id ?? Guid.Empty, owner?.LogicalName == "team");
            AdvocateRouting? routing = null;
            var advocateId = account.GetAttributeValue<EntityReference>("adv_advocateid");
            var userId = Aliased<EntityReference>(account, "adv.adv_userid");
            var state = Aliased<OptionSetValue>(account, "adv.statecode");
            if (advocateId != null && userId != null && (state == null || state.Value == 0))
            {
                routing = new AdvocateRouting(advocateId.Id, Aliased<string>(account, "adv.adv_name") ?? string.Empty, userId.Id);
            }

            // Proactive check-ins are not urgent: an away advocate does them on return, so no backup routing.
            var next = account.GetAttributeValue<DateTime?>("adv_nextproactivecontact");
            return planner.PlanProactiveCheckIn(facts, routing, next ?? asOf, asOf,
                cadence.CadenceFor(tier, account.GetAttributeValue<int?>("adv_cadencedays")));
        }

        private int? CountRemaining(DateTime asOf)
        {
            try
            {
                var rows = _service.RetrieveMultiple(new FetchExpression(DueAccountsCountFetch(asOf))).Entities;
                var value = rows.Count == 0 ? null : rows[0].GetAttributeValue<AliasedValue>("due")?.Value;
                return value == null ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (!(ex is InvalidPluginExecutionException))
            {
                _tracing.Trace("Sweep: could not count the remaining accounts ({0}); reported as unknown.", ex.Message);
                return null;
            }
        }

        private static T? Aliased<T>(Entity row, string key) where T : class =>
            row.GetAttributeValue<AliasedValue>(key)?.Value as T;

        /// <summary>The due-accounts page query (public for the benchmark and the docs).</summary>
        public string DueAccountsFetch(SweepContinuation position, int pageSize)
        {
            string paging = " count=\"" + pageSize.ToString(CultureInfo.InvariantCulture) + "\" page=\"" + position.PageNumber.ToString(CultureInfo.InvariantCulture) + "\""
                + (position.PagingCookie.Length > 0 ? " paging-cookie=\"" + SecurityElement.Escape(position.PagingCookie) + "\"" : string.Empty);
            return "<fetch" + paging + ">"
                + "<entity name=\"account\">"
                + "<attribute name=\"accountid\"/><attribute name=\"name\"/><attribute name=\"ownerid\"/><attribute name=\"adv_tier\"/>"
                + "<attribute name=\"adv_cadencedays\"/><attribute name=\"adv_nextproactivecontact\"/><attribute name=\"adv_advocateid\"/>"
                + "<order attribute=\"accountid\"/>"
                + DueFilter(position.AsOf)
                + "<link-entity name=\"adv_advocate\" from=\"adv_advocateid\" to=\"adv_advocateid\" link-type=\"outer\" alias=\"adv\">"
                + "<attribute name=\"adv_userid\"/><attribute name=\"adv_name\"/><attribute name=\"statecode\"/></link-entity>"
                + OpenCheckInExclusion()
                + "</entity></fetch>";
        }

        public string DueAccountsCountFetch(DateTime asOf) =>
            "<fetch aggregate=\"true\"><entity name=\"account\"><attribute name=\"accountid\" alias=\"due\" aggregate=\"count\"/>"
            + DueFilter(asOf) + OpenCheckInExclusion() + "</entity></fetch>";

        private string DueFilter(DateTime asOf)
        {
            string before = _plan.DueOnOrBefore(asOf).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return "<filter type=\"and\">"
                + "<condition attribute=\"statecode\" operator=\"eq\" value=\"0\"/>"
                + "<filter type=\"or\">"
                + "<condition attribute=\"adv_nextproactivecontact\" operator=\"lt\" value=\"" + before + "\"/>"
                + "<filter type=\"and\"><condition attribute=\"adv_nextproactivecontact\" operator=\"null\"/>"
                + "<filter type=\"or\"><condition attribute=\"adv_tier\" operator=\"not-null\"/><condition attribute=\"adv_advocateid\" operator=\"not-null\"/></filter>"
                + "</filter></filter></filter>";
        }

        private static string OpenCheckInExclusion() =>
            "<link-entity name=\"task\" from=\"regardingobjectid\" to=\"accountid\" link-type=\"not any\">"
            + "<filter><condition attribute=\"adv_kind\" operator=\"eq\" value=\"" + Choices.Option(AdvocacyTaskKind.ProactiveCheckIn).Value.ToString(CultureInfo.InvariantCulture) + "\"/>"
            + "<condition attribute=\"statecode\" operator=\"eq\" value=\"0\"/></filter></link-entity>";
    }
}
