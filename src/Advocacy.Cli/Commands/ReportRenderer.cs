using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Advocacy.Cli.Commands
{
    /// <summary>
    /// Renders adv_GetAdvocacyReport's JSON as the plain-text tables a manager reads: when it was made, then the whole
    /// book, by tier and by advocate under their own headers, each score beside the number of answers behind it (an NPS
    /// of −100 from one answer reads differently from one of 200), and every impact band. Labels are names typed by
    /// users (tiers, advocates), so control characters and ANSI escape sequences are stripped, and a long name is cut
    /// with "…" so the columns stay in line.
    /// </summary>
    internal static class ReportRenderer
    {
        private const int LabelWidth = 24;
        private const string Layout = "   {0,-24} {1,5} {2,4} {3,5} {4,4} {5,5} {6,8} {7,6} {8,4} {9,5} {10,5} {11,6}";

        public static void Render(string json, TextWriter output)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.TryGetProperty("generatedOn", out var generated) && generated.ValueKind == JsonValueKind.String)
            {
                // The demo's and the report's one date format ("Thu 9 Apr 2026 09:00 UTC").
                var text = generated.GetString();
                output.WriteLine("   Generated " + (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var on)
                    ? on.ToString("ddd d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture)
                    : Text.Printable(text)) + ".");
            }

            // Reports made before the period and the months were added have neither; they render as before.
            if (root.TryGetProperty("period", out var period) && period.ValueKind == JsonValueKind.Object)
            {
                output.WriteLine("   Answers and inconveniences from " + Day(period, "from") + " to " + Day(period, "to")
                    + " (" + Show(period, "days") + " days); tasks as of the generation time.");
            }

            Section("All accounts", new[] { root.GetProperty("overall") }, output);
            Section("By tier", root.GetProperty("byTier").EnumerateArray(), output);
            Section("By advocate", root.GetProperty("byAdvocate").EnumerateArray(), output);
            if (root.TryGetProperty("byMonth", out var months) && months.ValueKind == JsonValueKind.Array)
            {
                Section("By month (tasks are not by month)", months.EnumerateArray(), output);
            }
        }

        private static string Day(JsonElement period, string property) =>
            period.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            && DateTime.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)
                : "-";

        private static void Section(string title, System.Collections.Generic.IEnumerable<JsonElement> rows, TextWriter output)
        {
            output.WriteLine();
            output.WriteLine("   " + title);
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, Layout,
                "", "NPS", "n", "CSAT", "n", "open", "overdue", "incid.", "low", "mod.", "high", "severe"));
            bool any = false;
            foreach (var row in rows)
            {
                Row(row, output);
                any = true;
            }

            if (!any)
            {
                output.WriteLine("   (none)");
            }
        }

        private static void Row(JsonElement row, TextWriter output)
        {
            var bands = row.GetProperty("inconveniencesByBand");
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, Layout,
                Label(row.GetProperty("label").GetString()),
                Show(row, "nps"),
                Show(row, "npsResponses"),
                Show(row, "averageCsat"),
                Show(row, "csatResponses"),
                Show(row, "openTasks"),
                Show(row, "overdueTasks"),
                Show(row, "inconveniences"),
                Show(bands, "low"),
                Show(bands, "moderate"),
                Show(bands, "high"),
                Show(bands, "severe")));
        }

        /// <summary>A printable label that fits its column ("…" marks a cut).</summary>
        internal static string Label(string? label)
        {
            var text = Text.Printable(label);
            if (text.Length <= LabelWidth)
            {
                return text;
            }

            // Cut on a character boundary, never inside a surrogate pair.
            int cut = LabelWidth - 1;
            if (char.IsHighSurrogate(text[cut - 1]))
            {
                cut--;
            }

            return text.Substring(0, cut) + "…";
        }

        private static string Show(JsonElement row, string property) =>
            !row.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null ? "-" : value.GetRawText();
    }
}
