using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Assignment
{
    [TestClass]
    public sealed class AssignmentEdgeCaseTests
    {
        [TestMethod]
        public void Capacity_zero_or_negative_takes_no_new_accounts()
        {
            var world = new AdvocacyWorld();
            var zero = world.SeedAdvocate("Zero", world.SeedUser("Zero"), new[] { CustomerTier.Key }, capacity: 0);
            var negative = world.SeedAdvocate("Negative", world.SeedUser("Neg"), new[] { CustomerTier.Key }, capacity: -3);
            var account = world.SeedAccount("Contoso");

            world.SetTier(account, CustomerTier.Key);

            Assert.IsNull(world.AdvocateOf(account));
            Assert.AreEqual(0, world.CountOf(zero));
            Assert.AreEqual(0, world.CountOf(negative));
            StringAssert.Contains(world.Traces(Steps.AssignOnUpdate), "2 active advocates cover key accounts, all at capacity");
            Assert.HasCount(1, world.TasksFor(AdvocacyTaskKind.UnassignedAdvocacy, account));
        }

        [TestMethod]
        public void Advocate_without_a_user_is_never_chosen()
        {
            var world = new AdvocacyWorld();
            var orphan = Guid.NewGuid();
            world.Sandbox.Seed(new Entity("adv_advocate", orphan)
            {
                ["adv_name"] = "Nobody",
                ["adv_accountcount"] = 0,
                ["adv_tiers"] = new OptionSetValueCollection(new[] { Choices.Option(CustomerTier.Key) }.ToList()),
            });
            var account = world.SeedAccount("Contoso");

            world.SetTier(account, CustomerTier.Key);

            Assert.IsNull(world.AdvocateOf(account));
            StringAssert.Contains(world.Traces(Steps.AssignOnUpdate), "without a user");
        }

        [TestMethod]
        public void An_active_profile_whose_user_is_disabled_is_never_chosen_and_its_urgent_work_goes_to_the_owner()
        {
            var world = new AdvocacyWorld();
            var goneUser = world.SeedUser("Gone");
            var gone = world.SeedAdvocate("Gone Away", goneUser, new[] { CustomerTier.Key }, accountCount: 0);
            var staysUser = world.SeedUser("Stays");
            var stays = world.SeedAdvocate("Stays Here", staysUser, new[] { CustomerTier.Key }, accountCount: 10);
            var advocated = world.SeedAccount("Advocated by Gone", CustomerTier.Key, gone);
            world.Sandbox.Service.Update(new Entity("systemuser", goneUser) { ["isdisabled"] = true });
            var account = world.SeedAccount("Contoso");

            world.SetTier(account, CustomerTier.Key);
            Assert.AreEqual(stays, world.AdvocateOf(account), "the less loaded profile's user is disabled");
            StringAssert.Contains(world.Traces(Steps.AssignOnUpdate), "chose Stays Here: lowest load 10/25 [pool 2]");

            // Work for the account whose advocate's user is disabled goes to the account's owner.
            world.Agent.Create(new Entity("adv_feedback") { ["adv_accountid"] = new EntityReference("account", advocated), ["adv_nps"] = 2 });
            var recovery = world.TasksFor(AdvocacyTaskKind.DetractorRecovery, advocated).Single();
            Assert.AreEqual(world.AgentUserId, recovery.GetAttributeValue<EntityReference>("ownerid").Id);
        }

        [TestMethod]
        public void Unknown_tier_value_assigns_nobody_and_says_so()
        {
            var world = new AdvocacyWorld();
            world.SeedAdvocate("Lee", world.SeedUser("Lee"), new[] { CustomerTier.Key });
            var account = world.SeedAccount("Contoso");

            try
            {
                world.Agent.Update(new Entity("account", account) { ["adv_tier"] = new OptionSetValue(Choices.Prefix + 9) });
            }
            catch (Exception ex)
            {
                // The platform (and the sandbox) may refuse a value the choice does not define before any plug-in runs.
                StringAssert.Contains(ex.Message, "104520009");
                return;
            }

            Assert.IsNull(world.AdvocateOf(account));
            StringAssert.Contains(world.Traces(Steps.AssignOnUpdate), "tier value 104520009 is not one of the solution's tiers");
            Assert.IsEmpty(world.TasksFor(AdvocacyTaskKind.UnassignedAdvocacy, account));
        }

        [TestMethod]
        public void Backup_loop_and_away_backup_keep_urgent_work_with_the_away_advocate()
        {
            var world = new AdvocacyWorld();
            var awayFrom = new DateTime(2026, 3, 1);
            var awayTo = new DateTime(2026, 3, 20);
            var aUser = world.SeedUser("A");
            var a = world.SeedAdvocate("A", aUser, new[] { CustomerTier.Key }, awayFrom: awayFrom, awayTo: awayTo, accountCount: 1);
            var b = world.SeedAdvocate("B", world.SeedUser("B"), new[] { CustomerTier.Key }, backupId: a, awayFrom: awayFrom, awayTo: awayTo);
            world.Sandbox.Service.Update(new Entity("adv_advocate", a) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", b) });
            var account = world.SeedAccount("Contoso", CustomerTier.Key, a);

            var routing = new AdvocateDirectory(world.Sandbox.Service, 25).RoutingFor(a, AdvocacyWorld.Now)!;
            Assert.IsNull(routing.BackupUserId, "A → B → A with both away: nobody to route to, the work stays with A");

            // The assignment stays sticky while A is away: an escalated case keeps A and names A on the case.
            var caseId = world.Agent.Create(new Entity("incident") { ["title"] = "x", ["customerid"] = new EntityReference("account", account), ["isescalated"] = true });
            Assert.AreEqual(a, world.AdvocateOf(account));
            Assert.AreEqual(a, world.Sandbox.Get("incident", caseId).GetAttributeValue<EntityReference>("adv_advocateid")?.Id);
        }

        [TestMethod]
        public void Two_profiles_for_one_user_are_refused_or_never_double_the_capacity()
        {
            var world = new AdvocacyWorld();
            var user = world.SeedUser("Twin");
            world.SeedAdvocate("Twin A", user, new[] { CustomerTier.Key }, capacity: 1);
            Guid? second = null;
            try
            {
                second = world.SeedAdvocate("Twin B", user, new[] { CustomerTier.Key }, capacity: 1);
            }
            catch (Exception ex)
            {
                StringAssert.Contains(ex.Message.ToLowerInvariant(), "key");
            }

            var accounts = Enumerable.Range(0, 2).Select(i => world.SeedAccount("Acc " + i)).ToArray();
            foreach (var account in accounts) world.SetTier(account, CustomerTier.Key);

            Assert.AreEqual(1, accounts.Count(a => world.AdvocateOf(a) != null), "one person, one capacity");
            if (second.HasValue) Assert.AreEqual(0, world.CountOf(second.Value));
        }

        [TestMethod]
        public void A_failed_save_writes_nothing_half_way()
        {
            var world = new AdvocacyWorld();
            var lee = world.SeedAdvocate("Lee", world.SeedUser("Lee"), new[] { CustomerTier.Key });
            var account = world.SeedAccount("Contoso");

            Assert.ThrowsExactly<SandboxFaultException>(() =>
                world.Agent.Update(new Entity("account", account) { ["adv_tier"] = Choices.Option(CustomerTier.Key), ["adv_cadencedays"] = "not a number" }));

            Assert.AreEqual(0, world.CountOf(lee));
            Assert.IsNull(world.AdvocateOf(account));
            Assert.IsEmpty(world.Tasks(AdvocacyTaskKind.Introduction));
        }
    }
}
