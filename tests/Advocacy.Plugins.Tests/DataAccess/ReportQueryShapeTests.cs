using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Reporting;
using Advocacy.Plugins.Tests.Scenarios.Assignment;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Moq;

namespace Advocacy.Plugins.Tests.DataAccess
{
    /// <summary>
    /// The management report's six aggregate queries as Dataverse receives them, and how their aggregate rows
    /// (as Dataverse returns them: aliased values) become the report — grouping, skipped rows, missing values.
    /// </summary>
    [TestClass]
    public sealed class ReportQueryShapeTests
    {
        private static readonly DateTime Now = new DateTime(2026, 3, 10, 15, 30, 0, DateTimeKind.Utc);
        private static readonly Guid Ann = Guid.Parse("0a000000-0000-4000-8000-000000000001");
        private static readonly Guid Bob = Guid.Parse("0b000000-0000-4000-8000-000000000002");

        // Inside the link to the account: grouped by tier, and by the (outer-joined) advocate's id and name.
        private const string AccountGroups =
            "<attribute name=\"adv_tier\" alias=\"tier\" groupby=\"true\" />"
            + "<link-entity name=\"adv_advocate\" from=\"adv_advocateid\" to=\"adv_advocateid\" link-type=\"outer\" alias=\"adv\">"
            + "<attribute name=\"adv_advocateid\" alias=\"advocate\" groupby=\"true\" /><attribute name=\"adv_name\" alias=\"advocatename\" groupby=\"true\" />"
            + "</link-entity>";

        private const string OpenTaskFilter = "<condition attribute=\"statecode\" operator=\"eq\" value=\"0\" /><condition attribute=\"adv_kind\" operator=\"not-null\" />";

        private static string Tasks(string extraCondition, string link) =>
            "<fetch aggregate=\"true\"><entity name=\"task\"><attribute name=\"activityid\" alias=\"n\" aggregate=\"count\" />"
            + "<attribute name=\"adv_kind\" alias=\"kind\" groupby=\"true\" />"
            + "<filter type=\"and\">" + OpenTaskFilter + extraCondition + "</filter>" + link + "</entity></fetch>";

        private const string TaskOnAccount = "<link-entity name=\"account\" from=\"accountid\" to=\"regardingobjectid\" link-type=\"inner\" alias=\"acc\">" + AccountGroups + "</link-entity>";

        private const string TaskOnCase = "<link-entity name=\"incident\" from=\"incidentid\" to=\"regardingobjectid\" link-type=\"inner\" alias=\"case\">"
            + "<link-entity name=\"account\" from=\"accountid\" to=\"customerid\" link-type=\"inner\" alias=\"acc\">" + AccountGroups + "</link-entity></link-entity>";

        // The month a row was created in, by its UTC date parts (not the caller's time zone), so months agree with the period.
        private const string MonthGroups =
            "<attribute name=\"createdon\" alias=\"year\" groupby=\"true\" dategrouping=\"year\" usertimezone=\"false\" />"
            + "<attribute name=\"createdon\" alias=\"month\" groupby=\"true\" dategrouping=\"month\" usertimezone=\"false\" />";

        // Overdue: stored due instant (noon of the due date in the owner's zone) at least 12 hours before now (15:30Z).
        private const string Overdue = "<condition attribute=\"scheduledend\" operator=\"lt\" value=\"2026-03-10T03:30:00Z\" />";

        /// <summary>A service that answers each of the report's queries with canned aggregate rows and keeps the queries.</summary>
        private static (IOrganizationService Service, List<string> Queries) Service(
            Entity[]? feedback = null, Entity[]? openOnAccounts = null, Entity[]? openOnCases = null,
            Entity[]? overdueOnAccounts = null, Entity[]? overdueOnCases = null, Entity[]? inconveniences = null)
        {
            var queries = new List<string>();
            var service = new Mock<IOrganizationService>(MockBehavior.Strict);
            service.Setup(s => s.RetrieveMultiple(It.IsAny<QueryBase>())).Returns((QueryBase q) =>
            {
                string fetch = ((FetchExpression)q).Query;
                queries.Add(fetch);
                bool overdue = fetch.Contains("scheduledend");
                bool onCase = fetch.Contains("\"incident\"");
                Entity[]? rows =
                    fetch.Contains("adv_feedback") ? feedback
                    : fetch.Contains("adv_inconvenience") ? inconveniences
                    : overdue ? (onCase ? overdueOnCases : overdueOnAccounts)
                    : (onCase ? openOnCases : openOnAccounts);
                return new EntityCollection((rows ?? new Entity[0]).ToList());
            });
            return (service.Object, queries);
        }

