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
    /// Cloud flows in SolutionPackager's layout (Workflows/{Name}-{ID}.json + .json.data.xml) ↔ the zip (the definition at
    /// the same path, the &lt;Workflow&gt; in customizations.xml). SolutionPackager 9.1 extracts the packed solution's
    /// flows to exactly these files (checked by hand).
    /// </summary>
    [TestClass]
    public sealed class WorkflowPackingTests
    {
        private const string Id = "1c0ffee0-0000-4000-8000-000000000029";
        private const string Json = "Workflows/SampleFlow-1C0FFEE0-0000-4000-8000-000000000029.json";

        private static byte[] Data(string id = Id, string json = "/" + Json) => CanonicalXml.ToBytes(new XElement("Workflow",
            new XAttribute("WorkflowId", "{" + id + "}"), new XAttribute("Name", "Sample flow"),
            new XAttribute(XNamespace.Xmlns + "xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            new XElement("JsonFileName", json), new XElement("Type", 1), new XElement("Category", 5),
            new XElement("StateCode", 0), new XElement("StatusCode", 1), new XElement("PrimaryEntity", "none")));

        private static SortedDictionary<string, byte[]> Fixture(Action<SortedDictionary<string, byte[]>>? change = null, bool root = true)
        {
            SortedDictionary<string, byte[]> files = SolutionPacker.ReadFolder(PackagingTestSupport.FixtureFolder);
            files[Json] = Encoding.UTF8.GetBytes("{\"properties\":{}}\r\n");
            files[Json + ".data.xml"] = Data();
            if (root)
            {
                files["Other/Solution.xml"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(files["Other/Solution.xml"])
                    .Replace("    </RootComponents>", $"      <RootComponent type=\"29\" id=\"{{{Id}}}\" behavior=\"0\" />\n    </RootComponents>"));
            }

            change?.Invoke(files);
            return files;
        }

        private static IReadOnlyDictionary<string, byte[]> Pack(IReadOnlyDictionary<string, byte[]> files) =>
            SolutionPacker.BuildEntries(files, PackagingTestSupport.TestAssemblyRegistration(), PackagingTestSupport.TestAssemblyBytes(), managed: false, version: null);

        [TestMethod]
        public void A_flow_is_packed_with_its_definition_at_the_same_path_and_its_workflow_element_in_customizations()
        {
            IReadOnlyDictionary<string, byte[]> entries = Pack(Fixture());
            CollectionAssert.AreEqual(Encoding.UTF8.GetBytes("{\"properties\":{}}\r\n"), entries[Json], "the definition is carried unchanged");
            Assert.IsFalse(entries.ContainsKey(Json + ".data.xml"));
            XElement workflow = CanonicalXml.Parse(entries["customizations.xml"]).Root!.Element("Workflows")!.Elements("Workflow").Single();
            Assert.AreEqual("/" + Json, workflow.Element("JsonFileName")!.Value);
            Assert.AreEqual("0", workflow.Element("StateCode")!.Value);
            Assert.IsFalse(workflow.Attributes().Any(a => a.IsNamespaceDeclaration));
        }

        [TestMethod]
        public void Unpack_of_pack_gives_the_flow_files_back_byte_for_byte()
        {
            SortedDictionary<string, byte[]> source = Fixture();
            IReadOnlyDictionary<string, byte[]> unpacked = SolutionUnpacker.Split(Pack(source));
            CollectionAssert.AreEqual(source.Keys.ToArray(), unpacked.Keys.ToArray());
            foreach (KeyValuePair<string, byte[]> file in source)
            {
                CollectionAssert.AreEqual(file.Value, unpacked[file.Key], file.Key);
            }
        }

        [TestMethod]
        public void A_flow_that_is_not_a_root_component_is_refused_naming_the_line_to_add()
        {
            var e = Assert.ThrowsExactly<InvalidDataException>(() => Pack(Fixture(root: false)));
            StringAssert.Contains(e.Message, $"<RootComponent type=\"29\" id=\"{{{Id}}}\" behavior=\"0\" />");
        }

        [TestMethod]
        public void A_flow_without_its_definition_file_is_refused()
        {
            var e = Assert.ThrowsExactly<InvalidDataException>(() => Pack(Fixture(f => f.Remove(Json))));
            StringAssert.Contains(e.Message, "definition " + Json + " is missing");
        }

        [TestMethod]
        public void A_data_file_that_names_another_definition_is_refused()
        {
            var e = Assert.ThrowsExactly<InvalidDataException>(() => Pack(Fixture(f => f[Json + ".data.xml"] = Data(json: "/Workflows/Other.json"))));
            StringAssert.Contains(e.Message, "its data file must be Workflows/Other.json.data.xml");
        }

        [TestMethod]
        public void Unpack_refuses_a_flow_whose_definition_name_would_leave_the_folder()
        {
            var entries = new Dictionary<string, byte[]>(Pack(Fixture()));
            entries["customizations.xml"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entries["customizations.xml"])
                .Replace("<JsonFileName>/" + Json + "</JsonFileName>", "<JsonFileName>/Workflows/../../evil.json</JsonFileName>"));
            var e = Assert.ThrowsExactly<InvalidDataException>(() => SolutionUnpacker.Split(entries));
            StringAssert.Contains(e.Message, "refused");
        }

        [TestMethod]
        public void Components_written_inline_in_Customizations_xml_are_refused_rather_than_dropped()
        {
            var e = Assert.ThrowsExactly<InvalidDataException>(() => Pack(Fixture(f => f["Other/Customizations.xml"] = Encoding.UTF8.GetBytes(
                Encoding.UTF8.GetString(f["Other/Customizations.xml"]).Replace("<Workflows />", "<Workflows><Workflow WorkflowId=\"{" + Id + "}\" /></Workflows>")))));
            StringAssert.Contains(e.Message, "lists components in <Workflows>");
        }
    }
}
