using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Advocacy.Packaging;
using Advocacy.Plugins.Tests.Packaging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.ReportPage
{
    /// <summary>The report page as a solution component: on the dashboard, in the zip, and self-contained.</summary>
    [TestClass]
    public sealed class ReportPageComponentTests
    {
        private const string PageName = "adv_/report/advocacy-report.html";

        // The web resource control of form XML ("Understand dashboards: Dashboard components and FormXML"; real exports).
        private const string WebResourceControl = "{9FDF5F91-88B1-47f4-AD53-C11EFC01A01D}";

        private static string Solution => Path.Combine(PackagingTestSupport.RepoRoot, "solution");

        private static XElement Data => XElement.Load(Path.Combine(Solution, "WebResources", "adv_", "report", "advocacy-report.html.data.xml"));

        private static XElement Dashboard => XElement.Load(Directory.GetFiles(Path.Combine(Solution, "Dashboards"), "*.xml").Single());

        [TestMethod]
        public void The_advocacy_overview_dashboard_hosts_the_report_page_by_the_name_and_id_the_solution_ships()
        {
            XElement control = Dashboard.Descendants("control")
                .Single(c => string.Equals((string?)c.Attribute("classid"), WebResourceControl, StringComparison.OrdinalIgnoreCase));
            XElement parameters = control.Element("parameters")!;

            Assert.AreEqual(PageName, (string?)parameters.Element("Url"));
            Assert.AreEqual(PageName, (string?)Data.Element("Name"));
            Assert.AreEqual(((string)Data.Element("WebResourceId")!).ToLowerInvariant(), ((string)parameters.Element("WebResourceId")!).ToLowerInvariant());
            Assert.AreEqual("1", (string?)Data.Element("WebResourceType"), "an HTML web resource");
            Assert.AreEqual("false", (string?)parameters.Element("Security"), "the page reads parent.Xrm: cross-frame scripting must not be restricted");
            XDocument solution = XDocument.Load(Path.Combine(Solution, "Other", "Solution.xml"));
            Assert.IsTrue(solution.Descendants("RootComponent").Any(r => (string?)r.Attribute("type") == "61" && (string?)r.Attribute("schemaName") == PageName),
                "the page is a root component of the solution");
        }

        [TestMethod]
        public void The_dashboard_keeps_within_the_documented_six_components()
        {
            // "By default, a single dashboard can contain up to six of these components" (charts, grids, IFRAMEs, web resources).
            int components = Dashboard.Descendants("control").Count();

            Assert.IsTrue(components <= 6, $"the dashboard has {components} components");
        }

        [TestMethod]
        public void The_packed_solution_carries_the_page_unchanged_at_its_file_name()
        {
            var entries = SolutionPacker.BuildEntries(SolutionPacker.ReadFolder(Solution), PackagingTestSupport.TestAssemblyRegistration(),
                PackagingTestSupport.TestAssemblyBytes(), managed: false, version: null);

            string fileName = ((string)Data.Element("FileName")!).TrimStart('/');
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(Solution, "WebResources", "adv_", "report", "advocacy-report.html")), entries[fileName]);
            XElement customizations = XElement.Parse(System.Text.Encoding.UTF8.GetString(entries["customizations.xml"]).TrimStart('\uFEFF'));
            Assert.AreEqual(1, customizations.Element("WebResources")!.Elements("WebResource").Count(w => (string?)w.Element("Name") == PageName),
                "the page is one <WebResource> of customizations.xml");
        }

        [TestMethod]
        public void The_page_loads_nothing_from_elsewhere_and_never_parses_data_as_markup()
        {
            string page = File.ReadAllText(Path.Combine(Solution, "WebResources", "adv_", "report", "advocacy-report.html"));
            string code = Regex.Replace(page, "<!--.*?-->", "", RegexOptions.Singleline);

            foreach (string pattern in new[] { "<script[^>]*\\bsrc=", "<link\\b", "@import", "url\\(", "@font-face", "<iframe", "<img\\b" })
            {
                Assert.IsFalse(Regex.IsMatch(code, pattern, RegexOptions.IgnoreCase), "the page is self-contained: found " + pattern);
            }

            CollectionAssert.AreEqual(new[] { "http://www.w3.org/2000/svg" }, Regex.Matches(code, "https?://[^\"' )]+").Select(m => m.Value).Distinct().ToArray(),
                "the only address is SVG's namespace name");
            foreach (string sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "DOMParser" })
            {
                Assert.IsFalse(code.Contains(sink, StringComparison.Ordinal), "text from the report never reaches " + sink);
            }
        }

        [TestMethod]
        public void Every_text_the_page_words_has_its_German_and_the_German_table_holds_nothing_unused()
        {
            string page = File.ReadAllText(Path.Combine(Solution, "WebResources", "adv_", "report", "advocacy-report.html"));
            const string Literal = "\"((?:[^\"\\\\]|\\\\.)*)\"";
            string table = Regex.Match(page, "var GERMAN = \\{(.*?)\\n  \\};", RegexOptions.Singleline).Groups[1].Value;
            string own = Regex.Match(page, "var OWN_LABELS = \\{(.*?)\\};", RegexOptions.Singleline).Groups[1].Value;
            var german = Regex.Matches(table, "^\\s*" + Literal + ": " + Literal, RegexOptions.Multiline).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            var worded = Regex.Matches(page, "\\bt\\(" + Literal).Select(m => m.Groups[1].Value)
                .Concat(Regex.Matches(own, Literal + ": " + Literal).Select(m => m.Groups[2].Value))
                .ToHashSet();

            Assert.IsTrue(german.Count > 60 && worded.Count > 60, $"{german.Count} German texts, {worded.Count} worded texts: the patterns still read the page");
            CollectionAssert.AreEquivalent(worded.OrderBy(x => x, StringComparer.Ordinal).ToArray(), german.Keys.OrderBy(x => x, StringComparer.Ordinal).ToArray(),
                "every t(\"…\") text has a German entry, and every entry is used");
            foreach (var pair in german)
            {
                Assert.AreEqual(Regex.Matches(pair.Key, "\\{\\d\\}").Count, Regex.Matches(pair.Value, "\\{\\d\\}").Count, "the same placeholders: " + pair.Key);
            }
        }
    }
}
