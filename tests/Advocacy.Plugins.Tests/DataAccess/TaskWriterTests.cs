using System;
using Advocacy.Plugins.Domain.Words;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Tests.Scenarios;
using Advocacy.Plugins.Tests.Scenarios.Assignment;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.DataAccess
{
    /// <summary>One open task per key: what Ensure reports, when it refreshes, and CompleteOpen.</summary>
    [TestClass]
    public sealed class TaskWriterTests
    {
        private static PlannedTask Plan(AdvocacyWorld world, Guid account, string key, string description, TaskPriority priority = TaskPriority.Normal) =>
            new PlannedTask(AdvocacyTaskKind.ImpactReview, key, "Review the impact", description, AdvocacyWorld.Now.Date, priority,
                world.AgentUserId, false, RegardingKind.Account, account, account);

        /// <summary>A reason given as it is (no string table entry): the writer words only the note around it.</summary>
        private static Phrase Why(string text) => Phrase.Join(string.Empty, new object?[] { text });

        [TestMethod]
        public void A_task_whose_description_a_user_filled_to_the_columns_length_can_still_be_closed_automatically()
        {
            // The platform refuses a task description over 2,000 characters (the sandbox models it): appending the
            // closing note to a full description would fail the whole save that closes the task.
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso", CustomerTier.Key);
            var writer = new AdvocacyTaskWriter(world.Sandbox.NestedService, new ListTracer());
            var task = writer.Ensure(Plan(world, account, "k1", "first")).TaskId;
            world.Sandbox.Service.Update(new Entity("task", task) { ["description"] = new string('x', PlannedTask.DescriptionMaxLength) });

            Assert.IsTrue(writer.CompleteOpen("k1", Why("done elsewhere")));

            var description = world.Sandbox.Get("task", task).GetAttributeValue<string>("description");
            Assert.AreEqual(PlannedTask.DescriptionMaxLength, description.Length);
            StringAssert.EndsWith(description, "\n\nClosed automatically: done elsewhere");
            Assert.AreEqual(1, world.Sandbox.Get("task", task).GetAttributeValue<OptionSetValue>("statecode").Value);
        }

        [TestMethod]
        public void Ensure_reports_created_kept_and_refreshed_and_never_refreshes_a_closed_task()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso", CustomerTier.Key);
            var writer = new AdvocacyTaskWriter(world.Sandbox.NestedService, new ListTracer());

            var created = writer.Ensure(Plan(world, account, "k1", "first"));
            Assert.IsTrue(created.Created);
            Assert.IsFalse(created.Updated);
            Assert.IsFalse(created.AlreadyExisted);

            var kept = writer.Ensure(Plan(world, account, "k1", "second"));
            Assert.AreEqual(created.TaskId, kept.TaskId);
            Assert.IsFalse(kept.Created);
            Assert.IsFalse(kept.Updated, "not asked to refresh");
            Assert.AreEqual("first", world.Sandbox.Get("task", created.TaskId).GetAttributeValue<string>("description"));

            var same = writer.Ensure(Plan(world, account, "k1", "first"), refreshOpenTask: true);
            Assert.IsFalse(same.Updated, "nothing differs");

            var refreshed = writer.Ensure(Plan(world, account, "k1", "second", TaskPriority.High), refreshOpenTask: true);
            Assert.AreEqual(created.TaskId, refreshed.TaskId);
            Assert.IsTrue(refreshed.Updated);
            Assert.IsFalse(refreshed.Created);
            var row = world.Sandbox.Get("task", created.TaskId);
            Assert.AreEqual("second", row.GetAttributeValue<string>("description"));
            Assert.AreEqual((int)TaskPriority.High, row.GetAttributeValue<OptionSetValue>("prioritycode").Value);

            Assert.IsTrue(writer.CompleteOpen("k1", Why("done elsewhere")));
            Assert.AreEqual("second\n\nClosed automatically: done elsewhere", world.Sandbox.Get("task", created.TaskId).GetAttributeValue<string>("description"));
            Assert.AreEqual(1, world.Sandbox.Get("task", created.TaskId).GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.IsFalse(writer.CompleteOpen("k1", Why("again")), "no open task left");

            var closed = writer.Ensure(Plan(world, account, "k1", "third"), oncePerKey: true, refreshOpenTask: true);
            Assert.AreEqual(created.TaskId, closed.TaskId, "once per key: the closed task counts");
            Assert.IsFalse(closed.Updated, "a closed task is not refreshed");
            Assert.AreEqual("second\n\nClosed automatically: done elsewhere", world.Sandbox.Get("task", created.TaskId).GetAttributeValue<string>("description"));

            var next = writer.Ensure(Plan(world, account, "k1", "third"));
            Assert.IsTrue(next.Created, "a new task may follow a closed one");
            Assert.AreNotEqual(created.TaskId, next.TaskId);
            Assert.AreEqual(next.TaskId, writer.Find("k1", anyState: true)!.Id, "open ones first");
            Assert.AreEqual(next.TaskId, writer.Find("k1", anyState: false)!.Id);
        }
    }
}
