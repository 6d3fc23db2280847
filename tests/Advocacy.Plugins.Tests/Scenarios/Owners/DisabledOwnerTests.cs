using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Tests.Scenarios.Assignment;
using Advocacy.Plugins.Tests.Scenarios.FollowUp;
using Advocacy.Plugins.Tests.Scenarios.Languages;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Advocacy.Sandbox;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Owners
{
    /// <summary>
    /// Work that goes to the account's owner (no advocate) goes to their manager while the owning user is disabled: a
    /// disabled user signs in no more, and accounts of people who left often stay theirs. Through the real steps: the
    /// unassigned-advocacy task, a detractor's recovery, the sweep's check-in, the hand-over of a deactivated advocate's
    /// tasks, and the completed check-in that moves the schedule.
    /// </summary>
    [TestClass]
    public sealed class DisabledOwnerTests
    {
        private static void Disable(AdvocacyWorld world, Guid userId) =>
            world.Sandbox.Service.Update(new Entity("systemuser", userId) { ["isdisabled"] = true });

        private static Guid OwnerOf(Entity task) => task.GetAttributeValue<EntityReference>("ownerid").Id;

        [TestMethod]
        public void The_unassigned_advocacy_task_of_a_disabled_owner_goes_to_their_manager_and_says_why()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso");
            Disable(world, world.AgentUserId);

            world.SetTier(account, CustomerTier.Key); // nobody covers key accounts

            var task = world.TasksFor(AdvocacyTaskKind.UnassignedAdvocacy, account).Single();
            Assert.AreEqual(world.ManagerUserId, OwnerOf(task));
            StringAssert.StartsWith(task.GetAttributeValue<string>("description"),
                "This account's owner Alex Agent can no longer sign in (their user is disabled), so this comes to you as their manager. ");
            StringAssert.Contains(world.Traces(Steps.TaskOnUpdate), "is disabled; their manager " + world.ManagerUserId + " takes the owner's work");
        }

        [TestMethod]
        public void A_disabled_owner_without_an_enabled_manager_keeps_the_work_and_the_trace_says_so()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso");
            Disable(world, world.AgentUserId);
            Disable(world, world.ManagerUserId);

            world.SetTier(account, CustomerTier.Key);

            Assert.AreEqual(world.AgentUserId, OwnerOf(world.TasksFor(AdvocacyTaskKind.UnassignedAdvocacy, account).Single()));
            StringAssert.Contains(world.Traces(Steps.TaskOnUpdate), "is disabled and has no enabled manager; the owner's work stays with them");
        }

        [TestMethod]
        public void Assigning_by_the_custom_api_reads_the_owners_user_with_the_account_and_pays_no_extra_round_trip()
        {
            int RoundTrips(bool disable)
            {
                var world = new AdvocacyWorld();
                var account = world.SeedAccount("Contoso", CustomerTier.Key); // nobody covers key accounts
                if (disable) Disable(world, world.AgentUserId);
                world.Sandbox.ClearExecutions();

                world.Sandbox.Run(new OrganizationRequest(AssignAdvocateNames.Message) { [AssignAdvocateNames.Account] = new EntityReference("account", account) });

                Assert.AreEqual(disable ? world.ManagerUserId : world.AgentUserId, OwnerOf(world.TasksFor(AdvocacyTaskKind.UnassignedAdvocacy, account).Single()));
                return world.Sandbox.Executions.Where(e => e.Message == AssignAdvocateNames.Message).Sum(e => e.RoundTrips);
            }

            // The same ten calls either way (an eleventh when the owner's user was read again apart from the account); the
            // tenth since the twelfth session reads the caller's language, for the reason worded for them (ReasonText).
            Assert.AreEqual(10, RoundTrips(disable: false));
            Assert.AreEqual(10, RoundTrips(disable: true));
        }

        [TestMethod]
        public void A_detractors_recovery_on_an_account_without_advocate_goes_to_the_disabled_owners_manager_in_their_language()
        {
            var w = new FollowUpWorld();
            LanguageScenarioTests.Speaks(w.Sandbox, w.World.ManagerUserId, 1031, 1031);
            var account = w.SeedAccount("Contoso", CustomerTier.Key, withAdvocate: false);
            Disable(w.World, w.World.AgentUserId);

            w.World.Agent.Create(new Entity("adv_feedback") { ["adv_name"] = "Answer", ["adv_accountid"] = new EntityReference("account", account), ["adv_nps"] = 3 });

            var recovery = w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account).Single();
            Assert.AreEqual(w.World.ManagerUserId, OwnerOf(recovery));
            StringAssert.StartsWith(recovery.GetAttributeValue<string>("description"),
                "Dieser Firma ist noch kein Kundenfürsprecher zugewiesen, und ihr Besitzer Alex Agent kann sich nicht mehr anmelden");
        }

        [TestMethod]
        public void A_disabled_owner_whose_manager_is_disabled_too_keeps_the_work_of_an_account_read_with_its_owner()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key, withAdvocate: false);
            Disable(w.World, w.World.AgentUserId);
            Disable(w.World, w.World.ManagerUserId);

            w.World.Agent.Create(new Entity("adv_feedback") { ["adv_name"] = "Answer", ["adv_accountid"] = new EntityReference("account", account), ["adv_nps"] = 3 });

            var recovery = w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account).Single();
            Assert.AreEqual(w.World.AgentUserId, OwnerOf(recovery), "nobody the data names can stand in");
            StringAssert.StartsWith(recovery.GetAttributeValue<string>("description"), "No advocate is assigned to this account yet; as the account's owner");
        }

        [TestMethod]
        public void The_sweeps_check_in_for_an_account_without_advocate_goes_to_the_disabled_owners_manager_whose_completion_moves_the_schedule()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key, withAdvocate: false, next: AdvocacyWorld.Now.Date);
            var enabled = w.SeedAccount("Fabrikam", CustomerTier.Key, withAdvocate: false, next: AdvocacyWorld.Now.Date);
            var other = w.World.SeedUser("Jo Park");
            w.Sandbox.Service.Update(new Entity("account", enabled) { ["ownerid"] = new EntityReference("systemuser", other) });
            Disable(w.World, w.World.AgentUserId);

            w.Sandbox.Run(new OrganizationRequest("adv_RunProactiveSweep"));

            var checkIn = w.TasksFor(AdvocacyTaskKind.ProactiveCheckIn, account).Single();
            Assert.AreEqual(w.World.ManagerUserId, OwnerOf(checkIn));
            Assert.AreEqual(other, OwnerOf(w.TasksFor(AdvocacyTaskKind.ProactiveCheckIn, enabled).Single()), "an enabled owner keeps their work");

            w.Sandbox.CreateService(w.World.ManagerUserId).Update(new Entity("task", checkIn.Id) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5) });
            Assert.AreEqual(AdvocacyWorld.Now.Date, w.Account(account).GetAttributeValue<DateTime?>("adv_lastproactivecontact"), "the stand-in's check-in counts");
        }

        [TestMethod]
        public void A_deactivated_advocates_tasks_go_to_the_disabled_owners_manager_when_nobody_takes_the_account()
        {
            var world = new AdvocacyWorld();
            var annUser = world.SeedUser("Ann");
            var ann = world.SeedAdvocate("Ann Lee", annUser, new[] { CustomerTier.Key });
            var account = world.SeedAccount("Contoso", CustomerTier.Key, ann);
            var review = new Entity("task", Guid.NewGuid())
            {
                ["subject"] = "Impact review", ["ownerid"] = new EntityReference("systemuser", annUser),
                ["regardingobjectid"] = new EntityReference("account", account), ["adv_kind"] = Choices.Option(AdvocacyTaskKind.ImpactReview),
            };
            world.Sandbox.Seed(review);
            Disable(world, world.AgentUserId);

            world.Agent.Update(new Entity("adv_advocate", ann) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            world.Sandbox.RunAsyncJobs();

            Assert.IsNull(world.AdvocateOf(account), "nobody else covers key accounts");
            Assert.AreEqual(world.ManagerUserId, world.Sandbox.Get("task", review.Id).GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(world.ManagerUserId, OwnerOf(world.TasksFor(AdvocacyTaskKind.UnassignedAdvocacy, account).Single()));
        }
    }
}
