using System.CommandLine;
using Advocacy.Cli.Commands;

namespace Advocacy.Cli
{
    internal static class Program
    {
        private static int Main(string[] args)
        {
            var root = new RootCommand("Customer Advocacy for Dataverse: pack and unpack the solution (more commands: demo, report).");

            // One line per command; each command lives in Commands/.
            root.Subcommands.Add(PackCommand.Create());
            root.Subcommands.Add(UnpackCommand.Create());

            return root.Parse(args).Invoke();
        }
    }
}
