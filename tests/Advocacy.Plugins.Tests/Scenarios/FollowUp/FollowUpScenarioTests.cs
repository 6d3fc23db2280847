using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Plugins.FollowUp;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.FollowUp
{
    [TestClass]
    public sealed class PostResolutionCheckInTests
    {
        [TestMethod]
        [DataRow(CustomerTier.Strategic, 13)] // Tue 10 Mar + 3 business days = Fri 13
        [DataRow(CustomerTier.Key, 17)]       // + 5 = Tue 17
        [DataRow(CustomerTier.Standard, 19)]  // + 7 = Thu 19
        public void Resolving_a_case_by_state_change_creates_a_check_in_due_by_tier(CustomerTier tier, int dueDay)
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", tier);
            var caseId = w.SeedCase(account);

            w.Resolve(caseId);

            var task = w.TasksFor(AdvocacyTaskKind.PostResolutionCheckIn, caseId).Single();
            Assert.AreEqual(FollowUpWorld.Day(2026, 3, dueDay), task.GetAttributeValue<DateTime>("scheduledend").Date);
            Assert.AreEqual(w.AdvocateUserId, task.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual("checkin:" + caseId.ToString("N"), task.GetAttributeValue<string>("adv_sourcekey"));
            StringAssert.Contains(task.GetAttributeValue<string>("description"), "Pallets arrived damaged");
        }

        [TestMethod]
        public void Re_resolving_and_re_firing_creates_no_second_check_in_while_one_is_open()
        {
            var w = new FollowUpWorld();
            var caseId = w.SeedCase(w.SeedAccount("Contoso", CustomerTier.Key));

            w.Resolve(caseId);
            w.Reopen(caseId);
            w.Resolve(caseId);
            Assert.ThrowsExactly<SandboxFaultException>(() => w.Resolve(caseId), "the platform refuses to close a closed case");

            Assert.HasCount(1, w.TasksFor(AdvocacyTaskKind.PostResolutionCheckIn, caseId));
            Assert.IsTrue(w.Sandbox.Traces("Advocacy: check-in after case resolution (state change)").Any(t => t.Contains("nothing created")));
        }

        [TestMethod]
        public void An_account_without_advocate_or_tier_gives_the_owner_the_check_in_with_standard_timing_and_says_so()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Fabrikam", null, withAdvocate: false);
            var caseId = w.SeedCase(account);

            w.Resolve(caseId);

            var task = w.TasksFor(AdvocacyTaskKind.PostResolutionCheckIn, caseId).Single();
            Assert.AreEqual(w.World.AgentUserId, task.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(FollowUpWorld.Day(2026, 3, 19), task.GetAttributeValue<DateTime>("scheduledend").Date);
            StringAssert.Contains(task.GetAttributeValue<string>("description"), "No advocate is assigned");
            var traces = string.Join("\n", w.Sandbox.Traces("Advocacy: check-in after case resolution (state change)"));
            StringAssert.Contains(traces, "has no advocate: the account owner");
            StringAssert.Contains(traces, "has no advocacy tier");
        }

        [TestMethod]
        public void A_case_for_a_contact_gets_no_check_in_and_the_trace_says_why()
        {
            var w = new FollowUpWorld();
            var contact = new Entity("contact", Guid.NewGuid()) { ["fullname"] = "Pat Doe" };
            w.Sandbox.Seed(contact);
            var incident = new Entity("incident", Guid.NewGuid()) { ["title"] = "x", ["customerid"] = new EntityReference("contact", contact.Id) };
            w.Sandbox.Seed(incident);

            w.Resolve(incident.Id);

            Assert.IsEmpty(w.Tasks(AdvocacyTaskKind.PostResolutionCheckIn));
            StringAssert.Contains(string.Join("\n", w.Sandbox.Traces("Advocacy: check-in after case resolution (state change)")), "not an account");
        }

        [TestMethod]
        public void Resolving_through_the_resolve_dialog_creates_the_same_single_check_in()
        {
            var w = new FollowUpWorld();
            var caseId = w.SeedCase(w.SeedAccount("Contoso", CustomerTier.Strategic));

            // The resolve dialog's CloseIncident: the resolution is created, then the case turns Resolved; both steps fire.
            w.Resolve(caseId);

            var task = w.TasksFor(AdvocacyTaskKind.PostResolutionCheckIn, caseId).Single();
            Assert.AreEqual(FollowUpWorld.Day(2026, 3, 13), task.GetAttributeValue<DateTime>("scheduledend").Date);
            Assert.AreEqual(1, w.Sandbox.ExecutionsOf("Advocacy: check-in after case resolution (resolve dialog)").Count);
            Assert.AreEqual(1, w.Sandbox.ExecutionsOf("Advocacy: check-in after case resolution (state change)").Count);
            StringAssert.Contains(string.Join("\n", w.Sandbox.Traces("Advocacy: check-in after case resolution (state change)")), "already had");
        }
    }

    [TestClass]
    public sealed class CadenceTests
    {
        [TestMethod]
        [DataRow(CustomerTier.Strategic, null, 2026, 4, 9)]
        [DataRow(CustomerTier.Key, null, 2026, 5, 9)]
        [DataRow(CustomerTier.Standard, null, 2026, 6, 8)]
        [DataRow(CustomerTier.Standard, 14, 2026, 3, 24)]
        public void Setting_a_tier_schedules_the_next_contact_by_cadence(CustomerTier tier, int? overrideDays, int y, int m, int d)
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", null);

            var update = new Entity("account", account) { ["adv_tier"] = Choices.Option(tier) };
            if (overrideDays.HasValue) update["adv_cadencedays"] = overrideDays.Value;
            w.World.Agent.Update(update);

            Assert.AreEqual(FollowUpWorld.Day(y, m, d), w.Account(account).GetAttributeValue<DateTime?>("adv_nextproactivecontact"));
        }

        [TestMethod]
        public void A_new_account_with_a_tier_gets_its_first_contact_one_cadence_out_and_without_tier_none()
        {
            var w = new FollowUpWorld();
            var tiered = w.World.Agent.Create(new Entity("account") { ["name"] = "A", ["adv_tier"] = Choices.Option(CustomerTier.Strategic) });
            var plain = w.World.Agent.Create(new Entity("account") { ["name"] = "B" });

            Assert.AreEqual(FollowUpWorld.Day(2026, 4, 9), w.Account(tiered).GetAttributeValue<DateTime?>("adv_nextproactivecontact"));
            Assert.IsNull(w.Account(plain).GetAttributeValue<DateTime?>("adv_nextproactivecontact"));
        }

        [TestMethod]
        public void Completing_a_check_in_sets_last_contact_and_next_by_cadence_and_refiring_changes_nothing()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key);
            var caseId = w.SeedCase(account);
            w.Resolve(caseId);
            var task = w.TasksFor(AdvocacyTaskKind.PostResolutionCheckIn, caseId).Single();

            w.Sandbox.Clock.UtcNow = FollowUpWorld.Day(2026, 3, 12).AddHours(16);
            w.Complete(task.Id, FollowUpWorld.Day(2026, 3, 12).AddHours(15));
            // Completing it again: the platform refuses any change to a completed task but reopening.
            var again = Assert.ThrowsExactly<SandboxFaultException>(() =>
                w.Sandbox.Service.Update(new Entity("task", task.Id) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5) }));
            Assert.AreEqual("Cannot update Closed or Cancelled Activity", again.Message);
            // Re-fire: the step runs again for the completed task (a retried message), with images saying it was completed before.
            w.Sandbox.Clock.UtcNow = FollowUpWorld.Day(2026, 3, 20);
            var context = w.Sandbox.PluginContext("Update", new Entity("task", task.Id) { ["statecode"] = new OptionSetValue(1) }, PipelineStage.PostOperation);
            var stored = w.Sandbox.Get("task", task.Id);
            context.PreEntityImages["pre"] = stored;
            context.PostEntityImages["post"] = stored;
            var refired = w.Sandbox.ExecutePluginWith<CheckInCompletedPlugin>(context);

            var row = w.Account(account);
            Assert.AreEqual(FollowUpWorld.Day(2026, 3, 12), row.GetAttributeValue<DateTime?>("adv_lastproactivecontact"));
            Assert.AreEqual(FollowUpWorld.Day(2026, 5, 11), row.GetAttributeValue<DateTime?>("adv_nextproactivecontact"));
            StringAssert.Contains(string.Join("\n", refired.Traces), "already completed");
        }

        [TestMethod]
        public void Completing_a_task_that_is_not_a_check_in_leaves_the_schedule_alone_with_a_trace()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key, next: FollowUpWorld.Day(2026, 4, 1));
            var plain = w.World.Agent.Create(new Entity("task") { ["subject"] = "Call", ["regardingobjectid"] = new EntityReference("account", account) });
            var recovery = w.Sandbox.CreateNestedService(w.World.AgentUserId).Create(new Entity("task")
            {
                ["subject"] = "Recovery",
                ["regardingobjectid"] = new EntityReference("account", account),
                ["adv_kind"] = Choices.Option(AdvocacyTaskKind.DetractorRecovery),
            });

            w.Complete(plain);
            w.Complete(recovery);

            var row = w.Account(account);
            Assert.IsNull(row.GetAttributeValue<DateTime?>("adv_lastproactivecontact"));
            Assert.AreEqual(FollowUpWorld.Day(2026, 4, 1), row.GetAttributeValue<DateTime?>("adv_nextproactivecontact"));
            var traces = string.Join("\n", w.Sandbox.Traces("Advocacy: completed check-in schedules the next contact"));
            StringAssert.Contains(traces, "not a check-in (kind: not an advocacy task)");
            StringAssert.Contains(traces, "not a check-in (kind: DetractorRecovery)");
        }
    }
}
