using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;

namespace Advocacy.Cli.Commands
{
    /// <summary><c>advocacy report</c>: renders the JSON that adv_GetAdvocacyReport returned (e.g. saved by a flow).</summary>
    internal static class ReportCommand
    {
        public static Command Create()
        {
            var json = new Option<FileInfo>("--json") { Description = "A file holding adv_GetAdvocacyReport's ReportJson.", Required = true };
            var command = new Command("report", "Render the management report JSON as a table (overall, per tier, per advocate).") { json };
            command.SetAction(result =>
            {
                var file = result.GetValue(json)!;
                try
                {
                    ReportRenderer.Render(File.ReadAllText(file.FullName), Console.Out);
                    return 0;
                }
                catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or System.Collections.Generic.KeyNotFoundException)
                {
                    Console.Error.WriteLine("advocacy report: " + file.FullName + " is not a report from adv_GetAdvocacyReport (" + e.Message + ").");
                    return 1;
                }
            });
            return command;
        }
    }
}
