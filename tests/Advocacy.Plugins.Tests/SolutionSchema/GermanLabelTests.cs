using System.Linq;
using Advocacy.Packaging;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Advocacy.Plugins.Tests.SolutionSchema.PackedSolution;

namespace Advocacy.Plugins.Tests.SolutionSchema
{
    /// <summary>
    /// German (1031) is the solution's second language: wherever the packed core carries an English label, a German one
    /// stands beside it, so a German user's Power Apps shows our tables, columns, choices, forms, views and Custom APIs in
    /// German (Dataverse shows the label of the user's language and falls back to the base language without one).
    /// </summary>
    [TestClass]
    public sealed class GermanLabelTests
    {
        // The Custom API parameters' display names are their unique names, the same in any language.
        private static bool Exempt(string entry, XElement english) =>
            (entry.Contains("/customapirequestparameters/") || entry.Contains("/customapiresponseproperties/")) && english.Parent?.Name.LocalName == "displayname";

        [TestMethod]
        public void Every_English_label_of_the_packed_core_has_a_German_sibling()
        {
            var missing = (from entry in Entries
                           where entry.Key.EndsWith(".xml", System.StringComparison.Ordinal)
                           let xml = CanonicalXml.Parse(entry.Value)
                           from english in xml.Descendants()
                           where (string?)english.Attribute("languagecode") == "1033" && english.Name.LocalName != "ImportExportXml"
                           where !string.IsNullOrEmpty((string?)english.Attribute("description") ?? (string?)english.Attribute("label"))
                           where !Exempt(entry.Key, english)
                           where english.Parent == null || !english.Parent.Elements(english.Name).Any(e => (string?)e.Attribute("languagecode") == "1031")
                           select entry.Key + ": " + english)
                .ToList();

            Assert.IsEmpty(missing, string.Join("\n", missing.Take(20)));
        }

        [TestMethod]
        public void Every_Custom_API_has_a_German_display_name_and_description()
        {
            var apis = Entries.Where(e => e.Key.StartsWith("customapis/", System.StringComparison.Ordinal) && e.Key.EndsWith("/customapi.xml", System.StringComparison.Ordinal)).ToList();

            Assert.IsNotEmpty(apis);
            foreach (var api in apis)
            {
                var xml = CanonicalXml.Parse(api.Value).Root!;
                foreach (var name in new[] { "displayname", "description" })
                {
                    var german = xml.Element(name)!.Elements("label").SingleOrDefault(l => (string?)l.Attribute("languagecode") == "1031");
                    Assert.IsNotNull(german, api.Key + " " + name);
                    Assert.AreNotEqual((string?)xml.Element(name)!.Attribute("default"), (string?)german.Attribute("description"), api.Key + " " + name);
                }
            }
        }

        [TestMethod]
        public void Every_Custom_API_parameter_and_response_property_has_a_German_description()
        {
            var fields = Entries.Where(e => e.Key.StartsWith("customapis/", System.StringComparison.Ordinal)
                && (e.Key.EndsWith("/customapirequestparameter.xml", System.StringComparison.Ordinal) || e.Key.EndsWith("/customapiresponseproperty.xml", System.StringComparison.Ordinal))).ToList();

            Assert.IsNotEmpty(fields);
            foreach (var field in fields)
            {
                var description = CanonicalXml.Parse(field.Value).Root!.Element("description")!;
                var german = description.Elements("label").SingleOrDefault(l => (string?)l.Attribute("languagecode") == "1031");
                Assert.IsNotNull(german, field.Key);
                Assert.AreNotEqual((string?)description.Attribute("default"), (string?)german.Attribute("description"), field.Key);
            }
        }

        [TestMethod]
        public void The_site_map_titles_are_German_too()
        {
            var titles = Customizations.Descendants("Titles").Where(t => t.Elements("Title").Any(e => e.Attribute("LCID") != null)).ToList();

            Assert.IsNotEmpty(titles);
            foreach (var title in titles)
            {
                Assert.IsTrue(title.Elements("Title").Any(t => (string?)t.Attribute("LCID") == "1031"), title.ToString());
            }
        }
    }
}
