using System;
using System.IO;
using System.Linq;
using Advocacy.Cli;
using Advocacy.Plugins.Tests.Packaging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Cli
{
    /// <summary>Issue 14: usage errors exit 2, failures exit 1 with one line and no stack trace, output is printable.</summary>
    [TestClass]
    public sealed class CliBadInputTests
    {
        private static (int Code, string Output, string Error) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = Program.Run(args, output, error);
            return (code, output.ToString(), error.ToString());
        }

        private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        [TestMethod]
        [DataRow("pack", "--nonsense")]
        [DataRow("pack", "--folder", "x")]
        [DataRow("pack", "--folder", "x", "--assembly", "y", "--output", "z", "--package-type", "Sideways")]
        [DataRow("unpack", "--zip", "x.zip")]
        [DataRow("frobnicate")]
        [DataRow("pack", "--folder", "x", "--assembly", "y", "--output", "z", "--steps-only-on", "a", "--no-steps-on", "b")]
        public void Usage_errors_exit_2(params string[] args)
        {
            var (code, _, error) = Run(args);

            Assert.AreEqual(2, code, error);
            Assert.IsFalse(error.Contains("   at "), error);
        }

        [TestMethod]
        public void A_failure_is_one_line_with_exit_1_and_the_stack_trace_only_with_verbose()
        {
            string temp = PackagingTestSupport.NewTempFolder();
            string zip = Path.Combine(temp, "garbage.zip");
            File.WriteAllText(zip, "not a zip");

            var (code, _, error) = Run("unpack", "--zip", zip, "--folder", Path.Combine(temp, "out"));

            Assert.AreEqual(1, code);
            Assert.AreEqual(1, Lines(error).Length, error);
            StringAssert.StartsWith(error, "advocacy unpack: Not a readable zip file");
            Assert.IsFalse(Directory.Exists(Path.Combine(temp, "out")));

            var (verboseCode, _, verboseError) = Run("unpack", "--zip", zip, "--folder", Path.Combine(temp, "out"), "--verbose");
            Assert.AreEqual(1, verboseCode);
            StringAssert.Contains(verboseError, "   at ");
        }

        [TestMethod]
        public void Pack_failures_on_garbage_inputs_are_one_line()
        {
            string temp = PackagingTestSupport.NewTempFolder();
            string garbage = Path.Combine(temp, "garbage.dll");
            File.WriteAllBytes(garbage, new byte[] { 1, 2, 3 });

            foreach (string[] args in new[]
            {
                new[] { "pack", "--folder", PackagingTestSupport.FixtureFolder, "--assembly", garbage, "--output", temp },
                new[] { "pack", "--folder", PackagingTestSupport.FixtureFolder, "--assembly", temp, "--output", temp },
                new[] { "pack", "--folder", garbage, "--assembly", garbage, "--output", temp },
                new[] { "report", "--json", garbage },
                new[] { "report", "--json", Path.Combine(temp, "missing.json") },
            })
            {
                var (code, _, error) = Run(args);
                Assert.AreEqual(1, code, string.Join(" ", args) + "\n" + error);
                Assert.AreEqual(1, Lines(error).Length, error);
            }
        }

        [TestMethod]
        public void Unpack_keeps_files_not_in_the_zip_unless_delete_missing()
        {
            string temp = PackagingTestSupport.NewTempFolder();
            string zip = Path.Combine(temp, "in.zip");
            File.WriteAllBytes(zip, HostileZipTests.RawZip(HostileZipTests.FixtureEntries()));
            string folder = Path.Combine(temp, "out");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "extra.txt"), "x");

            var (code, output, _) = Run("unpack", "--zip", zip, "--folder", folder);
            Assert.AreEqual(0, code);
            StringAssert.Contains(output, "kept extra.txt");
            Assert.IsTrue(File.Exists(Path.Combine(folder, "extra.txt")));

            (code, output, _) = Run("unpack", "--zip", zip, "--folder", folder, "--delete-missing");
            Assert.AreEqual(0, code);
            StringAssert.Contains(output, "deleted extra.txt");
            Assert.IsFalse(File.Exists(Path.Combine(folder, "extra.txt")));
        }

        [TestMethod]
        public void Report_strips_control_characters_and_ansi_escapes_from_labels()
        {
            string temp = PackagingTestSupport.NewTempFolder();
            string json = Path.Combine(temp, "report.json");
            string row = "{\"label\":\"%L%\",\"nps\":null,\"averageCsat\":null,\"openTasks\":0,\"overdueTasks\":0,\"inconveniences\":0,\"inconveniencesByBand\":{\"high\":0,\"severe\":0}}";
            File.WriteAllText(json, "{\"overall\":" + row.Replace("%L%", "All \\u001b[2J\\u001b[31maccounts\\u001b[0m") +
                ",\"byTier\":[" + row.Replace("%L%", "Key\\u0007\\u0008\\r\\u009b") + "],\"byAdvocate\":[" + row.Replace("%L%", "\\u001b]0;owned\\u0007Dana") + "]}");

            var (code, output, error) = Run("report", "--json", json);

            Assert.AreEqual(0, code, error);
            Assert.IsFalse(output.Replace("\n", "").Any(char.IsControl), output);
            StringAssert.Contains(output, "All accounts");
            StringAssert.Contains(output, "Key ");
            StringAssert.Contains(output, "Dana");
            Assert.IsFalse(output.Contains("owned"), output);
        }

        [TestMethod]
        public void Demo_refuses_an_unwritable_report_path_before_the_run()
        {
            string temp = PackagingTestSupport.NewTempFolder();
            string file = Path.Combine(temp, "a-file");
            File.WriteAllText(file, "x");

            foreach (string path in new[] { Path.Combine(file, "report.json"), temp, Path.Combine(temp, "missing", "report.json") })
            {
                var (code, output, error) = Run("demo", "--report-json", path);

                Assert.AreEqual(1, code, error);
                Assert.AreEqual(1, Lines(error).Length, error);
                StringAssert.StartsWith(error, "advocacy demo: cannot write the report JSON to " + path);
                Assert.AreEqual("", output, "the demo must not run");
            }

            CollectionAssert.AreEqual(new[] { "a-file" }, Directory.EnumerateFileSystemEntries(temp).Select(Path.GetFileName).ToArray());
        }

        [TestMethod]
        public void Demo_report_json_to_a_writable_path_still_works()
        {
            string temp = PackagingTestSupport.NewTempFolder();
            string path = Path.Combine(temp, "report.json");

            var (code, output, error) = Run("demo", "--report-json", path);

            Assert.AreEqual(0, code, error);
            StringAssert.Contains(output, "Report JSON written to " + path);
            StringAssert.Contains(File.ReadAllText(path), "\"overall\"");
        }
    }
}
