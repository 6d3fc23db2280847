using System;
using System.CommandLine;
using System.IO;
using Advocacy.Cli.Settings;
using Advocacy.Plugins.Domain.Settings;

namespace Advocacy.Cli.Commands
{
    /// <summary>
    /// <c>advocacy settings [--file settings.json | --value '{…}']</c>: reads a value for the adv_AdvocacySettings
    /// environment variable (from a file, or given as it is pasted into Power Apps) with the plug-ins' own parser and
    /// prints the effective settings, every key with its value (the defaults without either). An invalid value is refused with the parser's message, which names the
    /// offending JSON path, and exit code 1, exactly as the plug-ins would refuse it.
    /// </summary>
    internal static class SettingsCommand
    {
        public static Command Create()
        {
            var file = new Option<FileInfo?>("--file") { Description = "A JSON file holding a value for the adv_AdvocacySettings environment variable; without it, the defaults." };
            var value = new Option<string?>("--value") { Description = "The value itself, as set in Power Apps (JSON text); instead of --file." };
            var command = new Command("settings", "Check a value for adv_AdvocacySettings and print the effective settings (every key with its value).") { file, value };
            command.SetAction(result =>
            {
                if (result.GetValue(file) != null && result.GetValue(value) != null)
                {
                    throw new UsageException("give --file or --value, not both.");
                }

                return Run(result.GetValue(file), result.GetValue(value), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            });
            return command;
        }

        /// <returns>0 with the effective settings on <paramref name="output"/>; 1 with the reason on <paramref name="error"/>.</returns>
        public static int Run(FileInfo? file, TextWriter output, TextWriter error) => Run(file, null, output, error);

        /// <summary>Checks the file's content, or <paramref name="value"/> when no file is given.</summary>
        /// <returns>0 with the effective settings on <paramref name="output"/>; 1 with the reason on <paramref name="error"/>.</returns>
        public static int Run(FileInfo? file, string? value, TextWriter output, TextWriter error)
        {
            string? json = value;
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
                // The plug-ins' path: the same per-value cache over the same parser (SettingsReader.Read).
                settings = AdvocacySettingsCache.Get(json);
            }
            catch (AdvocacySettingsException e)
            {
                error.WriteLine("advocacy settings: " + (file != null ? file.FullName : "--value") + ": " + e.Message);
                return 1;
            }

            output.WriteLine(AdvocacySettingsWriter.ToJson(settings));
            return 0;
        }
    }
}
