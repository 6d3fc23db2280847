using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Application.FollowUp
{
    /// <summary>A task's state change as the check-in completion reads it.</summary>
    public sealed class TaskStateChange
    {
        public Guid TaskId { get; set; }
        public bool CompletedNow { get; set; }
        public bool WasCompleted { get; set; }

        /// <summary>Null: not an advocacy task (or a kind the solution does not define).</summary>
        public AdvocacyTaskKind? Kind { get; set; }

        public EntityReference? Regarding { get; set; }

        /// <summary>The task's actualend; the operation's time when empty.</summary>
        public DateTime? CompletedOn { get; set; }

        /// <summary>The task's owner (a user or a team id).</summary>
        public Guid? OwnerId { get; set; }

        /// <summary>The user who completed it: the contact's date is the date in their time zone.</summary>
        public Guid? CompletedBy { get; set; }
    }

    /// <summary>
    /// Completing a check-in (DESIGN §5): the account's last proactive contact = the completion date and next = +
    /// cadence (<see cref="ScheduleProactiveContact.AfterContact"/>). Check-in kinds are
    /// <see cref="AdvocacyTaskPlanner.IsCheckIn"/>'s; any other completed task, advocacy or not, is ignored with a trace.
    /// Only the check-in of the account's advocate (or backup; the owner while nobody advocates it) moves the
    /// schedule, and with a date no later than now (<see cref="CheckInCompletion"/>): the writes run as SYSTEM, so
    /// what a user's own task may change is decided here. Cost: the account, the advocate's routing, the account write.
    /// </summary>
    public sealed class RecordCompletedCheckIn
    {
        private readonly IAdvocacyHost _host;

        public RecordCompletedCheckIn(IAdvocacyHost host)
        {
            _host = host;
        }

        public CadenceResult? Run(TaskStateChange task)
        {
            if (!task.CompletedNow)
            {
                _host.Trace("Task {0} is not completed: nothing to schedule.", task.TaskId);
                return null;
            }

            if (task.WasCompleted)
            {
                _host.Trace("Task {0} was already completed: nothing to schedule.", task.TaskId);
                return null;
            }

            if (!task.Kind.HasValue || !AdvocacyTaskPlanner.IsCheckIn(task.Kind.Value))
            {
                _host.Trace("Task {0} completed, but it is not a check-in (kind: {1}): the proactive schedule is unchanged.", task.TaskId,
                    task.Kind.HasValue ? task.Kind.Value.ToString() : "not an advocacy task");
                return null;
            }

            try
            {
                return Schedule(task);
            }
            catch (MissingRecordException ex)
            {
                // Completing the task is the agent's work; a record it points at that is gone must not undo it.
                _host.Trace("Check-in task {0} completed, but its account cannot be scheduled: {1}", task.TaskId, ex.Message);
                return null;
            }
        }

        private CadenceResult? Schedule(TaskStateChange task)
        {
            var regarding = task.Regarding;
            Guid? accountId = null;
            if (regarding?.LogicalName == "account")
            {
                accountId = regarding.Id;
            }
            else if (regarding?.LogicalName == "incident")
            {
                accountId = FollowUpAccounts.AccountOfCase(_host.SystemService, regarding.Id);
            }

            if (!accountId.HasValue)
            {
                _host.Trace("Check-in task {0} completed, but it is regarding no account (regarding: {1}): nothing to schedule.", task.TaskId,
                    regarding == null ? "nothing" : regarding.LogicalName + " " + regarding.Id);
                return null;
            }

            var account = AccountSnapshot.Read(_host.SystemService, accountId.Value);
            var routing = account.AdvocateId.HasValue
                ? new AdvocateDirectory(_host.SystemService, _host.Settings.Assignment.DefaultCapacity).RoutingFor(account.AdvocateId.Value, _host.Today())
                : null;
            // The owner's check-in is their stand-in's while the owning user is disabled (OwnerStandIn).
            if (!CheckInCompletion.Counts(task.OwnerId ?? Guid.Empty, routing, account.Facts().WorkOwnerId))
            {
                _host.Trace("Check-in task {0} completed, but it belongs to {1}, not to {2}: the proactive schedule is unchanged.", task.TaskId,
                    task.OwnerId.HasValue ? "user or team " + task.OwnerId.Value : "nobody",
                    routing != null ? "the account's advocate " + routing.AdvocateName : "the account's owner (no advocate)");
                return null;
            }

            if (CheckInCompletion.IsInTheFuture(task.CompletedOn, _host.UtcNow))
            {
                _host.Trace("Check-in task {0} is dated {1:o}, after now: the contact is recorded as now.", task.TaskId, task.CompletedOn!.Value);
            }

            _host.Trace("Check-in task {0} ({1}) completed.", task.TaskId, task.Kind!.Value);
            var contact = CheckInCompletion.ContactDate(task.CompletedOn, _host.UtcNow);
            if (task.CompletedBy.HasValue)
            {
                // 23:30 on 10 Mar in Los Angeles is 11 Mar in UTC; the customer was contacted on the 10th.
                var zone = _host.Zones.Of(task.CompletedBy.Value);
                contact = Domain.Time.LocalDays.DateOf(zone, contact);
                _host.Trace("Check-in task {0}: contact date {1:yyyy-MM-dd} in the completing user's time zone ({2}).", task.TaskId, contact, zone.Name);
            }

            return new ScheduleProactiveContact(_host).AfterContact(account, contact);
        }
    }
}
