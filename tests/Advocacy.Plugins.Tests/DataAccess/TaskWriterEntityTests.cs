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
    /// <summary>The task row a planned task becomes, what counts as a change worth refreshing, and completing a task without text.</summary>
    [TestClass]
    public sealed class TaskWriterEntityTests
    {
        private static PlannedTask Plan(Guid account, Guid owner, bool ownerIsTeam, string subject = "Review the impact", string description = "first") =>
            new PlannedTask(AdvocacyTaskKind.ImpactReview, "k1", subject, description, AdvocacyWorld.Now.Date, TaskPriority.Normal,
                owner, ownerIsTeam, RegardingKind.Account, account, account);

        [TestMethod]
        public void A_task_for_a_team_is_owned_by_the_team_and_one_for_a_user_by_the_user()
        {
            var owner = Guid.NewGuid();
            var account = Guid.NewGuid();

            var team = AdvocacyTaskWriter.ToEntity(Plan(account, owner, ownerIsTeam: true)).GetAttributeValue<EntityReference>("ownerid");
            var user = AdvocacyTaskWriter.ToEntity(Plan(account, owner, ownerIsTeam: false)).GetAttributeValue<EntityReference>("ownerid");

            Assert.AreEqual("team", team.LogicalName);
            Assert.AreEqual(owner, team.Id);
            Assert.AreEqual("systemuser", user.LogicalName);
            Assert.AreEqual(owner, user.Id);
        }

        [TestMethod]
        public void Reassign_gives_the_task_to_a_team_or_a_user()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso", CustomerTier.Key);
            var writer = new AdvocacyTaskWriter(world.Sandbox.NestedService, new ListTracer());
            var task = writer.Ensure(Plan(account, world.AgentUserId, ownerIsTeam: false)).TaskId;
            var teamId = Guid.NewGuid();
            world.Sandbox.Seed(new Entity("team", teamId) { ["name"] = "Advocates" });

            writer.Reassign(task, teamId, ownerIsTeam: true);
            var owner = world.Sandbox.Get("task", task).GetAttributeValue<EntityReference>("ownerid");
            Assert.AreEqual("team", owner.LogicalName);
            Assert.AreEqual(teamId, owner.Id);

            writer.Reassign(task, world.ManagerUserId, ownerIsTeam: false);
            owner = world.Sandbox.Get("task", task).GetAttributeValue<EntityReference>("ownerid");
            Assert.AreEqual("systemuser", owner.LogicalName);
            Assert.AreEqual(world.ManagerUserId, owner.Id);
        }

        [TestMethod]
        public void An_open_task_is_refreshed_when_only_its_subject_changed()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso", CustomerTier.Key);
            var writer = new AdvocacyTaskWriter(world.Sandbox.NestedService, new ListTracer());
            var created = writer.Ensure(Plan(account, world.AgentUserId, false, subject: "Review the impact"));

            var refreshed = writer.Ensure(Plan(account, world.AgentUserId, false, subject: "Review the severe impact"), refreshOpenTask: true);

            Assert.IsTrue(refreshed.Updated);
            Assert.AreEqual("Review the severe impact", world.Sandbox.Get("task", created.TaskId).GetAttributeValue<string>("subject"));
        }

        [TestMethod]
        public void An_open_task_is_refreshed_when_only_its_description_changed()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso", CustomerTier.Key);
            var writer = new AdvocacyTaskWriter(world.Sandbox.NestedService, new ListTracer());
            var created = writer.Ensure(Plan(account, world.AgentUserId, false, description: "first"));

            var refreshed = writer.Ensure(Plan(account, world.AgentUserId, false, description: "second"), refreshOpenTask: true);

            Assert.IsTrue(refreshed.Updated);
            Assert.AreEqual("second", world.Sandbox.Get("task", created.TaskId).GetAttributeValue<string>("description"));
        }

        [TestMethod]
        public void Completing_a_task_without_a_description_leaves_only_the_reason()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso", CustomerTier.Key);
            var writer = new AdvocacyTaskWriter(world.Sandbox.NestedService, new ListTracer());
            var task = writer.Ensure(Plan(account, world.AgentUserId, false)).TaskId;

            writer.Complete(new Entity("task", task), Phrase.Join(string.Empty, new object?[] { "advocate assigned" }));

            var row = world.Sandbox.Get("task", task);
            Assert.AreEqual("\n\nClosed automatically: advocate assigned", row.GetAttributeValue<string>("description"));
            Assert.AreEqual(1, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.AreEqual(5, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
        }

        [TestMethod]
        public void Ensure_refuses_a_missing_task()
        {
            var writer = new AdvocacyTaskWriter(new AdvocacyWorld().Sandbox.Service, new ListTracer());

            var error = Assert.ThrowsExactly<ArgumentNullException>(() => writer.Ensure(null!));
            Assert.AreEqual("task", error.ParamName);
        }
    }
}
