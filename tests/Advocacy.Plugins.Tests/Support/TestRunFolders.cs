using System;
using System.Diagnostics;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Support
{
    /// <summary>
    /// Scratch folders for tests, all under one folder of this test run that is deleted when the run ends: a folder per
    /// test left behind in the temp directory grew it by a few hundred folders every run (18,409 on a developer machine).
    /// Each run has its own root, so two runs side by side never delete each other's files. Set ADVOCACY_KEEP_TEST_FILES=1
    /// to keep them for a look after a failure.
    /// </summary>
    [TestClass]
    public sealed class TestRunFolders
    {
        private static readonly Lazy<string> RunRoot = new(() => Directory.CreateDirectory(Path.Combine(
            Path.GetTempPath(), "advocacy-tests", $"run-{Environment.ProcessId}-{Guid.NewGuid():N}")).FullName);

        /// <summary>This run's root (made on first use).</summary>
        public static string Root => RunRoot.Value;

        /// <summary>A new empty folder under this run's root; the prefix says which test made it.</summary>
        public static string New(string prefix = "") => Directory.CreateDirectory(Path.Combine(Root, prefix + Guid.NewGuid().ToString("N"))).FullName;

        /// <summary>Deletes a run root and everything in it; returns what it could not delete (a file still open), or null.</summary>
        internal static string? Delete(string root)
        {
            try
            {
                if (Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return e.Message;
            }
        }

        [AssemblyCleanup]
        public static void DeleteRunRoot()
        {
            if (!RunRoot.IsValueCreated)
            {
                return;
            }
            if (Environment.GetEnvironmentVariable("ADVOCACY_KEEP_TEST_FILES") == "1")
            {
                Trace.WriteLine($"test files kept in {RunRoot.Value} (ADVOCACY_KEEP_TEST_FILES=1)");
                return;
            }
            var problem = Delete(RunRoot.Value);
            if (problem != null)
            {
                // A cleanup failure must not fail the run; say where the files are.
                Console.Error.WriteLine($"could not delete this test run's files in {RunRoot.Value}: {problem}");
            }
        }
    }
}
