using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Plugins.Assignment;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Assignment
{
    /// <summary>
    /// What happens to the advocate's work when someone gives the account (or one of its cases) to another owner. Dataverse's Account_Tasks is
    /// published with Assign: Cascade (Microsoft Learn, Account table reference; the sandbox models it since issue 15), so
    /// every task regarding the account goes to the new owner — before this product step, the advocacy tasks the product
    /// gave the advocate's user went too, and left the advocate's queue. The product keeps open advocacy tasks with the
    /// owner it gave them (<see cref="AdvocacyTasksOnOwnerChangePlugin"/>); what the account's owner held follows the account.
    /// </summary>
    [TestClass]
    public sealed class AccountOwnerChangeTests
    {
        private const string Before = "Advocacy: keep advocacy tasks with their owners (before an account's owner changes)";
        private const string After = "Advocacy: keep advocacy tasks with their owners (after an account's owner changed)";
        private const string BeforeCase = "Advocacy: keep advocacy tasks with their owners (before a case's owner changes)";

        private static (AdvocacyWorld World, Guid Account, Guid LeeUser, Guid Lee, Entity Intro) AdvocatedAccount()
        {
            var world = new AdvocacyWorld();
            var leeUser = world.SeedUser("Lee");
            var lee = world.SeedAdvocate("Lee Park", leeUser, new[] { CustomerTier.Strategic });
            var account = world.SeedAccount("Contoso");
            world.SetTier(account, CustomerTier.Strategic);
            world.Sandbox.RunAsyncJobs();
            var intro = world.TasksFor(AdvocacyTaskKind.Introduction, account).Single();
            Assert.AreEqual(leeUser, intro.GetAttributeValue<EntityReference>("ownerid").Id, "the product gives the introduction to the advocate's user");
            world.Sandbox.ClearExecutions();
            return (world, account, leeUser, lee, intro);
        }

        [TestMethod]
        public void Assigning_an_account_to_another_owner_leaves_the_advocates_open_tasks_with_the_advocate()
        {
            var (world, account, leeUser, lee, intro) = AdvocatedAccount();

            world.Agent.Execute(new OrganizationRequest("Assign")
            {
                ["Target"] = new EntityReference("account", account),
                ["Assignee"] = new EntityReference("systemuser", world.ManagerUserId),
            });

            Assert.AreEqual(world.ManagerUserId, world.Sandbox.Get("account", account).GetAttributeValue<EntityReference>("ownerid").Id);
            var after = world.Sandbox.Get("task", intro.Id);
            Assert.AreEqual(leeUser, after.GetAttributeValue<EntityReference>("ownerid").Id,
                "the platform's cascade gave the introduction to the account's new owner; the product gave it back to the advocate");
            Assert.AreEqual(lee, after.GetAttributeValue<EntityReference>("adv_advocateid")?.Id, "the task still names its advocate");
            Assert.AreEqual(0, after.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0, "still open");
            Assert.AreEqual(lee, world.AdvocateOf(account), "the account keeps its advocate: the owner is not an assignment trigger");

            // Cost: the open advocacy tasks regarding the account before (1) and after (1) the change, and one write for the
            // task given back (the account's cases run their own steps).
            Assert.AreEqual(1, world.Sandbox.ExecutionsOf(Before).Single().RoundTrips);
            Assert.AreEqual(2, world.Sandbox.ExecutionsOf(After).Single().RoundTrips);
            // The cascade runs the task's own Update step (Learn: a cascade's rows run "along with all associated plug-ins
            // for that record"): it names the new owner's profile (none) when the platform moves the task, and the advocate's
            // again when the product gives it back — one profile read each.
            var named = world.Sandbox.ExecutionsOf("Advocacy: advocacy task names its advocate (owner or kind changed)");
            Assert.HasCount(2, named);
            Assert.IsTrue(named.All(e => e.RoundTrips == 1 && e.EntityId == intro.Id), string.Join("\n", named));
        }

        [TestMethod]
        public void An_update_of_the_owner_keeps_the_advocates_tasks_too_and_a_task_the_previous_owner_held_follows_the_account()
        {
            var (world, account, leeUser, _, intro) = AdvocatedAccount();
            var owner = world.Sandbox.Get("account", account).GetAttributeValue<EntityReference>("ownerid").Id;
            // Advocacy work the product routed to the account's owner (as it does while nobody advocates an account), and a
            // closed check-in of the advocate's: history.
            var ownersTask = SeedTask(world, account, owner, AdvocacyTaskKind.UnassignedAdvocacy, open: true);
            var closedCheckIn = SeedTask(world, account, leeUser, AdvocacyTaskKind.ProactiveCheckIn, open: false);
            var newOwner = world.SeedUser("New Owner");

            world.Agent.Update(new Entity("account", account) { ["ownerid"] = new EntityReference("systemuser", newOwner) });

            Assert.AreEqual(leeUser, OwnerOf(world, intro.Id), "the advocate's open task stays with the advocate");
            Assert.AreEqual(newOwner, OwnerOf(world, ownersTask), "what the account's owner held goes with the account to its new owner");
            Assert.AreEqual(newOwner, OwnerOf(world, closedCheckIn), "a closed task stays where the platform put it: it is history, not work");
        }

        [TestMethod]
        public void A_case_given_to_another_owner_and_an_account_whose_cases_move_with_it_leave_the_advocates_case_tasks_with_the_advocate()
        {
            var (world, account, leeUser, _, _) = AdvocatedAccount();
            var owner = world.Sandbox.Get("account", account).GetAttributeValue<EntityReference>("ownerid").Id;
            var caseId = Guid.NewGuid();
            world.Sandbox.Seed(new Entity("incident", caseId)
            {
                ["title"] = "Late delivery",
                ["customerid"] = new EntityReference("account", account),
                ["ownerid"] = new EntityReference("systemuser", owner),
            });
            var checkIn = SeedTask(world, caseId, leeUser, AdvocacyTaskKind.PostResolutionCheckIn, open: true, regarding: "incident");
            var queueUser = world.SeedUser("Queue Agent");

            // Case routing gives the case to someone else: Incident_Tasks (Assign: Cascade) would take the check-in along.
            world.Agent.Update(new Entity("incident", caseId) { ["ownerid"] = new EntityReference("systemuser", queueUser) });
            Assert.AreEqual(queueUser, world.Sandbox.Get("incident", caseId).GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(leeUser, OwnerOf(world, checkIn), "the advocate's check-in on the case stays with the advocate");
            Assert.AreEqual(1, world.Sandbox.ExecutionsOf(BeforeCase).Single().RoundTrips, "a case: one query before");

            // The account's owner changes: its cases go to the new owner (incident_customer_accounts) and their tasks with them.
            world.Agent.Execute(new OrganizationRequest("Assign")
            {
                ["Target"] = new EntityReference("account", account),
                ["Assignee"] = new EntityReference("systemuser", world.ManagerUserId),
            });
            Assert.AreEqual(world.ManagerUserId, world.Sandbox.Get("incident", caseId).GetAttributeValue<EntityReference>("ownerid").Id, "the platform's cascade moved the case");
            Assert.AreEqual(leeUser, OwnerOf(world, checkIn), "and the product gave the advocate's check-in back");
        }

        [TestMethod]
        public void A_case_owners_own_task_follows_the_case_when_the_accounts_new_owner_takes_the_case_along()
        {
            // Each row's tasks follow that row's rule: the case's owner's own work goes with the case to its new owner. The
            // platform runs the case's own steps when the account's cascade moves it (Learn, "Asynchronous processing of
            // cascading transactions"), so the case's step applies the case's rule; before, the account's step also took the
            // case's tasks and judged them by the account's previous owner, and gave the queue agent's task back to them
            // although the case had gone to the account's new owner.
            var (world, account, leeUser, _, _) = AdvocatedAccount();
            var queueAgent = world.SeedUser("Quinn Queue");
            var caseId = Guid.NewGuid();
            world.Sandbox.Seed(new Entity("incident", caseId)
            {
                ["title"] = "Late delivery",
                ["customerid"] = new EntityReference("account", account),
                ["ownerid"] = new EntityReference("systemuser", queueAgent),
            });
            var agentsTask = SeedTask(world, caseId, queueAgent, AdvocacyTaskKind.PostResolutionCheckIn, open: true, regarding: "incident");
            var advocatesTask = SeedTask(world, caseId, leeUser, AdvocacyTaskKind.ImpactReview, open: true, regarding: "incident");
            world.Sandbox.ClearExecutions();

            world.Agent.Execute(new OrganizationRequest("Assign")
            {
                ["Target"] = new EntityReference("account", account),
                ["Assignee"] = new EntityReference("systemuser", world.ManagerUserId),
            });

            Assert.AreEqual(world.ManagerUserId, world.Sandbox.Get("incident", caseId).GetAttributeValue<EntityReference>("ownerid").Id, "the cascade moved the case");
            Assert.AreEqual(world.ManagerUserId, OwnerOf(world, agentsTask), "the case owner's own task went with the case");
            Assert.AreEqual(leeUser, OwnerOf(world, advocatesTask), "the advocate's task on the case stays with the advocate");
            Assert.AreEqual(1, world.Sandbox.ExecutionsOf(Before).Single().RoundTrips, "the account reads its own tasks; the case's step reads the case's");
            Assert.AreEqual(1, world.Sandbox.ExecutionsOf(BeforeCase).Single().RoundTrips);
        }

        [TestMethod]
        public void A_save_that_does_not_change_the_owner_reads_no_tasks()
        {
            var (world, account, leeUser, _, intro) = AdvocatedAccount();
            var owner = world.Sandbox.Get("account", account).GetAttributeValue<EntityReference>("ownerid");

            world.Agent.Update(new Entity("account", account) { ["ownerid"] = owner, ["name"] = "Contoso Ltd" });

            Assert.AreEqual(0, world.Sandbox.ExecutionsOf(Before).Single().RoundTrips, "the same owner again: nothing to remember");
            Assert.AreEqual(0, world.Sandbox.ExecutionsOf(After).Single().RoundTrips);
            Assert.AreEqual(leeUser, OwnerOf(world, intro.Id));
        }

        private static Guid OwnerOf(AdvocacyWorld world, Guid task) => world.Sandbox.Get("task", task).GetAttributeValue<EntityReference>("ownerid").Id;

        private static Guid SeedTask(AdvocacyWorld world, Guid regardingId, Guid owner, AdvocacyTaskKind kind, bool open, string regarding = "account")
        {
            var task = new Entity("task", Guid.NewGuid())
            {
                ["subject"] = kind + " for Contoso",
                ["regardingobjectid"] = new EntityReference(regarding, regardingId),
                ["ownerid"] = new EntityReference("systemuser", owner),
                ["adv_kind"] = Choices.Option(kind),
                ["statecode"] = new OptionSetValue(open ? 0 : 1),
                ["statuscode"] = new OptionSetValue(open ? 2 : 5),
            };
            world.Sandbox.Seed(task);
            return task.Id;
        }
    }
}
