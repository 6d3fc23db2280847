using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Advocacy.Plugins.Tests.Scenarios.FollowUp;
using Advocacy.Sandbox.Regional;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.TimeZones
{
    /// <summary>
    /// Days late, recurrence and contact dates counted as whole calendar days in the zone of the person they belong to
    /// (issue 12, DESIGN §6): the account's owner for scoring, the completing user for a check-in.
    /// </summary>
    [TestClass]
    public sealed class DaysAsTheOwnerSeesThemTests
    {
        [TestMethod]
        public void An_order_promised_26_february_and_delivered_10_march_by_a_los_angeles_owner_is_12_days_late_and_loses_5760()
        {
            var world = new AdvocacyWorld();
            var (_, account) = TaskDueDateTests.AdvocateIn(world, TimeZoneCatalog.Pacific, "Los Angeles");

            // Midnight local both times: 00:00 PST = 08:00Z, 00:00 PDT (after 8 Mar) = 07:00Z — 11.96 days apart.
            var row = Score(world, account, new DateTime(2026, 2, 26, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 10, 7, 0, 0, DateTimeKind.Utc));

            StringAssert.Contains(row.GetAttributeValue<string>("adv_impactexplanation"), "delivered 12 days late (+29)");
            Assert.AreEqual(5760m, row.GetAttributeValue<Money>("adv_estimatedloss").Value);
            StringAssert.EndsWith(row.GetAttributeValue<string>("adv_impactexplanation"), "Estimated customer loss $5,760.");
        }

        [TestMethod]
        public void The_same_instants_are_11_days_for_an_auckland_owner_and_12_in_utc()
        {
            var promised = new DateTime(2026, 2, 26, 12, 0, 0, DateTimeKind.Utc); // 27 Feb 01:00 in Auckland
            var delivered = new DateTime(2026, 3, 10, 10, 0, 0, DateTimeKind.Utc); // 10 Mar 23:00 in Auckland

            var auckland = new AdvocacyWorld();
            var (_, kiwiAccount) = TaskDueDateTests.AdvocateIn(auckland, TimeZoneCatalog.Auckland, "Auckland");
            var utc = new AdvocacyWorld();
            var (_, utcAccount) = TaskDueDateTests.AdvocateIn(utc, TimeZoneCatalog.Utc, "London in winter");

            StringAssert.Contains(Score(auckland, kiwiAccount, promised, delivered).GetAttributeValue<string>("adv_impactexplanation"), "delivered 11 days late");
            StringAssert.Contains(Score(utc, utcAccount, promised, delivered).GetAttributeValue<string>("adv_impactexplanation"), "delivered 12 days late");
        }

        [TestMethod]
        public void A_honolulu_owner_sees_13_days_where_utc_sees_12_and_the_loss_follows_the_days()
        {
            var world = new AdvocacyWorld();
            var (_, account) = TaskDueDateTests.AdvocateIn(world, TimeZoneCatalog.Hawaii, "Honolulu");

            // 25 Feb 23:00 and 10 Mar 01:00 in Honolulu.
            var row = Score(world, account, new DateTime(2026, 2, 26, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 10, 11, 0, 0, DateTimeKind.Utc));

            StringAssert.Contains(row.GetAttributeValue<string>("adv_impactexplanation"), "delivered 13 days late (+30)");
            Assert.AreEqual(48000m * 0.005m * 13 * 2, row.GetAttributeValue<Money>("adv_estimatedloss").Value);
        }

        [TestMethod]
        public void An_earlier_issue_90_calendar_days_before_in_the_owners_zone_counts_as_recurrence()
        {
            var world = new AdvocacyWorld();
            var (_, account) = TaskDueDateTests.AdvocateIn(world, TimeZoneCatalog.Auckland, "Auckland");
            // 10 Dec 2025 12:00Z is 11 Dec 01:00 in Auckland: 89 days before 10 Mar there (now is 10 Mar 22:00 NZDT),
            // although it is 90.9 days before now in hours.
            world.Sandbox.Seed(new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Earlier",
                ["adv_accountid"] = new EntityReference("account", account),
                ["adv_impactscore"] = 30,
                ["createdon"] = new DateTime(2025, 12, 10, 12, 0, 0, DateTimeKind.Utc),
            });

            var row = Score(world, account, AdvocacyWorld.Now.AddDays(-2), AdvocacyWorld.Now);

            StringAssert.Contains(row.GetAttributeValue<string>("adv_impactexplanation"), "1 similar issue in 90 days (+5)");
        }

        [TestMethod]
        public void A_check_in_completed_at_23_30_on_10_march_in_los_angeles_records_last_contact_10_march_and_next_9_april()
        {
            var w = new FollowUpWorld();
            w.Sandbox.Regional.SetUserSettings(w.AdvocateUserId, timeZoneCode: TimeZoneCatalog.Pacific);
            var account = w.SeedAccount("Contoso", CustomerTier.Strategic);
            var caseId = w.SeedCase(account);
            w.Resolve(caseId);
            var task = w.TasksFor(AdvocacyTaskKind.PostResolutionCheckIn, caseId).Single();

            var completed = new DateTime(2026, 3, 11, 6, 30, 0, DateTimeKind.Utc); // 10 Mar 23:30 PDT
            w.Sandbox.Clock.UtcNow = completed.AddMinutes(1);
            w.Complete(task.Id, completed);

            var row = w.Account(account);
            Assert.AreEqual(new DateTime(2026, 3, 10), row.GetAttributeValue<DateTime?>("adv_lastproactivecontact"));
            Assert.AreEqual(new DateTime(2026, 4, 9), row.GetAttributeValue<DateTime?>("adv_nextproactivecontact"));
        }

        private static Entity Score(AdvocacyWorld world, Guid account, DateTime promised, DateTime delivered)
        {
            var id = world.Agent.Create(new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Order 4471 delivered late",
                ["adv_accountid"] = new EntityReference("account", account),
                ["adv_kind"] = Choices.Option(InconvenienceKind.LateDelivery),
                ["adv_promisedon"] = promised,
                ["adv_resolvedon"] = delivered,
                ["adv_ordervalue"] = new Money(48000m),
                ["adv_businesscritical"] = true,
            });
            return world.Sandbox.Get("adv_inconvenience", id);
        }
    }
}
