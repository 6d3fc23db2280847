using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>How far a reassignment run got.</summary>
    public sealed class ReassignmentRun
    {
        public int Batches { get; internal set; }
        public int Reassigned { get; internal set; }
        public int Unassigned { get; internal set; }
        public int Failed { get; internal set; }

        /// <summary>Active accounts still pointing at the advocate stay for a continuation job.</summary>
        public bool Continued { get; internal set; }
    }

    /// <summary>
    /// Moves a deactivated advocate's ACTIVE accounts elsewhere, one bounded batch (query page) at a time, each
    /// account through <c>adv_AssignAdvocate</c> (its own transaction, with the lock row, the load and the task).
    /// <para>
    /// Why batches within a time budget, re-triggering only when the budget runs out: a job per batch would add a
    /// pipeline level per batch and the platform stops a chain at depth 8 (8 × 50 accounts); looping inside one job
    /// uses one level per budget's worth of work instead (thousands of accounts), and the batch size keeps every
    /// query and the work between two budget checks small. Inactive accounts keep their (inactive) advocate: they
    /// count for nobody, and reactivating one runs the account assignment again, which replaces that advocate.
    /// </para>
    /// </summary>
    public sealed class AssignmentReassigner
    {
        private readonly IOrganizationService _system;
        private readonly ITracingService _tracing;

        public AssignmentReassigner(IOrganizationService systemService, ITracingService tracing)
        {
            _system = systemService;
            _tracing = tracing;
        }

        /// <param name="outOfTime">Checked between batches; true → re-trigger and stop.</param>
        public ReassignmentRun Run(Guid advocateId, int batchSize, Func<bool> outOfTime)
        {
            var run = new ReassignmentRun();
            var seen = new HashSet<Guid>();
            batchSize = Math.Max(1, batchSize);
            while (true)
            {
                var batch = NextBatch(advocateId, batchSize);
                if (batch.Count == 0)
                {
                    _tracing.Trace("Reassignment of advocate {0}: done after {1} batch(es): {2} re-assigned, {3} left unassigned, {4} failed.",
                        advocateId, I(run.Batches), I(run.Reassigned), I(run.Unassigned), I(run.Failed));
                    return run;
                }

                bool progress = false;
                foreach (var accountId in batch)
                {
                    if (!seen.Add(accountId))
                    {
                        continue;
                    }

                    progress = true;
                    try
                    {
                        var request = new OrganizationRequest(AssignAdvocateNames.Message);
                        request[AssignAdvocateNames.Account] = new EntityReference("account", accountId);
                        var response = _system.Execute(request);
                        var advocate = response.Results.Contains(AssignAdvocateNames.Advocate) ? response.Results[AssignAdvocateNames.Advocate] as EntityReference : null;
                        if (advocate == null) run.Unassigned++; else run.Reassigned++;
                        _tracing.Trace("Reassignment: account {0}: {1}", accountId, response.Results.Contains(AssignAdvocateNames.Reason) ? response.Results[AssignAdvocateNames.Reason] : string.Empty);
                    }
                    catch (Exception ex) when (ex is InvalidPluginExecutionException || ex.GetType().Name.IndexOf("Fault", StringComparison.Ordinal) >= 0)
                    {
                        run.Failed++;
                        _tracing.Trace("Reassignment: account {0} failed and keeps its advocate: {1}", accountId, ex.Message);
                    }
                }

                run.Batches++;
                if (!progress)
                {
                    _tracing.Trace("Reassignment of advocate {0}: the remaining accounts could not be moved (see failures above); stopping.", advocateId);
                    return run;
                }

                if (outOfTime())
                {
                    Continue(advocateId);
                    run.Continued = true;
                    _tracing.Trace("Reassignment of advocate {0}: time budget spent after {1} batch(es); a continuation job was queued.", advocateId, I(run.Batches));
                    return run;
                }
            }
        }

        /// <summary>A no-op statecode write on the inactive advocate queues the async step again (as SYSTEM).</summary>
        public void Continue(Guid advocateId)
        {
            var touch = new Entity("adv_advocate", advocateId);
            touch["statecode"] = new OptionSetValue(1);
            touch["statuscode"] = new OptionSetValue(2);
            _system.Update(touch);
        }

        private List<Guid> NextBatch(Guid advocateId, int batchSize)
        {
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("accountid"), TopCount = batchSize };
            query.Criteria.AddCondition("adv_advocateid", ConditionOperator.Equal, advocateId);
            query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
            query.AddOrder("accountid", OrderType.Ascending);
            var ids = new List<Guid>();
            foreach (var row in _system.RetrieveMultiple(query).Entities)
            {
                ids.Add(row.Id);
            }

            return ids;
        }

        private static string I(int n) => n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The adv_AssignAdvocate Custom API's names, shared by its plug-in and its callers.</summary>
    public static class AssignAdvocateNames
    {
        public const string Message = "adv_AssignAdvocate";
        public const string Account = "Account";
        public const string Advocate = "Advocate";
        public const string Reason = "Reason";
        public const string Changed = "Changed";
    }
}
