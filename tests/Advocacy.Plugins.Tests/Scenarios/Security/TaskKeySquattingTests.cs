using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Tests.Scenarios.FollowUp;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Security
{
    /// <summary>
    /// Issue 13, key squatting: a user's own task carrying the product's key or kind used to stand for the product's
    /// task ("already exists") and suppress it. Only the product may now write adv_sourcekey and adv_kind
    /// (<see cref="Advocacy.Plugins.Domain.Security.ProductColumns"/>): each squat is refused with a message, nothing is written, and the product's
    /// task is raised as if the attempt had never happened.
    /// </summary>
    [TestClass]
    public sealed class TaskKeySquattingTests
    {
        [TestMethod]
        public void An_agents_own_task_with_a_cases_check_in_key_is_refused_and_the_advocates_check_in_is_raised()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key);
            var caseId = w.SeedCase(account);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.World.Agent.Create(new Entity("task")
            {
                ["subject"] = "mine",
                ["regardingobjectid"] = new EntityReference("incident", caseId),
                ["adv_sourcekey"] = AdvocacyTaskKeys.PostResolutionCheckIn(caseId),
            }));
            StringAssert.Contains(fault.Message, "task column adv_sourcekey is set only by Customer Advocacy");
            Assert.IsEmpty(w.Sandbox.Rows("task"), "nothing written");

            w.Resolve(caseId);

            var checkIn = w.TasksFor(AdvocacyTaskKind.PostResolutionCheckIn, caseId).Single();
            Assert.AreEqual(w.AdvocateUserId, checkIn.GetAttributeValue<EntityReference>("ownerid").Id);
        }

        [TestMethod]
        public void A_german_agent_is_told_in_german_why_their_task_cannot_carry_the_products_key()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key);
            w.Sandbox.Regional.SetUserSettings(w.World.AgentUserId, uiLanguageId: 1031, localeId: 1031);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.World.Agent.Create(new Entity("task")
            {
                ["subject"] = "meine",
                ["regardingobjectid"] = new EntityReference("account", account),
                ["adv_sourcekey"] = "checkin:x",
            }));

            StringAssert.Contains(fault.Message, "Die Spalte adv_sourcekey von task setzt nur Customer Advocacy (sie kennzeichnen die eigenen Folgeaufgaben");
            Assert.IsEmpty(w.Sandbox.Rows("task"), "nothing written");
        }

        [TestMethod]
        public void Completed_tasks_with_the_detractor_and_manager_keys_are_refused_and_a_later_nps_0_still_raises_both()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key);
            var feedbackId = Guid.NewGuid();
            foreach (var key in new[] { AdvocacyTaskKeys.DetractorRecovery(feedbackId), AdvocacyTaskKeys.ManagerEscalation(feedbackId) })
            {
                var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.World.Agent.Create(new Entity("task")
                {
                    ["subject"] = "done already",
                    ["regardingobjectid"] = new EntityReference("account", account),
                    ["adv_sourcekey"] = key,
                    ["adv_kind"] = Choices.Option(AdvocacyTaskKind.DetractorRecovery),
                }));
                StringAssert.Contains(fault.Message, "task columns adv_kind, adv_sourcekey are set only by Customer Advocacy");
            }

            Assert.IsEmpty(w.Sandbox.Rows("task"));

            w.World.Agent.Create(new Entity("adv_feedback", feedbackId) { ["adv_accountid"] = new EntityReference("account", account), ["adv_nps"] = 0 });

            Assert.HasCount(1, w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account));
            Assert.HasCount(1, w.TasksFor(AdvocacyTaskKind.ManagerEscalation, account));
        }

        [TestMethod]
        public void An_open_own_task_of_kind_proactive_check_in_is_refused_and_the_sweep_still_raises_the_accounts_check_in()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key, next: FollowUpWorld.Day(2026, 3, 12));

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.World.Agent.Create(new Entity("task")
            {
                ["subject"] = "keep the sweep away",
                ["regardingobjectid"] = new EntityReference("account", account),
                ["adv_kind"] = Choices.Option(AdvocacyTaskKind.ProactiveCheckIn),
            }));
            StringAssert.Contains(fault.Message, "task column adv_kind is set only by Customer Advocacy");

            w.Sandbox.Run(new OrganizationRequest("adv_RunProactiveSweep"), w.World.ManagerUserId);

            Assert.HasCount(1, w.TasksFor(AdvocacyTaskKind.ProactiveCheckIn, account));
        }

        [TestMethod]
        public void A_user_cannot_turn_their_own_task_into_an_advocacy_task_nor_change_the_key_of_the_products_task()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key);
            var caseId = w.SeedCase(account);
            var own = w.World.Agent.Create(new Entity("task") { ["subject"] = "mine", ["regardingobjectid"] = new EntityReference("account", account) });
            w.Resolve(caseId);
            var checkIn = w.TasksFor(AdvocacyTaskKind.PostResolutionCheckIn, caseId).Single();
            var advocate = w.Sandbox.CreateService(w.AdvocateUserId);

            Assert.ThrowsExactly<SandboxFaultException>(() => w.World.Agent.Update(new Entity("task", own) { ["adv_kind"] = Choices.Option(AdvocacyTaskKind.ProactiveCheckIn) }));
            Assert.ThrowsExactly<SandboxFaultException>(() => advocate.Update(new Entity("task", checkIn.Id) { ["adv_sourcekey"] = null }));
            Assert.IsNull(w.Sandbox.Get("task", own).GetAttributeValue<OptionSetValue>("adv_kind"));
            Assert.AreEqual(AdvocacyTaskKeys.PostResolutionCheckIn(caseId), w.Sandbox.Get("task", checkIn.Id).GetAttributeValue<string>("adv_sourcekey"));

            // A form saving every column sends the marks unchanged: not a change, so the advocate's save goes through.
            advocate.Update(new Entity("task", checkIn.Id)
            {
                ["description"] = "Called, all fine.",
                ["adv_kind"] = Choices.Option(AdvocacyTaskKind.PostResolutionCheckIn),
                ["adv_sourcekey"] = AdvocacyTaskKeys.PostResolutionCheckIn(caseId),
            });
            Assert.AreEqual("Called, all fine.", w.Sandbox.Get("task", checkIn.Id).GetAttributeValue<string>("description"));
        }

        [TestMethod]
        public void A_workflow_activity_still_writes_the_products_marks()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso", CustomerTier.Key);

            WorkflowActivityHarness.Run(world, new Advocacy.Plugins.Activities.FollowUp.CreateAdvocacyFollowUpActivity(), new System.Collections.Generic.Dictionary<string, object>
            {
                ["Account"] = new EntityReference("account", account),
                ["Kind"] = Choices.Option(AdvocacyTaskKind.ProactiveCheckIn).Value,
                ["Subject"] = "Check in",
            }, world.AgentUserId);

            Assert.HasCount(1, world.Tasks(AdvocacyTaskKind.ProactiveCheckIn));
        }
    }
}
