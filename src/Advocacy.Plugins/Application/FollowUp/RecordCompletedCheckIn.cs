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
    }

    /// <summary>
    /// Completing a check-in (DESIGN §5): the account's last proactive contact = the completion date and next = +
    /// cadence (<see cref="ScheduleProactiveContact.AfterContact"/>). Check-in kinds are
    /// <see cref="AdvocacyTaskPlanner.IsCheckIn"/>'s; any other completed task, advocacy or not, is ignored with a trace.
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

            _host.Trace("Check-in task {0} ({1}) completed.", task.TaskId, task.Kind!.Value);
            return new ScheduleProactiveContact(_host).AfterContact(accountId.Value, task.CompletedOn ?? _host.UtcNow);
        }
    }
}
