using System;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Time;
using Advocacy.Sandbox;
using Advocacy.Sandbox.Regional;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.TimeZones
{
    /// <summary>
    /// A detractor's answer raises tasks for two owners — the advocate's recovery and their manager's escalation —
    /// and each counts its due date from today in its own owner's zone (issue 12, deliverable 2).
    /// </summary>
    [TestClass]
    public sealed class FeedbackDueDateTests
    {
        [TestMethod]
        public void An_nps_0_from_an_auckland_advocates_account_makes_each_task_due_on_the_next_business_day_in_its_owners_zone()
        {
            // Tue 10 Mar 09:00 UTC is Tue 22:00 in Auckland (UTC+13) and Mon 9 Mar 23:00 in Honolulu (UTC−10):
            // the advocate's next business day is Wednesday, the manager's Tuesday.
            var world = new AdvocacyWorld();
            var manager = world.SeedUser("Manager in Honolulu");
            world.Sandbox.Regional.SetUserSettings(manager, timeZoneCode: TimeZoneCatalog.Hawaii);
            var advocateUser = world.SeedUser("Advocate in Auckland", manager);
            world.Sandbox.Regional.SetUserSettings(advocateUser, timeZoneCode: TimeZoneCatalog.Auckland);
            var advocate = world.SeedAdvocate("Advocate in Auckland", advocateUser, new[] { CustomerTier.Strategic }, accountCount: 1);
            var account = world.SeedAccount("Contoso", CustomerTier.Strategic, advocate, ownerId: advocateUser);

            world.Sandbox.Metrics.Reset();
            world.Agent.Create(new Entity("adv_feedback")
            {
                ["adv_name"] = "Check-in answer",
                ["adv_accountid"] = new EntityReference("account", account),
                ["adv_nps"] = 0,
            });

            var recovery = world.Tasks(AdvocacyTaskKind.DetractorRecovery).Single();
            var escalation = world.Tasks(AdvocacyTaskKind.ManagerEscalation).Single();
            Assert.AreEqual(manager, escalation.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(advocateUser, recovery.GetAttributeValue<EntityReference>("ownerid").Id);
            AssertDue(world, recovery, advocateUser, new DateTime(2026, 3, 11), "Auckland");
            AssertDue(world, escalation, manager, new DateTime(2026, 3, 10), "Honolulu");
            StringAssert.Contains(escalation.GetAttributeValue<string>("description"), "10 Mar 2026", "the text names the same due date");
            var settingsReads = world.Sandbox.Metrics.RoundTrips
                .Where(r => r.Caller != SandboxMetrics.TestCaller && r.Message == "RetrieveMultiple" && r.Table == "usersettings").Sum(r => r.Count);
            Assert.AreEqual(1L, settingsReads, "both owners' settings (zone and language) in one query");
        }

        private static void AssertDue(AdvocacyWorld world, Entity task, Guid owner, DateTime day, string city)
        {
            var zone = new ZoneRules(world.Sandbox.Regional.ZoneOf(owner));
            var stored = task.GetAttributeValue<DateTime>("scheduledend");
            Assert.AreEqual(day, LocalDays.DateOf(zone, stored), city + " sees " + zone.ToLocal(stored));
            Assert.AreEqual(12, zone.ToLocal(stored).Hour, "noon in the owner's zone");
        }
    }
}
