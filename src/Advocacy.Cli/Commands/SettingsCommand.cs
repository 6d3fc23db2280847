using System;
using System.CommandLine;
using System.IO;
using Advocacy.Cli.Settings;
using Advocacy.Plugins.Domain.Settings;

namespace Advocacy.Cli.Commands
{
    /// <summary>
    /// <c>advocacy settings [--file settings.json]</c>: reads a value for the adv_AdvocacySettings environment
    /// variable with the plug-ins' own parser and prints the effective settings, every key with its value
    /// (the defaults without a file). An invalid value is refused with the parser's message, which names the
    /// offending JSON path, and exit code 1, exactly as the plug-ins would refuse it.
    /// </summary>
    internal static class SettingsCommand
    {
        public static Command Create()
        {
            var file = new Option<FileInfo?>("--file") { Description = "A JSON file holding a value for the adv_AdvocacySettings environment variable; without it, the defaults." };
            var command = new Command("settings", "Check a value for adv_AdvocacySettings and print the effective settings (every key with its value).") { file };
            command.SetAction(result => Run(result.GetValue(file), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
            return command;
        }

        /// <returns>0 with the effective settings on <paramref name="output"/>; 1 with the reason on <paramref name="error"/>.</returns>
        public static int Run(FileInfo? file, TextWriter output, TextWriter error)
        {
            string? json = null;
            if (file != null)
            {
                try
                {
                    json = File.ReadAllText(file.FullName);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine("advocacy settings: cannot read " + file.FullName + " (" + e.Message + ").");
                    return 1;
                }
            }

            AdvocacySettings settings;
            try
            {
                settings = AdvocacySettingsParser.Parse(json);
            }
            catch (AdvocacySettingsException e)
            {
                error.WriteLine("advocacy settings: " + file!.FullName + ": " + e.Message);
                return 1;
            }

            output.WriteLine(AdvocacySettingsWriter.ToJson(settings));
            return 0;
        }
    }
}
