using System;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    /// <summary>DESIGN §5's schedule rules as the account-save step, the check-in and the activity use them.</summary>
    [TestClass]
    public sealed class ProactiveScheduleTests
    {
        private static readonly FollowUpSettings Settings = new FollowUpSettings();
        private static readonly DateTime Today = new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);
        private const int Key = 104520001;

        private static ScheduleState State(int? tierValue, int? overrideDays = null, DateTime? last = null, DateTime? next = null) =>
            new ScheduleState(tierValue, tierValue == Key ? CustomerTier.Key : (CustomerTier?)null, overrideDays, last, next);

        [TestMethod]
        public void An_account_save_reschedules_only_when_tier_or_override_really_change()
        {
            Assert.IsFalse(ProactiveSchedule.OnAccountSave(Settings, State(null), State(Key), false, Today).Write, "the save sets neither");
            Assert.IsFalse(ProactiveSchedule.OnAccountSave(Settings, State(Key, next: Today), State(Key, next: Today), true, Today).Write, "saved unchanged");
            Assert.IsTrue(ProactiveSchedule.OnAccountSave(Settings, State(Key), State(Key), true, Today).Write, "unchanged but never scheduled");
            Assert.IsFalse(ProactiveSchedule.OnAccountSave(Settings, State(null), State(null), true, Today).Write, "unchanged and outside follow-up");
            var tier = ProactiveSchedule.OnAccountSave(Settings, State(null, next: Today), State(Key, next: Today), true, Today);
            Assert.IsTrue(tier.Write);
            Assert.AreEqual(Today.AddDays(60), tier.Result!.NextContact);
            var cadence = ProactiveSchedule.OnAccountSave(Settings, State(Key, 10, next: Today), State(Key, 45, next: Today), true, Today);
            Assert.AreEqual(Today.AddDays(45), cadence.Result!.NextContact, "the override changed");
            var left = ProactiveSchedule.OnAccountSave(Settings, State(Key, next: Today), State(null, next: Today), true, Today);
            Assert.IsTrue(left.Write);
            Assert.IsNull(left.Result!.NextContact, "left advocacy: cleared");
            StringAssert.Contains(left.Reason, "not in proactive follow-up");
        }

        [TestMethod]
        public void On_create_an_account_outside_follow_up_or_with_a_chosen_date_is_left_alone()
        {
            Assert.IsFalse(ProactiveSchedule.OnAccountSave(Settings, null, State(null), true, Today).Write);
            Assert.IsFalse(ProactiveSchedule.OnAccountSave(Settings, null, State(null, 0), true, Today).Write, "an override of 0 is no override");
            var chosen = ProactiveSchedule.OnAccountSave(Settings, null, State(Key, next: Today.AddDays(3)), false, Today);
            Assert.IsFalse(chosen.Write);
            StringAssert.Contains(chosen.Reason, "2026-03-13");
            var created = ProactiveSchedule.OnAccountSave(Settings, null, State(null, 20), false, Today);
            Assert.IsTrue(created.Write, "an override alone puts a new account in follow-up");
            Assert.AreEqual(Today.AddDays(20), created.Result!.NextContact);
        }

        [TestMethod]
        public void A_contact_sets_last_and_next_and_never_moves_last_back()
        {
            var result = ProactiveSchedule.AfterContact(Settings, CustomerTier.Key, null, null, Today.AddHours(23));
            Assert.AreEqual(Today, result.LastContact);
            Assert.AreEqual(Today.AddDays(60), result.NextContact);
            Assert.AreEqual("contact on 2026-03-10; key accounts every 60 days", result.Reason);

            var later = ProactiveSchedule.AfterContact(Settings, CustomerTier.Key, null, Today.AddDays(5), Today);
            Assert.AreEqual(Today.AddDays(5), later.LastContact);
            StringAssert.Contains(later.Reason, "the recorded last contact 2026-03-15 is later and is kept");
            var same = ProactiveSchedule.AfterContact(Settings, CustomerTier.Key, null, Today, Today);
            Assert.IsFalse(same.Reason.Contains("is later"), "the same day is not later");
        }

        [TestMethod]
        public void A_tier_change_counts_from_the_last_contact_or_today_and_names_which()
        {
            var fromLast = ProactiveSchedule.AfterTierChange(Settings, CustomerTier.Key, null, Today.AddDays(-10), Today);
            Assert.AreEqual(Today.AddDays(50), fromLast.NextContact);
            Assert.AreEqual("key accounts every 60 days, counted from the last contact on 2026-02-28", fromLast.Reason);
            var fromToday = ProactiveSchedule.AfterTierChange(Settings, CustomerTier.Key, null, null, Today);
            Assert.AreEqual("key accounts every 60 days, counted from today (no contact yet)", fromToday.Reason);
            var overrideOnly = ProactiveSchedule.AfterTierChange(Settings, null, 1, null, Today);
            Assert.AreEqual(Today.AddDays(1), overrideOnly.NextContact, "an override of 1 day is an override");
            Assert.IsNull(ProactiveSchedule.AfterTierChange(Settings, null, 0, null, Today).NextContact);
            var clamped = ProactiveSchedule.AfterTierChange(Settings, CustomerTier.Key, null, new DateTime(9999, 12, 1), Today);
            StringAssert.EndsWith(clamped.Reason, " (kept at 9999-12-31, the latest date Dataverse stores: check the last contact date)");
            Assert.IsFalse(fromLast.Reason.Contains("kept at"));
            Assert.AreEqual(DateTimeKind.Utc, ProactiveSchedule.Date(new DateTime(2026, 3, 10, 15, 0, 0)).Kind);
        }

        [TestMethod]
        public void In_follow_up_means_a_tier_or_a_positive_override()
        {
            Assert.IsTrue(State(Key).InFollowUp);
            Assert.IsTrue(State(null, 1).InFollowUp);
            Assert.IsFalse(State(null, 0).InFollowUp);
            Assert.IsFalse(State(null, -5).InFollowUp);
            Assert.IsFalse(State(null).InFollowUp);
        }
    }
}
