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
            w.Sandbox.NestedService.Update(new Entity("account", account) { ["adv_lastproactivecontact"] = new DateTime(9999, 12, 1, 0, 0, 0, DateTimeKind.Utc) });

            w.World.Agent.Update(new Entity("account", account) { ["adv_tier"] = Data.Choices.Option(CustomerTier.Key) });

            Assert.AreEqual(Last, w.Account(account).GetAttributeValue<DateTime>("adv_nextproactivecontact"));
            StringAssert.Contains(string.Join("\n", w.Sandbox.Traces("Advocacy: reschedule proactive contact on tier or cadence change")), "the latest date Dataverse stores");
        }

        [TestMethod]
        public void A_check_in_dated_on_the_platforms_last_day_is_recorded_as_now_without_failing()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key);
            var task = w.Sandbox.CreateNestedService(w.AdvocateUserId).Create(new Entity("task")
            {
                ["subject"] = "Check in",
                ["regardingobjectid"] = new EntityReference("account", account),
                ["adv_kind"] = Data.Choices.Option(AdvocacyTaskKind.ProactiveCheckIn),
            });

            w.Complete(task, Last);

            // A check-in cannot have happened after it was recorded (issue 13: a date in 2099 pushed the next contact
            // out of reach); the limit arithmetic itself is pinned below.
            var row = w.Account(account);
            Assert.AreEqual(AdvocacyWorld.Now.Date, row.GetAttributeValue<DateTime>("adv_lastproactivecontact"));
            Assert.AreEqual(AdvocacyWorld.Now.Date.AddDays(60), row.GetAttributeValue<DateTime>("adv_nextproactivecontact"));
            StringAssert.Contains(string.Join("\n", w.Sandbox.Traces("Advocacy: completed check-in schedules the next contact")), "after now: the contact is recorded as now");
        }

        [TestMethod]
        public void Only_the_advocates_check_in_moves_the_schedule_a_users_own_check_in_task_does_not()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Key, next: FollowUpWorld.Day(2026, 4, 1), last: FollowUpWorld.Day(2026, 2, 1));
            // Issue 13's attack: a task of kind "proactive check-in" the agent owns, regarding someone else's account
            // (a client can no longer mark a task itself — TaskKeySquattingTests — so it is one the product wrote).
            var own = w.Sandbox.CreateNestedService(w.World.AgentUserId).Create(new Entity("task")
            {
                ["subject"] = "Check in",
                ["regardingobjectid"] = new EntityReference("account", account),
                ["adv_kind"] = Data.Choices.Option(AdvocacyTaskKind.ProactiveCheckIn),
            });

            w.World.Agent.Update(new Entity("task", own) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5), ["actualend"] = new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc) });

            var row = w.Account(account);
            Assert.AreEqual(FollowUpWorld.Day(2026, 4, 1), row.GetAttributeValue<DateTime>("adv_nextproactivecontact"), "unchanged");
            Assert.AreEqual(FollowUpWorld.Day(2026, 2, 1), row.GetAttributeValue<DateTime>("adv_lastproactivecontact"), "unchanged");
            StringAssert.Contains(string.Join("\n", w.Sandbox.Traces("Advocacy: completed check-in schedules the next contact")), "not to the account's advocate");
            Assert.AreEqual(1, w.Sandbox.Get("task", own).GetAttributeValue<OptionSetValue>("statecode").Value, "the agent's own task is still completed");
        }

        [TestMethod]
        public void Whose_completion_counts_and_which_date_it_records()
        {
            var advocateUser = Guid.NewGuid();
            var backupUser = Guid.NewGuid();
            var owner = Guid.NewGuid();
            var routing = new AdvocateRouting(Guid.NewGuid(), "Lee", advocateUser);
            Assert.IsTrue(CheckInCompletion.Counts(advocateUser, routing, owner));
            Assert.IsFalse(CheckInCompletion.Counts(owner, routing, owner), "while someone advocates the account, the owner's check-in is not the advocate's");
            Assert.IsFalse(CheckInCompletion.Counts(backupUser, routing, owner), "a backup counts only when the work was routed to them");
            Assert.IsTrue(CheckInCompletion.Counts(backupUser, routing.WithBackup(backupUser, "Bo", "Lee is away"), owner));
            Assert.IsTrue(CheckInCompletion.Counts(owner, null, owner), "no advocate: the owner's");
            Assert.IsFalse(CheckInCompletion.Counts(advocateUser, null, owner));
            Assert.IsFalse(CheckInCompletion.Counts(Guid.Empty, null, Guid.Empty), "nobody's task is nobody's check-in");

            var now = AdvocacyWorld.Now;
            Assert.AreEqual(now, CheckInCompletion.ContactDate(null, now));
            Assert.AreEqual(now.AddDays(-3), CheckInCompletion.ContactDate(now.AddDays(-3), now));
            Assert.AreEqual(now, CheckInCompletion.ContactDate(now, now));
            Assert.AreEqual(now, CheckInCompletion.ContactDate(now.AddTicks(1), now));
            Assert.IsTrue(CheckInCompletion.IsInTheFuture(now.AddTicks(1), now));
            Assert.IsFalse(CheckInCompletion.IsInTheFuture(now, now));
            Assert.IsFalse(CheckInCompletion.IsInTheFuture(null, now));
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
            Assert.AreEqual(PlatformDates.Max, BusinessCalendar.WeekdaysOnly.AddBusinessDays(new DateTime(9999, 12, 31), 5), "Friday 9999-12-31 + 5 business days");
            Assert.AreEqual(PlatformDates.Max, BusinessCalendar.WeekdaysOnly.NextBusinessDay(PlatformDates.Max));
            var plan = new ProactiveSweepPlan(new SweepSettings(), new FollowUpSettings());
            Assert.AreEqual(PlatformDates.Max, plan.DueOnOrBefore(new DateTime(9999, 12, 30)));
            Assert.AreEqual(PlatformDates.Max, new CadencePlanner(new FollowUpSettings()).NextContact(new DateTime(9999, 12, 31), CustomerTier.Standard, null));
        }
    }
}
