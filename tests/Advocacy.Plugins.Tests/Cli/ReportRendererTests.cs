using System.IO;
using System.Linq;
using Advocacy.Cli.Commands;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Cli
{
    [TestClass]
    public sealed class ReportRendererTests
    {
        private static string Row(string label, int nps, int npsN, double csat, int csatN, int low, int moderate) =>
            "{\"label\":\"" + label + "\",\"nps\":" + nps + ",\"npsResponses\":" + npsN + ",\"averageCsat\":" + csat.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ",\"csatResponses\":" + csatN + ",\"openTasks\":3,\"overdueTasks\":1,\"inconveniences\":" + (low + moderate)
            + ",\"inconveniencesByBand\":{\"low\":" + low + ",\"moderate\":" + moderate + ",\"high\":0,\"severe\":0}}";

        [TestMethod]
        public void The_report_has_a_section_per_view_counts_beside_scores_every_band_and_labels_that_keep_the_columns_in_line()
        {
            var json = "{\"generatedOn\":\"2026-03-10T09:00:00Z\",\"overall\":" + Row("All accounts", 20, 200, 4.1, 150, 7, 2)
                + ",\"byTier\":[" + Row("Strategic", -100, 1, 2, 1, 0, 1) + "]"
                + ",\"byAdvocate\":[" + Row("Maximilian Alexander Featherstonehaugh-Smythe", 50, 4, 4.5, 2, 1, 0) + "," + Row("Evil\\u001b[31m", 0, 0, 0, 0, 0, 0) + "]}";
            var output = new StringWriter();

            ReportRenderer.Render(json, output);

            var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            StringAssert.Contains(lines[0], "Generated Tue 10 Mar 2026 09:00 UTC.");
            CollectionAssert.IsSubsetOf(new[] { "   All accounts", "   By tier", "   By advocate" }, lines, "each view under its own header");
            var overall = lines.Single(l => l.StartsWith("   All accounts ") && l.Contains("200"));
            StringAssert.Contains(overall, "   20  200   4.1  150     3        1      9    7     2     0      0");
            StringAssert.Contains(lines.Single(l => l.StartsWith("   Strategic")), " -100    1");
            var cut = lines.Single(l => l.StartsWith("   Maximilian"));
            StringAssert.Contains(cut, "Maximilian Alexander Fe… ");
            Assert.AreEqual(overall.Length, cut.Length, "a long name does not push the columns");
            Assert.IsFalse(output.ToString().Contains('\u001b'), "escape sequences from a label are stripped");
            var header = lines.First(l => l.Contains("NPS"));
            foreach (var column in new[] { "NPS", "n", "CSAT", "open", "overdue", "incid.", "low", "mod.", "high", "severe" })
            {
                StringAssert.Contains(header, column);
            }
        }

        [TestMethod]
        public void The_period_is_named_and_each_month_is_a_row_without_task_counts()
        {
            var month = "{\"key\":\"month:2026-02\",\"label\":\"Feb 2026\",\"month\":\"2026-02\",\"nps\":-100,\"npsResponses\":1,\"averageCsat\":1.00,\"csatResponses\":1,"
                + "\"inconveniences\":2,\"inconveniencesByBand\":{\"low\":0,\"moderate\":0,\"high\":2,\"severe\":0}}";
            var json = "{\"generatedOn\":\"2026-03-10T09:00:00Z\",\"overall\":" + Row("All accounts", 20, 200, 4.1, 150, 7, 2)
                + ",\"byAdvocate\":[],\"byTier\":[],\"period\":{\"from\":\"2026-01-09\",\"to\":\"2026-03-10\",\"days\":60},\"byMonth\":[" + month + "]}";
            var output = new StringWriter();

            ReportRenderer.Render(json, output);

            var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            StringAssert.Contains(lines[1], "from Fri 9 Jan 2026 to Tue 10 Mar 2026 (60 days)");
            CollectionAssert.Contains(lines, "   By month (tasks are not by month)");
            StringAssert.Contains(lines.Single(l => l.StartsWith("   Feb 2026")), " -100    1  1.00    1     -        -      2    0     0     2      0");
        }

        [TestMethod]
        public void A_label_is_cut_on_a_character_boundary()
        {
            Assert.AreEqual("Short", ReportRenderer.Label("Short"));
            var emoji = new string('a', 22) + "💥💥";
            var cut = ReportRenderer.Label(emoji);
            Assert.IsFalse(char.IsHighSurrogate(cut[cut.Length - 2]), cut);
            Assert.IsTrue(cut.EndsWith("…"));
            Assert.IsTrue(cut.Length <= 24);
        }
    }
}
