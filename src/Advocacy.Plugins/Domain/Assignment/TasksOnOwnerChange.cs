using System;
using System.Collections.Generic;
using System.Linq;

namespace Advocacy.Plugins.Domain.Assignment
{
    /// <summary>The owner of one open advocacy task: a user, or a team when <see cref="IsTeam"/>.</summary>
    public sealed class TaskOwnerRecord : IEquatable<TaskOwnerRecord>
    {
        public TaskOwnerRecord(Guid taskId, Guid ownerId, bool isTeam)
        {
            TaskId = taskId;
            OwnerId = ownerId;
            IsTeam = isTeam;
        }

        public Guid TaskId { get; }
        public Guid OwnerId { get; }
        public bool IsTeam { get; }

        public bool SameOwner(TaskOwnerRecord other) => other != null && other.OwnerId == OwnerId && other.IsTeam == IsTeam;

        public bool Equals(TaskOwnerRecord? other) => other != null && other.TaskId == TaskId && SameOwner(other);

        public override bool Equals(object? obj) => Equals(obj as TaskOwnerRecord);

        public override int GetHashCode() => (TaskId.GetHashCode() * 397) ^ OwnerId.GetHashCode() ^ (IsTeam ? 1 : 0);
    }

    /// <summary>
    /// When an account is given to another owner, Dataverse gives every task regarding it to the new owner as well
    /// (Account_Tasks is published with Assign: Cascade — Microsoft Learn, Account table reference). An advocacy task is the
    /// advocate's work for the customer, not the account owner's (DESIGN §5: owner = the advocate's user; a backup's or a
    /// manager's where the product routed it there), so an open one keeps the owner the product gave it. A task the
    /// account's owner held — the product routes advocacy work to the owner while nobody advocates the account — follows
    /// the account, as the platform moved it. Closed tasks stay where the platform put them: they are history, and a
    /// closed activity is not written again.
    /// </summary>
    public static class TasksOnOwnerChange
    {
        /// <summary>The open advocacy tasks to give back after the change: those held by anyone but the account's owner before it.</summary>
        public static IReadOnlyList<TaskOwnerRecord> ToKeep(IEnumerable<TaskOwnerRecord> openTasksBefore, Guid previousAccountOwnerId) =>
            openTasksBefore.Where(t => t.OwnerId != previousAccountOwnerId).ToList();

        /// <summary>Of the tasks kept, those whose owner is not the kept one any more (the platform's cascade moved them).</summary>
        public static IReadOnlyList<TaskOwnerRecord> ToGiveBack(IEnumerable<TaskOwnerRecord> kept, IEnumerable<TaskOwnerRecord> openTasksNow)
        {
            var now = openTasksNow.ToDictionary(t => t.TaskId);
            return kept.Where(k => now.TryGetValue(k.TaskId, out var current) && !current.SameOwner(k)).ToList();
        }

        /// <summary>
        /// The kept owners in a form that travels in the execution's shared variables from the pre-operation step to the
        /// post-operation step (a string: shared variables are serialized by the platform), one "task:owner:u|t" per task.
        /// </summary>
        public static string Encode(IEnumerable<TaskOwnerRecord> kept) =>
            string.Join(";", kept.Select(k => k.TaskId.ToString("N") + ":" + k.OwnerId.ToString("N") + ":" + (k.IsTeam ? "t" : "u")));

        /// <summary>The records <see cref="Encode"/> wrote; anything else (a foreign or damaged value) reads as none.</summary>
        public static IReadOnlyList<TaskOwnerRecord> Decode(string? encoded)
        {
            var records = new List<TaskOwnerRecord>();
            if (string.IsNullOrEmpty(encoded))
            {
                return records;
            }

            foreach (var part in encoded!.Split(';'))
            {
                var fields = part.Split(':');
                if (fields.Length != 3 || !Guid.TryParseExact(fields[0], "N", out var task) || !Guid.TryParseExact(fields[1], "N", out var owner)
                    || (fields[2] != "u" && fields[2] != "t"))
                {
                    return new List<TaskOwnerRecord>();
                }

                records.Add(new TaskOwnerRecord(task, owner, fields[2] == "t"));
            }

            return records;
        }
    }
}
