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
    public sealed class FeedbackTests
    {
        private const string Step = "Advocacy: feedback updates loyalty and recovers detractors";

        private static Guid Answer(FollowUpWorld w, Guid? account, int? nps, int? csat, string? comments = null)
        {
            var feedback = new Entity("adv_feedback") { ["adv_name"] = "Check-in answer" };
            if (account.HasValue) feedback["adv_accountid"] = new EntityReference("account", account.Value);
            if (nps.HasValue) feedback["adv_nps"] = nps.Value;
            if (csat.HasValue) feedback["adv_csat"] = csat.Value;
            if (comments != null) feedback["adv_comments"] = comments;
            return w.World.Agent.Create(feedback);
        }

        [TestMethod]
        public void The_proactive_story_strategic_customer_checked_in_after_30_days_answers_NPS_3()
        {
            var w = new FollowUpWorld();
            // Last contact 30 days ago: the strategic cadence makes today the planned contact.
            var account = w.SeedAccount("Northwind Traders", CustomerTier.Strategic, last: AdvocacyWorld.Now.Date.AddDays(-30), next: AdvocacyWorld.Now.Date);

            var sweep = w.Sandbox.Run(new OrganizationRequest("adv_RunProactiveSweep"));
            var checkIn = w.TasksFor(AdvocacyTaskKind.ProactiveCheckIn, account).Single();
            Assert.AreEqual(1, sweep["Created"]);
            Assert.AreEqual(w.AdvocateUserId, checkIn.GetAttributeValue<EntityReference>("ownerid").Id);

            w.Complete(checkIn.Id, AdvocacyWorld.Now);
            var feedback = Answer(w, account, 3, 2, "Two late deliveries in a row; we are looking at other suppliers.");

            var recovery = w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account).Single();
            Assert.AreEqual(w.AdvocateUserId, recovery.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(FollowUpWorld.Day(2026, 3, 11), recovery.GetAttributeValue<DateTime>("scheduledend").Date, "next business day");
            Assert.AreEqual(2, recovery.GetAttributeValue<OptionSetValue>("prioritycode").Value, "high priority");
            StringAssert.Contains(recovery.GetAttributeValue<string>("description"), "looking at other suppliers");
            var escalation = w.TasksFor(AdvocacyTaskKind.ManagerEscalation, account).Single();
            Assert.AreEqual(w.World.ManagerUserId, escalation.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(FollowUpWorld.Day(2026, 3, 11), escalation.GetAttributeValue<DateTime>("scheduledend").Date);

            var row = w.Account(account);
            Assert.AreEqual(3, row.GetAttributeValue<int?>("adv_lastnps"));
            Assert.AreEqual(2, row.GetAttributeValue<int?>("adv_lastcsat"));
            Assert.AreEqual(Choices.Option(LoyaltyRisk.High), row.GetAttributeValue<OptionSetValue>("adv_loyaltyrisk"));
            Assert.AreEqual(FollowUpWorld.Day(2026, 3, 10), row.GetAttributeValue<DateTime?>("adv_lastproactivecontact"));
            Assert.AreEqual(FollowUpWorld.Day(2026, 4, 9), row.GetAttributeValue<DateTime?>("adv_nextproactivecontact"));
            Assert.AreNotEqual(Guid.Empty, feedback);
        }

        [TestMethod]
        public void A_detractors_escalation_skips_a_manager_whose_user_is_disabled_and_goes_to_the_account_owner_saying_why()
        {
            // A disabled user (left the company) cannot open the escalation: the advocate counts as having no manager.
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Northwind Traders", CustomerTier.Strategic);
            w.Sandbox.Service.Update(new Entity("systemuser", w.World.ManagerUserId) { ["isdisabled"] = true });

            Answer(w, account, 2, 1, "Nobody calls back.");

            var escalation = w.TasksFor(AdvocacyTaskKind.ManagerEscalation, account).Single();
            Assert.AreNotEqual(w.World.ManagerUserId, escalation.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(w.Account(account).GetAttributeValue<EntityReference>("ownerid").Id, escalation.GetAttributeValue<EntityReference>("ownerid").Id);
            StringAssert.Contains(string.Join("\n", w.Sandbox.Executions.SelectMany(e => e.Traces)), "manager " + w.World.ManagerUserId + " is disabled");
        }

        [TestMethod]
        public void Removing_an_answer_recorded_by_mistake_restores_the_customers_last_word_and_closes_its_tasks()
        {
            // A manager deletes an NPS 2 recorded against the wrong customer: the account's last NPS/CSAT are the most recent
            // remaining answer's again, the loyalty risk follows, and the recovery and escalation it raised are closed.
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Northwind Traders", CustomerTier.Strategic);
            Answer(w, account, 9, 5);
            w.Sandbox.Clock.UtcNow = w.Sandbox.Clock.UtcNow.AddMinutes(5);
            var mistake = Answer(w, account, 2, null, "Wrong customer");
            Assert.AreEqual(2, w.Account(account).GetAttributeValue<int?>("adv_lastnps"));
            Assert.AreEqual(Choices.Option(LoyaltyRisk.High), w.Account(account).GetAttributeValue<OptionSetValue>("adv_loyaltyrisk"));
            var recovery = w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account).Single();
            var escalation = w.TasksFor(AdvocacyTaskKind.ManagerEscalation, account).Single();

            w.Sandbox.CreateService(w.World.ManagerUserId).Delete("adv_feedback", mistake);

            var row = w.Account(account);
            Assert.AreEqual(9, row.GetAttributeValue<int?>("adv_lastnps"), "the customer's last word is the remaining answer's");
            Assert.AreEqual(5, row.GetAttributeValue<int?>("adv_lastcsat"));
            Assert.AreNotEqual(Choices.Option(LoyaltyRisk.High), row.GetAttributeValue<OptionSetValue>("adv_loyaltyrisk"));
            foreach (var task in new[] { recovery, escalation })
            {
                var closed = w.Sandbox.Get("task", task.Id);
                Assert.AreEqual(1, closed.GetAttributeValue<OptionSetValue>("statecode").Value);
                StringAssert.Contains(closed.GetAttributeValue<string>("description"), "removed");
            }
        }

        [TestMethod]
        public void Moving_an_answer_to_the_right_customer_gives_the_account_it_left_its_own_last_word_again()
        {
            var w = new FollowUpWorld();
            var wrong = w.SeedAccount("Northwind Traders", CustomerTier.Strategic);
            var right = w.SeedAccount("Northwind Logistics", CustomerTier.Key);
            Answer(w, wrong, 9, 5);
            w.Sandbox.Clock.UtcNow = w.Sandbox.Clock.UtcNow.AddMinutes(5);
            var mistake = Answer(w, wrong, 2, null);

            w.World.Agent.Update(new Entity("adv_feedback", mistake) { ["adv_accountid"] = new EntityReference("account", right) });

            Assert.AreEqual(9, w.Account(wrong).GetAttributeValue<int?>("adv_lastnps"), "the account it left");
            Assert.AreEqual(5, w.Account(wrong).GetAttributeValue<int?>("adv_lastcsat"));
            Assert.AreEqual(2, w.Account(right).GetAttributeValue<int?>("adv_lastnps"), "the account it moved to");
        }

        [TestMethod]
        public void Removing_an_answer_whose_account_is_gone_succeeds_and_says_so()
        {
            var w = new FollowUpWorld();
            var gone = Guid.NewGuid();
            var orphan = new Entity("adv_feedback", Guid.NewGuid()) { ["adv_name"] = "Orphan", ["adv_accountid"] = new EntityReference("account", gone), ["adv_nps"] = 2 };
            w.Sandbox.Seed(orphan);

            w.Sandbox.CreateService(w.World.ManagerUserId).Delete("adv_feedback", orphan.Id);

            Assert.IsEmpty(w.Sandbox.Rows("adv_feedback"));
            StringAssert.Contains(string.Join("\n", w.Sandbox.Traces("Advocacy: removed feedback leaves the account's last word")), $"Account {gone}: not recomputed");
        }

        [TestMethod]
        public void Removing_the_only_answer_leaves_no_last_word()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Northwind Traders", CustomerTier.Strategic);
            var only = Answer(w, account, 2, 1);

            w.Sandbox.CreateService(w.World.ManagerUserId).Delete("adv_feedback", only);

            var row = w.Account(account);
            Assert.IsNull(row.GetAttributeValue<int?>("adv_lastnps"));
            Assert.IsNull(row.GetAttributeValue<int?>("adv_lastcsat"));
            Assert.AreEqual(Choices.Option(LoyaltyRisk.Low), row.GetAttributeValue<OptionSetValue>("adv_loyaltyrisk"));
        }

        [TestMethod]
        public void A_passive_answer_updates_the_account_without_tasks_and_the_recomputed_index_sets_the_risk()
        {
            var w = new FollowUpWorld();
            // The stored index is stale (80); the account's one inconvenience today scores 35, so the index is 35:
            // feedback judges the risk on the same recomputed index as a new inconvenience does.
            var account = w.SeedAccount("Contoso", CustomerTier.Key, index: 80);
            w.Sandbox.Seed(new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Late order",
                ["adv_accountid"] = new EntityReference("account", account),
                ["adv_impactscore"] = 35,
                ["createdon"] = AdvocacyWorld.Now,
            });

            Answer(w, account, 9, null);

            Assert.IsEmpty(w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account));
            var row = w.Account(account);
            Assert.AreEqual(9, row.GetAttributeValue<int?>("adv_lastnps"));
            Assert.AreEqual(35, row.GetAttributeValue<int?>("adv_inconvenienceindex"));
            Assert.AreEqual(Choices.Option(LoyaltyRisk.Medium), row.GetAttributeValue<OptionSetValue>("adv_loyaltyrisk"), "index 35 ≥ 30");
            StringAssert.Contains(string.Join("\n", w.Sandbox.Traces(Step)), "Not a detractor");
        }

        [TestMethod]
        public void NPS_5_gives_a_recovery_but_no_manager_task_and_no_advocate_means_the_owner_with_a_trace()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Fabrikam", null, withAdvocate: false);

            Answer(w, account, 5, null);

            var recovery = w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account).Single();
            Assert.AreEqual(w.World.AgentUserId, recovery.GetAttributeValue<EntityReference>("ownerid").Id);
            StringAssert.Contains(recovery.GetAttributeValue<string>("description"), "No advocate is assigned");
            Assert.IsEmpty(w.TasksFor(AdvocacyTaskKind.ManagerEscalation, account));
            var traces = string.Join("\n", w.Sandbox.Traces(Step));
            StringAssert.Contains(traces, "has no advocate: the account owner");
            StringAssert.Contains(traces, "No manager escalation");
        }

        // A score outside the column's MinValue/MaxValue is refused by the platform's validation in the main operation,
        // before the post-operation feedback step runs: that is the message a caller sees for it.
        [TestMethod]
        [DataRow(11, null, "The value 11 of 'adv_nps' on record of type 'adv_feedback' is outside the valid range. Accepted Values: Between 0 and 10")]
        [DataRow(-1, null, "The value -1 of 'adv_nps' on record of type 'adv_feedback' is outside the valid range. Accepted Values: Between 0 and 10")]
        [DataRow(null, 0, "The value 0 of 'adv_csat' on record of type 'adv_feedback' is outside the valid range. Accepted Values: Between 1 and 5")]
        [DataRow(null, 6, "The value 6 of 'adv_csat' on record of type 'adv_feedback' is outside the valid range. Accepted Values: Between 1 and 5")]
        [DataRow(null, null, "Enter an NPS score (0 to 10) or a CSAT score (1 to 5): the feedback has neither.")]
        public void Bad_scores_are_rejected_with_a_clear_message_and_nothing_is_written(int? nps, int? csat, string message)
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key);
            var before = w.Account(account);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => Answer(w, account, nps, csat));

            StringAssert.Contains(fault.Message, message);
            AssertNothingWritten(w, account, before);
        }

        [TestMethod]
        public void Feedback_without_an_account_is_rejected_and_nothing_is_written()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key);
            var before = w.Account(account);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => Answer(w, null, 2, null));

            StringAssert.Contains(fault.Message, FeedbackReceivedPlugin.NoAccountMessage);
            AssertNothingWritten(w, account, before);
        }

        [TestMethod]
        public void Re_firing_the_feedback_step_creates_no_second_task()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Strategic);
            var feedbackId = Answer(w, account, 2, null);
            var execution = w.Sandbox.ExecutionsOf(Step).Single();

            // Re-fire: run the same step again on the same row, as a platform retry would.
            new FeedbackReceivedPlugin().Execute(ReFire.ServiceProvider(w.Sandbox, execution, new Entity("adv_feedback", feedbackId)
            {
                ["adv_accountid"] = new EntityReference("account", account),
                ["adv_nps"] = 2,
            }));

            Assert.HasCount(1, w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account));
            Assert.HasCount(1, w.TasksFor(AdvocacyTaskKind.ManagerEscalation, account));
        }

        private static void AssertNothingWritten(FollowUpWorld w, Guid account, Entity before)
        {
            Assert.AreEqual(0, w.Sandbox.Count("adv_feedback"));
            Assert.IsEmpty(w.Tasks(AdvocacyTaskKind.DetractorRecovery));
            Assert.IsEmpty(w.Tasks(AdvocacyTaskKind.ManagerEscalation));
            var after = w.Account(account);
            Assert.AreEqual(before.GetAttributeValue<int?>("adv_lastnps"), after.GetAttributeValue<int?>("adv_lastnps"));
            Assert.AreEqual(before.GetAttributeValue<OptionSetValue>("adv_loyaltyrisk"), after.GetAttributeValue<OptionSetValue>("adv_loyaltyrisk"));
        }

        [TestMethod]
        public void A_corrected_answer_is_validated_and_evaluated_like_a_new_one()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key);
            var feedback = Answer(w, account, 8, null, "Fine, mostly.");
            Assert.IsEmpty(w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account));

            var bad = Assert.ThrowsExactly<SandboxFaultException>(() => w.World.Agent.Update(new Entity("adv_feedback", feedback) { ["adv_nps"] = 11 }));
            StringAssert.Contains(bad.Message, "Between 0 and 10");
            Assert.AreEqual(8, w.Account(account).GetAttributeValue<int?>("adv_lastnps"), "the refused correction wrote nothing");

            // The agent typed 8 where the customer said 2.
            w.World.Agent.Update(new Entity("adv_feedback", feedback) { ["adv_nps"] = 2 });
            w.World.Agent.Update(new Entity("adv_feedback", feedback) { ["adv_nps"] = 3 });

            Assert.AreEqual(3, w.Account(account).GetAttributeValue<int?>("adv_lastnps"));
            Assert.AreEqual(Choices.Option(LoyaltyRisk.High), w.Account(account).GetAttributeValue<OptionSetValue>("adv_loyaltyrisk"));
            Assert.HasCount(1, w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account), "one recovery per answer, however often it is corrected");
            Assert.HasCount(1, w.TasksFor(AdvocacyTaskKind.ManagerEscalation, account));
            StringAssert.Contains(w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account).Single().GetAttributeValue<string>("description"), "Fine, mostly.");
        }

    }
}
