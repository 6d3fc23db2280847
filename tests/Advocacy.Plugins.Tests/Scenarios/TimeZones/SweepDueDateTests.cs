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
    /// <summary>The sweep's check-ins count their due dates from today in each owner's zone, not from the sweep's UTC date.</summary>
    [TestClass]
    public sealed class SweepDueDateTests
    {
        [TestMethod]
        public void One_sweep_makes_the_honolulu_advocates_check_in_due_a_day_before_the_auckland_advocates()
        {
            // Tue 10 Mar 09:00 UTC is Mon 9 Mar 23:00 in Honolulu and Tue 22:00 in Auckland: five business days
            // from there are Mon 16 Mar and Tue 17 Mar.
            var world = new AdvocacyWorld();
            var (honolulu, honoluluAccount) = DueAccountOf(world, TimeZoneCatalog.Hawaii, "Honolulu");
            var (auckland, aucklandAccount) = DueAccountOf(world, TimeZoneCatalog.Auckland, "Auckland");

            var sweep = world.Sandbox.Run(new OrganizationRequest("adv_RunProactiveSweep"));

            Assert.AreEqual(2, sweep["Created"]);
            AssertDue(world, CheckInOf(world, honoluluAccount), honolulu, new DateTime(2026, 3, 16), "Honolulu");
            AssertDue(world, CheckInOf(world, aucklandAccount), auckland, new DateTime(2026, 3, 17), "Auckland");
        }

        private static (Guid User, Guid Account) DueAccountOf(AdvocacyWorld world, int zoneCode, string city)
        {
            var user = world.SeedUser("Advocate in " + city);
            world.Sandbox.Regional.SetUserSettings(user, timeZoneCode: zoneCode);
            var advocate = world.SeedAdvocate("Advocate in " + city, user, new[] { CustomerTier.Strategic }, accountCount: 1);
            var account = world.SeedAccount("Account in " + city, CustomerTier.Strategic, advocate, ownerId: user);
            world.Sandbox.NestedService.Update(new Entity("account", account) { ["adv_nextproactivecontact"] = AdvocacyWorld.Now.Date });
            return (user, account);
        }

        private static Entity CheckInOf(AdvocacyWorld world, Guid account) =>
            world.Tasks(AdvocacyTaskKind.ProactiveCheckIn).Single(t => t.GetAttributeValue<EntityReference>("regardingobjectid").Id == account);

        private static void AssertDue(AdvocacyWorld world, Entity task, Guid owner, DateTime day, string city)
        {
            Assert.AreEqual(owner, task.GetAttributeValue<EntityReference>("ownerid").Id);
            var zone = new ZoneRules(world.Sandbox.Regional.ZoneOf(owner));
            var stored = task.GetAttributeValue<DateTime>("scheduledend");
            Assert.AreEqual(day, LocalDays.DateOf(zone, stored), city + " sees " + zone.ToLocal(stored));
        }
    }
}
