using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Advocacy.Packaging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Packaging
{
    /// <summary>
    /// Web resources in SolutionPackager's layout (WebResources/{Name} + {Name}.data.xml) ↔ the zip (content at the data
    /// file's FileName, the element in customizations.xml's &lt;WebResources&gt;). The layout and the export's FileName
    /// form were checked against SolutionPackager 9.1.0.179 (Extract, then Pack) by hand.
    /// </summary>
    [TestClass]
    public sealed class WebResourcePackingTests
    {
        private static readonly Guid ScriptId = new("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
        private static readonly Guid PageId = new("4f2504e0-4f89-41d3-9a0c-0305e82c3302");
        private static readonly Guid IconId = new("5f2504e0-4f89-41d3-9a0c-0305e82c3303");
        private static readonly Guid StyleId = new("6f2504e0-4f89-41d3-9a0c-0305e82c3304");

        internal static byte[] DataXml(string name, Guid id, int type, string? fileName = "export", string displayName = "Display")
        {
            var data = new XElement("WebResource",
                new XAttribute(XNamespace.Xmlns + "xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                new XElement("WebResourceId", "{" + id.ToString("D") + "}"),
                new XElement("Name", name),
                new XElement("DisplayName", displayName),
                new XElement("WebResourceType", type),
                new XElement("IntroducedVersion", "1.0"),
                new XElement("IsEnabledForMobileClient", 0),
                new XElement("IsAvailableForMobileOffline", 0),
                new XElement("IsCustomizable", 1),
                new XElement("CanBeDeleted", 1),
                new XElement("IsHidden", 0));
            if (fileName != null)
            {
                data.Add(new XElement("FileName", fileName == "export" ? WebResourceLayout.ExportFileName(name, id) : fileName));
            }

            return CanonicalXml.ToBytes(data);
        }

        /// <summary>The fixture plus a script, a page, an SVG icon and a style sheet (binary-looking bytes included).</summary>
        private static SortedDictionary<string, byte[]> FixtureWithWebResources(Action<SortedDictionary<string, byte[]>>? change = null, params string[] roots)
        {
            SortedDictionary<string, byte[]> files = SolutionPacker.ReadFolder(PackagingTestSupport.FixtureFolder);
            Add(files, "adv_/scripts/advocacy.js", ScriptId, 3, Encoding.UTF8.GetBytes("\"use strict\";\r\nvar Advocacy = {};\n"));
            Add(files, "adv_/report/index.html", PageId, 1, Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Report</body></html>"));
            Add(files, "adv_/icons/advocate.svg", IconId, 11, new byte[] { 0xEF, 0xBB, 0xBF, (byte)'<', (byte)'s', (byte)'v', (byte)'g', (byte)'/', (byte)'>', 0x00, 0xFF });
            Add(files, "adv_/report/report.css", StyleId, 2, Encoding.UTF8.GetBytes("body{font:12px sans-serif}"));
            string[] names = roots.Length > 0 ? roots : new[] { "adv_/scripts/advocacy.js", "adv_/report/index.html", "adv_/icons/advocate.svg", "adv_/report/report.css" };
            string solution = Encoding.UTF8.GetString(files["Other/Solution.xml"]);
            files["Other/Solution.xml"] = Encoding.UTF8.GetBytes(solution.Replace("    </RootComponents>",
                string.Concat(names.Select(n => $"      <RootComponent type=\"61\" schemaName=\"{n}\" behavior=\"0\" />\n")) + "    </RootComponents>"));
            string customizations = Encoding.UTF8.GetString(files["Other/Customizations.xml"]);
            files["Other/Customizations.xml"] = Encoding.UTF8.GetBytes(customizations.Replace("  <CustomControls />", "  <WebResources />\n  <CustomControls />"));
            change?.Invoke(files);
            return files;
        }

        private static void Add(IDictionary<string, byte[]> files, string name, Guid id, int type, byte[] content)
        {
            files["WebResources/" + name] = content;
            files["WebResources/" + name + ".data.xml"] = DataXml(name, id, type);
        }

        private static IReadOnlyDictionary<string, byte[]> Pack(IReadOnlyDictionary<string, byte[]> files) =>
            SolutionPacker.BuildEntries(files, PackagingTestSupport.TestAssemblyRegistration(), PackagingTestSupport.TestAssemblyBytes(), managed: false, version: null);

        private static InvalidDataException Refused(Action<SortedDictionary<string, byte[]>> change) =>
            Assert.ThrowsExactly<InvalidDataException>(() => Pack(FixtureWithWebResources(change)));

        [TestMethod]
        [DataRow("adv_/scripts/advocacy.js", "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "/WebResources/adv_scriptsadvocacyjs3f2504e0-4f89-41d3-9a0c-0305e82c3301")]
        [DataRow("new_msicon", "6aa7c568-4830-4da6-89f9-18a8fd9c2285", "/WebResources/new_msicon6aa7c568-4830-4da6-89f9-18a8fd9c2285")]
        [DataRow("adv_/report/my-page.v2.html", "4F2504E0-4F89-41D3-9A0C-0305E82C3302", "/WebResources/adv_reportmypagev2html4f2504e0-4f89-41d3-9a0c-0305e82c3302")]
        public void The_zip_entry_of_a_web_resource_is_named_as_an_export_names_it(string name, string id, string expected)
        {
            // Exports keep letters, digits and '_' of the name and append the id (e.g. "new_msicon" + its id in a real export).
            Assert.AreEqual(expected, WebResourceLayout.ExportFileName(name, Guid.Parse(id)));
        }

        [TestMethod]
        public void Each_web_resource_is_packed_at_its_file_name_and_listed_in_customizations_by_name()
        {
            IReadOnlyDictionary<string, byte[]> entries = Pack(FixtureWithWebResources());

            CollectionAssert.AreEqual(
                Encoding.UTF8.GetBytes("\"use strict\";\r\nvar Advocacy = {};\n"),
                entries["WebResources/adv_scriptsadvocacyjs3f2504e0-4f89-41d3-9a0c-0305e82c3301"],
                "the content goes in unchanged, line ends included");
            Assert.IsFalse(entries.Keys.Any(k => k.EndsWith(".data.xml", StringComparison.Ordinal) || k == "WebResources/adv_/scripts/advocacy.js"),
                "the folder layout's files do not go into the zip");

            XElement section = CanonicalXml.Parse(entries["customizations.xml"]).Root!.Element("WebResources")!;
            CollectionAssert.AreEqual(
                new[] { "adv_/icons/advocate.svg", "adv_/report/index.html", "adv_/report/report.css", "adv_/scripts/advocacy.js" },
                section.Elements("WebResource").Select(w => w.Element("Name")!.Value).ToArray());
            XElement script = section.Elements("WebResource").Single(w => w.Element("Name")!.Value == "adv_/scripts/advocacy.js");
            Assert.AreEqual("{3f2504e0-4f89-41d3-9a0c-0305e82c3301}", script.Element("WebResourceId")!.Value);
            Assert.AreEqual("3", script.Element("WebResourceType")!.Value);
            Assert.AreEqual("/WebResources/adv_scriptsadvocacyjs3f2504e0-4f89-41d3-9a0c-0305e82c3301", script.Element("FileName")!.Value);
            Assert.IsFalse(script.Attributes().Any(), "no namespace declaration repeated inside customizations.xml");

            string contentTypes = Encoding.UTF8.GetString(entries["[Content_Types].xml"]);
            StringAssert.Contains(contentTypes, "PartName=\"/WebResources/adv_scriptsadvocacyjs3f2504e0-4f89-41d3-9a0c-0305e82c3301\"");
            SolutionPackerTests.AssertStructure(entries, PackagingTestSupport.TestAssemblyRegistration());
        }

        [TestMethod]
        public void Unpack_of_pack_gives_back_every_web_resource_byte_for_byte()
        {
            SortedDictionary<string, byte[]> source = FixtureWithWebResources();
            IReadOnlyDictionary<string, byte[]> unpacked = SolutionUnpacker.Split(DeterministicZip.Read(new MemoryStream(DeterministicZip.Write(Pack(source)))));

            CollectionAssert.AreEqual(source.Keys.ToArray(), unpacked.Keys.ToArray());
            foreach (KeyValuePair<string, byte[]> file in source)
            {
                CollectionAssert.AreEqual(file.Value, unpacked[file.Key], $"{file.Key} differs after pack → unpack");
            }
        }

        [TestMethod]
        public void A_data_file_without_a_file_name_is_refused_naming_the_export_name()
        {
            // SolutionPackager packs such a data file without its content: the import would get an empty web resource.
            InvalidDataException e = Refused(f => f["WebResources/adv_/scripts/advocacy.js.data.xml"] = DataXml("adv_/scripts/advocacy.js", ScriptId, 3, fileName: null));
            StringAssert.Contains(e.Message, "<FileName>/WebResources/adv_scriptsadvocacyjs3f2504e0-4f89-41d3-9a0c-0305e82c3301</FileName>");
        }

        [TestMethod]
        public void A_file_name_that_leaves_the_web_resources_folder_is_refused()
        {
            InvalidDataException up = Refused(f => f["WebResources/adv_/scripts/advocacy.js.data.xml"] = DataXml("adv_/scripts/advocacy.js", ScriptId, 3, fileName: "/WebResources/../solution.xml"));
            StringAssert.Contains(up.Message, "refused");
            InvalidDataException elsewhere = Refused(f => f["WebResources/adv_/scripts/advocacy.js.data.xml"] = DataXml("adv_/scripts/advocacy.js", ScriptId, 3, fileName: "/customizations.xml"));
            StringAssert.Contains(elsewhere.Message, "must be under /WebResources/");
        }

        [TestMethod]
        public void A_data_file_without_its_content_is_refused()
        {
            InvalidDataException e = Refused(f => f.Remove("WebResources/adv_/report/index.html"));
            StringAssert.Contains(e.Message, "content WebResources/adv_/report/index.html is missing");
        }

        [TestMethod]
        public void A_content_file_without_a_data_file_is_refused()
        {
            InvalidDataException e = Refused(f => f["WebResources/adv_/scripts/forgotten.js"] = new byte[] { 1 });
            StringAssert.Contains(e.Message, "WebResources/adv_/scripts/forgotten.js is under WebResources/ but no");
        }

        [TestMethod]
        public void A_data_file_whose_name_is_not_its_path_is_refused()
        {
            InvalidDataException e = Refused(f => f["WebResources/adv_/report/index.html.data.xml"] = DataXml("adv_/report/other.html", PageId, 1));
            StringAssert.Contains(e.Message, "whose data file is WebResources/adv_/report/other.html.data.xml");
        }

        [TestMethod]
        [DataRow("0")]
        [DataRow("13")]
        [DataRow("js")]
        public void A_type_that_is_not_the_platforms_is_refused(string type)
        {
            InvalidDataException e = Refused(f =>
            {
                XElement data = CanonicalXml.Parse(f["WebResources/adv_/scripts/advocacy.js.data.xml"]).Root!;
                data.Element("WebResourceType")!.Value = type;
                f["WebResources/adv_/scripts/advocacy.js.data.xml"] = CanonicalXml.ToBytes(data);
            });
            StringAssert.Contains(e.Message, "WebResourceType '" + type + "' is not one of the platform's types");
        }

        [TestMethod]
        public void An_id_that_is_not_a_guid_or_used_twice_is_refused()
        {
            InvalidDataException notGuid = Refused(f =>
            {
                XElement data = CanonicalXml.Parse(f["WebResources/adv_/scripts/advocacy.js.data.xml"]).Root!;
                data.Element("WebResourceId")!.Value = "script";
                f["WebResources/adv_/scripts/advocacy.js.data.xml"] = CanonicalXml.ToBytes(data);
            });
            StringAssert.Contains(notGuid.Message, "is not a GUID");
            InvalidDataException twice = Refused(f => f["WebResources/adv_/report/index.html.data.xml"] = DataXml("adv_/report/index.html", ScriptId, 1));
            StringAssert.Contains(twice.Message, "another web resource has");
        }

        [TestMethod]
        public void A_web_resource_that_is_not_a_root_component_is_refused_naming_the_line_to_add()
        {
            var e = Assert.ThrowsExactly<InvalidDataException>(() => Pack(FixtureWithWebResources(null, "adv_/scripts/advocacy.js", "adv_/report/index.html", "adv_/report/report.css")));
            StringAssert.Contains(e.Message, "<RootComponent type=\"61\" schemaName=\"adv_/icons/advocate.svg\" behavior=\"0\" />");
        }

        [TestMethod]
        public void Unpack_refuses_a_web_resource_whose_content_is_not_in_the_zip()
        {
            var entries = new Dictionary<string, byte[]>(Pack(FixtureWithWebResources()));
            entries.Remove("WebResources/adv_reportindexhtml4f2504e0-4f89-41d3-9a0c-0305e82c3302");
            var e = Assert.ThrowsExactly<InvalidDataException>(() => SolutionUnpacker.Split(entries));
            StringAssert.Contains(e.Message, "names the content 'WebResources/adv_reportindexhtml4f2504e0-4f89-41d3-9a0c-0305e82c3302', which is not in the zip");
        }

        [TestMethod]
        public void Unpack_refuses_a_web_resource_name_that_would_leave_the_folder()
        {
            var entries = new Dictionary<string, byte[]>(Pack(FixtureWithWebResources()));
            entries["customizations.xml"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entries["customizations.xml"])
                .Replace("<Name>adv_/report/index.html</Name>", "<Name>../../evil.html</Name>"));
            var e = Assert.ThrowsExactly<InvalidDataException>(() => SolutionUnpacker.Split(entries));
            StringAssert.Contains(e.Message, "refused");
        }
    }
}
