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
            var command = new Command("unpack", "Unpack a solution zip into the SolutionPackager folder layout.") { zip, folder, generated };
            command.SetAction(result =>
            {
                try
                {
                    SolutionUnpacker.Unpack(result.GetValue(zip)!.FullName, result.GetValue(folder)!.FullName, result.GetValue(generated), Console.WriteLine);
                    return 0;
                }
                catch (Exception e) when (e is InvalidDataException or IOException or System.IO.InvalidDataException)
                {
                    Console.Error.WriteLine("advocacy unpack: " + e.Message);
                    return 1;
                }
            });
            return command;
        }
    }
}
