using System;
using System.Linq;
using Advocacy.Plugins.Application;
using Advocacy.Plugins.Application.Assignment;
using Advocacy.Plugins.Application.FollowUp;
using Advocacy.Plugins.Application.Impact;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Tests.Scenarios.Assignment;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios
{
    /// <summary>
    /// The use cases' "nothing to do" answers, called directly with a sandbox service: each returns nothing, writes
    /// nothing and traces why — the branches no pipeline scenario reached.
    /// </summary>
    [TestClass]
    public sealed class UseCaseEarlyExitTests
    {
        private AdvocacyWorld _world = null!;
        private ListTracer _tracer = null!;
        private TestHost _host = null!;

        [TestInitialize]
        public void CreateWorld()
        {
            _world = new AdvocacyWorld();
            _tracer = new ListTracer();
            _host = new TestHost(_world.Sandbox.NestedService, _tracer);
        }

        private void AssertNothingWritten(long writesBefore)
        {
            Assert.AreEqual(writesBefore, Writes(), string.Join("\n", _tracer.Lines));
            Assert.IsEmpty(_world.Tasks());
        }

        private long Writes() => _world.Sandbox.Metrics.RoundTrips.Where(r => r.Message != "Retrieve" && r.Message != "RetrieveMultiple").Sum(r => r.Count);

        private void AssertTraced(string line) => CollectionAssert.Contains(_tracer.Lines, line, string.Join("\n", _tracer.Lines));

        [TestMethod]
        public void A_merge_whose_before_half_left_nothing_or_garbage_settles_nothing_and_reads_nothing()
        {
            var use = new MergeAccounts(_host);
            long before = Writes();
            long reads = _world.Sandbox.Metrics.RoundTrips.Sum(r => r.Count);
            foreach (var remembered in new[] { null, "", "not;a;pair", "garbage;", ";garbage" })
            {
                var settled = use.AfterMerge(Guid.NewGuid(), Guid.NewGuid(), remembered);
                Assert.AreEqual(0, settled.RoundTrips, remembered);
            }

            Assert.AreEqual(reads, _world.Sandbox.Metrics.RoundTrips.Sum(r => r.Count), "not even a read");
            AssertNothingWritten(before);
            Assert.IsTrue(_tracer.Lines.Any(l => l.Contains("nothing was remembered before the merge", StringComparison.Ordinal)), string.Join("\n", _tracer.Lines));
        }

        [TestMethod]
        public void A_case_save_that_escalates_nothing_a_case_with_an_advocate_and_a_contacts_case_assign_nobody()
        {
            var account = _world.SeedAccount("Contoso", CustomerTier.Key);
            _world.SeedAdvocate("Lee Park", _world.SeedUser("Lee"), new[] { CustomerTier.Key });
            var use = new AssignOnCaseEscalation(_host);
            var caseId = Guid.NewGuid();
            var writes = Writes();

            Assert.IsNull(use.Run(new CaseSave { CaseId = caseId, IsCreate = false, EscalatedInSave = false, EscalatedBefore = false, AccountId = account }));
            AssertTraced("Assignment: case " + caseId + " was not escalated nor raised to high priority by this save.");

            Assert.IsNull(use.Run(new CaseSave { CaseId = caseId, IsCreate = false, EscalatedInSave = true, EscalatedBefore = false, AccountId = account, AdvocateId = Guid.NewGuid() }));
            AssertTraced("Assignment: case " + caseId + " already names an advocate; left alone.");

            Assert.IsNull(use.Run(new CaseSave { CaseId = caseId, IsCreate = false, EscalatedInSave = true, EscalatedBefore = false, CustomerKind = "contact" }));
            AssertTraced("Assignment: case " + caseId + " is not for an account (customer contact); no advocate to assign.");
            Assert.IsNull(use.Run(new CaseSave { CaseId = caseId, IsCreate = false, EscalatedInSave = true, EscalatedBefore = false }));
            AssertTraced("Assignment: case " + caseId + " is not for an account (customer (none)); no advocate to assign.");

            AssertNothingWritten(writes);
            Assert.IsNull(_world.AdvocateOf(account));
        }

        [TestMethod]
        public void An_escalated_case_whose_account_nobody_can_take_stays_without_an_advocate()
        {
            var account = _world.SeedAccount("Contoso", CustomerTier.Key); // no advocate covers key accounts
            var caseId = Guid.NewGuid();

            var advocate = new AssignOnCaseEscalation(_host).Run(new CaseSave { CaseId = caseId, EscalatedInSave = true, EscalatedBefore = false, AccountId = account });

            Assert.IsNull(advocate);
            Assert.IsTrue(_tracer.Lines.Any(l => l.StartsWith("Assignment: case " + caseId + " stays without an advocate: ")), string.Join("\n", _tracer.Lines));
            Assert.HasCount(1, _world.TasksFor(AdvocacyTaskKind.UnassignedAdvocacy, account), "the owner is told instead");

            var again = new AssignAdvocate(_host).EnsureAdvocate(account, null, true, "test");
            Assert.IsNull(again.AdvocateId);
            Assert.IsFalse(string.IsNullOrEmpty(again.Reason));
            Assert.AreEqual(again.Reason, again.ToString(), "a result reads as its reason in traces");
        }

        [TestMethod]
        public void A_deactivation_moves_accounts_but_any_other_state_leaves_them()
        {
            var leaving = _world.SeedAdvocate("Leaving", _world.SeedUser("Leaving"), new[] { CustomerTier.Key }, accountCount: 1);
            var account = _world.SeedAccount("Contoso", CustomerTier.Key, leaving);
            var use = new ReassignFromInactiveAdvocate(_host);

            Assert.IsNull(use.AfterStateChange(leaving, 0));
            AssertTraced("Advocate " + leaving + ": state 0 is not Inactive; accounts stay.");
            Assert.IsNull(use.AfterStateChange(leaving, null));
            AssertTraced("Advocate " + leaving + ": state (none) is not Inactive; accounts stay.");
            Assert.AreEqual(leaving, _world.AdvocateOf(account));
        }

        [TestMethod]
        public void A_resolution_without_a_case_raises_no_check_in()
        {
            var resolution = Guid.NewGuid();
            var writes = Writes();

            Assert.IsNull(new CheckInAfterResolution(_host).AfterResolutionRecord(resolution, null));

            AssertTraced("Case resolution " + resolution + " names no case (incidentid is empty): no check-in.");
            AssertNothingWritten(writes);
        }

        [TestMethod]
        public void A_task_that_is_not_completed_now_or_regards_no_account_schedules_nothing()
        {
            var use = new RecordCompletedCheckIn(_host);
            var task = Guid.NewGuid();
            var writes = Writes();

            Assert.IsNull(use.Run(new TaskStateChange { TaskId = task, CompletedNow = false, Kind = AdvocacyTaskKind.ProactiveCheckIn, Regarding = new EntityReference("account", Guid.NewGuid()) }));
            AssertTraced("Task " + task + " is not completed: nothing to schedule.");

            Assert.IsNull(use.Run(new TaskStateChange { TaskId = task, CompletedNow = true, Kind = AdvocacyTaskKind.ProactiveCheckIn }));
            AssertTraced("Check-in task " + task + " completed, but it is regarding no account (regarding: nothing): nothing to schedule.");

            var contact = Guid.NewGuid();
            Assert.IsNull(use.Run(new TaskStateChange { TaskId = task, CompletedNow = true, Kind = AdvocacyTaskKind.ProactiveCheckIn, Regarding = new EntityReference("contact", contact) }));
            AssertTraced("Check-in task " + task + " completed, but it is regarding no account (regarding: contact " + contact + "): nothing to schedule.");
            AssertNothingWritten(writes);
        }

        [TestMethod]
        public void An_order_not_yet_fulfilled_or_without_an_account_is_no_late_delivery()
        {
            var use = new DetectLateDelivery(_host);
            var order = Guid.NewGuid();
            var writes = Writes();

            Assert.IsNull(use.Run(new FulfilledOrder { OrderId = order, RequestedDeliveryBy = AdvocacyWorld.Now.AddDays(-3) }));
            AssertTraced("Order " + order + ": not fulfilled; not a late delivery (yet).");
            Assert.IsNull(use.Run(new FulfilledOrder { OrderId = order, FulfilledOn = AdvocacyWorld.Now }));
            AssertTraced("Order " + order + ": no requested delivery date; not a late delivery (yet).");
            Assert.IsNull(use.Run(new FulfilledOrder { OrderId = order, RequestedDeliveryBy = AdvocacyWorld.Now.AddDays(-3), FulfilledOn = AdvocacyWorld.Now }));
            AssertTraced("Order " + order + ": its customer is not an account; advocacy covers accounts only.");

            AssertNothingWritten(writes);
            Assert.IsEmpty(_world.Sandbox.Rows("adv_inconvenience"));
        }

        [TestMethod]
        public void A_settings_error_reaches_the_user_as_a_plug_in_error_with_the_same_message()
        {
            var tracer = new ListTracer();
            var cause = new AdvocacySettingsException("$.scoring.delayMaxPoints must be a number between 0 and 100 (found \"x\").", "$.scoring.delayMaxPoints", null, null);

            var error = Assert.ThrowsExactly<InvalidPluginExecutionException>(() => EntryPointErrors.Run(tracer, "Test entry point", () => Advocacy.Plugins.Domain.Words.Language.English, () => throw cause));

            Assert.AreEqual(cause.Message, error.Message);
            Assert.AreSame(cause, error.InnerException);
            CollectionAssert.Contains(tracer.Lines, "Test entry point: settings error: " + cause.Message);
        }

        [TestMethod]
        public void An_unassigned_account_without_an_owner_gets_no_task()
        {
            var account = new AccountFacts(Guid.NewGuid(), "Ownerless", CustomerTier.Key, Guid.Empty);
            var writes = Writes();

            var task = new AssignAdvocate(_host).RaiseTask(account, AssignmentOutcome.Unassigned, null, "nobody covers key accounts");

            Assert.IsNull(task);
            AssertTraced("Assignment: no owner on account " + account.AccountId + ", so no unassigned-advocacy task could be raised.");
            AssertNothingWritten(writes);
        }
    }
}
