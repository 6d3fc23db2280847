using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Activities.Assignment;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using static Advocacy.Plugins.Tests.Scenarios.Activities.ActivityWorldExtensions;

namespace Advocacy.Plugins.Tests.Scenarios.Activities
{
    /// <summary>"Assign advocate" run for real through the workflow host's extensions, against the sandbox.</summary>
    [TestClass]
    public sealed class AssignAdvocateActivityTests
    {
        private static IDictionary<string, object?> Assign(AdvocacyWorld world, Guid accountId, List<string>? traces = null) =>
            WorkflowActivityHarness.Run(world, new AssignAdvocateActivity(), Inputs(("Account", new EntityReference("account", accountId))), world.AgentUserId, traces);

        [TestMethod]
        public void The_reason_is_also_worded_for_the_user_who_started_the_workflow()
        {
            var world = new AdvocacyWorld();
            Languages.LanguageScenarioTests.Speaks(world.Sandbox, world.AgentUserId, 1031, 1031);
            world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Strategic }, capacity: 20, accountCount: 3);
            var account = world.SeedAccount("Contoso", CustomerTier.Strategic);

            var outputs = Assign(world, account);

            StringAssert.StartsWith((string)outputs["Reason"]!, "chose Lee Park");
            StringAssert.StartsWith((string)outputs["ReasonText"]!, "Lee Park gewählt: geringste Auslastung 3/20");
        }

        [TestMethod]
        public void Tiered_account_gets_the_eligible_advocate_the_load_and_an_introduction()
        {
            var world = new AdvocacyWorld();
            var leeUser = world.SeedUser("Lee");
            var lee = world.SeedAdvocate("Lee Park", leeUser, new[] { CustomerTier.Strategic }, capacity: 20, accountCount: 3);
            world.SeedAccountsOf(lee, 3);
            world.SeedAdvocate("Busy Bee", world.SeedUser("Busy"), new[] { CustomerTier.Strategic }, capacity: 20, accountCount: 10);
            var account = world.SeedAccount("Contoso", CustomerTier.Strategic);
            var traces = new List<string>();

            var outputs = Assign(world, account, traces);

            Assert.AreEqual(new EntityReference("adv_advocate", lee), outputs["Advocate"]);
            Assert.IsTrue((bool)outputs["Changed"]!);
            StringAssert.Contains((string)outputs["Reason"]!, "chose Lee Park: lowest load 3/20");
            StringAssert.Contains((string)outputs["ReasonText"]!, "chose Lee Park: lowest load 3/20", "the agent reads English");
            Assert.AreEqual(lee, world.AdvocateOf(account));
            Assert.AreEqual(4, world.LoadOf(lee), "the load moves once, not once by the activity and again by the account step");
            var intro = world.TasksRegarding(AdvocacyTaskKind.Introduction, account).Single();
            Assert.AreEqual(leeUser, intro.OwnerOf());
            Assert.AreEqual(Utc(2026, 3, 12), intro.Due(), "2 business days after Tuesday");
            Assert.AreEqual(1, world.Tasks().Length, "only the introduction");
            Assert.IsTrue(traces.Any(t => t.Contains("as the workflow's user")), string.Join("\n", traces));
            Assert.IsFalse(traces.Any(t => t.Contains("as system user") || t.Contains("as SYSTEM") || t.Contains("as the system user:")), "an activity cannot act as SYSTEM, so no trace may say it did:\n" + string.Join("\n", traces));
        }

        [TestMethod]
        public void Second_run_keeps_the_advocate_and_writes_nothing_new()
        {
            var world = new AdvocacyWorld();
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Key }, capacity: 20, accountCount: 0);
            var account = world.SeedAccount("Fabrikam", CustomerTier.Key);
            Assign(world, account);

            var outputs = Assign(world, account);

            Assert.AreEqual(new EntityReference("adv_advocate", lee), outputs["Advocate"]);
            Assert.IsFalse((bool)outputs["Changed"]!);
            StringAssert.StartsWith((string)outputs["Reason"]!, "kept Lee Park");
            Assert.AreEqual(lee, world.AdvocateOf(account));
            Assert.AreEqual(1, world.LoadOf(lee));
            Assert.HasCount(1, world.TasksRegarding(AdvocacyTaskKind.Introduction, account));
            Assert.AreEqual(1, world.Tasks().Length);
        }

        [TestMethod]
        public void Account_with_an_advocate_set_beforehand_is_kept_without_moving_the_load()
        {
            var world = new AdvocacyWorld();
            var ann = world.SeedAdvocate("Ann", world.SeedUser("Ann"), new[] { CustomerTier.Key }, accountCount: 7);
            world.SeedAdvocate("Idle", world.SeedUser("Idle"), new[] { CustomerTier.Key }, accountCount: 0);
            var account = world.SeedAccount("Northwind", CustomerTier.Key, ann);

            var outputs = Assign(world, account);

            Assert.AreEqual(new EntityReference("adv_advocate", ann), outputs["Advocate"]);
            Assert.IsFalse((bool)outputs["Changed"]!);
            StringAssert.StartsWith((string)outputs["Reason"]!, "kept Ann");
            Assert.AreEqual(7, world.LoadOf(ann));
            Assert.AreEqual(0, world.Tasks().Length);
        }

        [TestMethod]
        public void No_eligible_advocate_changes_nothing_and_gives_the_owner_one_unassigned_task()
        {
            var world = new AdvocacyWorld();
            var full = world.SeedAdvocate("Full", world.SeedUser("Full"), new[] { CustomerTier.Strategic }, capacity: 2, accountCount: 2);
            var owner = world.SeedUser("Olive Owner");
            var account = world.SeedAccount("Contoso", CustomerTier.Strategic, ownerId: owner);

            var outputs = Assign(world, account);
            var again = Assign(world, account);

            Assert.IsNull(outputs["Advocate"]);
            Assert.IsFalse((bool)outputs["Changed"]!);
            StringAssert.Contains((string)outputs["Reason"]!, "no eligible advocate: 1 active advocate covers strategic accounts, at capacity");
            Assert.IsFalse((bool)again["Changed"]!);
            Assert.IsNull(world.AdvocateOf(account));
            Assert.AreEqual(2, world.LoadOf(full));
            var task = world.TasksRegarding(AdvocacyTaskKind.UnassignedAdvocacy, account).Single();
            Assert.AreEqual(owner, task.OwnerOf(), "the account's owner, not the workflow's user");
            Assert.AreEqual(2, task.GetAttributeValue<OptionSetValue>("prioritycode").Value, "strategic: high priority");
            StringAssert.Contains(task.GetAttributeValue<string>("description"), "at capacity");
        }

        [TestMethod]
        public void Account_without_a_tier_is_reported_and_gets_no_task()
        {
            var world = new AdvocacyWorld();
            world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Standard });
            var account = world.SeedAccount("Untiered");

            var outputs = Assign(world, account);

            Assert.IsFalse((bool)outputs["Changed"]!);
            Assert.IsNull(outputs["Advocate"]);
            StringAssert.Contains((string)outputs["Reason"]!, "the account has no tier");
            Assert.AreEqual(0, world.Tasks().Length);
        }

        [TestMethod]
        public void Empty_account_input_is_refused_with_a_clear_message()
        {
            var world = new AdvocacyWorld();

            var nothing = Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
                WorkflowActivityHarness.Run(world, new AssignAdvocateActivity(), Inputs(("Account", null)), world.AgentUserId));
            var empty = Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
                WorkflowActivityHarness.Run(world, new AssignAdvocateActivity(), Inputs(("Account", new EntityReference("account", Guid.Empty))), world.AgentUserId));

            Assert.AreEqual("Assign advocate needs an account.", nothing.Message);
            Assert.AreEqual("Assign advocate needs an account.", empty.Message);
            Assert.AreEqual(0, world.Sandbox.Count("adv_assignmentlock"), "refused before anything was written");
        }

        [TestMethod]
        public void Omitted_account_argument_is_stopped_by_the_host_because_it_is_required()
        {
            var world = new AdvocacyWorld();

            var error = Assert.ThrowsExactly<ArgumentException>(() =>
                WorkflowActivityHarness.Run(world, new AssignAdvocateActivity(), new Dictionary<string, object>(), world.AgentUserId));

            StringAssert.Contains(error.Message, "required activity argument 'Account'");
        }
    }
}
