using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;

namespace Advocacy.Plugins.Application.FollowUp
{
    /// <summary>A task as it will be after its save: what decides whose advocacy work it is.</summary>
    public sealed class TaskOwnership
    {
        public Guid TaskId { get; set; }
        public AdvocacyTaskKind? Kind { get; set; }

        /// <summary>The owning user; null when a team owns the task.</summary>
        public Guid? OwnerUserId { get; set; }

        /// <summary>Completed or canceled (before this save).</summary>
        public bool Closed { get; set; }

        /// <summary>The advocate the task names now.</summary>
        public Guid? CurrentAdvocateId { get; set; }
    }

    /// <summary>
    /// Keeps an advocacy task's advocate (adv_advocateid) the profile of the user who owns it (<see cref="TaskAdvocate"/>),
    /// so the advocate form's "Open advocacy tasks" grid lists the work that is really theirs after a backup takes it,
    /// a hand-over moves it or a manager reassigns it. One query, and only for an advocacy task owned by a user; profiles
    /// are read as the system user (not every task's creator may read them). A new task is named after its create, in an
    /// asynchronous job (<see cref="AsItIsNow"/>): a sweep that creates thousands of check-ins in one call pays nothing
    /// for it inside its time budget.
    /// </summary>
    public sealed class NameTaskAdvocate
    {
        private readonly IAdvocacyHost _host;

        public NameTaskAdvocate(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <summary>
        /// After a task was created, or reopened: reads it as it is now (its owner may have changed since — while it was
        /// closed, it kept the advocate who did the work), names its advocate.
        /// </summary>
        /// <returns>True when the task's advocate was written.</returns>
        public bool AsItIsNow(Guid taskId)
        {
            var stored = TaskAdvocateRows.Read(_host.SystemService, taskId);
            if (stored == null)
            {
                _host.Trace("Task {0} no longer exists: nothing to name.", taskId);
                return false;
            }

            var advocate = Run(new TaskOwnership
            {
                TaskId = taskId,
                Kind = Choices.TaskKind(stored.Kind),
                OwnerUserId = stored.Owner?.LogicalName == "systemuser" ? stored.Owner.Id : (Guid?)null,
                Closed = stored.Closed,
                CurrentAdvocateId = stored.AdvocateId,
            });
            if (advocate == stored.AdvocateId)
            {
                _host.Trace("Task {0} already names {1}.", taskId, advocate.HasValue ? "advocate " + advocate.Value : "no advocate");
                return false;
            }

            TaskAdvocateRows.Write(_host.SystemService, taskId, advocate);
            return true;
        }

        /// <returns>The advocate the task should name (null: none); a closed task's own.</returns>
        public Guid? Run(TaskOwnership task)
        {
            if (!TaskAdvocate.FollowsOwner(task.Closed))
            {
                _host.Trace("Task {0} is closed: it keeps {1} (a closed task is history, and the platform takes no change to it but its state and owner).",
                    task.TaskId, task.CurrentAdvocateId.HasValue ? "advocate " + task.CurrentAdvocateId.Value : "naming no advocate");
                return task.CurrentAdvocateId;
            }

            if (!TaskAdvocate.BelongsToOwnersProfile(task.Kind, task.OwnerUserId.HasValue))
            {
                _host.Trace("Task {0}: {1}, so it names no advocate.", task.TaskId,
                    task.Kind.HasValue ? "owned by a team" : "not an advocacy task");
                return null;
            }

            var advocateId = new AdvocateDirectory(_host.SystemService, 0).ActiveProfileOf(task.OwnerUserId!.Value);
            _host.Trace("Task {0} ({1}) is owned by user {2}: {3}.", task.TaskId, task.Kind, task.OwnerUserId,
                advocateId.HasValue ? "it names their advocate profile " + advocateId.Value : "the user has no active advocate profile, so it names none");
            return advocateId;
        }
    }
}
