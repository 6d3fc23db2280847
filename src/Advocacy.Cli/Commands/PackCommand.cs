using System;
using System.CommandLine;
using System.IO;
using Advocacy.Packaging;

namespace Advocacy.Cli.Commands
{
    /// <summary><c>advocacy pack</c>: solution folder + plug-in assembly → CustomerAdvocacy.zip / CustomerAdvocacy_managed.zip.</summary>
    internal static class PackCommand
    {
        public static Command Create()
        {
            var folder = new Option<DirectoryInfo>("--folder") { Description = "The unpacked solution (SolutionPackager layout).", Required = true };
            var assembly = new Option<FileInfo>("--assembly") { Description = "The deployable plug-in assembly (net462 build).", Required = true };
            var output = new Option<DirectoryInfo>("--output") { Description = "Where to write the zips.", Required = true };
            var type = new Option<SolutionPackageType>("--package-type") { Description = "Unmanaged, Managed or Both.", DefaultValueFactory = _ => SolutionPackageType.Both };
            var version = new Option<string?>("--version") { Description = "Solution version (default: the one in Other/Solution.xml)." };
            var quiet = new Option<bool>("--quiet") { Description = "Print only errors." };
            var onlyOn = new Option<string?>("--steps-only-on") { Description = "An extension solution: only the steps on these tables (comma-separated); no assembly, types or Custom APIs." };
            var skipOn = new Option<string?>("--no-steps-on") { Description = "Leave out the steps on these tables (comma-separated): they ship in an extension solution." };

            var command = new Command("pack", "Pack the solution folder and the plug-in assembly into solution zips.")
            {
                folder, assembly, output, type, version, quiet, onlyOn, skipOn,
            };
            command.SetAction(result =>
            {
                bool isQuiet = result.GetValue(quiet);
                string? only = result.GetValue(onlyOn);
                string? skip = result.GetValue(skipOn);
                if (only != null && skip != null)
                {
                    throw new UsageException("give --steps-only-on (an extension) or --no-steps-on (the core), not both.");
                }

                // Failures (bad folder, assembly, XML, version) end in Program.Run: one line, exit code 1.
                TextWriter log = result.InvocationConfiguration.Output;
                SolutionPacker.Pack(new PackRequest
                {
                    SolutionFolder = result.GetValue(folder)!.FullName,
                    AssemblyPath = result.GetValue(assembly)!.FullName,
                    OutputDirectory = result.GetValue(output)!.FullName,
                    PackageType = result.GetValue(type),
                    Version = result.GetValue(version),
                    Scope = only != null ? StepScope.Only(only.Split(',')) : skip != null ? StepScope.Except(skip.Split(',')) : StepScope.All,
                    Log = isQuiet ? null : log.WriteLine,
                });
                return ExitCodes.Ok;
            });
            return command;
        }
    }
}
