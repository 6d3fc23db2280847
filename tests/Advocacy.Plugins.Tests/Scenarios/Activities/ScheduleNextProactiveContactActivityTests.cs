using System;
using System.Collections.Generic;
using Advocacy.Plugins.Activities.FollowUp;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static Advocacy.Plugins.Tests.Scenarios.Activities.ActivityWorldExtensions;

namespace Advocacy.Plugins.Tests.Scenarios.Activities
{
    /// <summary>"Schedule next proactive contact" run for real: tier cadence, override, recorded and given contact dates.</summary>
    [TestClass]
    public sealed class ScheduleNextProactiveContactActivityTests
    {
        private static IDictionary<string, object?> Schedule(AdvocacyWorld world, Guid accountId, DateTime? contact = null)
        {
            var inputs = Inputs(("Account", new EntityReference("account", accountId)));
            if (contact.HasValue) inputs["ContactDate"] = contact.Value;
            return WorkflowActivityHarness.Run(world, new ScheduleNextProactiveContactActivity(), inputs, world.AgentUserId);
        }

        /// <summary>Seeded as is: no plug-in recomputes the dates behind the test's back.</summary>
        private static Guid SeedAccount(AdvocacyWorld world, string name, CustomerTier? tier, int? cadenceDays = null, DateTime? last = null)
        {
            var row = new Entity("account", Guid.NewGuid())
            {
                ["name"] = name,
                ["ownerid"] = new EntityReference("systemuser", world.AgentUserId),
            };
            if (tier.HasValue) row["adv_tier"] = Choices.Option(tier.Value);
            if (cadenceDays.HasValue) row["adv_cadencedays"] = cadenceDays.Value;
            if (last.HasValue) row["adv_lastproactivecontact"] = last.Value;
            world.Sandbox.Seed(row);
            return row.Id;
        }

        [TestMethod]
        public void Strategic_account_without_a_contact_is_scheduled_30_days_from_today()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso", CustomerTier.Strategic);

            var outputs = Schedule(world, account);

            Assert.AreEqual(Utc(2026, 4, 9), outputs["NextContact"]);
            Assert.AreEqual(30, outputs["CadenceDays"]);
            StringAssert.Contains((string)outputs["Reason"]!, "strategic accounts every 30 days");
            var row = world.Account(account);
            Assert.AreEqual(Utc(2026, 4, 9), row.GetAttributeValue<DateTime?>("adv_nextproactivecontact"));
            Assert.IsNull(row.GetAttributeValue<DateTime?>("adv_lastproactivecontact"), "no contact given, none recorded");
        }

        [TestMethod]
        public void Key_account_is_rescheduled_from_its_recorded_last_contact()
        {
            var world = new AdvocacyWorld();
            var account = SeedAccount(world, "Fabrikam", CustomerTier.Key, last: Utc(2026, 2, 20));

            var outputs = Schedule(world, account);

            Assert.AreEqual(Utc(2026, 4, 21), outputs["NextContact"], "20 Feb + 60 days");
            Assert.AreEqual(60, outputs["CadenceDays"]);
            Assert.AreEqual(Utc(2026, 2, 20), world.Account(account).GetAttributeValue<DateTime?>("adv_lastproactivecontact"));
        }

        [TestMethod]
        public void Cadence_override_wins_over_the_tier_and_a_given_contact_is_recorded()
        {
            var world = new AdvocacyWorld();
            var account = SeedAccount(world, "Contoso", CustomerTier.Strategic, cadenceDays: 45);

            var outputs = Schedule(world, account, new DateTime(2026, 3, 9, 15, 30, 0, DateTimeKind.Utc));

            Assert.AreEqual(Utc(2026, 4, 23), outputs["NextContact"], "9 Mar + 45 days, a date");
            Assert.AreEqual(45, outputs["CadenceDays"]);
            StringAssert.Contains((string)outputs["Reason"]!, "account override: every 45 days");
            var row = world.Account(account);
            Assert.AreEqual(Utc(2026, 3, 9), row.GetAttributeValue<DateTime?>("adv_lastproactivecontact"));
            Assert.AreEqual(Utc(2026, 4, 23), row.GetAttributeValue<DateTime?>("adv_nextproactivecontact"));
        }

        [TestMethod]
        public void A_contact_older_than_the_recorded_one_does_not_move_the_schedule_back()
        {
            var world = new AdvocacyWorld();
            var account = SeedAccount(world, "Contoso", CustomerTier.Strategic, last: Utc(2026, 3, 5));

            var outputs = Schedule(world, account, Utc(2026, 2, 1));

            Assert.AreEqual(Utc(2026, 4, 4), outputs["NextContact"], "5 Mar + 30 days");
            StringAssert.Contains((string)outputs["Reason"]!, "is later and is kept");
            Assert.AreEqual(Utc(2026, 3, 5), world.Account(account).GetAttributeValue<DateTime?>("adv_lastproactivecontact"));
        }

        [TestMethod]
        public void Untiered_account_without_an_override_leaves_proactive_follow_up_as_on_a_tier_change()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Untiered");
            world.Sandbox.NestedService.Update(new Entity("account", account) { ["adv_nextproactivecontact"] = Utc(2026, 4, 1) });

            var outputs = Schedule(world, account);

            Assert.AreEqual(default(DateTime), outputs["NextContact"], "no tier and no override: not in proactive follow-up");
            Assert.AreEqual(0, outputs["CadenceDays"]);
            Assert.IsNull(world.Sandbox.Service.Retrieve("account", account, new ColumnSet("adv_nextproactivecontact")).GetAttributeValue<DateTime?>("adv_nextproactivecontact"),
                "the stale date is cleared, as the tier-change step clears it");
        }

        [TestMethod]
        public void Untiered_account_with_an_override_is_rescheduled_by_it()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Untiered");
            world.Sandbox.Service.Update(new Entity("account", account) { ["adv_cadencedays"] = 45 });

            var outputs = Schedule(world, account);

            Assert.AreEqual(Utc(2026, 4, 24), outputs["NextContact"], "today + 45 days");
            Assert.AreEqual(45, outputs["CadenceDays"]);
        }

        [TestMethod]
        public void Empty_account_is_refused()
        {
            var world = new AdvocacyWorld();

            var error = Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
                WorkflowActivityHarness.Run(world, new ScheduleNextProactiveContactActivity(), Inputs(("Account", null)), world.AgentUserId));

            Assert.AreEqual("Choose the account to schedule.", error.Message);
        }
    }
}
