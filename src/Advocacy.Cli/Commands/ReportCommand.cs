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
                string text = File.ReadAllText(file.FullName);
                var rendered = new StringWriter();
                try
                {
                    ReportRenderer.Render(text, rendered);
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException or System.Collections.Generic.KeyNotFoundException)
                {
                    throw new InvalidDataException(file.FullName + " is not a report from adv_GetAdvocacyReport (" + e.Message + ").", e);
                }

                result.InvocationConfiguration.Output.Write(rendered.ToString());
                return ExitCodes.Ok;
            });
            return command;
        }
    }
}
