using System;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Advocacy.Sandbox;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.FollowUp
{
    /// <summary>
    /// A user can type any date Dataverse stores (up to 9999-12-31) into a contact date. Adding a cadence, a window or
    /// business days to it used to throw ArgumentOutOfRangeException out of the step; the arithmetic is now total: a
    /// result past the platform's last date is kept at 9999-12-31, and the reason says so.
    /// </summary>
    [TestClass]
    public sealed class DateLimitTests
    {
        private static readonly DateTime Last = new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

        [TestMethod]
        public void A_tier_account_whose_last_contact_is_the_platforms_last_day_saves_with_the_next_contact_kept_there()
        {
            var w = new FollowUpWorld();
            var account = w.World.SeedAccount("Far future");
            w.Sandbox.Service.Update(new Entity("account", account) { ["adv_lastproactivecontact"] = new DateTime(9999, 12, 1, 0, 0, 0, DateTimeKind.Utc) });

            w.World.Agent.Update(new Entity("account", account) { ["adv_tier"] = Data.Choices.Option(CustomerTier.Key) });

            Assert.AreEqual(Last, w.Account(account).GetAttributeValue<DateTime>("adv_nextproactivecontact"));
            StringAssert.Contains(string.Join("\n", w.Sandbox.Traces("Advocacy: reschedule proactive contact on tier or cadence change")), "the latest date Dataverse stores");
        }

        [TestMethod]
        public void A_check_in_completed_on_the_platforms_last_day_schedules_without_failing()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key);
            var task = w.World.Agent.Create(new Entity("task")
            {
                ["subject"] = "Check in",
                ["regardingobjectid"] = new EntityReference("account", account),
                ["adv_kind"] = Data.Choices.Option(AdvocacyTaskKind.ProactiveCheckIn),
            });

            w.Complete(task, Last);

            var row = w.Account(account);
            Assert.AreEqual(Last, row.GetAttributeValue<DateTime>("adv_lastproactivecontact"));
            Assert.AreEqual(Last, row.GetAttributeValue<DateTime>("adv_nextproactivecontact"));
        }

        [TestMethod]
        public void Date_arithmetic_near_the_platforms_limits_is_total()
        {
            Assert.AreEqual(PlatformDates.Max, PlatformDates.AddDays(new DateTime(9999, 12, 1), 90));
            Assert.AreEqual(PlatformDates.Min, PlatformDates.AddDays(new DateTime(1753, 1, 10), -30));
            Assert.AreEqual(new DateTime(2026, 3, 20), PlatformDates.AddDays(new DateTime(2026, 3, 10, 17, 30, 0), 10), "an ordinary date moves as before, as a date");
            Assert.AreEqual(DateTimeKind.Utc, PlatformDates.AddDays(new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc), 1).Kind);
            Assert.IsTrue(PlatformDates.Clamps(new DateTime(9999, 12, 31), 1));
            Assert.IsFalse(PlatformDates.Clamps(new DateTime(9999, 12, 30), 1));
            Assert.AreEqual(PlatformDates.Max, BusinessCalendar.AddBusinessDays(new DateTime(9999, 12, 31), 5), "Friday 9999-12-31 + 5 business days");
            Assert.AreEqual(PlatformDates.Max, BusinessCalendar.NextBusinessDay(PlatformDates.Max));
            var plan = new ProactiveSweepPlan(new SweepSettings(), new FollowUpSettings());
            Assert.AreEqual(PlatformDates.Max, plan.DueOnOrBefore(new DateTime(9999, 12, 30)));
            Assert.AreEqual(PlatformDates.Max, new CadencePlanner(new FollowUpSettings()).NextContact(new DateTime(9999, 12, 31), CustomerTier.Standard, null));
        }
    }
}
