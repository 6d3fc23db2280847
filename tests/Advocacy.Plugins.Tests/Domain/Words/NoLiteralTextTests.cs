using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Advocacy.Plugins.Tests.Packaging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Words
{
    /// <summary>
    /// User-facing text lives in the string tables only. A scan of the plug-in's source, pragmatic rather than a parser:
    /// no message a user reads is built from a literal, and the files that word tasks, reasons and explanations hold no
    /// words of their own.
    /// </summary>
    [TestClass]
    public sealed class NoLiteralTextTests
    {
        private static string Source => Path.Combine(PackagingTestSupport.RepoRoot, "src", "Advocacy.Plugins");

        // An exception a user reads, given a literal (or a literal after the field name) as its message.
        private static readonly Regex LiteralMessage = new Regex(
            @"new\s+(InvalidPluginExecutionException|AdvocacyInputException|ImpactInputException|FeedbackInputException|MissingRecordException)\s*\("
            + @"\s*(""[^""]*""\s*[)+]|""[^""]*""\s*,\s*\w+\s*\)|(nameof\([^)]*\)|""[^""]*"")\s*,\s*"")",
            RegexOptions.Compiled);

        private static readonly Regex WordLiteral = new Regex(@"""[^""\\]*[A-Za-z]{3,}[^""\\]*""", RegexOptions.Compiled);

        private static readonly string[] WordingFiles =
        {
            "Domain/FollowUp/AdvocacyTaskPlanner.cs",
            "Domain/FollowUp/CadencePlanner.cs",
            "Domain/Impact/ImpactScorer.cs",
            "Domain/Assignment/AdvocateSelection.cs",
            "Domain/Assignment/AdvocacyHandOver.cs",
        };

        internal static string[] LiteralMessages(string code) =>
            code.Split('\n').Where(line => LiteralMessage.IsMatch(line)).Select(line => line.Trim()).ToArray();

        internal static string[] WordsInCode(string code) =>
            code.Split('\n')
                .Select(line => line.Trim())
                .Where(line => !line.StartsWith("//", System.StringComparison.Ordinal))
                // Programmer errors (a caller broke a contract) and settings names are for developers, not users.
                .Where(line => !Regex.IsMatch(line, @"Argument(Null|OutOfRange)?Exception|nameof\(|Require\("))
                .Where(line => WordLiteral.IsMatch(line))
                .ToArray();

        [TestMethod]
        public void No_error_a_user_reads_is_an_English_literal()
        {
            var found = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .SelectMany(f => LiteralMessages(File.ReadAllText(f)).Select(line => Path.GetRelativePath(Source, f) + ": " + line))
                .ToList();

            Assert.IsEmpty(found, string.Join("\n", found));
        }

        [TestMethod]
        public void The_files_that_word_tasks_reasons_and_explanations_hold_no_words_of_their_own()
        {
            var found = WordingFiles
                .SelectMany(f => WordsInCode(File.ReadAllText(Path.Combine(Source, f))).Select(line => f + ": " + line))
                .ToList();

            Assert.IsEmpty(found, string.Join("\n", found));
        }

        [TestMethod]
        public void The_scan_finds_what_it_looks_for()
        {
            CollectionAssert.AreEqual(new[] { "throw new AdvocacyInputException(\"Enter a subject.\");" },
                LiteralMessages("throw new AdvocacyInputException(\"Enter a subject.\");\nthrow new AdvocacyInputException(Phrase.Of(TextKey.ErrorMaxTasks));"));
            Assert.HasCount(1, LiteralMessages("throw new ImpactInputException(nameof(facts.Kind), \"The kind is not known.\");"));
            Assert.HasCount(1, LiteralMessages("throw new InvalidPluginExecutionException(\"The step expects an entity as Target.\");"));
            Assert.HasCount(1, LiteralMessages("throw new InvalidPluginExecutionException(\"Could not create \" + kind);"));
            Assert.HasCount(1, LiteralMessages("throw new AdvocacyInputException(\"Account missing.\", ex);"));
            Assert.IsEmpty(LiteralMessages("throw new FeedbackInputException(\"Nps\", Phrase.Of(TextKey.ErrorNpsRange, nps));"), "a field name is not a message");
            CollectionAssert.AreEqual(new[] { "string t = \"Proactive check-in: \" + name;" },
                WordsInCode("string t = \"Proactive check-in: \" + name;\n// a \"comment\" here\nreturn \"; \";\nthrow new ArgumentNullException(nameof(x), \"no words here\");"));
        }
    }
}
