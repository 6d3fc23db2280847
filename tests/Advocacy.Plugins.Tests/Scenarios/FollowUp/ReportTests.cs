using System;
using System.Linq;
using Advocacy.Plugins.CustomApis.FollowUp;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.FollowUp
{
    [TestClass]
    public sealed class ReportTests
    {
        private static void SeedData(FollowUpWorld w, int scale)
        {
            var today = AdvocacyWorld.Now.Date;
            var strategic = w.SeedAccount("Strategic", CustomerTier.Strategic);
            var standard = w.SeedAccount("Standard", CustomerTier.Standard, withAdvocate: false);
            var rows = new System.Collections.Generic.List<Entity>();
            for (int i = 0; i < scale; i++)
            {
                // Strategic: NPS 10, 9, 3 (+33 NPS: 2 promoters, 1 detractor of 3), CSAT 5, 4, 1 → 3.33
                rows.Add(Feedback(strategic, 10, 5));
                rows.Add(Feedback(strategic, 9, 4));
                rows.Add(Feedback(strategic, 3, 1));
                rows.Add(Feedback(standard, 7, 3));
                rows.Add(Task(strategic, "account", AdvocacyTaskKind.ProactiveCheckIn, today.AddDays(2)));
                rows.Add(Task(strategic, "account", AdvocacyTaskKind.DetractorRecovery, today.AddDays(-1)));
                rows.Add(new Entity("adv_inconvenience") { ["adv_name"] = "late", ["adv_accountid"] = new EntityReference("account", standard), ["adv_impactband"] = Choices.Option(ImpactBand.Severe) });
            }

            var caseId = w.SeedCase(standard);
            rows.Add(Task(caseId, "incident", AdvocacyTaskKind.PostResolutionCheckIn, today.AddDays(-3)));
            w.Sandbox.Seed(rows.ToArray());
        }

        private static Entity Feedback(Guid account, int nps, int csat) => new Entity("adv_feedback")
        {
            ["adv_name"] = "answer",
            ["adv_accountid"] = new EntityReference("account", account),
            ["adv_nps"] = nps,
            ["adv_csat"] = csat,
        };

        private static Entity Task(Guid regarding, string table, AdvocacyTaskKind kind, DateTime due) => new Entity("task")
        {
            ["subject"] = kind.ToString(),
            ["regardingobjectid"] = new EntityReference(table, regarding),
            ["adv_kind"] = Choices.Option(kind),
            ["scheduledend"] = due,
        };

        [TestMethod]
        [DataRow(1)]
        [DataRow(400)]
        public void The_report_is_computed_with_a_fixed_number_of_aggregate_queries(int scale)
        {
            var w = new FollowUpWorld();
            SeedData(w, scale);

            var json = (string)w.Sandbox.Run(new OrganizationRequest(GetAdvocacyReportApi.MessageName), w.World.ManagerUserId)[GetAdvocacyReportApi.ReportResponse];
            Console.WriteLine(json);

            Assert.AreEqual(AdvocacyReportQuery.RoundTrips, w.Sandbox.RoundTrips(GetAdvocacyReportApi.MessageName));
            // Overall: 3 promoters-equivalents... 2 promoters, 1 passive, 1 detractor per scale → NPS +25; CSAT (5+4+1+3)/4 = 3.25.
            StringAssert.Contains(json, "\"key\":\"overall\"");
            StringAssert.Contains(json, "\"nps\":25");
            StringAssert.Contains(json, "\"averageCsat\":3.25");
            StringAssert.Contains(json, "\"key\":\"overall\",\"label\":\"All accounts\",\"advocateId\":null,\"tier\":null,\"nps\":25");
            StringAssert.Contains(json, "\"openTasks\":" + (2 * scale + 1) + ",\"overdueTasks\":" + (scale + 1));
            StringAssert.Contains(json, "\"overdueTasks\":" + (scale + 1));
            StringAssert.Contains(json, "\"key\":\"tier:strategic\"");
            StringAssert.Contains(json, "\"nps\":33");
            StringAssert.Contains(json, "\"label\":\"Dana Ruiz\"");
        }

        [TestMethod]
        public void A_manager_gets_the_period_and_each_months_answers_and_impact_in_the_same_six_queries()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Strategic", CustomerTier.Strategic);
            DateTime Day(int year, int month, int day) => new DateTime(year, month, day, 23, 30, 0, DateTimeKind.Utc);
            Entity Dated(Entity row, DateTime createdOn)
            {
                row["createdon"] = createdOn;
                return row;
            }

            w.Sandbox.Seed(
                Dated(Feedback(account, 10, 5), Day(2026, 1, 31)),
                Dated(Feedback(account, 2, 1), Day(2026, 3, 1)),
                Dated(Feedback(account, 9, 4), Day(2026, 3, 9)),
                Dated(Feedback(account, 0, 1), Day(2025, 11, 30)),
                Dated(new Entity("adv_inconvenience") { ["adv_name"] = "late", ["adv_accountid"] = new EntityReference("account", account), ["adv_impactband"] = Choices.Option(ImpactBand.High) }, Day(2026, 2, 14)));

            var json = (string)w.Sandbox.Run(new OrganizationRequest(GetAdvocacyReportApi.MessageName) { [GetAdvocacyReportApi.PeriodDaysParameter] = 60 }, w.World.ManagerUserId)[GetAdvocacyReportApi.ReportResponse];

            Assert.AreEqual(AdvocacyReportQuery.RoundTrips, w.Sandbox.RoundTrips(GetAdvocacyReportApi.MessageName));
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            var root = doc.RootElement;
            Assert.AreEqual("{\"from\":\"2026-01-09\",\"to\":\"2026-03-10\",\"days\":60}", root.GetProperty("period").GetRawText());
            var months = root.GetProperty("byMonth").EnumerateArray().ToDictionary(m => m.GetProperty("month").GetString()!);
            CollectionAssert.AreEqual(new[] { "2026-01", "2026-02", "2026-03" }, months.Keys.ToArray(), "November's answer is before the period");
            Assert.AreEqual(1, months["2026-01"].GetProperty("npsResponses").GetInt32(), "31 Jan 23:30 UTC is January");
            Assert.AreEqual(0, months["2026-02"].GetProperty("npsResponses").GetInt32());
            Assert.AreEqual(1, months["2026-02"].GetProperty("inconveniencesByBand").GetProperty("high").GetInt32());
            Assert.AreEqual(2, months["2026-03"].GetProperty("npsResponses").GetInt32());
            Assert.AreEqual(0, months["2026-03"].GetProperty("nps").GetInt32(), "one promoter, one detractor");
            Assert.AreEqual("2.50", months["2026-03"].GetProperty("averageCsat").GetRawText());
            Assert.AreEqual(3, root.GetProperty("overall").GetProperty("npsResponses").GetInt32());
        }

        [TestMethod]
        public void A_period_outside_1_to_3650_days_is_rejected()
        {
            var w = new FollowUpWorld();
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() =>
                w.Sandbox.Run(new OrganizationRequest(GetAdvocacyReportApi.MessageName) { [GetAdvocacyReportApi.PeriodDaysParameter] = 0 }));
            StringAssert.Contains(fault.Message, "PeriodDays must be between 1 and 3650");
        }
    }
}
