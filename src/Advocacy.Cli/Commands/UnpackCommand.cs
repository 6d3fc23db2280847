using System;
using System.CommandLine;
using System.IO;
using Advocacy.Packaging;

namespace Advocacy.Cli.Commands
{
    /// <summary><c>advocacy unpack</c>: solution zip → SolutionPackager folder layout.</summary>
    internal static class UnpackCommand
    {
        public static Command Create()
        {
            var zip = new Option<FileInfo>("--zip") { Description = "The solution zip.", Required = true };
            var folder = new Option<DirectoryInfo>("--folder") { Description = "Where to write the files.", Required = true };
            var generated = new Option<bool>("--include-generated")
            {
                Description = "Also write what pack generates from the assembly (PluginAssemblies/, SdkMessageProcessingSteps/, its customapis/).",
            };
            var deleteMissing = new Option<bool>("--delete-missing")
            {
                Description = "Delete files in the folder that are not in the zip (as SolutionPackager's /allowDelete); without it they are kept and listed.",
            };
            var command = new Command("unpack", "Unpack a solution zip into the SolutionPackager folder layout (written beside the folder, moved into place only when complete).")
            {
                zip, folder, generated, deleteMissing,
            };
            command.SetAction(result =>
            {
                // A refused zip ends in Program.Run: one line, exit code 1, and the folder as it was.
                SolutionUnpacker.Unpack(result.GetValue(zip)!.FullName, result.GetValue(folder)!.FullName, result.GetValue(generated),
                    result.InvocationConfiguration.Output.WriteLine, result.GetValue(deleteMissing));
                return ExitCodes.Ok;
            });
            return command;
        }
    }
}
