using Advocacy.Plugins.Application.Assignment;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Assignment
{
    internal static class Steps
    {
        public const string AssignOnUpdate = "Advocacy: assign advocate (account update)";
        public const string AssignOnCreate = "Advocacy: assign advocate (account create)";
        public const string TaskOnUpdate = "Advocacy: assignment task (account update)";
        public const string CaseUpdate = "Advocacy: assign advocate (case escalated, update)";
        public const string SettleOnUpdate = "Advocacy: settle advocate load (account update)";
    }

    internal static class WorldExtensions
    {
        public static Guid? AdvocateOf(this AdvocacyWorld world, Guid accountId) =>
            world.Sandbox.Get("account", accountId).GetAttributeValue<EntityReference>("adv_advocateid")?.Id;

        public static int CountOf(this AdvocacyWorld world, Guid advocateId) =>
            world.Sandbox.Get("adv_advocate", advocateId).GetAttributeValue<int?>("adv_accountcount") ?? 0;

        public static void SetTier(this AdvocacyWorld world, Guid accountId, CustomerTier tier) =>
            world.Agent.Update(new Entity("account", accountId) { ["adv_tier"] = Choices.Option(tier) });

        public static Entity[] TasksFor(this AdvocacyWorld world, AdvocacyTaskKind kind, Guid accountId) =>
            world.Tasks(kind).Where(t => t.GetAttributeValue<EntityReference>("regardingobjectid")?.Id == accountId).ToArray();

        public static string Traces(this AdvocacyWorld world, string step) => string.Join("\n", world.Sandbox.Traces(step));
    }

    [TestClass]
    public sealed class AssignmentScenarioTests
    {
        [TestMethod]
        public void Account_getting_a_tier_gets_the_lowest_load_advocate_an_introduction_and_the_load()
        {
            var world = new AdvocacyWorld();
            var dana = world.SeedAdvocate("Dana Ruiz", world.SeedUser("Dana"), new[] { CustomerTier.Strategic }, capacity: 25, accountCount: 12);
            var leeUser = world.SeedUser("Lee");
            var lee = world.SeedAdvocate("Lee Park", leeUser, new[] { CustomerTier.Strategic, CustomerTier.Key }, capacity: 20, accountCount: 3);
            world.SeedAccountsOf(lee, 3);
            var account = world.SeedAccount("Contoso");

            world.SetTier(account, CustomerTier.Strategic);

            Assert.AreEqual(lee, world.AdvocateOf(account));
            Assert.AreEqual(4, world.CountOf(lee));
            Assert.AreEqual(12, world.CountOf(dana));
            Assert.AreEqual(AdvocacyWorld.Now, world.Sandbox.Get("adv_advocate", lee).GetAttributeValue<DateTime?>("adv_lastassignedon"));
            var intro = world.TasksFor(AdvocacyTaskKind.Introduction, account).Single();
            Assert.AreEqual(leeUser, intro.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(new DateTime(2026, 3, 12), intro.GetAttributeValue<DateTime>("scheduledend").Date);
            StringAssert.Contains(world.Traces(Steps.AssignOnUpdate), "chose Lee Park: lowest load 3/20");
        }

        [TestMethod]
        public void Account_created_with_a_tier_is_assigned_in_the_same_save()
        {
            var world = new AdvocacyWorld();
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Key });
            var id = world.Agent.Create(new Entity("account") { ["name"] = "Fabrikam", ["adv_tier"] = Choices.Option(CustomerTier.Key) });

            Assert.AreEqual(lee, world.AdvocateOf(id));
            Assert.AreEqual(1, world.CountOf(lee));
            Assert.HasCount(1, world.TasksFor(AdvocacyTaskKind.Introduction, id));
        }

        [TestMethod]
        public void No_eligible_advocate_keeps_the_save_and_gives_the_owner_one_task_however_often_it_refires()
        {
            var world = new AdvocacyWorld();
            world.SeedAdvocate("Full", world.SeedUser("Full"), new[] { CustomerTier.Strategic }, capacity: 2, accountCount: 2);
            var account = world.SeedAccount("Contoso");

            world.SetTier(account, CustomerTier.Strategic);
            world.SetTier(account, CustomerTier.Key);
            world.SetTier(account, CustomerTier.Strategic);

            Assert.IsNull(world.AdvocateOf(account));
            var tasks = world.TasksFor(AdvocacyTaskKind.UnassignedAdvocacy, account);
            Assert.HasCount(1, tasks);
            Assert.AreEqual(world.AgentUserId, tasks[0].GetAttributeValue<EntityReference>("ownerid").Id);
            StringAssert.Contains(world.Traces(Steps.AssignOnUpdate), "no eligible advocate: 1 active advocate covers strategic accounts, at capacity");
        }

        [TestMethod]
        public void Losing_the_advocate_reassigns_to_someone_else_and_moves_both_counts()
        {
            var world = new AdvocacyWorld();
            var a = world.SeedAdvocate("Ann", world.SeedUser("Ann"), new[] { CustomerTier.Key }, accountCount: 1);
            var b = world.SeedAdvocate("Bob", world.SeedUser("Bob"), new[] { CustomerTier.Key }, accountCount: 5);
            world.SeedAccountsOf(b, 5);
            var account = world.SeedAccount("Contoso", CustomerTier.Key, a);

            world.Agent.Update(new Entity("account", account) { ["adv_advocateid"] = null });

            Assert.AreEqual(b, world.AdvocateOf(account));
            Assert.AreEqual(0, world.CountOf(a));
            Assert.AreEqual(6, world.CountOf(b));
        }

        [TestMethod]
        public void Deactivating_and_reactivating_an_account_moves_its_advocates_load()
        {
            var world = new AdvocacyWorld();
            var a = world.SeedAdvocate("Ann", world.SeedUser("Ann"), new[] { CustomerTier.Key }, accountCount: 4);
            world.SeedAccountsOf(a, 3);
            var account = world.SeedAccount("Contoso", CustomerTier.Key, a);

            world.Agent.Update(new Entity("account", account) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            Assert.AreEqual(3, world.CountOf(a));

            world.Agent.Update(new Entity("account", account) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(1) });
            Assert.AreEqual(4, world.CountOf(a));
            Assert.AreEqual(a, world.AdvocateOf(account));
        }

        [TestMethod]
        [DataRow(true, DisplayName = "created escalated")]
        [DataRow(false, DisplayName = "escalated later")]
        public void An_escalated_case_whose_subject_comes_without_its_name_still_gets_the_subjects_specialist(bool create)
        {
            // The Web API and most integrations send a lookup as a bare id (subjectid@odata.bind): the plug-in's Target
            // carries no name. "Shipping" maps to logistics by default; Ann, with no specialty and no accounts, would win on load.
            var world = new AdvocacyWorld();
            var ann = world.SeedAdvocate("Ann", world.SeedUser("Ann"), new[] { CustomerTier.Strategic }, capacity: 25, accountCount: 0);
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Strategic }, new[] { Specialty.Logistics }, capacity: 25, accountCount: 10);
            var account = world.SeedAccount("Contoso", CustomerTier.Strategic);
            var shipping = Guid.NewGuid();
            world.Sandbox.Seed(new Entity("subject", Guid.NewGuid()) { ["title"] = "Billing" });
            world.Sandbox.Seed(new Entity("subject", shipping) { ["title"] = "Shipping" });
            var save = new Entity("incident") { ["title"] = "Late order", ["customerid"] = new EntityReference("account", account), ["subjectid"] = new EntityReference("subject", shipping) };

            Guid caseId;
            if (create)
            {
                save["isescalated"] = true;
                caseId = world.Agent.Create(save);
            }
            else
            {
                caseId = world.Agent.Create(save);
                world.Agent.Update(new Entity("incident", caseId) { ["isescalated"] = true });
            }

            Assert.AreEqual(lee, world.AdvocateOf(account), "the logistics specialist, not Ann");
            Assert.AreEqual(lee, world.Sandbox.Get("incident", caseId).GetAttributeValue<EntityReference>("adv_advocateid").Id);
            Assert.AreNotEqual(ann, lee);
        }

        [TestMethod]
        public void A_subject_that_comes_with_its_name_is_not_read_again()
        {
            var world = new AdvocacyWorld();
            world.SeedAdvocate("Ann", world.SeedUser("Ann"), new[] { CustomerTier.Strategic }, capacity: 25, accountCount: 0);
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Strategic }, new[] { Specialty.Logistics }, capacity: 25, accountCount: 10);
            var account = world.SeedAccount("Contoso", CustomerTier.Strategic);
            var shipping = Guid.NewGuid();
            world.Sandbox.Seed(new Entity("subject", shipping) { ["title"] = "Shipping" });
            world.Sandbox.Metrics.Reset();

            world.Agent.Create(new Entity("incident")
            {
                ["title"] = "Late order", ["customerid"] = new EntityReference("account", account), ["isescalated"] = true,
                ["subjectid"] = new EntityReference("subject", shipping) { Name = "Shipping" },
            });

            Assert.AreEqual(lee, world.AdvocateOf(account));
            Assert.AreEqual(0L, world.Sandbox.Metrics.RoundTrips.Where(r => r.Caller != Advocacy.Sandbox.SandboxMetrics.TestCaller && r.Table == "subject").Sum(r => r.Count));
        }

        [TestMethod]
        public void Escalated_case_on_an_unadvocated_account_assigns_and_copies_the_advocate_to_the_case()
        {
            var world = new AdvocacyWorld();
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Strategic }, new[] { Specialty.Logistics });
            var account = world.SeedAccount("Contoso", CustomerTier.Strategic);
            var caseId = Guid.NewGuid();
            world.Sandbox.Seed(new Entity("incident", caseId) { ["title"] = "Late order", ["customerid"] = new EntityReference("account", account) });

            world.Agent.Update(new Entity("incident", caseId) { ["isescalated"] = true });

            Assert.AreEqual(lee, world.AdvocateOf(account));
            Assert.AreEqual(lee, world.Sandbox.Get("incident", caseId).GetAttributeValue<EntityReference>("adv_advocateid")?.Id);
            Assert.AreEqual(1, world.CountOf(lee));
            Assert.HasCount(1, world.TasksFor(AdvocacyTaskKind.Introduction, account));
        }

        [TestMethod]
        public void High_priority_case_on_an_advocated_account_only_copies_the_advocate()
        {
            var world = new AdvocacyWorld();
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Key }, accountCount: 1);
            var account = world.SeedAccount("Contoso", CustomerTier.Key, lee);
            var caseId = world.Agent.Create(new Entity("incident") { ["title"] = "Outage", ["customerid"] = new EntityReference("account", account), ["prioritycode"] = new OptionSetValue(1) });

            Assert.AreEqual(lee, world.Sandbox.Get("incident", caseId).GetAttributeValue<EntityReference>("adv_advocateid")?.Id);
            Assert.AreEqual(1, world.CountOf(lee));
        }

        [TestMethod]
        public void Deactivated_advocates_accounts_are_reassigned_in_batches_until_done()
        {
            var world = new AdvocacyWorld();
            world.Sandbox.SetAdvocacySettings("{\"assignment\":{\"reassignBatchSize\":2}}");
            var leaving = world.SeedAdvocate("Leaving", world.SeedUser("Leaving"), new[] { CustomerTier.Key }, accountCount: 5);
            var stay = world.SeedAdvocate("Staying", world.SeedUser("Staying"), new[] { CustomerTier.Key }, accountCount: 0);
            var accounts = Enumerable.Range(0, 5).Select(i => world.SeedAccount("Acc " + i, CustomerTier.Key, leaving)).ToArray();

            world.Sandbox.Service.Update(new Entity("adv_advocate", leaving) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            Assert.IsTrue(accounts.All(a => world.AdvocateOf(a) == leaving), "nothing moves synchronously");
            world.Sandbox.RunAsyncJobs();

            Assert.IsTrue(accounts.All(a => world.AdvocateOf(a) == stay));
            Assert.AreEqual(0, world.CountOf(leaving));
            Assert.AreEqual(5, world.CountOf(stay));
            Assert.HasCount(5, world.Tasks(AdvocacyTaskKind.Introduction));
            StringAssert.Contains(world.Traces("Advocacy: re-assign accounts of a deactivated advocate"), "done after 3 batch(es): 5 re-assigned");
        }

        [TestMethod]
        public void A_reassignment_out_of_time_queues_a_continuation_that_finishes_the_work()
        {
            var world = new AdvocacyWorld();
            var leaving = world.SeedAdvocate("Leaving", world.SeedUser("Leaving"), new[] { CustomerTier.Key }, accountCount: 3, active: false);
            var stay = world.SeedAdvocate("Staying", world.SeedUser("Staying"), new[] { CustomerTier.Key });
            var accounts = Enumerable.Range(0, 3).Select(i => world.SeedAccount("Acc " + i, CustomerTier.Key, leaving)).ToArray();

            var run = new ReassignFromInactiveAdvocate(new TestHost(world.Sandbox.NestedService, new ListTracer())).Run(leaving, 1, () => true);

            Assert.IsTrue(run.Continued);
            Assert.AreEqual(1, run.Reassigned);
            // One continuation (the moved account's new introduction task also queues the job that names its advocate).
            Assert.AreEqual(1, world.Sandbox.PendingAsync.Count(j => j.Step.Name == "Advocacy: re-assign accounts of a deactivated advocate"));
            world.Sandbox.RunAsyncJobs();
            Assert.IsTrue(accounts.All(a => world.AdvocateOf(a) == stay));
            Assert.AreEqual(3, world.CountOf(stay));
        }

        [TestMethod]
        public void Account_deactivated_before_its_batch_keeps_its_old_advocate_and_counts_for_nobody()
        {
            var world = new AdvocacyWorld();
            var leaving = world.SeedAdvocate("Leaving", world.SeedUser("Leaving"), new[] { CustomerTier.Key }, accountCount: 2);
            var stay = world.SeedAdvocate("Staying", world.SeedUser("Staying"), new[] { CustomerTier.Key });
            var active = world.SeedAccount("Active", CustomerTier.Key, leaving);
            var closing = world.SeedAccount("Closing", CustomerTier.Key, leaving);

            world.Sandbox.Service.Update(new Entity("adv_advocate", leaving) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            world.Agent.Update(new Entity("account", closing) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            world.Sandbox.RunAsyncJobs();

            Assert.AreEqual(stay, world.AdvocateOf(active));
            Assert.AreEqual(leaving, world.AdvocateOf(closing));
            Assert.AreEqual(1, world.CountOf(stay));
            Assert.AreEqual(0, world.CountOf(leaving));

            // Mid-batch: the API is asked about an account that became inactive after the batch was read.
            var response = world.Sandbox.Run(new OrganizationRequest(AssignAdvocateNames.Message) { [AssignAdvocateNames.Account] = new EntityReference("account", closing) });
            Assert.IsFalse((bool)response.Results[AssignAdvocateNames.Changed]);
            StringAssert.Contains((string)response.Results[AssignAdvocateNames.Reason], "inactive");
        }

        [TestMethod]
        public void Recount_rebuilds_counts_from_active_accounts()
        {
            var world = new AdvocacyWorld();
            var a = world.SeedAdvocate("Ann", world.SeedUser("Ann"), new[] { CustomerTier.Key }, accountCount: 40);
            var b = world.SeedAdvocate("Bob", world.SeedUser("Bob"), new[] { CustomerTier.Key }, accountCount: 0);
            world.SeedAccount("1", CustomerTier.Key, a);
            world.SeedAccount("2", CustomerTier.Key, b);
            world.SeedAccount("3", CustomerTier.Key, b);
            world.Sandbox.Seed(new Entity("account", Guid.NewGuid())
            {
                ["name"] = "4",
                ["adv_tier"] = Choices.Option(CustomerTier.Key),
                ["adv_advocateid"] = new EntityReference("adv_advocate", b),
                ["statecode"] = new OptionSetValue(1),
                ["statuscode"] = new OptionSetValue(2),
            });

            var response = world.Sandbox.Run(new OrganizationRequest(AdvocateLoadRecount.Message));

            Assert.AreEqual(1, world.CountOf(a));
            Assert.AreEqual(2, world.CountOf(b));
            Assert.AreEqual(2, (int)response.Results["AdvocatesCorrected"]);
            Assert.AreEqual(3, (int)response.Results["AccountsCounted"]);
        }

        [TestMethod]
        public void Custom_api_assigns_and_reports_advocate_reason_and_changed()
        {
            var world = new AdvocacyWorld();
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Standard });
            var account = world.SeedAccount("Contoso", CustomerTier.Standard);

            var first = world.Sandbox.Run(new OrganizationRequest(AssignAdvocateNames.Message) { [AssignAdvocateNames.Account] = new EntityReference("account", account) }, world.ManagerUserId); // a manager operation (issue 13)
            var second = world.Sandbox.Run(new OrganizationRequest(AssignAdvocateNames.Message) { [AssignAdvocateNames.Account] = new EntityReference("account", account) }, world.ManagerUserId); // a manager operation (issue 13)

            Assert.AreEqual(lee, ((EntityReference)first.Results[AssignAdvocateNames.Advocate]).Id);
            Assert.IsTrue((bool)first.Results[AssignAdvocateNames.Changed]);
            Assert.IsFalse((bool)second.Results[AssignAdvocateNames.Changed]);
            StringAssert.StartsWith((string)second.Results[AssignAdvocateNames.Reason], "kept Lee Park: current advocate, 1/25 accounts");
            Assert.AreEqual(1, world.CountOf(lee));
            Assert.HasCount(1, world.TasksFor(AdvocacyTaskKind.Introduction, account));
        }

        [TestMethod]
        public void Sixteen_parallel_saves_never_push_anyone_over_capacity()
        {
            var world = new AdvocacyWorld();
            var advocates = Enumerable.Range(0, 3).Select(i => world.SeedAdvocate("Adv " + i, world.SeedUser("U" + i), new[] { CustomerTier.Key }, capacity: 4)).ToArray();
            var accounts = Enumerable.Range(0, 16).Select(i => world.SeedAccount("Acc " + i)).ToArray();

            // What the admin guide asks for after import: adv_RecountAdvocateLoad creates the lock rows, so the
            // first concurrent use does not race on creating them.
            world.Sandbox.Run(new OrganizationRequest("adv_RecountAdvocateLoad"));

            Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i => world.SetTier(accounts[i], CustomerTier.Key));

            foreach (var advocate in advocates)
            {
                int actual = accounts.Count(a => world.AdvocateOf(a) == advocate);
                Assert.AreEqual(4, actual, "each advocate is filled to capacity, never beyond");
                Assert.AreEqual(accounts.Count(a => world.AdvocateOf(a) == advocate), world.CountOf(advocate), "the maintained count equals the real count");
            }

            Assert.AreEqual(4, accounts.Count(a => world.AdvocateOf(a) == null));
            Assert.HasCount(4, world.Tasks(AdvocacyTaskKind.UnassignedAdvocacy));
        }

        [TestMethod]
        public void One_assignment_costs_two_round_trips_and_settling_the_count_four_with_a_thousand_advocates()
        {
            var world = new AdvocacyWorld();
            var users = Enumerable.Range(0, 1000).Select(i => world.SeedUser("U" + i)).ToArray();
            for (int i = 0; i < 1000; i++)
            {
                world.SeedAdvocate("Adv " + i.ToString("D4"), users[i], new[] { CustomerTier.Key, CustomerTier.Standard }, capacity: 30, accountCount: 10 + (i % 7));
            }

            var account = world.SeedAccount("Contoso");
            world.Sandbox.ClearExecutions();
            world.SetTier(account, CustomerTier.Key);

            Assert.IsNotNull(world.AdvocateOf(account));
            var assign = world.Sandbox.ExecutionsOf(Steps.AssignOnUpdate).Single();
            StringAssert.Contains(assign.TraceText, "2 round trips for the assignment itself");
            // The step's total = the assignment (lock, candidates) + the settings read every step makes.
            Assert.AreEqual(3, assign.RoundTrips);
            var task = world.Sandbox.ExecutionsOf(Steps.TaskOnUpdate).Single();
            Assert.AreEqual(6, task.RoundTrips, "settings + the advocate's user settings (time zone and language, one query) + closing a left-over unassigned task (find) + task factory (lock, find, create)");
            var settle = world.Sandbox.ExecutionsOf(Steps.SettleOnUpdate).Single();
            StringAssert.Contains(settle.TraceText, "7 round trips to settle account");
            Assert.AreEqual(7, settle.RoundTrips, "lock (held already) + the advocate's accounts (one page) + the advocate + its new count + the advocacy's users (advocate's and backup's, one query) + the account's shares (read) + sharing it with the advocate's user; no settings");
        }
    }

    internal sealed class ListTracer : ITracingService
    {
        public List<string> Lines { get; } = new List<string>();

        public void Trace(string format, params object[] args) => Lines.Add(args == null || args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
