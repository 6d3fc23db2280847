using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Advocacy.Cli.Commands
{
    /// <summary>
    /// Renders adv_GetAdvocacyReport's JSON as the plain-text table a manager reads. Labels are names typed by
    /// users (tiers, advocates), so control characters and ANSI escape sequences are stripped before printing.
    /// </summary>
    internal static class ReportRenderer
    {
        public static void Render(string json, TextWriter output)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "   {0,-24} {1,5} {2,6} {3,5} {4,8} {5,7} {6,6} {7,6}",
                "", "NPS", "CSAT", "open", "overdue", "incid.", "high", "severe"));
            Row(root.GetProperty("overall"), output);
            foreach (var section in new[] { "byTier", "byAdvocate" })
            {
                foreach (var row in root.GetProperty(section).EnumerateArray())
                {
                    Row(row, output);
                }
            }
        }

        private static void Row(JsonElement row, TextWriter output)
        {
            var bands = row.GetProperty("inconveniencesByBand");
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "   {0,-24} {1,5} {2,6} {3,5} {4,8} {5,7} {6,6} {7,6}",
                Text.Printable(row.GetProperty("label").GetString()),
                Show(row.GetProperty("nps")),
                Show(row.GetProperty("averageCsat")),
                Show(row.GetProperty("openTasks")),
                Show(row.GetProperty("overdueTasks")),
                Show(row.GetProperty("inconveniences")),
                Show(bands.GetProperty("high")),
                Show(bands.GetProperty("severe"))));
        }

        private static string Show(JsonElement value) => value.ValueKind == JsonValueKind.Null ? "-" : value.GetRawText();
    }
}
