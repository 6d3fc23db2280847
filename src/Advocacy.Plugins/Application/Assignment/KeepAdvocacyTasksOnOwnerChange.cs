using System;
using System.Globalization;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.Assignment;

namespace Advocacy.Plugins.Application.Assignment
{
    /// <summary>
    /// An account or a case given to another owner keeps its advocate's work with the advocate (<see cref="TasksOnOwnerChange"/>):
    /// before the change, the open advocacy tasks regarding the row held by anyone but the row's owner are remembered;
    /// after it — the platform's cascade (Account_Tasks, Incident_Tasks) has given those tasks to the new owner by then,
    /// in the same transaction — the ones it moved are given back. The cases an account's new owner takes along
    /// (incident_customer_accounts) are rows of their own: the platform runs their steps as the cascade reaches them
    /// (Microsoft Learn, "Asynchronous processing of cascading transactions"), so each case keeps its tasks by its own
    /// previous owner. Both halves run as <see cref="IAdvocacyHost.SystemService"/>: the tasks belong to other users.
    /// <para>
    /// Cost, only when the owner changes: one query before, one after and one write per task given back; nothing after
    /// when nothing was remembered.
    /// </para>
    /// </summary>
    public sealed class KeepAdvocacyTasksOnOwnerChange
    {
        private readonly IAdvocacyHost _host;

        public KeepAdvocacyTasksOnOwnerChange(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <returns>What the post-operation half needs, to carry in the execution's shared variables ("" for nothing).</returns>
        /// <param name="table">account or incident: the row whose owner changes.</param>
        public string BeforeChange(string table, Guid id, Guid? previousOwnerId, Guid? newOwnerId)
        {
            if (!previousOwnerId.HasValue || previousOwnerId == newOwnerId)
            {
                // Stryker disable once all : trace text only
                _host.Trace("Owner change: the owner of {0} {1} does not change; its advocacy tasks stay as they are.", table, id);
                // Stryker disable once String : equivalent, the after half reads any text it did not write as nothing remembered
                return "";
            }

            var open = new AdvocacyTaskWriter(_host.SystemService, _host.Tracing).OpenAdvocacyTaskOwners(id);
            var kept = TasksOnOwnerChange.ToKeep(open, previousOwnerId.Value);
            // Stryker disable once all : trace text only
            _host.Trace("Owner change: {0} open advocacy task(s) on {1} {2}; {3} held by someone other than the previous owner keep their owner after the change.",
                open.Count.ToString(CultureInfo.InvariantCulture), table, id, kept.Count.ToString(CultureInfo.InvariantCulture));
            return TasksOnOwnerChange.Encode(kept);
        }

        /// <returns>How many tasks were given back to their owner.</returns>
        public int AfterChange(string table, Guid id, string? remembered)
        {
            var kept = TasksOnOwnerChange.Decode(remembered);
            if (kept.Count == 0)
            {
                // Stryker disable once all : trace text only
                _host.Trace("Owner change: no advocacy task on {0} {1} to keep with its owner.", table, id);
                return 0;
            }

            var writer = new AdvocacyTaskWriter(_host.SystemService, _host.Tracing);
            var giveBack = TasksOnOwnerChange.ToGiveBack(kept, writer.OpenAdvocacyTaskOwners(id));
            foreach (var task in giveBack)
            {
                writer.Reassign(task.TaskId, task.OwnerId, task.IsTeam);
                // Stryker disable once all : trace text only
                _host.Trace("Owner change: task {0} given back to {1} {2} as {3} (the row's new owner received it through the platform's cascade).",
                    task.TaskId, task.IsTeam ? "team" : "user", task.OwnerId, _host.SystemIdentity);
            }

            // Stryker disable once all : trace text only
            if (giveBack.Count == 0)
            {
                // Stryker disable once all : trace text only
                _host.Trace("Owner change: the {0} kept task(s) on {1} {2} still have their owner (no cascade moved them).", kept.Count.ToString(CultureInfo.InvariantCulture), table, id);
            }

            return giveBack.Count;
        }
    }
}
