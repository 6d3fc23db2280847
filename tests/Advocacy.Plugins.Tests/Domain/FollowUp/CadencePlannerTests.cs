using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    [TestClass]
    public sealed class CadencePlannerTests
    {
        private static readonly DateTime Last = new DateTime(2025, 1, 10, 15, 0, 0, DateTimeKind.Utc);
        private readonly CadencePlanner planner = new CadencePlanner(new FollowUpSettings());

        [TestMethod]
        public void Cadence_by_tier()
        {
            Assert.AreEqual(new DateTime(2025, 2, 9), planner.NextContact(Last, CustomerTier.Strategic, null));
            Assert.AreEqual(new DateTime(2025, 3, 11), planner.NextContact(Last, CustomerTier.Key, null));
            Assert.AreEqual(new DateTime(2025, 4, 10), planner.NextContact(Last, CustomerTier.Standard, null));
            Assert.AreEqual("strategic accounts every 30 days", planner.CadenceFor(CustomerTier.Strategic, null).Reason);
        }

        [TestMethod]
        public void Override_wins_when_positive()
        {
            Assert.AreEqual(45, planner.CadenceFor(CustomerTier.Strategic, 45).Days);
            Assert.AreEqual("account override: every 45 days", planner.CadenceFor(CustomerTier.Strategic, 45).Reason);
            Assert.AreEqual(30, planner.CadenceFor(CustomerTier.Strategic, 0).Days);
            Assert.AreEqual(30, planner.CadenceFor(CustomerTier.Strategic, -4).Days);
        }

        [TestMethod]
        public void No_tier_uses_the_standard_cadence_and_says_so()
        {
            Cadence cadence = planner.CadenceFor(null, null);

            Assert.AreEqual(90, cadence.Days);
            Assert.AreEqual("no tier: standard cadence of every 90 days", cadence.Reason);
        }

        [TestMethod]
        public void Settings_change_the_cadence_and_a_missing_tier_falls_back_to_the_default()
        {
            var settings = new FollowUpSettings { CadenceDays = new Dictionary<CustomerTier, int> { { CustomerTier.Key, 14 } } };
            var custom = new CadencePlanner(settings);

            Assert.AreEqual(14, custom.CadenceFor(CustomerTier.Key, null).Days);
            Assert.AreEqual(30, custom.CadenceFor(CustomerTier.Strategic, null).Days);
        }

        [TestMethod]
        public void Never_contacted_counts_from_today()
        {
            DateTime today = new DateTime(2025, 3, 12);
            Assert.AreEqual(today.AddDays(60), planner.NextContact(null, today, CustomerTier.Key, null));
        }

        [TestMethod]
        public void Due_within_the_window_or_never_scheduled_while_in_advocacy()
        {
            var plan = new ProactiveSweepPlan(new SweepSettings(), new FollowUpSettings { ProactiveWindowDays = 7 });
            DateTime asOf = new DateTime(2025, 3, 12);
            Assert.IsTrue(plan.IsDue(asOf.AddDays(7).AddHours(23), true, false, asOf), "the last day of the window is due, whatever the hour");
            Assert.IsFalse(plan.IsDue(asOf.AddDays(8), true, true, asOf), "the day after the window is not");
            Assert.IsTrue(plan.IsDue(asOf.AddDays(-30), false, false, asOf), "overdue is due, in advocacy or not");
            Assert.IsTrue(plan.IsDue(null, true, false, asOf), "never scheduled with a tier is due");
            Assert.IsTrue(plan.IsDue(null, false, true, asOf), "never scheduled with an advocate is due");
            Assert.IsFalse(plan.IsDue(null, false, false, asOf), "never scheduled outside advocacy is not");
        }
    }
}
