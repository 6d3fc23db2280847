using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Advocacy.Plugins.Tests.Packaging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Sandbox.Testing
{
    /// <summary>
    /// The NuGet package of the sandbox and the stand-alone sample that uses only it (samples/SandboxSample, run by
    /// eng/sample.sh: pack, restore from the package folder, build, test).
    /// </summary>
    [TestClass]
    [DoNotParallelize] // both build with MSBuild in the repository's folders
    public class SandboxPackageTests
    {
        private static string Root => PackagingTestSupport.RepoRoot;

        [TestMethod]
        public void The_package_carries_the_sandbox_the_offline_sdk_and_its_readme_and_depends_only_on_the_registry()
        {
            string output = Support.TestRunFolders.New("sandbox-pack-");
            try
            {
                // --no-build: packs what the test run already built, in the configuration these tests were built in.
                var (exit, log) = Run("dotnet", $"pack src/Advocacy.Sandbox --no-build -p:BuildProjectReferences=false -c {Configuration} -o \"{output}\" --nologo", TimeSpan.FromMinutes(3));
                Assert.AreEqual(0, exit, log);
                string package = Directory.GetFiles(output, "*.nupkg").Single();
                using var zip = ZipFile.OpenRead(package);
                var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
                XNamespace ns = nuspec.Root!.Name.Namespace;
                var metadata = nuspec.Root!.Element(ns + "metadata")!;

                Assert.AreEqual("Advocacy.Dataverse.Sandbox", metadata.Element(ns + "id")!.Value);
                Assert.AreEqual(new Version(AdvocacyVersion()).ToString(3), metadata.Element(ns + "version")!.Value);
                Assert.AreEqual("README.md", metadata.Element(ns + "readme")!.Value);
                string readme = new StreamReader(zip.GetEntry("README.md")!.Open()).ReadToEnd();
                StringAssert.Contains(readme, "ExecutePluginWithTarget");
                StringAssert.Contains(readme, "FromSolutionFolders");
                CollectionAssert.AreEquivalent(
                    new[] { "Advocacy.Sandbox.dll", "Advocacy.Registration.dll", "Microsoft.Xrm.Sdk.dll", "Microsoft.Crm.Sdk.Proxy.dll", "Microsoft.Xrm.Sdk.Workflow.dll", "System.Activities.dll" },
                    zip.Entries.Where(e => e.FullName.StartsWith("lib/net10.0/", StringComparison.Ordinal) && e.Name.EndsWith(".dll", StringComparison.Ordinal)).Select(e => e.Name).ToList());
                // Project references travel inside; the package dependencies are in the registry (no package named after a
                // project): the registration reader's, and WCF's primitives for FaultException<OrganizationServiceFault>.
                var dependencies = metadata.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToList();
                CollectionAssert.AreEquivalent(new[] { "System.Reflection.MetadataLoadContext", "System.ServiceModel.Primitives" }, dependencies);
            }
            finally
            {
                Directory.Delete(output, recursive: true);
            }
        }

        [TestMethod]
        public void The_sample_references_only_the_package_at_the_version_the_build_packs()
        {
            string sample = Path.Combine(Root, "samples", "SandboxSample");
            var project = XDocument.Load(Path.Combine(sample, "SandboxSample.csproj"));
            Assert.IsFalse(project.Descendants("ProjectReference").Any(), "the sample must see the sandbox only through its package");
            CollectionAssert.AreEquivalent(new[] { "Advocacy.Dataverse.Sandbox", "MSTest" },
                project.Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!).ToList());
            var versions = XDocument.Load(Path.Combine(sample, "Directory.Packages.props")).Descendants("PackageVersion")
                .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);
            Assert.AreEqual(new Version(AdvocacyVersion()).ToString(3), versions["Advocacy.Dataverse.Sandbox"]);
            // The repository's MSTest version, so eng/sample.sh finds it (and its dependencies) in the packages the suite restored.
            var central = XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
                .Single(p => (string)p.Attribute("Include")! == "MSTest");
            Assert.AreEqual((string)central.Attribute("Version")!, versions["MSTest"]);
            // The sample's own props stop the repository's (central versions, warnings as errors) from reaching it.
            Assert.IsTrue(File.Exists(Path.Combine(sample, "Directory.Build.props")));
            StringAssert.Contains(File.ReadAllText(Path.Combine(sample, "nuget.config")), "../../artifacts/packages");
        }

        [TestMethod]
        public void The_sample_plug_in_project_passes_its_tests_against_the_packed_sandbox()
        {
            if (!string.Equals(Configuration, "Release", StringComparison.Ordinal))
            {
                Assert.Inconclusive("eng/sample.sh packs the Release build; run the suite with -c Release.");
            }
            // A stale copy of the package in the global packages folder (any consumer project restored by hand leaves one)
            // is read before the package folder; this one has no assemblies, so the sample cannot build if it is taken.
            string version = new Version(AdvocacyVersion()).ToString(3);
            var (_, locals) = Run("dotnet", "nuget locals global-packages --list", TimeSpan.FromMinutes(1));
            string global = Regex.Match(locals, @"global-packages:\s*(.+)").Groups[1].Value.Trim();
            string stale = Path.Combine(global, "advocacy.dataverse.sandbox", version);
            Directory.CreateDirectory(Path.Combine(stale, "lib", "net10.0"));
            File.WriteAllText(Path.Combine(stale, "advocacy.dataverse.sandbox.nuspec"),
                $"<?xml version=\"1.0\"?><package xmlns=\"http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd\"><metadata><id>Advocacy.Dataverse.Sandbox</id><version>{version}</version><authors>stale</authors><description>stale</description></metadata></package>");
            File.WriteAllText(Path.Combine(stale, $"advocacy.dataverse.sandbox.{version}.nupkg.sha512"), "c3RhbGU=");
            File.WriteAllText(Path.Combine(stale, ".nupkg.metadata"), "{\"version\": 2, \"contentHash\": \"c3RhbGU=\", \"source\": null}");

            var (exit, log) = Run("bash", "eng/sample.sh", TimeSpan.FromMinutes(5));
            Assert.AreEqual(0, exit, log);
            Assert.IsFalse(Directory.Exists(stale), "eng/sample.sh must drop a stale copy of the package from the global folder");
            Assert.IsTrue(Regex.IsMatch(log, @"Failed:\s+0, Passed:\s+[1-9]"), log);
            // Restored from the package folder, not from a project.
            Assert.IsTrue(Directory.Exists(Path.Combine(Root, "artifacts", "sample", "packages", "advocacy.dataverse.sandbox", new Version(AdvocacyVersion()).ToString(3))), log);
        }

        /// <summary>Debug or Release, read from where this test assembly was built (bin/{Configuration}/net10.0).</summary>
        private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

        private static string AdvocacyVersion() =>
            XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("AdvocacyVersion").Single().Value;

        private static (int Exit, string Log) Run(string file, string arguments, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // The test host runs under `dotnet test`: its MSBuild variables would point the child build at the parent's.
            foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(key);
            }
            // The .NET SDK leaves empty scratch folders in the temp directory on every pack and build; give it this run's
            // own, deleted when the run ends.
            start.Environment["TMPDIR"] = Support.TestRunFolders.New("tmp-");
            using var process = Process.Start(start)!;
            var output = new List<string>();
            process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.Add(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.Add(e.Data); } } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{file} {arguments} did not finish within {timeout}.");
            }
            process.WaitForExit();
            lock (output)
            {
                return (process.ExitCode, string.Join(Environment.NewLine, output));
            }
        }
    }
}
