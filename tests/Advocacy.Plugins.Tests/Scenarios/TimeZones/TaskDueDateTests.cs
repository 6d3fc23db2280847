using System;
using System.Linq;
using Advocacy.Plugins.CustomApis.FollowUp;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Time;
using Advocacy.Sandbox;
using Advocacy.Sandbox.Regional;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Scenarios.TimeZones
{
    /// <summary>
    /// Due dates as the task's owner sees them (issue 12, DESIGN §5–6): counted in business days from today in the
    /// owner's zone, stored at noon of the due date in that zone, overdue once that date is over there.
    /// </summary>
    [TestClass]
    public sealed class TaskDueDateTests
    {
        [TestMethod]
        [DataRow(TimeZoneCatalog.Hawaii, "Honolulu")]
        [DataRow(TimeZoneCatalog.Pacific, "Los Angeles")]
        [DataRow(TimeZoneCatalog.Utc, "London in winter")]
        [DataRow(TimeZoneCatalog.India, "Mumbai")]
        [DataRow(TimeZoneCatalog.Auckland, "Auckland")]
        public void An_impact_review_due_monday_shows_monday_to_its_owner_in_every_zone(int zoneCode, string city)
        {
            // Friday 13 Mar 2026 12:00 UTC: Friday in Honolulu, Los Angeles and Mumbai, already Saturday in Auckland;
            // the next business day is Monday 16 Mar for all of them.
            var world = new AdvocacyWorld();
            world.Sandbox.Clock.UtcNow = new DateTime(2026, 3, 13, 12, 0, 0, DateTimeKind.Utc);
            var (owner, account) = AdvocateIn(world, zoneCode, city);

            CreateLateOrder(world, account);

            var review = world.Tasks(AdvocacyTaskKind.ImpactReview).Single();
            Assert.AreEqual(owner, review.GetAttributeValue<EntityReference>("ownerid").Id);
            var zone = new ZoneRules(world.Sandbox.Regional.ZoneOf(owner));
            var stored = review.GetAttributeValue<DateTime>("scheduledend");
            Assert.AreEqual(new DateTime(2026, 3, 16), LocalDays.DateOf(zone, stored), city + " sees " + zone.ToLocal(stored));
            Assert.AreEqual(12, zone.ToLocal(stored).Hour, "noon: inside the owner's working day");
        }

        [TestMethod]
        public void A_honolulu_advocate_whose_monday_evening_is_tuesday_in_utc_gets_the_review_due_tuesday()
        {
            // Tue 10 Mar 09:00 UTC is Mon 9 Mar 23:00 in Honolulu: the next business day there is Tuesday, not Wednesday.
            var world = new AdvocacyWorld();
            var (_, account) = AdvocateIn(world, TimeZoneCatalog.Hawaii, "Honolulu");

            CreateLateOrder(world, account);

            var review = world.Tasks(AdvocacyTaskKind.ImpactReview).Single();
            Assert.AreEqual(new DateTime(2026, 3, 10, 22, 0, 0), review.GetAttributeValue<DateTime>("scheduledend"), "Tue 10 Mar 12:00 in Honolulu (UTC−10)");
        }

        [TestMethod]
        public void A_task_is_overdue_in_the_report_and_the_view_only_once_its_due_date_is_over_in_the_owners_zone()
        {
            var world = new AdvocacyWorld();
            var (owner, account) = AdvocateIn(world, TimeZoneCatalog.Hawaii, "Honolulu");
            CreateLateOrder(world, account); // due Tue 10 Mar, 12:00 in Honolulu = 22:00 UTC

            // Wed 11 Mar 09:30 UTC: still Tuesday 23:30 in Honolulu — due today, not overdue.
            world.Sandbox.Clock.UtcNow = new DateTime(2026, 3, 11, 9, 30, 0, DateTimeKind.Utc);
            Assert.AreEqual(0, OverdueInReport(world));
            Assert.AreEqual(0, OverdueInView(world, owner));

            // Wed 11 Mar 10:00:01 UTC: Wednesday has begun in Honolulu.
            world.Sandbox.Clock.UtcNow = new DateTime(2026, 3, 11, 10, 0, 1, DateTimeKind.Utc);
            Assert.AreEqual(1, OverdueInReport(world));
            Assert.AreEqual(1, OverdueInView(world, owner));
        }

        [TestMethod]
        public void A_user_without_settings_gets_due_dates_counted_in_utc_and_the_trace_says_so()
        {
            var world = new AdvocacyWorld();
            var (owner, account) = AdvocateIn(world, TimeZoneCatalog.Hawaii, "Honolulu");
            world.Sandbox.Regional.RemoveUserSettings(owner);

            CreateLateOrder(world, account);

            var review = world.Tasks(AdvocacyTaskKind.ImpactReview).Single();
            Assert.AreEqual(new DateTime(2026, 3, 11, 12, 0, 0), review.GetAttributeValue<DateTime>("scheduledend"), "Wed 11 Mar noon UTC");
            StringAssert.Contains(string.Join("\n", world.Sandbox.Traces("Advocacy: follow up inconvenience (create)")), "has no user settings; their dates are counted in UTC");
        }

        internal static (Guid Owner, Guid Account) AdvocateIn(AdvocacyWorld world, int zoneCode, string city)
        {
            var user = world.SeedUser("Advocate in " + city);
            world.Sandbox.Regional.SetUserSettings(user, timeZoneCode: zoneCode);
            var advocate = world.SeedAdvocate("Advocate in " + city, user, new[] { CustomerTier.Strategic }, new[] { Specialty.Logistics }, accountCount: 1);
            var account = world.SeedAccount("Contoso", CustomerTier.Strategic, advocate, ownerId: user);
            return (user, account);
        }

        internal static Guid CreateLateOrder(AdvocacyWorld world, Guid account) => world.Agent.Create(new Entity("adv_inconvenience")
        {
            ["adv_name"] = "Order 4471 delivered late",
            ["adv_accountid"] = new EntityReference("account", account),
            ["adv_kind"] = Choices.Option(InconvenienceKind.LateDelivery),
            ["adv_promisedon"] = world.Sandbox.Clock.UtcNow.AddDays(-12),
            ["adv_resolvedon"] = world.Sandbox.Clock.UtcNow,
            ["adv_ordervalue"] = new Money(48000m),
            ["adv_businesscritical"] = true,
        });

        private static int OverdueInReport(AdvocacyWorld world)
        {
            var json = (string)world.Sandbox.Run(new OrganizationRequest(GetAdvocacyReportApi.MessageName), world.ManagerUserId)[GetAdvocacyReportApi.ReportResponse];
            const string marker = "\"overdueTasks\":";
            int at = json.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
            return int.Parse(new string(json.Skip(at).TakeWhile(char.IsDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>The shipped "Overdue advocacy follow-ups" view's FetchXML, run as the owner.</summary>
        private static int OverdueInView(AdvocacyWorld world, Guid owner)
        {
            var file = System.IO.Directory.GetFiles(System.IO.Path.Combine(DataverseSandbox.FindSolutionFolder()!, "Entities", "Task", "SavedQueries"), "*.xml")
                .Single(f => System.IO.File.ReadAllText(f).Contains("Overdue advocacy follow-ups", StringComparison.Ordinal));
            var fetch = System.Xml.Linq.XDocument.Load(file).Descendants("fetch").Single().ToString();
            return world.Sandbox.CreateService(owner).RetrieveMultiple(new FetchExpression(fetch)).Entities.Count;
        }
    }
}
