using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Packaging;
using Advocacy.Plugins.Tests.Packaging;
using Advocacy.Registration;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Advocacy.Plugins.Tests.SolutionSchema.PackedSolution;

namespace Advocacy.Plugins.Tests.SolutionSchema
{
    /// <summary>
    /// The core solution imports into a Customer Service org without Sales: nothing in it names a Sales table. Late-
    /// delivery detection — the order lookup on the inconvenience, its relationship and the salesorder step — ships as
    /// the CustomerAdvocacySales extension, which depends on the core and on Sales.
    /// </summary>
    [TestClass]
    public sealed class SalesExtensionTests
    {
        private static IReadOnlyDictionary<string, byte[]> Pack(string folder, StepScope scope, out PluginAssemblyRegistration registration)
        {
            string assembly = PackagingTestSupport.RequireDeployableAssembly();
            registration = scope.Apply(RegistrationReader.ReadFile(assembly));
            var files = SolutionPacker.ReadFolder(Path.Combine(PackagingTestSupport.RepoRoot, folder));
            return SolutionPacker.BuildEntries(files, registration, File.ReadAllBytes(assembly), managed: true, version: "1.2.3.4", includeAssembly: scope.IncludesAssembly);
        }

        private static string Text(IReadOnlyDictionary<string, byte[]> entries, string name) => System.Text.Encoding.UTF8.GetString(entries[name]);

        [TestMethod]
        public void The_core_names_no_Sales_table_and_keeps_every_other_step()
        {
            var entries = Pack("solution", ProductSolutions.Core, out var registration);
            foreach (var entry in entries.Where(e => e.Key.EndsWith(".xml", StringComparison.Ordinal)))
            {
                foreach (var table in ProductSolutions.SalesTables)
                {
                    StringAssert.DoesNotMatch(Text(entries, entry.Key), new System.Text.RegularExpressions.Regex(table, System.Text.RegularExpressions.RegexOptions.IgnoreCase),
                        entry.Key + " names " + table + ": the core would not import without Sales");
                }
            }

            var all = RegistrationReader.ReadFile(PackagingTestSupport.DeployableAssembly).Steps.ToList();
            var steps = XDocument.Parse(Text(entries, "customizations.xml")).Descendants("SdkMessageProcessingStep").Select(s => (string)s.Attribute("Name")!).ToList();
            CollectionAssert.AreEquivalent(all.Where(s => s.PrimaryEntity != "salesorder").Select(s => s.Name).ToArray(), steps.ToArray());
            Assert.IsTrue(entries.Keys.Any(k => k.StartsWith("PluginAssemblies/", StringComparison.Ordinal)), "the core ships the assembly");
            Assert.IsTrue(entries.Keys.Any(k => k.StartsWith("customapis/", StringComparison.Ordinal)), "and the Custom APIs");
            Assert.IsTrue(registration.Steps.Any());
        }

        [TestMethod]
        public void The_extension_ships_the_order_lookup_and_only_the_Sales_steps()
        {
            var entries = Pack("solution-sales", ProductSolutions.Sales, out _);
            var customizations = XDocument.Parse(Text(entries, "customizations.xml"));
            var steps = customizations.Descendants("SdkMessageProcessingStep").ToList();
            Assert.HasCount(1, steps);
            Assert.AreEqual("Advocacy: detect late delivery", (string)steps[0].Attribute("Name")!);
            Assert.IsFalse(customizations.Descendants("PluginAssembly").Any(), "the assembly and its types belong to the core");
            Assert.IsFalse(entries.Keys.Any(k => k.StartsWith("PluginAssemblies/", StringComparison.Ordinal) || k.StartsWith("customapis/", StringComparison.Ordinal)));
            Assert.AreEqual("adv_orderid", customizations.Descendants("attribute").Single().Element("LogicalName")!.Value);
            Assert.AreEqual("adv_salesorder_adv_inconvenience_orderid", (string)customizations.Descendants("EntityRelationship").Single(r => r.Element("EntityRelationshipType") != null).Attribute("Name")!);

            var manifest = XDocument.Parse(Text(entries, "solution.xml")).Root!.Element("SolutionManifest")!;
            Assert.AreEqual("CustomerAdvocacySales", manifest.Element("UniqueName")!.Value);
            Assert.AreEqual("1.2.3.4", manifest.Element("Version")!.Value);
            var roots = manifest.Element("RootComponents")!.Elements().ToList();
            Assert.IsTrue(roots.Any(r => (string)r.Attribute("type")! == "1" && (string)r.Attribute("schemaName")! == "adv_inconvenience" && (string)r.Attribute("behavior")! == "2"),
                "the core's table, without its metadata: only the added column");
            Assert.AreEqual(1, roots.Count(r => (string)r.Attribute("type")! == "92"), "the step");
            Assert.IsFalse(roots.Any(r => (string)r.Attribute("type")! == "91"), "no assembly");
            var required = manifest.Descendants("Required").Select(r => (string)r.Attribute("solution")! + ":" + (string)r.Attribute("schemaName")!).ToList();
            CollectionAssert.IsSubsetOf(new[] { "Sales:salesorder", "CustomerAdvocacy:adv_inconvenience" }, required);
        }

        [TestMethod]
        public void The_sandbox_and_the_demo_load_both_solutions_and_the_core_alone_has_no_order_column()
        {
            string core = DataverseSandbox.FindSolutionFolder() ?? throw new AssertInconclusiveException("solution/ not found above the test assembly");
            var folders = DataverseSandbox.WithExtensions(core);
            CollectionAssert.AreEqual(new[] { "solution", "solution-sales" }, folders.Select(Path.GetFileName).ToArray());
            Assert.IsTrue(DataverseSandbox.ForRepository().Metadata.ColumnExists("adv_inconvenience", "adv_orderid"));
            Assert.IsFalse(SandboxMetadata.FromSolution(core).ColumnExists("adv_inconvenience", "adv_orderid"));
        }
    }
}