        private static Entity Row(string table, Guid? advocate, string? name, CustomerTier? tier, int n, params (string Alias, object Value)[] groups)
        {
            var row = new Entity(table);
            row["n"] = new AliasedValue(table, table + "id", n);
            if (advocate.HasValue) row["advocate"] = new AliasedValue("adv_advocate", "adv_advocateid", advocate.Value);
            if (name != null) row["advocatename"] = new AliasedValue("adv_advocate", "adv_name", name);
            if (tier.HasValue) row["tier"] = new AliasedValue("account", "adv_tier", Choices.Option(tier.Value));
            foreach (var (alias, value) in groups)
            {
                row[alias] = new AliasedValue(table, alias, value);
            }

            return row;
        }

        private static Entity TaskRow(Guid? advocate, string? name, CustomerTier? tier, AdvocacyTaskKind kind, int n) =>
            Row("task", advocate, name, tier, n, ("kind", Choices.Option(kind)));

        private static AdvocacyReport Build(IOrganizationService service, int periodDays = 30) =>
            new AdvocacyReportQuery(service, new ListTracer()).Build(Now, periodDays);

        [TestMethod]
        public void The_report_sends_six_aggregate_queries_dated_from_the_period_start_and_overdue_twelve_hours_after_the_stored_due_instant()
        {
            var (service, queries) = Service();

            Build(service, periodDays: 30);

            CollectionAssert.AreEqual(new[]
            {
                "<fetch aggregate=\"true\"><entity name=\"adv_feedback\"><attribute name=\"adv_feedbackid\" alias=\"n\" aggregate=\"count\" />"
                + "<attribute name=\"adv_nps\" alias=\"nps\" groupby=\"true\" /><attribute name=\"adv_csat\" alias=\"csat\" groupby=\"true\" />" + MonthGroups
                + "<filter type=\"and\"><condition attribute=\"statecode\" operator=\"eq\" value=\"0\" /><condition attribute=\"createdon\" operator=\"ge\" value=\"2026-02-08\" /></filter>"
                + "<link-entity name=\"account\" from=\"accountid\" to=\"adv_accountid\" link-type=\"inner\" alias=\"acc\">" + AccountGroups + "</link-entity></entity></fetch>",
                Tasks("", TaskOnAccount),
                Tasks("", TaskOnCase),
                Tasks(Overdue, TaskOnAccount),
                Tasks(Overdue, TaskOnCase),
                "<fetch aggregate=\"true\"><entity name=\"adv_inconvenience\"><attribute name=\"adv_inconvenienceid\" alias=\"n\" aggregate=\"count\" />"
                + "<attribute name=\"adv_impactband\" alias=\"band\" groupby=\"true\" />" + MonthGroups
                + "<filter type=\"and\"><condition attribute=\"createdon\" operator=\"ge\" value=\"2026-02-08\" /><condition attribute=\"adv_impactband\" operator=\"not-null\" /></filter>"
                + "<link-entity name=\"account\" from=\"accountid\" to=\"adv_accountid\" link-type=\"inner\" alias=\"acc\">" + AccountGroups + "</link-entity></entity></fetch>",
            }, queries, string.Join("\n", queries));
            Assert.AreEqual(AdvocacyReportQuery.RoundTrips, queries.Count);
        }

        [TestMethod]
        public void Task_rows_are_kept_apart_by_advocate_and_by_tier_and_merged_across_accounts_and_cases()
        {
            var (service, _) = Service(
                openOnAccounts: new[]
                {
                    TaskRow(Ann, "Ann", CustomerTier.Strategic, AdvocacyTaskKind.ProactiveCheckIn, 3),
                    TaskRow(Bob, "Bob", CustomerTier.Strategic, AdvocacyTaskKind.ProactiveCheckIn, 2),
                    TaskRow(Ann, "Ann", CustomerTier.Key, AdvocacyTaskKind.ProactiveCheckIn, 1),
                },
                openOnCases: new[] { TaskRow(Ann, "Ann", CustomerTier.Strategic, AdvocacyTaskKind.ProactiveCheckIn, 5) },
                overdueOnAccounts: new[] { TaskRow(Ann, "Ann", CustomerTier.Strategic, AdvocacyTaskKind.ProactiveCheckIn, 2) });

            var report = Build(service);

            Assert.AreEqual(11, report.Overall.OpenTasks);
            Assert.AreEqual(2, report.Overall.OverdueTasks);
            var ann = report.ByAdvocate.Single(s => s.AdvocateId == Ann);
            Assert.AreEqual("Ann", ann.Label);
            Assert.AreEqual(9, ann.TasksByKind[AdvocacyTaskKind.ProactiveCheckIn].Open);
            Assert.AreEqual(2, ann.TasksByKind[AdvocacyTaskKind.ProactiveCheckIn].Overdue);
            var bob = report.ByAdvocate.Single(s => s.AdvocateId == Bob);
            Assert.AreEqual("Bob", bob.Label);
            Assert.AreEqual(2, bob.OpenTasks);
            Assert.AreEqual(0, bob.OverdueTasks);
            Assert.AreEqual(10, report.ByTier.Single(s => s.Tier == CustomerTier.Strategic).OpenTasks);
            Assert.AreEqual(1, report.ByTier.Single(s => s.Tier == CustomerTier.Key).OpenTasks);
            Assert.IsFalse(report.ByAdvocate.Any(s => s.AdvocateId == null), "every task row named its advocate");
        }

