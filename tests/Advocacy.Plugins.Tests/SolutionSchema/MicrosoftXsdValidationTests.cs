using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.SolutionSchema
{
    /// <summary>
    /// Validates the packed customizations.xml against Microsoft's published CustomizationsSolution.xsd (9.0.0.2090, with
    /// the files it includes), which Dataverse checks on import (error 8004801a). The schema is Microsoft's and is not in
    /// this repository: set <c>ADVOCACY_SCHEMAS</c> to a folder holding it; without it the test is inconclusive.
    /// </summary>
    [TestClass]
    public sealed class MicrosoftXsdValidationTests
    {
        public const string SchemasVariable = "ADVOCACY_SCHEMAS";

        /// <summary>
        /// The published schema is older than the platform. These elements are in current real exports but not (or not at
        /// that place) in the 9.0.0.2090 schema; they are removed from a copy before validating, and nothing else is.
        /// (parent element, child element, evidence).
        /// </summary>
        public static readonly IReadOnlyList<SchemaLagEntry> SchemaLag = new SchemaLagEntry[]
        {
            // Exports write SdkMessageId as the step's first child; the published sequence has it after Rank.
            new("SdkMessageProcessingStep", new[] { "SdkMessageId" },
                "real export: SdkMessageProcessingSteps/{id}.xml extracted by SolutionPackager (mikefactorial/PluginSample, 2023)"),

            // Column and table metadata that current exports carry on every column and table.
            new("attribute", new[] { "AutoNumberFormat", "IsSearchable", "IsFilterable", "IsRetrievable", "IsLocalizable" },
                "real export: Entities/*/Entity.xml, every column (hmcts/pre-rec-evidence)"),
            new("entity", new[] { "IsRetrieveAuditEnabled", "IsRetrieveMultipleAuditEnabled", "IsSolutionAware" },
                "real export: Entities/*/Entity.xml, every table (hmcts/pre-rec-evidence)"),

            // App and site map settings of current exports.
            new("AppModule", new[] { "OptimizedFor", "statecode", "statuscode", "NavigationType" },
                "real export: AppModules/*/AppModule.xml (microsoft/coe-starter-kit)"),
            new("AppModuleSiteMap", new[] { "EnableCollapsibleGroups", "ShowHome", "ShowPinned", "ShowRecents" },
                "real export: AppModuleSiteMaps/*/AppModuleSiteMap.xml (microsoft/coe-starter-kit)"),

            // Cloud flows (2019 on): the definition file of a modern flow, and the connection references its actions use.
            new("Workflow", new[] { "JsonFileName", "IsCustomProcessingStepAllowedForOtherPublishers" },
                "real export: Workflows/*.json.data.xml of solution-aware flows (microsoft/coe-starter-kit)"),
            new("ImportExportXml", new[] { "connectionreferences" },
                "real export: Other/Customizations.xml, after EntityDataProviders and CanvasApps (microsoft/coe-starter-kit)"),

            // Newer than the exports above; known from tools that rewrite current exports for older servers.
            new("EntityRelationship", new[] { "CascadeArchive" },
                "export tooling: downgrade transforms strip it from every relationship of current exports (long-term retention)"),
            new("Role", new[] { "IsAutoAssigned" },
                "export tooling: downgrade transforms strip it from every role of current exports"),
            new("option", new[] { "@IsHidden" },
                "export tooling: downgrade transforms strip IsHidden=\"0\" from options of current exports"),
            new("form", new[] { "@headerdensity" },
                "export tooling: form-designer captures of exported main forms (headerdensity=\"HighWithControls\")"),

            // Differential form XML: the schema declares solutionaction (Added/Removed/Modified) on labels and values but
            // not on a tab; exports of customized standard forms carry it there (the Advocacy tab on Account, Case, Task).
            new("tab", new[] { "@solutionaction" },
                "real export: Entities/Account/FormXml/main/{8448b78f-…}_managed.xml, tab solutionaction=\"Added\" (silviocortes/D365DevOps)"),
        };

        /// <summary>Elements (or <c>@attributes</c>) of <paramref name="Parent"/> that current exports carry beyond the published schema.</summary>
        public sealed record SchemaLagEntry(string Parent, string[] Children, string Evidence);

        [TestMethod]
        [DataRow("solution")]
        [DataRow("solution-sales")]
        public void Customizations_xml_is_valid_against_Microsofts_published_schema(string solutionFolder)
        {
            string? folder = Environment.GetEnvironmentVariable(SchemasVariable);
            if (string.IsNullOrWhiteSpace(folder) || !File.Exists(Path.Combine(folder, "CustomizationsSolution.xsd")))
            {
                Assert.Inconclusive(
                    $"Skipped: set {SchemasVariable} to a folder holding Microsoft's CustomizationsSolution.xsd 9.0.0.2090 and the files it " +
                    "includes (Fetch.xsd, FormXml.xsd, RibbonCore.xsd, RibbonTypes.xsd, RibbonWSS.xsd, SiteMapType.xsd, isv.config.xsd; " +
                    $"Microsoft Learn, 'Customization solutions file schema'). {SchemasVariable} is " +
                    (string.IsNullOrWhiteSpace(folder) ? "not set." : $"'{folder}', which has no CustomizationsSolution.xsd."));
            }

            XmlSchemaSet schemas = Load(folder);
            XDocument document = WithoutSchemaLag(solutionFolder == "solution" ? PackedSolution.Customizations : PackedSolution.SalesCustomizations);
            var errors = new List<string>();
            document.Validate(schemas, (sender, e) => errors.Add($"{e.Severity}: {PathOf(sender)}: {e.Message}"), addSchemaInfo: false);
            Assert.AreEqual(0, errors.Count, Environment.NewLine + string.Join(Environment.NewLine, errors.Select(Shorten).Distinct().Take(60)));
        }

        [TestMethod]
        public void Schema_lag_allowance_is_small_and_names_its_evidence()
        {
            Assert.IsTrue(SchemaLag.Sum(e => e.Children.Length) <= 25, "the allowance for schema lag must stay a short, named list");
            foreach (SchemaLagEntry entry in SchemaLag)
            {
                Assert.IsTrue(entry.Children.Length > 0 && entry.Children.All(c => c.Length > 1 && !c.Contains('*')), $"{entry.Parent}: name each element, no wildcards");
                Assert.IsTrue(entry.Evidence.StartsWith("real export: ", StringComparison.Ordinal) || entry.Evidence.StartsWith("export tooling: ", StringComparison.Ordinal),
                    $"{entry.Parent}: name the kind of evidence (a real export, or tooling written against current exports)");
            }
        }

        /// <summary>An error without its list of expected elements (which can be long).</summary>
        private static string Shorten(string error)
        {
            int expected = error.IndexOf(" List of possible elements expected", StringComparison.Ordinal);
            return expected < 0 ? error : error[..expected];
        }

        internal static XDocument WithoutSchemaLag(XDocument source)
        {
            var copy = new XDocument(source);
            foreach (SchemaLagEntry entry in SchemaLag)
            {
                foreach (string child in entry.Children)
                {
                    if (child.StartsWith('@'))
                    {
                        copy.Descendants(entry.Parent).Attributes(child[1..]).ToList().ForEach(a => a.Remove());
                    }
                    else
                    {
                        copy.Descendants(entry.Parent).Elements(child).ToList().ForEach(e => e.Remove());
                    }
                }
            }

            return copy;
        }

        private static XmlSchemaSet Load(string folder)
        {
            var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
            string path = Path.Combine(folder, "CustomizationsSolution.xsd");
            using (XmlReader reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = new XmlUrlResolver() }))
            {
                schemas.Add(null, reader);
            }

            schemas.Compile();
            return schemas;
        }

        private static string PathOf(object? sender)
        {
            XElement? element = sender as XElement ?? (sender as XAttribute)?.Parent;
            if (element == null)
            {
                return "?";
            }

            var parts = new List<string>();
            for (XElement? e = element; e != null; e = e.Parent)
            {
                string? key = (string?)e.Attribute("Name") ?? (string?)e.Attribute("name") ?? (string?)e.Attribute("uniquename");
                parts.Add(key == null ? e.Name.LocalName : $"{e.Name.LocalName}[{key}]");
            }

            parts.Reverse();
            string path = string.Join("/", parts);
            return sender is XAttribute a ? $"{path}/@{a.Name.LocalName}" : path;
        }
    }
}
