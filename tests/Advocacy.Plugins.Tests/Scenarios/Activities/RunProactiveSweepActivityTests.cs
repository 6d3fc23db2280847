using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Activities.FollowUp;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using static Advocacy.Plugins.Tests.Scenarios.Activities.ActivityWorldExtensions;

namespace Advocacy.Plugins.Tests.Scenarios.Activities
{
    /// <summary>"Run proactive sweep" run for real over a handful of accounts, due and not.</summary>
    [TestClass]
    public sealed class RunProactiveSweepActivityTests
    {
        private AdvocacyWorld _world = null!;
        private Guid _leeUser;
        private Guid _pastDue;     // strategic, next contact yesterday, advocate Lee
        private Guid _windowEdge;  // key, next contact today + 7 (last day of the window), advocate Lee
        private Guid _neverPlanned; // standard, no next contact yet, no advocate
        private Guid _tooLate;     // strategic, next contact today + 8
        private Guid _untiered;    // no tier, no advocate, no date: not in advocacy
        private Guid _inactive;    // strategic, past due but inactive

        [TestInitialize]
        public void Seed()
        {
            _world = new AdvocacyWorld();
            _leeUser = _world.SeedUser("Lee");
            var lee = _world.SeedAdvocate("Lee Park", _leeUser, new[] { CustomerTier.Strategic, CustomerTier.Key }, accountCount: 2);
            var today = AdvocacyWorld.Now.Date;
            _pastDue = Account("Past due", CustomerTier.Strategic, today.AddDays(-1), lee);
            _windowEdge = Account("Window edge", CustomerTier.Key, today.AddDays(7), lee);
            _neverPlanned = Account("Never planned", CustomerTier.Standard, null, null);
            _tooLate = Account("Too late", CustomerTier.Strategic, today.AddDays(8), lee);
            _untiered = Account("Untiered", null, null, null);
            _inactive = Account("Inactive", CustomerTier.Strategic, today.AddDays(-3), null, active: false);
        }

        private Guid Account(string name, CustomerTier? tier, DateTime? next, Guid? advocateId, bool active = true)
        {
            var row = new Entity("account", Guid.NewGuid())
            {
                ["name"] = name,
                ["ownerid"] = new EntityReference("systemuser", _world.AgentUserId),
            };
            if (tier.HasValue) row["adv_tier"] = Choices.Option(tier.Value);
            if (next.HasValue) row["adv_nextproactivecontact"] = DateTime.SpecifyKind(next.Value, DateTimeKind.Utc);
            if (advocateId.HasValue) row["adv_advocateid"] = new EntityReference("adv_advocate", advocateId.Value);
            if (!active)
            {
                row["statecode"] = new OptionSetValue(1);
                row["statuscode"] = new OptionSetValue(2);
            }

            _world.Sandbox.Seed(row);
            return row.Id;
        }

        private IDictionary<string, object?> Sweep(string? continuation = null, int maxTasks = 0, List<string>? traces = null)
        {
            var inputs = Inputs(("MaxTasks", maxTasks));
            if (continuation != null) inputs["Continuation"] = continuation;
            return WorkflowActivityHarness.Run(_world, new RunProactiveSweepActivity(), inputs, _world.AgentUserId, traces);
        }

        private Guid[] CheckInAccounts() =>
            _world.Tasks(AdvocacyTaskKind.ProactiveCheckIn).Select(t => t.GetAttributeValue<EntityReference>("regardingobjectid").Id).OrderBy(id => id).ToArray();

        [TestMethod]
        public void Due_accounts_get_their_check_ins_and_the_sweep_reports_it_complete()
        {
            var outputs = Sweep();

            Assert.AreEqual(3, outputs["Created"]);
            Assert.AreEqual(0, outputs["Remaining"]);
            Assert.AreEqual(string.Empty, outputs["NextContinuation"]);
            Assert.AreEqual("3 check-in tasks created (3 in this sweep); the sweep is complete.", outputs["Summary"]);
            CollectionAssert.AreEqual(new[] { _pastDue, _windowEdge, _neverPlanned }.OrderBy(id => id).ToArray(), CheckInAccounts());

            var pastDue = _world.TasksRegarding(AdvocacyTaskKind.ProactiveCheckIn, _pastDue).Single();
            Assert.AreEqual(_leeUser, pastDue.OwnerOf());
            Assert.AreEqual(Utc(2026, 3, 17), pastDue.Due(), "5 business days after Tuesday");
            Assert.AreEqual("proactive:" + _pastDue.ToString("N") + ":20260309", pastDue.GetAttributeValue<string>("adv_sourcekey"));

            var never = _world.TasksRegarding(AdvocacyTaskKind.ProactiveCheckIn, _neverPlanned).Single();
            Assert.AreEqual(_world.AgentUserId, never.OwnerOf(), "no advocate: the owner");
            StringAssert.StartsWith(never.GetAttributeValue<string>("description"), "No advocate is assigned to this account yet");
            Assert.AreEqual("proactive:" + _neverPlanned.ToString("N") + ":20260310", never.GetAttributeValue<string>("adv_sourcekey"));
        }

        [TestMethod]
        public void A_second_sweep_creates_nothing_more()
        {
            Sweep();

            var again = Sweep();

            Assert.AreEqual(0, again["Created"]);
            Assert.AreEqual(0, again["Remaining"]);
            Assert.HasCount(3, _world.Tasks(AdvocacyTaskKind.ProactiveCheckIn));
        }

        [TestMethod]
        public void Maximum_tasks_stops_early_and_the_continuation_finishes_the_sweep()
        {
            var first = Sweep(maxTasks: 2);

            Assert.AreEqual(2, first["Created"]);
            Assert.AreEqual(1, first["Remaining"]);
            var token = (string)first["NextContinuation"]!;
            Assert.IsFalse(string.IsNullOrEmpty(token));
            StringAssert.Contains((string)first["Summary"]!, "with about 1 due account left");

            var second = Sweep(token);

            Assert.AreEqual(1, second["Created"]);
            Assert.AreEqual(0, second["Remaining"]);
            Assert.AreEqual(string.Empty, second["NextContinuation"]);
            StringAssert.Contains((string)second["Summary"]!, "(3 in this sweep); the sweep is complete.");
            Assert.HasCount(3, CheckInAccounts().Distinct());
            Assert.HasCount(3, _world.Tasks(AdvocacyTaskKind.ProactiveCheckIn));
        }

        [TestMethod]
        public void A_garbled_continuation_is_refused_with_a_clear_message_and_nothing_is_created()
        {
            var traces = new List<string>();

            var error = Assert.ThrowsExactly<InvalidPluginExecutionException>(() => Sweep("not a token", traces: traces));

            StringAssert.StartsWith(error.Message, "The continuation token is not valid");
            Assert.AreEqual(0, _world.Sandbox.Count("task"));
            Assert.IsTrue(traces.Any(t => t.Contains("rejected continuation: ")), string.Join("\n", traces));
        }
    }
}