        [TestMethod]
        public void A_task_row_without_advocate_or_tier_counts_under_no_advocate_and_no_tier()
        {
            var (service, _) = Service(openOnAccounts: new[] { TaskRow(null, null, null, AdvocacyTaskKind.Introduction, 4) });

            var report = Build(service);

            Assert.AreEqual(4, report.Overall.OpenTasks);
            Assert.AreEqual(4, report.ByAdvocate.Single(s => s.AdvocateId == null).OpenTasks);
            Assert.AreEqual(4, report.ByTier.Single(s => s.Tier == null).OpenTasks);
        }

        [TestMethod]
        public void A_task_row_of_an_unknown_kind_is_skipped()
        {
            var (service, _) = Service(openOnAccounts: new[]
            {
                Row("task", Ann, "Ann", CustomerTier.Key, 9, ("kind", new OptionSetValue(1))),
                TaskRow(Ann, "Ann", CustomerTier.Key, AdvocacyTaskKind.ImpactReview, 1),
            });

            var report = Build(service);

            Assert.AreEqual(1, report.Overall.OpenTasks);
            CollectionAssert.AreEqual(new[] { AdvocacyTaskKind.ImpactReview }, report.Overall.TasksByKind.Where(k => k.Value.Open > 0).Select(k => k.Key).ToList());
        }

        [TestMethod]
        public void Inconvenience_rows_count_by_band_and_rows_without_a_known_band_are_skipped()
        {
            var (service, _) = Service(inconveniences: new[]
            {
                Row("adv_inconvenience", Ann, "Ann", CustomerTier.Key, 2, ("band", Choices.Option(ImpactBand.Severe))),
                Row("adv_inconvenience", Ann, "Ann", CustomerTier.Key, 5),
            });

            var report = Build(service);

            Assert.AreEqual(2, report.Overall.Inconveniences);
            Assert.AreEqual(2, report.Overall.InconveniencesByBand[ImpactBand.Severe]);
            Assert.AreEqual(2, report.ByAdvocate.Single(s => s.AdvocateId == Ann).Inconveniences);
        }

        [TestMethod]
        public void Feedback_and_inconveniences_count_in_the_month_their_row_names_and_every_month_of_the_period_is_listed()
        {
            var (service, _) = Service(
                feedback: new[]
                {
                    Row("adv_feedback", Ann, "Ann", CustomerTier.Key, 2, ("nps", 10), ("csat", 5), ("year", 2026), ("month", 2)),
                    Row("adv_feedback", Bob, "Bob", CustomerTier.Strategic, 1, ("nps", 2), ("year", 2026), ("month", 2)),
                    Row("adv_feedback", Ann, "Ann", CustomerTier.Key, 3, ("nps", 8), ("year", 2026), ("month", 3)),
                    Row("adv_feedback", Ann, "Ann", CustomerTier.Key, 4, ("nps", 9), ("year", 2026), ("month", 13)),
                },
                inconveniences: new[] { Row("adv_inconvenience", Ann, "Ann", CustomerTier.Key, 5, ("band", Choices.Option(ImpactBand.High)), ("year", 2026), ("month", 1)) });

            var report = Build(service, periodDays: 60);

            Assert.AreEqual(new DateTime(2026, 1, 9), report.Period!.From);
            Assert.AreEqual(new DateTime(2026, 3, 10), report.Period.To);
            CollectionAssert.AreEqual(new[] { "Jan 2026", "Feb 2026", "Mar 2026" }, report.ByMonth.Select(m => m.Label).ToArray());
            var february = report.ByMonth[1];
            Assert.AreEqual(3, february.NpsResponses);
            Assert.AreEqual(33, february.Nps, "2 promoters and 1 detractor of 3, across advocates");
            Assert.AreEqual(2, february.CsatResponses);
            Assert.AreEqual(3, report.ByMonth[2].NpsResponses);
            Assert.AreEqual(0, report.ByMonth[2].Promoters);
            Assert.AreEqual(5, report.ByMonth[0].InconveniencesByBand[ImpactBand.High]);
            Assert.AreEqual(10, report.Overall.NpsResponses, "a row whose month is not a month still counts overall, in no month");
        }

        [TestMethod]
        public void Feedback_without_an_nps_answer_counts_for_csat_only()
        {
            var (service, _) = Service(feedback: new[] { Row("adv_feedback", Ann, "Ann", CustomerTier.Key, 3, ("csat", 4)) });

            var report = Build(service);

            Assert.AreEqual(0, report.Overall.NpsResponses);
            Assert.IsNull(report.Overall.Nps);
            Assert.AreEqual(3, report.Overall.CsatResponses);
            Assert.AreEqual(4.00m, report.Overall.AverageCsat);
        }
    }
}
