using System;
using System.Linq;
using Advocacy.Plugins.Domain.Assignment;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Assignment
{
    [TestClass]
    public sealed class TasksOnOwnerChangeTests
    {
        private static readonly Guid PreviousOwner = Guid.NewGuid();
        private static readonly Guid Advocate = Guid.NewGuid();
        private static readonly Guid Team = Guid.NewGuid();

        [TestMethod]
        public void Open_tasks_held_by_anyone_but_the_accounts_previous_owner_are_kept()
        {
            var advocates = new TaskOwnerRecord(Guid.NewGuid(), Advocate, false);
            var teams = new TaskOwnerRecord(Guid.NewGuid(), Team, true);
            var owners = new TaskOwnerRecord(Guid.NewGuid(), PreviousOwner, false);

            CollectionAssert.AreEqual(new[] { advocates, teams }, TasksOnOwnerChange.ToKeep(new[] { advocates, owners, teams }, PreviousOwner).ToArray());
        }

        [TestMethod]
        public void Only_kept_tasks_whose_owner_changed_and_that_are_still_open_are_given_back()
        {
            var moved = new TaskOwnerRecord(Guid.NewGuid(), Advocate, false);
            var stayed = new TaskOwnerRecord(Guid.NewGuid(), Advocate, false);
            var closedSince = new TaskOwnerRecord(Guid.NewGuid(), Advocate, false);
            var teamNowUser = new TaskOwnerRecord(Guid.NewGuid(), Team, true);
            var newOwner = Guid.NewGuid();
            var now = new[]
            {
                new TaskOwnerRecord(moved.TaskId, newOwner, false),
                new TaskOwnerRecord(stayed.TaskId, Advocate, false),
                new TaskOwnerRecord(teamNowUser.TaskId, Team, false), // same id, but a user now: not the same owner
            };

            var back = TasksOnOwnerChange.ToGiveBack(new[] { moved, stayed, closedSince, teamNowUser }, now);

            CollectionAssert.AreEqual(new[] { moved, teamNowUser }, back.ToArray());
        }

        [TestMethod]
        public void Kept_owners_survive_the_trip_through_the_shared_variables()
        {
            Prop.ForAll(ArbMap.Default.ArbFor<(Guid, Guid, bool)[]>(), records =>
            {
                var kept = records.Select(r => new TaskOwnerRecord(r.Item1, r.Item2, r.Item3)).ToList();
                return TasksOnOwnerChange.Decode(TasksOnOwnerChange.Encode(kept)).SequenceEqual(kept);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
        }

        [TestMethod]
        public void A_foreign_or_damaged_shared_variable_reads_as_nothing_to_give_back()
        {
            foreach (var value in new[] { null, "", "x", "a:b:u", Guid.NewGuid().ToString("N") + ":" + Guid.NewGuid().ToString("N") + ":x",
                Guid.NewGuid().ToString("N") + ":" + Guid.NewGuid().ToString("N") + ":u;broken" })
            {
                Assert.IsEmpty(TasksOnOwnerChange.Decode(value), value ?? "(null)");
            }
        }
    }
}
