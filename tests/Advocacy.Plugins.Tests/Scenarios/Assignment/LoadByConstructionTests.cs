using System;
using System.Linq;
using Advocacy.Plugins.Application.Assignment;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Plugins.Assignment;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Assignment
{
    /// <summary>
    /// adv_accountcount is what the accounts say, whatever fires how often: it is recounted after every change of an
    /// account's advocate or state and after a delete (AdvocateLoadPlugin), never moved by a delta. And when an
    /// account's advocate changes, the previous advocate's open tasks on it follow the account.
    /// </summary>
    [TestClass]
    public sealed class LoadByConstructionTests
    {
        [TestMethod]
        public void With_every_account_step_registered_twice_an_account_is_counted_once_and_introduced_once()
        {
            var world = new AdvocacyWorld();
            var leeUser = world.SeedUser("Lee");
            var lee = world.SeedAdvocate("Lee Park", leeUser, new[] { CustomerTier.Key });
            // The same steps a second time (an admin's duplicate registration; a re-fire), sharing the pipeline's
            // SharedVariables and Target as the platform's steps of one operation do.
            world.Sandbox.RegisterPlugins(typeof(AccountAssignmentPlugin), typeof(AccountAssignmentTaskPlugin), typeof(AdvocateLoadPlugin));

            var created = world.Agent.Create(new Entity("account") { ["name"] = "Fabrikam", ["adv_tier"] = Choices.Option(CustomerTier.Key) });
            Assert.AreEqual(lee, world.AdvocateOf(created));
            Assert.AreEqual(1, world.CountOf(lee), "created: counted once");

            var existing = world.SeedAccount("Contoso");
            world.SetTier(existing, CustomerTier.Key);
            Assert.AreEqual(lee, world.AdvocateOf(existing));
            Assert.AreEqual(2, world.CountOf(lee), "tier added: counted once");
            Assert.HasCount(1, world.TasksFor(AdvocacyTaskKind.Introduction, existing),
                "the second run's 'kept' (it sees the advocate the first run chose) does not hide the first run's 'assigned'");

            world.Agent.Update(new Entity("account", existing) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            Assert.AreEqual(1, world.CountOf(lee), "deactivated: released once");
            world.Agent.Delete("account", created);
            Assert.AreEqual(0, world.CountOf(lee), "deleted: released once, never below the truth");
        }

        [TestMethod]
        public void An_advocate_cannot_make_themselves_look_full()
        {
            var world = new AdvocacyWorld();
            var leeUser = world.SeedUser("Lee");
            var lee = world.SeedAdvocate("Lee Park", leeUser, new[] { CustomerTier.Key });
            world.SeedAccountsOf(lee, 2);
            var bob = world.SeedAdvocate("Bob Diaz", world.SeedUser("Bob"), new[] { CustomerTier.Key }, accountCount: 5);
            world.SeedAccountsOf(bob, 5);
            world.Sandbox.SeedChange(new Entity("adv_advocate", lee) { ["adv_accountcount"] = 2 });

            // Issue 13's attack: Lee, who owns the profile, writes a huge count.
            world.Sandbox.CreateService(leeUser).Update(new Entity("adv_advocate", lee) { ["adv_accountcount"] = 1_000_000 });
            Assert.AreEqual(2, world.CountOf(lee), "the real count is written instead");

            var created = world.Agent.Create(new Entity("adv_advocate") { ["adv_name"] = "New", ["adv_userid"] = new EntityReference("systemuser", world.SeedUser("New")), ["adv_accountcount"] = 99 });
            Assert.AreEqual(0, world.CountOf(created), "a new profile starts at its real count");

            var account = world.SeedAccount("Contoso");
            world.SetTier(account, CustomerTier.Key);
            Assert.AreEqual(lee, world.AdvocateOf(account), "Lee's real load 2 is below Bob's 5; the claimed 1,000,000 would have sent it to Bob");
            StringAssert.Contains(world.Traces(Steps.AssignOnUpdate), "chose Lee Park: lowest load 2/25");
        }

        [TestMethod]
        public void Deleting_an_advocated_account_releases_its_seat_and_a_full_advocate_takes_the_next_account()
        {
            var world = new AdvocacyWorld();
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Key }, capacity: 1);
            var first = world.Agent.Create(new Entity("account") { ["name"] = "First", ["adv_tier"] = Choices.Option(CustomerTier.Key) });
            Assert.AreEqual(1, world.CountOf(lee));

            world.Agent.Delete("account", first);
            Assert.AreEqual(0, world.CountOf(lee), "the deleted account's seat is free");
            var second = world.Agent.Create(new Entity("account") { ["name"] = "Second", ["adv_tier"] = Choices.Option(CustomerTier.Key) });

            Assert.AreEqual(lee, world.AdvocateOf(second), "capacity 1, and the seat was released");
            Assert.AreEqual(1, world.CountOf(lee));
        }

        [TestMethod]
        public void A_count_that_drifted_is_put_right_by_the_next_change_of_that_advocates_accounts()
        {
            var world = new AdvocacyWorld();
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Key }, capacity: 50, accountCount: 40);
            world.SeedAccountsOf(lee, 2);
            var account = world.SeedAccount("Contoso");

            world.SetTier(account, CustomerTier.Key);

            Assert.AreEqual(3, world.CountOf(lee), "40 was imported around the plug-ins; the accounts say 3");
            StringAssert.Contains(world.Traces(Steps.SettleOnUpdate), "Lee Park had 40 accounts recorded, 3 active accounts name them; newly assigned now");
        }

        [TestMethod]
        public void A_deactivated_advocates_open_tasks_follow_their_accounts_to_the_new_advocate_and_their_introduction_is_closed()
        {
            var world = new AdvocacyWorld();
            var annUser = world.SeedUser("Ann");
            var bobUser = world.SeedUser("Bob");
            var ann = world.SeedAdvocate("Ann Lee", annUser, new[] { CustomerTier.Key });
            var bob = world.SeedAdvocate("Bob Diaz", bobUser, new[] { CustomerTier.Strategic }); // not eligible yet
            var account = world.SeedAccount("Contoso", CustomerTier.Key, ann);
            var other = world.SeedAccount("Other", CustomerTier.Key, ann);
            var review = SeedTask(world, account, annUser, AdvocacyTaskKind.ImpactReview);
            var checkIn = SeedTask(world, account, annUser, AdvocacyTaskKind.PostResolutionCheckIn);
            var intro = SeedTask(world, account, annUser, AdvocacyTaskKind.Introduction);
            var done = SeedTask(world, account, annUser, AdvocacyTaskKind.ProactiveCheckIn, completed: true);
            var managers = SeedTask(world, account, world.ManagerUserId, AdvocacyTaskKind.ManagerEscalation);
            var ownPersonal = SeedTask(world, account, annUser, null);
            var otherAccounts = SeedTask(world, other, annUser, AdvocacyTaskKind.ImpactReview);
            world.Sandbox.Service.Update(new Entity("adv_advocate", bob) { ["adv_tiers"] = new OptionSetValueCollection { Choices.Option(CustomerTier.Key) } });

            world.Agent.Update(new Entity("adv_advocate", ann) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            world.Sandbox.RunAsyncJobs();

            Assert.AreEqual(bob, world.AdvocateOf(account));
            Assert.AreEqual(bob, world.AdvocateOf(other));
            Assert.AreEqual(bobUser, OwnerOf(world, review), "open impact review follows the account");
            Assert.AreEqual(bobUser, OwnerOf(world, checkIn), "open check-in follows the account");
            Assert.AreEqual(bobUser, OwnerOf(world, otherAccounts), "on every account that moved");
            Assert.AreEqual(1, world.Sandbox.Get("task", intro).GetAttributeValue<OptionSetValue>("statecode").Value, "Ann's introduction is closed");
            Assert.AreEqual("work\n\nClosed automatically: the account's advocate is now Bob Diaz", world.Sandbox.Get("task", intro).GetAttributeValue<string>("description"),
                "the note is added to what the task said");
            Assert.AreEqual(annUser, OwnerOf(world, done), "completed work stays with who did it");
            Assert.AreEqual(world.ManagerUserId, OwnerOf(world, managers), "the manager's escalation is not the advocate's");
            Assert.AreEqual(annUser, OwnerOf(world, ownPersonal), "a task that is not an advocacy task stays");
            Assert.AreEqual(0, world.CountOf(ann));
            Assert.AreEqual(2, world.CountOf(bob));
        }

        [TestMethod]
        public void When_nobody_can_take_the_account_the_open_tasks_go_to_the_accounts_owner()
        {
            var world = new AdvocacyWorld();
            var annUser = world.SeedUser("Ann");
            var ann = world.SeedAdvocate("Ann Lee", annUser, new[] { CustomerTier.Key });
            var account = world.SeedAccount("Contoso", CustomerTier.Key, ann);
            var review = SeedTask(world, account, annUser, AdvocacyTaskKind.ImpactReview);

            world.Agent.Update(new Entity("adv_advocate", ann) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            world.Sandbox.RunAsyncJobs();

            Assert.IsNull(world.AdvocateOf(account));
            Assert.AreEqual(world.AgentUserId, OwnerOf(world, review), "the owner, who also gets the unassigned-advocacy task, holds the customer's work");
            Assert.HasCount(1, world.TasksFor(AdvocacyTaskKind.UnassignedAdvocacy, account));
        }

        [TestMethod]
        public void A_manager_changing_the_advocate_by_hand_moves_the_tasks_too()
        {
            var world = new AdvocacyWorld();
            var annUser = world.SeedUser("Ann");
            var bobUser = world.SeedUser("Bob");
            var ann = world.SeedAdvocate("Ann Lee", annUser, new[] { CustomerTier.Key });
            var bob = world.SeedAdvocate("Bob Diaz", bobUser, new[] { CustomerTier.Key });
            var account = world.SeedAccount("Contoso", CustomerTier.Key, ann);
            var review = SeedTask(world, account, annUser, AdvocacyTaskKind.DetractorRecovery);

            var stays = world.SeedAccount("Stays with Ann", CustomerTier.Key, ann);
            var staysReview = SeedTask(world, stays, annUser, AdvocacyTaskKind.ImpactReview);

            world.Agent.Update(new Entity("account", account) { ["adv_advocateid"] = new EntityReference("adv_advocate", bob) });

            Assert.AreEqual(bobUser, OwnerOf(world, review));
            Assert.AreEqual(annUser, OwnerOf(world, staysReview), "only the tasks of the account that changed advocate move");
            Assert.AreEqual(1, world.CountOf(ann), "Ann keeps the other account");
            Assert.AreEqual(1, world.CountOf(bob));
        }

        [TestMethod]
        public void The_recount_and_the_settling_count_beyond_the_platforms_aggregate_limit()
        {
            var world = new AdvocacyWorld();
            // The platform's limit is 50,000 rows; a lower one shows the same failure with fewer rows. Inside a
            // plug-in a failed aggregate would doom the transaction, so the product must never run into it.
            world.Sandbox.AggregateRecordLimit = 10;
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Key }, capacity: 100);
            world.SeedAccountsOf(lee, 25);

            world.Sandbox.Run(new OrganizationRequest(AdvocateLoadRecount.Message));
            Assert.AreEqual(25, world.CountOf(lee));

            var account = world.SeedAccount("Contoso");
            world.SetTier(account, CustomerTier.Key);
            Assert.AreEqual(26, world.CountOf(lee));
        }

        [TestMethod]
        public void Counting_pages_through_more_accounts_than_one_page_holds()
        {
            var world = new AdvocacyWorld();
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Key });
            var rows = Enumerable.Range(0, AdvocateLoadRecount.PageSize + 2).Select(i => new Entity("account", Guid.NewGuid())
            {
                ["name"] = "A" + i,
                ["ownerid"] = new EntityReference("systemuser", world.AgentUserId),
                ["adv_advocateid"] = new EntityReference("adv_advocate", lee),
            }).ToArray();
            world.Sandbox.Seed(rows);
            var tracer = new ListTracer();

            var result = new AdvocateLoadRecount(world.Sandbox.Service, tracer).Settle(new[] { lee }, null, AdvocacyWorld.Now);

            Assert.AreEqual(AdvocateLoadRecount.PageSize + 2, world.CountOf(lee));
            Assert.AreEqual(AdvocateLoadRecount.PageSize + 2, result.AccountsCounted);
            CollectionAssert.Contains(tracer.Lines, "Load: counted the active accounts in 2 pages of 5000.");
        }

        private static Guid SeedTask(AdvocacyWorld world, Guid accountId, Guid ownerId, AdvocacyTaskKind? kind, bool completed = false)
        {
            var task = new Entity("task", Guid.NewGuid())
            {
                ["subject"] = (kind?.ToString() ?? "Personal") + " for " + accountId,
                ["description"] = "work",
                ["ownerid"] = new EntityReference("systemuser", ownerId),
                ["regardingobjectid"] = new EntityReference("account", accountId),
                ["statecode"] = new OptionSetValue(completed ? 1 : 0),
                ["statuscode"] = new OptionSetValue(completed ? 5 : 2),
            };
            if (kind.HasValue) task["adv_kind"] = Choices.Option(kind.Value);
            world.Sandbox.Seed(task);
            return task.Id;
        }

        private static Guid OwnerOf(AdvocacyWorld world, Guid taskId) => world.Sandbox.Get("task", taskId).GetAttributeValue<EntityReference>("ownerid").Id;
    }
}
