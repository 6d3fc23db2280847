using System;
using System.CommandLine;
using System.IO;
using Advocacy.Packaging;
using Advocacy.Registration;

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

            var command = new Command("pack", "Pack the solution folder and the plug-in assembly into solution zips.")
            {
                folder, assembly, output, type, version, quiet,
            };
            command.SetAction(result =>
            {
                bool isQuiet = result.GetValue(quiet);
                try
                {
                    SolutionPacker.Pack(new PackRequest
                    {
                        SolutionFolder = result.GetValue(folder)!.FullName,
                        AssemblyPath = result.GetValue(assembly)!.FullName,
                        OutputDirectory = result.GetValue(output)!.FullName,
                        PackageType = result.GetValue(type),
                        Version = result.GetValue(version),
                        Log = isQuiet ? null : Console.WriteLine,
                    });
                    return 0;
                }
                catch (Exception e) when (e is RegistrationException or InvalidDataException or FileNotFoundException or IOException)
                {
                    Console.Error.WriteLine("advocacy pack: " + e.Message);
                    return 1;
                }
            });
            return command;
        }
    }
}
