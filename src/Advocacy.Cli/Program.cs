using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Advocacy.Cli.Commands;

namespace Advocacy.Cli
{
    /// <summary>The process exit codes of every command.</summary>
    internal static class ExitCodes
    {
        /// <summary>Done.</summary>
        public const int Ok = 0;

        /// <summary>The command ran and failed (bad input file, unreadable zip, …): one line on stderr.</summary>
        public const int Failure = 1;

        /// <summary>The command line itself is wrong (unknown option, missing required option, bad value).</summary>
        public const int Usage = 2;
    }

    internal static class Program
    {
        private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        /// <summary>
        /// Runs the command line: usage errors exit 2 with the parser's messages; a failure exits 1 with one line
        /// on <paramref name="error"/> (the exception with its stack trace only with <c>--verbose</c>).
        /// </summary>
        internal static int Run(string[] args, TextWriter output, TextWriter error)
        {
            var root = new RootCommand("Customer Advocacy for Dataverse: pack and unpack the solution, run the demo, render the management report, check settings.");
            var verbose = new Option<bool>("--verbose") { Description = "On a failure, also print the exception and its stack trace.", Recursive = true };
            root.Options.Add(verbose);

            // One line per command; each command lives in Commands/.
            root.Subcommands.Add(PackCommand.Create());
            root.Subcommands.Add(UnpackCommand.Create());
            root.Subcommands.Add(DemoCommand.Create());
            root.Subcommands.Add(ReportCommand.Create());
            root.Subcommands.Add(SettingsCommand.Create());

            ParseResult parsed = root.Parse(args);
            string name = parsed.CommandResult.Command == root ? "advocacy" : "advocacy " + parsed.CommandResult.Command.Name;
            if (parsed.Errors.Count > 0)
            {
                foreach (var parseError in parsed.Errors)
                {
                    error.WriteLine(name + ": " + Text.OneLine(parseError.Message));
                }

                error.WriteLine("Run '" + name + " --help' for usage.");
                return ExitCodes.Usage;
            }

            try
            {
                return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            }
            catch (Exception e)
            {
                error.WriteLine(name + ": " + Text.OneLine(e.Message) + (e is UsageException ? "" : parsed.GetValue(verbose) ? "" : " (--verbose shows details)"));
                if (parsed.GetValue(verbose))
                {
                    error.WriteLine(e.ToString());
                }

                return e is UsageException ? ExitCodes.Usage : ExitCodes.Failure;
            }
        }
    }

    /// <summary>The options make sense one by one but not together: exit code 2, like a parse error.</summary>
    internal sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message)
        {
        }
    }

    /// <summary>Text from files or exceptions, made safe to print on a terminal.</summary>
    internal static class Text
    {
        private static readonly System.Text.RegularExpressions.Regex AnsiSequence =
            new("\u001B(\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(\u0007|\u001B\\\\)?|[@-Z\\\\-_])", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>Without ANSI escape sequences and other control characters (C0, DEL, C1; a tab becomes a space).</summary>
        public static string Printable(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            string withoutSequences = AnsiSequence.Replace(text, string.Empty);
            return new string(withoutSequences.Select(c => c == '\t' ? ' ' : c).Where(c => !char.IsControl(c)).ToArray());
        }

        /// <summary>One printable line: line breaks become spaces.</summary>
        public static string OneLine(string? text) => Printable((text ?? string.Empty).Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' '));
    }
}
