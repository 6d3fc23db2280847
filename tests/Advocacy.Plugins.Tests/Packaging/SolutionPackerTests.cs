using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Packaging;
using Advocacy.Registration;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Packaging
{
    [TestClass]
    public sealed class SolutionPackerTests
    {
        private static IReadOnlyDictionary<string, byte[]> PackFixture(bool managed = false, string? version = null) =>
            SolutionPacker.BuildEntries(
                SolutionPacker.ReadFolder(PackagingTestSupport.FixtureFolder),
                PackagingTestSupport.TestAssemblyRegistration(),
                PackagingTestSupport.TestAssemblyBytes(),
                managed,
                version);

        [TestMethod]
        public void Fixture_files_are_canonical()
        {
            foreach (KeyValuePair<string, byte[]> file in SolutionPacker.ReadFolder(PackagingTestSupport.FixtureFolder))
            {
                Assert.IsTrue(CanonicalXml.IsCanonical(file.Value), $"{file.Key} is not in the canonical form the unpacker writes");
            }
        }

        [TestMethod]
        public void Unpack_of_pack_reproduces_the_folder_byte_for_byte()
        {
            SortedDictionary<string, byte[]> source = SolutionPacker.ReadFolder(PackagingTestSupport.FixtureFolder);
            byte[] zip = DeterministicZip.Write(PackFixture());
            IReadOnlyDictionary<string, byte[]> unpacked = SolutionUnpacker.Split(DeterministicZip.Read(new MemoryStream(zip)));
            CollectionAssert.AreEqual(source.Keys.ToArray(), unpacked.Keys.ToArray());
            foreach (KeyValuePair<string, byte[]> file in source)
            {
                CollectionAssert.AreEqual(file.Value, unpacked[file.Key], $"{file.Key} differs after pack → unpack");
            }
        }

        [TestMethod]
        public void Round_trip_through_files_and_the_cli_api()
        {
            string temp = PackagingTestSupport.NewTempFolder();
            string assembly = Path.Combine(temp, "asm", Path.GetFileName(typeof(SampleRegisteredPlugin).Assembly.Location));
            Directory.CreateDirectory(Path.GetDirectoryName(assembly)!);
            File.Copy(typeof(SampleRegisteredPlugin).Assembly.Location, assembly);
            IReadOnlyList<string> zips = SolutionPacker.Pack(new PackRequest
            {
                SolutionFolder = PackagingTestSupport.FixtureFolder,
                AssemblyPath = assembly,
                OutputDirectory = Path.Combine(temp, "out"),
                Registration = PackagingTestSupport.TestAssemblyRegistration(),
            });
            CollectionAssert.AreEqual(new[] { "MiniAdvocacy.zip", "MiniAdvocacy_managed.zip" }, zips.Select(Path.GetFileName).ToArray());

            string unpacked = Path.Combine(temp, "unpacked");
            SolutionUnpacker.Unpack(zips[0], unpacked);
            SortedDictionary<string, byte[]> expected = SolutionPacker.ReadFolder(PackagingTestSupport.FixtureFolder);
            SortedDictionary<string, byte[]> actual = SolutionPacker.ReadFolder(unpacked);
            CollectionAssert.AreEqual(expected.Keys.ToArray(), actual.Keys.ToArray());
            foreach (string key in expected.Keys)
            {
                CollectionAssert.AreEqual(expected[key], actual[key], key);
            }

            Directory.Delete(temp, recursive: true);
        }

        [TestMethod]
        public void Same_input_gives_the_same_bytes()
        {
            byte[] first = DeterministicZip.Write(PackFixture());
            byte[] second = DeterministicZip.Write(PackFixture());
            CollectionAssert.AreEqual(first, second);
        }

        [TestMethod]
        public void Managed_zip_says_managed_and_carries_the_version()
        {
            XElement manifest = Xml(PackFixture(managed: true, version: "2.3.4.5"), "solution.xml").Element("SolutionManifest")!;
            Assert.AreEqual("1", manifest.Element("Managed")!.Value);
            Assert.AreEqual("2.3.4.5", manifest.Element("Version")!.Value);
            Assert.AreEqual("0", Xml(PackFixture(), "solution.xml").Element("SolutionManifest")!.Element("Managed")!.Value);
        }

        [TestMethod]
        [DataRow("1.0.0")]
        [DataRow("1.0.0.0.0")]
        [DataRow("1.0.x.0")]
        [DataRow("1.0.-1.0")]
        [DataRow("1.0.2147483648.0")]
        [DataRow(" ")]
        public void A_version_that_is_not_four_whole_numbers_is_refused_naming_it(string version)
        {
            var error = Assert.ThrowsExactly<InvalidDataException>(() => PackFixture(version: version));
            StringAssert.Contains(error.Message, "'" + version + "'");
            StringAssert.Contains(error.Message, "four-part version");
        }

        [TestMethod]
        public void Both_zips_of_one_pack_carry_the_same_version()
        {
            string temp = PackagingTestSupport.NewTempFolder();
            var zips = SolutionPacker.Pack(new PackRequest
            {
                SolutionFolder = PackagingTestSupport.FixtureFolder,
                AssemblyPath = typeof(PackagingTestSupport).Assembly.Location,
                Registration = PackagingTestSupport.TestAssemblyRegistration(),
                OutputDirectory = temp,
                PackageType = SolutionPackageType.Both,
                Version = "3.1.4.1",
            });

            Assert.HasCount(2, zips);
            foreach (string zip in zips)
            {
                using var archive = System.IO.Compression.ZipFile.OpenRead(zip);
                using var stream = archive.GetEntry("solution.xml")!.Open();
                Assert.AreEqual("3.1.4.1", XDocument.Load(stream).Root!.Element("SolutionManifest")!.Element("Version")!.Value, zip);
            }

            Directory.Delete(temp, recursive: true);
        }

        [TestMethod]
        public void Root_components_and_customizations_match_both_ways()
        {
            IReadOnlyDictionary<string, byte[]> entries = PackFixture();
            AssertStructure(entries, PackagingTestSupport.TestAssemblyRegistration());
        }

        [TestMethod]
        public void Steps_in_the_zip_are_the_attributes_in_the_assembly()
        {
            IReadOnlyDictionary<string, byte[]> entries = PackFixture();
            AssertStepsMatch(entries, PackagingTestSupport.TestAssemblyRegistration());
        }

        [TestMethod]
        public void Custom_api_files_are_generated()
        {
            IReadOnlyDictionary<string, byte[]> entries = PackFixture();
            XElement api = Xml(entries, "customapis/adv_SampleApi/customapi.xml");
            PluginTypeRegistration type = PackagingTestSupport.TestAssemblyRegistration().FindType(typeof(SampleRegisteredPlugin).FullName!)!;
            Assert.AreEqual("{" + type.Id.ToString("D") + "}", api.Element("plugintypeid")!.Element("plugintypeid")!.Value);
            Assert.AreEqual("1", api.Element("isfunction")!.Value);
            Assert.AreEqual("5", Xml(entries, "customapis/adv_SampleApi/customapirequestparameters/AccountId/customapirequestparameter.xml").Element("type")!.Value);
            Assert.IsNull(Xml(entries, "customapis/adv_SampleApi/customapiresponseproperties/Remaining/customapiresponseproperty.xml").Element("isoptional"));
        }

        [TestMethod]
        public void Full_unpack_writes_the_generated_components_as_SolutionPackager_does()
        {
            PluginAssemblyRegistration registration = PackagingTestSupport.TestAssemblyRegistration();
            IReadOnlyDictionary<string, byte[]> files = SolutionUnpacker.Split(PackFixture(), includeGenerated: true);
            string dll = PluginComponents.AssemblyZipPath(registration);
            Assert.IsTrue(files.ContainsKey(dll));
            Assert.IsTrue(files.ContainsKey(dll + ".data.xml"));
            foreach (StepRegistration step in registration.Steps)
            {
                Assert.IsTrue(files.ContainsKey($"SdkMessageProcessingSteps/{{{step.Id:D}}}.xml"), step.Name);
            }

            Assert.IsTrue(files.ContainsKey("customapis/adv_SampleApi/customapi.xml"));

            // Packing that full layout again regenerates the same components: the same zip.
            IReadOnlyDictionary<string, byte[]> repacked = SolutionPacker.BuildEntries(files, registration, PackagingTestSupport.TestAssemblyBytes(), managed: false, version: null);
            CollectionAssert.AreEqual(DeterministicZip.Write(PackFixture()), DeterministicZip.Write(repacked));
        }

        [TestMethod]
        public void Packs_the_deployable_net462_assembly()
        {
            string path = PackagingTestSupport.RequireDeployableAssembly();
            PluginAssemblyRegistration registration = RegistrationReader.ReadFile(path);
            IReadOnlyDictionary<string, byte[]> entries = SolutionPacker.BuildEntries(
                SolutionPacker.ReadFolder(PackagingTestSupport.FixtureFolder), registration, File.ReadAllBytes(path), managed: false, version: null);
            AssertStructure(entries, registration);
            AssertStepsMatch(entries, RegistrationReader.ReadFile(path));
            CollectionAssert.AreEqual(File.ReadAllBytes(path), entries[PluginComponents.AssemblyZipPath(registration)]);
        }

        [TestMethod]
        [DataRow("solution")]
        [DataRow("solution-sales")]
        public void Packs_and_unpacks_the_real_solution_folder(string name)
        {
            string folder = Path.Combine(PackagingTestSupport.RepoRoot, name);
            if (!File.Exists(Path.Combine(folder, "Other", "Solution.xml")))
            {
                Assert.Inconclusive("solution/Other/Solution.xml does not exist yet.");
            }

            PluginAssemblyRegistration registration = PackagingTestSupport.TestAssemblyRegistration();
            SortedDictionary<string, byte[]> source = SolutionPacker.ReadFolder(folder);
            IReadOnlyDictionary<string, byte[]> entries = SolutionPacker.BuildEntries(source, registration, PackagingTestSupport.TestAssemblyBytes(), managed: false, version: null);
            AssertStructure(entries, registration);
            IReadOnlyDictionary<string, byte[]> unpacked = SolutionUnpacker.Split(entries);
            CollectionAssert.AreEquivalent(source.Keys.ToArray(), unpacked.Keys.ToArray(), "the same files come back");
            var notCanonical = new List<string>();
            foreach (KeyValuePair<string, byte[]> file in source)
            {
                if (file.Key.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.IsTrue(XNode.DeepEquals(CanonicalXml.Parse(file.Value), CanonicalXml.Parse(unpacked[file.Key])), $"{file.Key} changes meaning after pack → unpack");
                    if (!file.Value.AsSpan().SequenceEqual(unpacked[file.Key]))
                    {
                        notCanonical.Add(file.Key);
                    }
                }
                else
                {
                    CollectionAssert.AreEqual(file.Value, unpacked[file.Key], file.Key);
                }
            }

            // solution/ is kept in the packer's canonical form, so an admin's export brought back with unpack
            // shows up in a diff as exactly what changed, not as whitespace noise.
            Assert.AreEqual(0, notCanonical.Count, $"Not in canonical form (same content, different bytes) — run `advocacy unpack` over them: {string.Join(", ", notCanonical)}");
        }

        internal static void AssertStructure(IReadOnlyDictionary<string, byte[]> entries, PluginAssemblyRegistration registration)
        {
            XElement manifest = Xml(entries, "solution.xml").Element("SolutionManifest")!;
            XElement customizations = Xml(entries, "customizations.xml");
            List<(string Type, string Key)> roots = manifest.Element("RootComponents")!.Elements("RootComponent")
                .Select(r => ((string)r.Attribute("type")!, Key((string?)r.Attribute("schemaName") ?? (string)r.Attribute("id")!))).ToList();

            var declared = new HashSet<(string, string)>();
            foreach (XElement entity in customizations.Element("Entities")?.Elements("Entity") ?? Enumerable.Empty<XElement>())
            {
                declared.Add(("1", Key(entity.Element("Name")!.Value)));
            }

            var known = new HashSet<(string, string)>();
            foreach (XElement dashboard in customizations.Element("Dashboards")?.Elements() ?? Enumerable.Empty<XElement>())
            {
                declared.Add(("60", Key(dashboard.Element("FormId")!.Value)));
            }

            foreach (XElement form in customizations.Element("Entities")?.Descendants("systemform") ?? Enumerable.Empty<XElement>())
            {
                known.Add(("60", Key(form.Element("formid")!.Value)));
            }

            foreach (XElement optionSet in customizations.Element("optionsets")?.Elements() ?? Enumerable.Empty<XElement>())
            {
                declared.Add(("9", Key((string)optionSet.Attribute("Name")!)));
            }

            foreach (XElement role in customizations.Element("Roles")?.Elements() ?? Enumerable.Empty<XElement>())
            {
                declared.Add(("20", Key((string)role.Attribute("id")!)));
            }

            foreach (XElement map in customizations.Element("AppModuleSiteMaps")?.Elements() ?? Enumerable.Empty<XElement>())
            {
                declared.Add(("62", Key(map.Element("SiteMapUniqueName")!.Value)));
            }

            foreach (XElement app in customizations.Element("AppModules")?.Elements() ?? Enumerable.Empty<XElement>())
            {
                declared.Add(("80", Key(app.Element("UniqueName")!.Value)));
            }

            foreach (string path in entries.Keys.Where(k => k.StartsWith("environmentvariabledefinitions/", StringComparison.Ordinal) && k.EndsWith("/environmentvariabledefinition.xml", StringComparison.Ordinal)))
            {
                declared.Add(("380", Key((string)Xml(entries, path).Attribute("schemaname")!)));
            }

            foreach (XElement resource in customizations.Element("WebResources")?.Elements("WebResource") ?? Enumerable.Empty<XElement>())
            {
                declared.Add(("61", Key(resource.Element("Name")!.Value)));
                string file = resource.Element("FileName")!.Value.TrimStart('/');
                Assert.IsTrue(entries.ContainsKey(file), $"customizations.xml names {file}, which is not in the zip");
            }

            foreach (XElement assembly in customizations.Element("SolutionPluginAssemblies")!.Elements("PluginAssembly"))
            {
                declared.Add(("91", Key((string)assembly.Attribute("FullName")!)));
                string file = assembly.Element("FileName")!.Value.TrimStart('/');
                Assert.IsTrue(entries.ContainsKey(file), $"customizations.xml names {file}, which is not in the zip");
            }

            foreach (XElement step in customizations.Element("SdkMessageProcessingSteps")?.Elements("SdkMessageProcessingStep") ?? Enumerable.Empty<XElement>())
            {
                declared.Add(("92", Key((string)step.Attribute("SdkMessageProcessingStepId")!)));
            }

            var checkedTypes = new HashSet<string> { "1", "9", "20", "60", "61", "62", "80", "91", "92", "380" };
            foreach ((string type, string key) in roots.Where(r => checkedTypes.Contains(r.Type)))
            {
                Assert.IsTrue(declared.Contains((type, key)) || known.Contains((type, key)), $"root component type {type} '{key}' is not in the package");
            }

            foreach ((string type, string key) in declared)
            {
                Assert.Contains((type, key), roots, $"component type {type} '{key}' has no root component in solution.xml");
            }

            Assert.AreEqual(1, entries.Keys.Count(k => k.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)), "only the plug-in assembly is packed");
            Assert.IsTrue(entries.ContainsKey("[Content_Types].xml"));
            Assert.AreEqual(registration.FullName, (string)customizations.Element("SolutionPluginAssemblies")!.Element("PluginAssembly")!.Attribute("FullName")!);
        }

        internal static void AssertStepsMatch(IReadOnlyDictionary<string, byte[]> entries, PluginAssemblyRegistration registration)
        {
            XElement customizations = Xml(entries, "customizations.xml");
            var inZip = (customizations.Element("SdkMessageProcessingSteps")?.Elements("SdkMessageProcessingStep") ?? Enumerable.Empty<XElement>()).Select(s =>
                $"{Key((string)s.Attribute("SdkMessageProcessingStepId")!)}|{(string)s.Attribute("Name")!}|{s.Element("PluginTypeName")!.Value.Split(',')[0]}|" +
                $"{s.Element("PrimaryEntity")?.Value}|{s.Element("Stage")!.Value}|{s.Element("Mode")!.Value}|{s.Element("Rank")!.Value}|" +
                $"{s.Element("FilteringAttributes")!.Value}|{s.Element("AsyncAutoDelete")!.Value}|" +
                string.Join(";", s.Element("SdkMessageProcessingStepImages")!.Elements().Select(i =>
                    $"{Key(i.Element("SdkMessageProcessingStepImageId")!.Value)}/{i.Element("EntityAlias")!.Value}/{i.Element("ImageType")!.Value}/{i.Element("Attributes")?.Value}")))
                .OrderBy(x => x, StringComparer.Ordinal).ToArray();
            string[] inAssembly = registration.Steps.Select(s =>
                $"{s.Id:D}|{s.Name}|{s.PluginTypeName}|{s.PrimaryEntity}|{(int)s.Stage}|{(int)s.Mode}|{s.Rank}|{string.Join(",", s.FilteringAttributes)}|{(s.AsyncAutoDelete ? 1 : 0)}|" +
                string.Join(";", s.Images.Select(i => $"{i.Id:D}/{i.EntityAlias}/{(int)i.ImageType}/{string.Join(",", i.Attributes)}")))
                .OrderBy(x => x, StringComparer.Ordinal).ToArray();
            CollectionAssert.AreEqual(inAssembly, inZip);
        }

        private static XElement Xml(IReadOnlyDictionary<string, byte[]> entries, string path) => CanonicalXml.Parse(entries[path]).Root!;

        private static string Key(string value) => value.Trim().Trim('{', '}').ToLowerInvariant();
    }
}
