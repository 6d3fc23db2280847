using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Metadata;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// RetrieveEntity and RetrieveAttribute carry the display names and descriptions the solution gives its tables and
    /// columns, in every language and in the caller's (UserLocalizedLabel), so a plug-in that names a column to its user
    /// the usual way can be tested. The oracle is the solution's Entity.xml, read here.
    /// </summary>
    [TestClass]
    public sealed class DisplayNameMetadataTests
    {
        private const int English = 1033;
        private const int German = 1031;

        private static IEnumerable<XElement> Entities() =>
            Directory.GetFiles(Path.Combine(DataverseSandbox.FindSolutionFolder()!, "Entities"), "Entity.xml", SearchOption.AllDirectories)
                .Select(f => XDocument.Load(f).Descendants("entity").Single());

        private static Dictionary<int, string> Labels(XElement owner, string list, string item) =>
            owner.Elements(list).Elements(item).ToDictionary(l => (int)l.Attribute("languagecode")!, l => (string)l.Attribute("description")!);

        [TestMethod]
        public void Every_column_the_solution_names_comes_back_with_its_names_in_every_language_and_the_readers_own()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var greta = sandbox.SeedUser("Greta Berger");
            sandbox.Regional.SetUserSettings(greta, uiLanguageId: German);
            int named = 0;
            foreach (var entity in Entities())
            {
                string table = ((string)entity.Attribute("Name")!).ToLowerInvariant();
                var english = Describe(sandbox.Service, table);
                var german = Describe(sandbox.CreateService(greta), table);
                foreach (var attribute in entity.Descendants("attribute"))
                {
                    var expected = Labels(attribute, "displaynames", "displayname");
                    if (expected.Count == 0) continue;
                    string column = ((string)attribute.Element("LogicalName")!).ToLowerInvariant();
                    var described = english.Attributes.Single(a => a.LogicalName == column);
                    CollectionAssert.AreEquivalent(expected.ToList(),
                        described.DisplayName.LocalizedLabels.ToDictionary(l => l.LanguageCode, l => l.Label).ToList(), $"{table}.{column}");
                    Assert.AreEqual(expected[English], described.DisplayName.UserLocalizedLabel.Label, $"{table}.{column}");
                    Assert.AreEqual(expected.GetValueOrDefault(German, expected[English]),
                        german.Attributes.Single(a => a.LogicalName == column).DisplayName.UserLocalizedLabel.Label, $"{table}.{column} in German");
                    named++;
                }
            }
            Assert.IsTrue(named > 20, $"only {named} named columns found: the oracle must reach the solution's columns");
        }

        [TestMethod]
        public void A_table_comes_back_with_its_display_and_collection_names_and_description()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var advocate = Entities().Single(e => (string)e.Attribute("Name")! == "adv_Advocate");

            var described = Describe(sandbox.Service, "adv_advocate");

            Assert.AreEqual(Labels(advocate, "LocalizedNames", "LocalizedName")[English], described.DisplayName.UserLocalizedLabel.Label);
            Assert.AreEqual(Labels(advocate, "LocalizedCollectionNames", "LocalizedCollectionName")[English], described.DisplayCollectionName.UserLocalizedLabel.Label);
            Assert.AreEqual(Labels(advocate, "Descriptions", "Description")[English], described.Description.UserLocalizedLabel.Label);
            Assert.AreEqual(2, described.DisplayName.LocalizedLabels.Count);
        }

        [TestMethod]
        public void A_column_the_solution_does_not_name_has_an_empty_label_as_the_platform_answers_one_without_names()
        {
            var sandbox = DataverseSandbox.ForRepository();

            var response = (RetrieveAttributeResponse)sandbox.Service.Execute(new RetrieveAttributeRequest { EntityLogicalName = "task", LogicalName = "scheduledend" });

            Assert.IsNotNull(response.AttributeMetadata.DisplayName);
            Assert.AreEqual(0, response.AttributeMetadata.DisplayName.LocalizedLabels.Count);
            Assert.IsNull(response.AttributeMetadata.DisplayName.UserLocalizedLabel);
        }

        /// <summary>Microsoft's table reference pages (Properties: DisplayName, DisplayCollectionName), read for this test.</summary>
        [TestMethod]
        [DataRow("account", "Account", "Accounts")]
        [DataRow("task", "Task", "Tasks")]
        [DataRow("systemuser", "User", "Users")]
        [DataRow("businessunit", "Business Unit", "Business Units")]
        [DataRow("incident", "Case", "Cases")]
        [DataRow("incidentresolution", "Case Resolution", "Case Resolutions")]
        [DataRow("salesorder", "Order", "Orders")]
        [DataRow("transactioncurrency", "Currency", "Currencies")]
        [DataRow("usersettings", "User Settings", "User Settings")]
        public void A_standard_table_the_solution_does_not_label_comes_back_with_Microsofts_english_names(string table, string name, string plural)
        {
            var sandbox = DataverseSandbox.ForRepository();

            var described = Describe(sandbox.Service, table);

            Assert.AreEqual(name, described.DisplayName.UserLocalizedLabel.Label);
            Assert.AreEqual(plural, described.DisplayCollectionName.UserLocalizedLabel.Label);
            Assert.AreEqual(English, described.DisplayName.LocalizedLabels.Single().LanguageCode);
        }

        [TestMethod]
        public void A_solution_that_labels_a_standard_table_replaces_Microsofts_names_as_a_customized_label_does()
        {
            // An Entity.xml for Task that carries its own labels, as an export of a customized Task does.
            string folder = Testing.TestSolutionFolder.Write(("Task",
                "<attribute PhysicalName=\"Subject\"><Type>nvarchar</Type><Name>subject</Name><LogicalName>subject</LogicalName></attribute>", ""));
            string entityXml = Path.Combine(folder, "Entities", "Task", "Entity.xml");
            var document = XDocument.Load(entityXml);
            var entity = document.Descendants("entity").Single();
            entity.AddFirst(new XElement("LocalizedCollectionNames", new XElement("LocalizedCollectionName", new XAttribute("description", "To-dos"), new XAttribute("languagecode", English))));
            entity.AddFirst(new XElement("LocalizedNames", new XElement("LocalizedName", new XAttribute("description", "To-do"), new XAttribute("languagecode", English))));
            document.Save(entityXml);

            var described = Describe(DataverseSandbox.FromSolutionFolders(folder).Service, "task");

            Assert.AreEqual("To-do", described.DisplayName.UserLocalizedLabel.Label);
            Assert.AreEqual("To-dos", described.DisplayCollectionName.UserLocalizedLabel.Label);
        }

        private static EntityMetadata Describe(IOrganizationService service, string table) =>
            ((RetrieveEntityResponse)service.Execute(new RetrieveEntityRequest { LogicalName = table, EntityFilters = EntityFilters.Attributes })).EntityMetadata;
    }
}
