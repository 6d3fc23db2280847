using System.CommandLine;
using Advocacy.Cli.Commands;

namespace Advocacy.Cli
{
    internal static class Program
    {
        private static int Main(string[] args)
        {
            var root = new RootCommand("Customer Advocacy for Dataverse: pack and unpack the solution, run the demo, render the management report, check settings.");

            // One line per command; each command lives in Commands/.
            root.Subcommands.Add(PackCommand.Create());
            root.Subcommands.Add(UnpackCommand.Create());
            root.Subcommands.Add(DemoCommand.Create());
            root.Subcommands.Add(ReportCommand.Create());
            root.Subcommands.Add(SettingsCommand.Create());

            return root.Parse(args).Invoke();
        }
    }
}
