using System;
using System.Linq;
using Advocacy.Plugins.Application.FollowUp;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.FollowUp
{
    /// <summary>
    /// The two steps behind the agents' screens (issue 16), through the real pipeline: an advocacy task names the advocate
    /// whose work it is (the advocate form's "Open advocacy tasks" grid follows that relationship), and an answer recorded
    /// from the check-in task's "Customer's answer" grid takes the check-in's account.
    /// </summary>
    [TestClass]
    public sealed class AgentScreenStepsTests
    {
        private static EntityReference? AdvocateOf(FollowUpWorld w, Guid taskId) =>
            w.Sandbox.Get("task", taskId).GetAttributeValue<EntityReference>("adv_advocateid");

        private static Entity CheckInFor(FollowUpWorld w, Guid account)
        {
            w.Sandbox.Run(new OrganizationRequest("adv_RunProactiveSweep"));
            var checkIn = w.TasksFor(AdvocacyTaskKind.ProactiveCheckIn, account).Single();
            Assert.IsNull(AdvocateOf(w, checkIn.Id), "named after the create, not inside the sweep");
            w.Sandbox.RunAsyncJobs();
            return checkIn;
        }

        [TestMethod]
        public void A_check_in_the_sweep_raises_names_the_advocate_whose_work_it_is()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Northwind Traders", CustomerTier.Strategic, next: AdvocacyWorld.Now.Date);

            var checkIn = CheckInFor(w, account);

            Assert.AreEqual(w.AdvocateId, AdvocateOf(w, checkIn.Id)?.Id);
        }

        [TestMethod]
        public void A_task_given_to_another_advocate_names_them_and_one_given_to_a_non_advocate_names_nobody()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Northwind Traders", CustomerTier.Strategic, next: AdvocacyWorld.Now.Date);
            var checkIn = CheckInFor(w, account);
            var otherUser = w.World.SeedUser("Lee Park");
            var other = w.World.SeedAdvocate("Lee Park", otherUser, new[] { CustomerTier.Strategic });

            w.Sandbox.Service.Update(new Entity("task", checkIn.Id) { ["ownerid"] = new EntityReference("systemuser", otherUser) });
            Assert.AreEqual(other, AdvocateOf(w, checkIn.Id)?.Id);

            w.Sandbox.Service.Update(new Entity("task", checkIn.Id) { ["ownerid"] = new EntityReference("systemuser", w.World.ManagerUserId) });
            Assert.IsNull(AdvocateOf(w, checkIn.Id), "the manager has no advocate profile");
        }

        [TestMethod]
        public void A_check_in_completed_before_its_naming_job_runs_is_left_as_it_was_closed()
        {
            // The platform refuses any change to a completed task but reopening and a new owner; the job that names a new
            // task's advocate must not fail (a failed system job) because the advocate closed the task first.
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Northwind Traders", CustomerTier.Strategic, next: AdvocacyWorld.Now.Date);
            w.Sandbox.Run(new OrganizationRequest("adv_RunProactiveSweep"));
            var checkIn = w.TasksFor(AdvocacyTaskKind.ProactiveCheckIn, account).Single();
            w.Complete(checkIn.Id);

            w.Sandbox.RunAsyncJobs();

            var task = w.Sandbox.Get("task", checkIn.Id);
            Assert.AreEqual(1, task.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.IsNull(AdvocateOf(w, checkIn.Id));
            StringAssert.Contains(string.Join("\n", w.Sandbox.Traces("Advocacy: new advocacy task names its advocate")), "closed");
        }

        [TestMethod]
        public void A_completed_check_in_given_to_another_user_keeps_the_advocate_who_did_the_work()
        {
            // Owner changes reach completed tasks (a manager's reassignment, the platform's cascade when the account changes
            // hands); the task's advocate is history then, and writing it would make the platform refuse the whole save.
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Northwind Traders", CustomerTier.Strategic, next: AdvocacyWorld.Now.Date);
            var checkIn = CheckInFor(w, account);
            w.Complete(checkIn.Id);
            var otherUser = w.World.SeedUser("Lee Park");
            w.World.SeedAdvocate("Lee Park", otherUser, new[] { CustomerTier.Strategic });

            w.Sandbox.Service.Update(new Entity("task", checkIn.Id) { ["ownerid"] = new EntityReference("systemuser", otherUser) });

            var task = w.Sandbox.Get("task", checkIn.Id);
            Assert.AreEqual(otherUser, task.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(w.AdvocateId, AdvocateOf(w, checkIn.Id)?.Id);
            StringAssert.Contains(string.Join("\n", w.Sandbox.Traces("Advocacy: advocacy task names its advocate (owner or kind changed)")), "closed");
        }

        [TestMethod]
        public void A_completed_task_reopened_after_it_changed_hands_names_the_advocate_of_its_owner_again()
        {
            // Closed, it kept the advocate who did the work; open again, it is its owner's work and belongs in their grid.
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Northwind Traders", CustomerTier.Strategic, next: AdvocacyWorld.Now.Date);
            var checkIn = CheckInFor(w, account);
            w.Complete(checkIn.Id);
            var otherUser = w.World.SeedUser("Lee Park");
            var other = w.World.SeedAdvocate("Lee Park", otherUser, new[] { CustomerTier.Strategic });
            w.Sandbox.Service.Update(new Entity("task", checkIn.Id) { ["ownerid"] = new EntityReference("systemuser", otherUser) });
            Assert.AreEqual(w.AdvocateId, AdvocateOf(w, checkIn.Id)?.Id);

            w.Sandbox.Service.Update(new Entity("task", checkIn.Id) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(2) });

            Assert.AreEqual(other, AdvocateOf(w, checkIn.Id)?.Id);
            var runs = w.Sandbox.ExecutionsOf("Advocacy: reopened advocacy task names its advocate");
            Assert.AreEqual(0, runs.First().RoundTrips, "completing it cost nothing");
            Assert.AreEqual(3, runs.Last().RoundTrips, "the reopen: the task, the owner's profile, the write");
        }

        [TestMethod]
        public void An_advocate_written_by_hand_is_put_right_and_a_task_without_a_kind_names_nobody()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Northwind Traders", CustomerTier.Strategic, next: AdvocacyWorld.Now.Date);
            var checkIn = CheckInFor(w, account);
            var stranger = w.World.SeedAdvocate("Someone Else", w.World.SeedUser("Someone Else"), new[] { CustomerTier.Key });
            var advocate = w.Sandbox.CreateService(w.AdvocateUserId);

            advocate.Update(new Entity("task", checkIn.Id) { ["adv_advocateid"] = new EntityReference("adv_advocate", stranger) });
            Assert.AreEqual(w.AdvocateId, AdvocateOf(w, checkIn.Id)?.Id, "system-maintained: the owner's profile wins");

            var personal = advocate.Create(new Entity("task")
            {
                ["subject"] = "Call the dentist",
                ["adv_advocateid"] = new EntityReference("adv_advocate", w.AdvocateId),
            });
            w.Sandbox.RunAsyncJobs();
            Assert.IsNull(AdvocateOf(w, personal), "a personal task is nobody's advocacy work");
        }

        [TestMethod]
        public void An_answer_recorded_from_the_check_in_takes_the_check_ins_account_and_reaches_its_advocate()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Northwind Traders", CustomerTier.Strategic, next: AdvocacyWorld.Now.Date);
            var checkIn = CheckInFor(w, account);

            // What "+ New" on the task form's "Customer's answer" grid saves: the check-in, no account.
            var feedback = w.Sandbox.CreateService(w.AdvocateUserId).Create(new Entity("adv_feedback")
            {
                ["adv_name"] = "Check-in answer",
                ["adv_taskid"] = new EntityReference("task", checkIn.Id),
                ["adv_nps"] = 4,
            });

            Assert.AreEqual(account, w.Sandbox.Get("adv_feedback", feedback).GetAttributeValue<EntityReference>("adv_accountid")?.Id);
            Assert.AreEqual(4, w.Account(account).GetAttributeValue<int?>("adv_lastnps"));
            Assert.HasCount(1, w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account));
        }

        [TestMethod]
        public void An_answer_to_a_check_in_about_a_case_takes_the_cases_customer_account_and_a_chosen_account_is_kept()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key);
            var other = w.SeedAccount("Fabrikam", CustomerTier.Key);
            var incident = w.SeedCase(account);
            w.Resolve(incident);
            var checkIn = w.TasksFor(AdvocacyTaskKind.PostResolutionCheckIn, incident).Single();
            var agent = w.Sandbox.CreateService(w.AdvocateUserId);

            var fromCase = agent.Create(new Entity("adv_feedback") { ["adv_name"] = "a", ["adv_taskid"] = new EntityReference("task", checkIn.Id), ["adv_csat"] = 5 });
            var chosen = agent.Create(new Entity("adv_feedback")
            {
                ["adv_name"] = "b",
                ["adv_taskid"] = new EntityReference("task", checkIn.Id),
                ["adv_accountid"] = new EntityReference("account", other),
                ["adv_csat"] = 4,
            });

            Assert.AreEqual(account, w.Sandbox.Get("adv_feedback", fromCase).GetAttributeValue<EntityReference>("adv_accountid")?.Id);
            Assert.AreEqual(other, w.Sandbox.Get("adv_feedback", chosen).GetAttributeValue<EntityReference>("adv_accountid")?.Id);
        }

        [TestMethod]
        public void An_answer_to_a_check_in_whose_account_is_gone_asks_for_an_account_instead_of_leaking_the_platforms_missing_record_fault()
        {
            // Found by PluginStepFuzzTests: the step took the account id from the task's regarding without seeing the
            // account, and the save died on "account With Id = … Does Not Exist". The same path serves an account the
            // author cannot see (another business unit): the answer asks for an account the author can choose.
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Northwind Traders", CustomerTier.Strategic, next: AdvocacyWorld.Now.Date);
            var checkIn = CheckInFor(w, account);
            // This test deleted the account and kept the check-in, which the sandbox allowed before it modelled the
            // standard relationships: Dataverse deletes an account's tasks with it (Account_Tasks, Delete Cascade), so a
            // delete no longer leaves such a check-in. The step's path is still reached by a check-in whose regarding
            // account cannot be found (data imported around the plug-ins, or an account the author cannot see): the
            // check-in is made to regard an account that does not exist, without the pipeline.
            w.Sandbox.SeedChange(new Entity("task", checkIn.Id) { ["regardingobjectid"] = new EntityReference("account", Guid.NewGuid()) });

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.Sandbox.CreateService(w.AdvocateUserId).Create(new Entity("adv_feedback")
            {
                ["adv_name"] = "Check-in answer",
                ["adv_taskid"] = new EntityReference("task", checkIn.Id),
                ["adv_nps"] = 4,
            }));

            StringAssert.Contains(fault.Message, RecordFeedback.NoAccountMessage);
            Assert.IsFalse(fault.Message.Contains("Does Not Exist"), fault.Message);
            Assert.AreEqual(0, w.Sandbox.Count("adv_feedback"));
        }

        [TestMethod]
        public void An_answer_without_account_or_check_in_is_still_refused_with_the_message_that_names_both_ways()
        {
            var w = new FollowUpWorld();

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() =>
                w.Sandbox.CreateService(w.AdvocateUserId).Create(new Entity("adv_feedback") { ["adv_name"] = "Orphan", ["adv_nps"] = 9 }));

            StringAssert.Contains(fault.Message, RecordFeedback.NoAccountMessage);
            StringAssert.Contains(RecordFeedback.NoAccountMessage, "check-in task");
            Assert.AreEqual(0, w.Sandbox.Count("adv_feedback"));
        }

        [TestMethod]
        [DataRow("account", "incident", "account", true, DisplayName = "regarding an account: that account")]
        [DataRow("incident", "account", "case customer", true, DisplayName = "regarding a case of an account: the customer")]
        [DataRow("incident", "contact", null, false, DisplayName = "regarding a case of a contact: none")]
        [DataRow("opportunity", null, null, false, DisplayName = "regarding anything else: none")]
        [DataRow(null, null, null, false, DisplayName = "regarding nothing: none")]
        public void The_account_of_a_check_ins_answer(string? regarding, string? caseCustomer, string? expected, bool found)
        {
            Guid regardingId = Guid.NewGuid(), customerId = Guid.NewGuid();

            var account = CheckInAnswer.AccountOf(regarding, regarding == null ? null : regardingId, caseCustomer, caseCustomer == null ? null : customerId);

            Assert.AreEqual(found, account.HasValue);
            if (found)
            {
                Assert.AreEqual(expected == "account" ? regardingId : customerId, account);
            }
        }

        [TestMethod]
        public void Only_an_advocacy_task_owned_by_a_user_belongs_to_a_profile()
        {
            Assert.IsTrue(TaskAdvocate.BelongsToOwnersProfile(AdvocacyTaskKind.Introduction, ownedByUser: true));
            Assert.IsFalse(TaskAdvocate.BelongsToOwnersProfile(AdvocacyTaskKind.Introduction, ownedByUser: false));
            Assert.IsFalse(TaskAdvocate.BelongsToOwnersProfile(null, ownedByUser: true));
        }
    }
}
