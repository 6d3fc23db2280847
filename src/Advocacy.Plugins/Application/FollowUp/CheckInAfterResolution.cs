using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.Xrm.Sdk;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Application.FollowUp
{
    /// <summary>
    /// Post-resolution check-in (DESIGN §5): however a case is resolved, its account's advocate gets a check-in task
    /// due in 3 / 5 / 7 business days (strategic / key / standard). The resolve dialog (an incidentresolution) and a
    /// state change to Resolved may both fire for one resolution; the task's key "checkin:{case}" makes the second a
    /// no-op. Reads and writes as <see cref="IAdvocacyHost.SystemService"/>: advocate profiles are not every agent's
    /// to read, and the task belongs to the advocate.
    /// </summary>
    public sealed class CheckInAfterResolution
    {
        /// <summary>The platform's incident statecode for Resolved.</summary>
        public const int ResolvedState = 1;

        private readonly IAdvocacyHost _host;

        public CheckInAfterResolution(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <summary>The resolve dialog / CloseIncident: the resolution names the case, which is read for its title and customer.</summary>
        public TaskWriteResult? AfterResolutionRecord(Guid resolutionId, Guid? caseId)
        {
            if (!caseId.HasValue)
            {
                _host.Trace("Case resolution {0} names no case (incidentid is empty): no check-in.", resolutionId);
                return null;
            }

            var incident = Rows.Read(_host.SystemService, "incident", caseId.Value, TextKey.RecordCase, "title", "customerid");
            _host.Trace("Case {0} resolved through the resolve dialog / CloseIncident (resolution {1}).", caseId.Value, resolutionId);
            return Raise(caseId.Value, incident.GetAttributeValue<string>("title"), FollowUpAccounts.AccountOfCase(incident));
        }

        /// <summary>A state change of the case: only the change into Resolved raises a check-in.</summary>
        public TaskWriteResult? AfterStateChange(Guid caseId, int? oldState, int? newState, string? title, Guid? accountId)
        {
            if (newState != ResolvedState)
            {
                _host.Trace("Case {0}: state is now {1}, not Resolved: no check-in.", caseId, newState.HasValue ? (object)newState.Value : "(none)");
                return null;
            }

            if (oldState == ResolvedState)
            {
                _host.Trace("Case {0} was already resolved: no new check-in.", caseId);
                return null;
            }

            _host.Trace("Case {0} resolved by a state change ({1} → Resolved).", caseId, oldState.HasValue ? (object)oldState.Value : "(none)");
            return Raise(caseId, title, accountId);
        }

        private TaskWriteResult? Raise(Guid caseId, string? title, Guid? accountId)
        {
            if (!accountId.HasValue)
            {
                _host.Trace("Case {0}: its customer is not an account (a contact or empty): advocacy follows accounts, so no check-in.", caseId);
                return null;
            }

            var today = _host.Today();
            _host.Trace("Reading the account and advocate and writing the task as {0}: advocate profiles are not every agent's to read.", _host.SystemIdentity);
            FollowUpAccount account;
            try
            {
                account = new FollowUpAccounts(_host.SystemService, _host.Tracing, _host.Settings).Load(accountId.Value, today);
            }
            catch (MissingRecordException ex)
            {
                // Resolving the case is the user's work; a dangling account reference must not undo it.
                _host.Trace("Case {0}: no check-in: {1}", caseId, ex.Message);
                return null;
            }

            var days = new OwnerDays(_host);
            var planned = days.Plan(day => new AdvocacyTaskPlanner(_host.Settings, _host.Readers, _host.Calendars).PlanPostResolutionCheckIn(account.Facts, account.Routing, caseId, title, day), p => p);
            var result = days.Writer().Ensure(planned);
            _host.Trace("Post-resolution check-in for case {0}: {1} task {2}, due {3:yyyy-MM-dd}.", caseId, result.Created ? "created" : "already had", result.TaskId, planned.DueDate);
            return result;
        }
    }
}
