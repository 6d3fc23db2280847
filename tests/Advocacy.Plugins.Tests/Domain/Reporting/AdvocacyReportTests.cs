using Advocacy.Plugins.Domain.Loyalty;
using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Reporting;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Reporting
{
    [TestClass]
    public sealed class AdvocacyReportTests
    {
        private static readonly Guid Dana = new Guid("00000000-0000-0000-0000-00000000000d");
        private static readonly Guid Lee = new Guid("00000000-0000-0000-0000-00000000000e");
        private static readonly DateTime Generated = new DateTime(2025, 3, 12, 9, 5, 7, DateTimeKind.Utc);

        private static AdvocacyReport Sample() => AdvocacyReportBuilder.Build(
            new[]
            {
                new FeedbackRow(Dana, "Dana Ruiz", CustomerTier.Strategic, 10, 5, count: 3),
                new FeedbackRow(Dana, "Dana Ruiz", CustomerTier.Strategic, 8, 4),
                new FeedbackRow(Dana, "Dana Ruiz", CustomerTier.Key, 3, 1, count: 2),
                new FeedbackRow(Lee, "Lee Park", CustomerTier.Key, 9, null),
                new FeedbackRow(null, null, null, 6, 2),
            },
            new[]
            {
                new TaskCountRow(Dana, "Dana Ruiz", CustomerTier.Strategic, AdvocacyTaskKind.ProactiveCheckIn, 4, 1),
                new TaskCountRow(Dana, "Dana Ruiz", CustomerTier.Key, AdvocacyTaskKind.DetractorRecovery, 2, 2),
                new TaskCountRow(null, null, CustomerTier.Standard, AdvocacyTaskKind.UnassignedAdvocacy, 1, 0),
            },
            new[]
            {
                new InconvenienceCountRow(Dana, "Dana Ruiz", CustomerTier.Strategic, ImpactBand.Severe, 2),
                new InconvenienceCountRow(Lee, "Lee Park", CustomerTier.Key, ImpactBand.Low, 5),
            },
            Generated);

        [TestMethod]
        public void Overall_metrics()
        {
            ReportSection overall = Sample().Overall;

            // Responses: 3×10, 8, 2×3, 9, 6 → 4 promoters, 1 passive, 3 detractors of 8 → 50 % − 37.5 % = 12.5 → 13.
            Assert.AreEqual(4, overall.Promoters);
            Assert.AreEqual(1, overall.Passives);
            Assert.AreEqual(3, overall.Detractors);
            Assert.AreEqual(8, overall.NpsResponses);
            Assert.AreEqual(13, overall.Nps);
            // CSAT: 3×5 + 4 + 2×1 + 2 = 23 over 7 = 3.2857… → 3.29.
            Assert.AreEqual(7, overall.CsatResponses);
            Assert.AreEqual(3.29m, overall.AverageCsat);
            Assert.AreEqual(7, overall.OpenTasks);
            Assert.AreEqual(3, overall.OverdueTasks);
            Assert.AreEqual(2, overall.TasksByKind[AdvocacyTaskKind.DetractorRecovery].Open);
            Assert.AreEqual(7, overall.Inconveniences);
            Assert.AreEqual(2, overall.InconveniencesByBand[ImpactBand.Severe]);
            Assert.AreEqual(5, overall.InconveniencesByBand[ImpactBand.Low]);
        }

        [TestMethod]
        public void Per_advocate_and_per_tier_sections_in_a_stable_order()
        {
            AdvocacyReport report = Sample();

            CollectionAssert.AreEqual(new[] { "Dana Ruiz", "Lee Park", "No advocate" }, report.ByAdvocate.Select(s => s.Label).ToArray());
            CollectionAssert.AreEqual(new[] { "tier:strategic", "tier:key", "tier:standard", "tier:none" }, report.ByTier.Select(s => s.Key).ToArray());

            ReportSection dana = report.ByAdvocate[0];
            // 3 promoters, 1 passive, 2 detractors of 6 → 16.67 → 17.
            Assert.AreEqual(17, dana.Nps);
            // CSAT 3×5 + 4 + 2×1 = 21 over 6 = 3.50.
            Assert.AreEqual(3.50m, dana.AverageCsat);
            Assert.AreEqual(6, dana.OpenTasks);
            Assert.AreEqual(3, dana.OverdueTasks);
            Assert.AreEqual(0, report.ByAdvocate[1].OpenTasks);
            Assert.AreEqual(1, report.ByAdvocate[2].OpenTasks, "the unassigned-advocacy task has no advocate");
        }

        [TestMethod]
        public void Nps_is_null_without_responses_and_rounds_half_away_from_zero()
        {
            Assert.IsNull(NetPromoterScore.FromCounts(0, 0, 0 + 0 + 0));
            Assert.AreEqual(100, NetPromoterScore.FromCounts(5, 0, 5 + 0 + 0));
            Assert.AreEqual(-100, NetPromoterScore.FromCounts(0, 5, 0 + 0 + 5));
            Assert.AreEqual(13, NetPromoterScore.FromCounts(1, 0, 1 + 7 + 0), "12.5 → 13");
            Assert.AreEqual(-13, NetPromoterScore.FromCounts(0, 1, 0 + 7 + 1), "−12.5 → −13");
            Assert.AreEqual(33, NetPromoterScore.FromCounts(1, 0, 1 + 2 + 0));

            ReportSection lee = AdvocacyReportBuilder.Build(null, new[] { new TaskCountRow(Lee, "Lee Park", CustomerTier.Key, AdvocacyTaskKind.Introduction, 1, 0) }, null, Generated).ByAdvocate[0];
            Assert.IsNull(lee.Nps);
            Assert.IsNull(lee.AverageCsat);
        }

        [TestMethod]
        public void Nps_is_always_between_minus_and_plus_100()
        {
            Arbitrary<int[]> counts = Gen.Choose(0, 10_000).ArrayOf(3).ToArbitrary();
            Prop.ForAll(counts, c =>
            {
                if (c.Length < 3)
                {
                    return true;
                }

                int? nps = NetPromoterScore.FromCounts(c[0], c[2], c[0] + c[1] + c[2]);
                return c.Sum() == 0 ? nps == null : nps >= -100 && nps <= 100;
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
        }

        [TestMethod]
        public void Out_of_range_scores_and_empty_rows_are_ignored()
        {
            AdvocacyReport report = AdvocacyReportBuilder.Build(
                new[] { new FeedbackRow(null, null, null, 11, 0), new FeedbackRow(null, null, null, -1, 6), new FeedbackRow(null, null, null, 9, 5, count: 0) },
                new[] { new TaskCountRow(null, null, null, AdvocacyTaskKind.ImpactReview, 1, 3) },
                new[] { new InconvenienceCountRow(null, null, null, ImpactBand.High, -2) },
                Generated);

            Assert.AreEqual(0, report.Overall.NpsResponses);
            Assert.AreEqual(0, report.Overall.CsatResponses);
            Assert.AreEqual(3, report.Overall.OpenTasks, "overdue tasks are open tasks");
            Assert.AreEqual(3, report.Overall.OverdueTasks);
            Assert.AreEqual(0, report.Overall.Inconveniences);
        }

        [TestMethod]
        public void Json_is_valid_stable_and_complete()
        {
            string json = Sample().ToJson();

            Assert.AreEqual(json, Sample().ToJson());
            using JsonDocument doc = JsonDocument.Parse(json);
            JsonElement root = doc.RootElement;
            // The first four keys are the report's original shape; the report page's keys come after them.
            CollectionAssert.AreEqual(new[] { "generatedOn", "overall", "byAdvocate", "byTier", "period", "byMonth" }, root.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.AreEqual(JsonValueKind.Null, root.GetProperty("period").ValueKind, "rows not read for a period name none");
            Assert.AreEqual(0, root.GetProperty("byMonth").GetArrayLength(), "rows without a month are in no month");
            Assert.AreEqual("2025-03-12T09:05:07Z", root.GetProperty("generatedOn").GetString());
            JsonElement overall = root.GetProperty("overall");
            Assert.AreEqual(13, overall.GetProperty("nps").GetInt32());
            Assert.AreEqual("3.29", overall.GetProperty("averageCsat").GetRawText());
            Assert.AreEqual(JsonValueKind.Null, overall.GetProperty("advocateId").ValueKind);
            Assert.AreEqual(2, overall.GetProperty("tasksByKind").GetProperty("detractorRecovery").GetProperty("overdue").GetInt32());
            Assert.AreEqual(2, overall.GetProperty("inconveniencesByBand").GetProperty("severe").GetInt32());
            JsonElement dana = root.GetProperty("byAdvocate")[0];
            Assert.AreEqual(Dana.ToString("D"), dana.GetProperty("advocateId").GetString());
            Assert.AreEqual("3.50", dana.GetProperty("averageCsat").GetRawText());
            Assert.AreEqual("strategic", root.GetProperty("byTier")[0].GetProperty("tier").GetString());
            Assert.AreEqual(JsonValueKind.Null, root.GetProperty("byAdvocate")[1].GetProperty("averageCsat").ValueKind);

            // Every section has the same keys in the same order.
            string[] shape = overall.EnumerateObject().Select(p => p.Name).ToArray();
            foreach (JsonElement section in root.GetProperty("byAdvocate").EnumerateArray().Concat(root.GetProperty("byTier").EnumerateArray()))
            {
                CollectionAssert.AreEqual(shape, section.EnumerateObject().Select(p => p.Name).ToArray());
            }
        }

        [TestMethod]
        public void Json_names_the_period_and_lists_every_month_of_it_oldest_first_with_answers_counts_and_impact()
        {
            var period = ReportPeriod.LastDays(Generated, 90);
            var march = new DateTime(2025, 3, 3);
            string json = AdvocacyReportBuilder.Build(
                new[]
                {
                    new FeedbackRow(Dana, "Dana Ruiz", CustomerTier.Strategic, 10, 5, count: 3, month: march),
                    new FeedbackRow(Lee, "Lee Park", CustomerTier.Key, 0, 1, month: new DateTime(2025, 1, 31)),
                    new FeedbackRow(Lee, "Lee Park", CustomerTier.Key, 7, null, count: 2),
                },
                null,
                new[] { new InconvenienceCountRow(Lee, "Lee Park", CustomerTier.Key, ImpactBand.Severe, 2, march) },
                Generated,
                period).ToJson();

            using JsonDocument doc = JsonDocument.Parse(json);
            JsonElement root = doc.RootElement;
            Assert.AreEqual("{\"from\":\"2024-12-12\",\"to\":\"2025-03-12\",\"days\":90}", root.GetProperty("period").GetRawText());
            JsonElement[] months = root.GetProperty("byMonth").EnumerateArray().ToArray();
            CollectionAssert.AreEqual(new[] { "2024-12", "2025-01", "2025-02", "2025-03" }, months.Select(m => m.GetProperty("month").GetString()).ToArray(),
                "every month the period touches, empty ones too, so a chart's time axis has no gaps");
            CollectionAssert.AreEqual(new[] { "Dec 2024", "Jan 2025", "Feb 2025", "Mar 2025" }, months.Select(m => m.GetProperty("label").GetString()).ToArray());
            Assert.AreEqual("month:2025-03", months[3].GetProperty("key").GetString());
            Assert.AreEqual(JsonValueKind.Null, months[0].GetProperty("nps").ValueKind, "no answers: no score, not 0");
            Assert.AreEqual(0, months[0].GetProperty("npsResponses").GetInt32());
            Assert.AreEqual(-100, months[1].GetProperty("nps").GetInt32());
            Assert.AreEqual(1, months[1].GetProperty("npsResponses").GetInt32());
            Assert.AreEqual("1.00", months[1].GetProperty("averageCsat").GetRawText());
            Assert.AreEqual(100, months[3].GetProperty("nps").GetInt32());
            Assert.AreEqual(3, months[3].GetProperty("csatResponses").GetInt32());
            Assert.AreEqual(2, months[3].GetProperty("inconveniencesByBand").GetProperty("severe").GetInt32());
            Assert.AreEqual(6, root.GetProperty("overall").GetProperty("npsResponses").GetInt32(), "the answers without a month still count overall");
            CollectionAssert.AreEqual(
                new[] { "key", "label", "month", "nps", "npsResponses", "promoters", "passives", "detractors", "averageCsat", "csatResponses", "inconveniences", "inconveniencesByBand" },
                months[0].EnumerateObject().Select(p => p.Name).ToArray(), "a month has the loyalty and impact keys of the other sections, no task keys");
        }

        [TestMethod]
        public void Json_escapes_every_string()
        {
            var sb = new StringBuilder();
            JsonWriter.AppendString(sb, "Quote \" back\\slash\nnew\rret\ttab\b\f\u0001\u001f\u2028\u2029 é 😀 \uD800 end");
            Assert.AreEqual("\"Quote \\\" back\\\\slash\\nnew\\rret\\ttab\\b\\f\\u0001\\u001f\\u2028\\u2029 é 😀 \uFFFD end\"", sb.ToString());

            string name = "O'Brien \"The Fixer\" \\ <Ops>\n";
            AdvocacyReport report = AdvocacyReportBuilder.Build(new[] { new FeedbackRow(Dana, name, CustomerTier.Key, 9, 5) }, null, null, Generated);
            using JsonDocument doc = JsonDocument.Parse(report.ToJson());
            Assert.AreEqual(name.Trim(), doc.RootElement.GetProperty("byAdvocate")[0].GetProperty("label").GetString());
        }

        [TestMethod]
        public void Any_string_round_trips_through_the_escaper()
        {
            Prop.ForAll(ArbMap.Default.ArbFor<string>(), s =>
            {
                s = s ?? string.Empty;
                var sb = new StringBuilder();
                JsonWriter.AppendString(sb, s);
                string back = JsonSerializer.Deserialize<string>(sb.ToString())!;
                // A lone surrogate is no Unicode text: it comes back as U+FFFD, everything else as it was.
                return back == WithoutLoneSurrogates(s);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
        }

        [TestMethod]
        public void A_label_with_a_lone_surrogate_gives_JSON_that_strict_readers_accept()
        {
            foreach (var name in new[] { "Lee \ud800Park", "\udc00", "Lee Park\ud83d" })
            {
                string label = System.Text.RegularExpressions.Regex.Unescape(name);
                AdvocacyReport report = AdvocacyReportBuilder.Build(new[] { new FeedbackRow(Lee, label, null, 9, null) }, null, null, Generated);

                using JsonDocument doc = JsonDocument.Parse(report.ToJson());
                Assert.AreEqual(WithoutLoneSurrogates(label.Trim()), doc.RootElement.GetProperty("byAdvocate")[0].GetProperty("label").GetString());
                StringAssert.Contains(doc.RootElement.GetProperty("byAdvocate")[0].GetProperty("label").GetString(), "\uFFFD");
            }
        }

        private static string WithoutLoneSurrogates(string s)
        {
            var sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(s[i]).Append(s[i + 1]); i++; }
                else sb.Append(char.IsSurrogate(s[i]) ? '\uFFFD' : s[i]);
            }

            return sb.ToString();
        }

        [TestMethod]
        public void Advocate_label_is_the_first_name_seen_and_never_blank()
        {
            AdvocacyReport report = AdvocacyReportBuilder.Build(
                new[] { new FeedbackRow(Lee, null, null, 9, null), new FeedbackRow(Lee, "Lee Park", null, 9, null), new FeedbackRow(Lee, "Lee P. (renamed)", null, 9, null) },
                null,
                null,
                Generated);

            Assert.AreEqual("Lee Park", report.ByAdvocate.Single().Label);
            Assert.AreEqual(3, report.ByAdvocate.Single().Promoters);
        }
    }
}
