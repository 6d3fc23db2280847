using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Advocacy.Packaging
{
    /// <summary>
    /// The SolutionPackager folder layout ↔ customizations.xml mapping, both ways. Files the mapping does not
    /// know are carried through unchanged at the same relative path.
    /// </summary>
    internal static class SolutionLayout
    {
        internal const string SolutionXml = "Other/Solution.xml";
        internal const string CustomizationsXml = "Other/Customizations.xml";
        internal const string RelationshipsIndex = "Other/Relationships.xml";

        /// <summary>Folders the packer always generates from the assembly (never read from the source folder).</summary>
        internal static readonly string[] GeneratedFolders = { "PluginAssemblies/", "SdkMessageProcessingSteps/" };

        // ---------------------------------------------------------------- pack: folder → customizations.xml

        /// <summary>Merges the split files into the customizations root; returns the paths it consumed.</summary>
        internal static HashSet<string> Merge(XElement customizations, IReadOnlyDictionary<string, byte[]> files)
        {
            var used = new HashSet<string>(StringComparer.Ordinal) { SolutionXml, CustomizationsXml, RelationshipsIndex };

            // Entities/<dir>/Entity.xml (+ FormXml, SavedQueries, RibbonDiff.xml, Visualizations)
            var entities = new List<XElement>();
            foreach (string entityPath in files.Keys.Where(p => IsMatch(p, "Entities/", "/Entity.xml", depth: 3)).OrderBy(p => p, StringComparer.Ordinal))
            {
                string folder = entityPath[..^"Entity.xml".Length];
                XElement entity = Root(files, entityPath);
                used.Add(entityPath);

                var forms = files.Keys.Where(p => p.StartsWith(folder + "FormXml/", StringComparison.Ordinal) && Depth(p) == Depth(folder) + 3 && p.EndsWith(".xml", StringComparison.Ordinal))
                    .OrderBy(p => p, StringComparer.Ordinal).ToList();
                if (forms.Count > 0)
                {
                    XElement formXml = Placeholder(entity, "FormXml");
                    foreach (IGrouping<string, string> byType in forms.GroupBy(p => p.Split('/')[^2]))
                    {
                        var group = new XElement("forms", new XAttribute("type", byType.Key));
                        foreach (string form in byType)
                        {
                            group.Add(Root(files, form).Elements());
                            used.Add(form);
                        }

                        formXml.Add(group);
                    }
                }

                var queries = Children(files, folder + "SavedQueries/");
                if (queries.Count == 0 && entity.Element("SavedQueries") is { IsEmpty: true } emptyQueries)
                {
                    // Dataverse exports always carry the inner <savedqueries/>; SolutionPackager fails without it.
                    emptyQueries.Add(new XElement("savedqueries"));
                }

                if (queries.Count > 0)
                {
                    var savedQueries = new XElement("savedqueries");
                    foreach (string query in queries)
                    {
                        savedQueries.Add(Root(files, query).Elements());
                        used.Add(query);
                    }

                    Placeholder(entity, "SavedQueries").Add(savedQueries);
                }

                if (files.ContainsKey(folder + "RibbonDiff.xml"))
                {
                    XElement ribbon = Root(files, folder + "RibbonDiff.xml");
                    XElement? placeholder = entity.Element("RibbonDiffXml");
                    if (placeholder != null)
                    {
                        placeholder.ReplaceWith(ribbon);
                    }
                    else
                    {
                        entity.Add(ribbon);
                    }

                    used.Add(folder + "RibbonDiff.xml");
                }

                var charts = Children(files, folder + "Visualizations/");
                if (charts.Count > 0)
                {
                    XElement visualizations = Placeholder(entity, "Visualizations");
                    foreach (string chart in charts)
                    {
                        visualizations.Add(Root(files, chart));
                        used.Add(chart);
                    }
                }

                entities.Add(entity);
            }

            Fill(customizations, "Entities", entities);
            Fill(customizations, "Roles", TakeRoots(files, "Roles/", used));
            Fill(customizations, "optionsets", TakeRoots(files, "OptionSets/", used));
            Fill(customizations, "Dashboards", TakeRoots(files, "Dashboards/", used));
            Fill(customizations, "EntityRelationships", TakeRoots(files, "Other/Relationships/", used).SelectMany(r => r.Elements()));
            Fill(customizations, "AppModuleSiteMaps", TakeNamed(files, "AppModuleSiteMaps/", "AppModuleSiteMap.xml", used));
            Fill(customizations, "AppModules", TakeNamed(files, "AppModules/", "AppModule.xml", used));
            return used;
        }

        private static List<XElement> TakeRoots(IReadOnlyDictionary<string, byte[]> files, string folder, HashSet<string> used)
        {
            var result = new List<XElement>();
            foreach (string path in Children(files, folder))
            {
                result.Add(Root(files, path));
                used.Add(path);
            }

            return result;
        }

        private static List<XElement> TakeNamed(IReadOnlyDictionary<string, byte[]> files, string folder, string fileName, HashSet<string> used)
        {
            var result = new List<XElement>();
            foreach (string path in files.Keys.Where(p => IsMatch(p, folder, "/" + fileName, Depth(folder) + 2)).OrderBy(p => p, StringComparer.Ordinal))
            {
                result.Add(Root(files, path));
                used.Add(path);
            }

            return result;
        }

        // ---------------------------------------------------------------- unpack: customizations.xml → folder

        /// <summary>Splits the customizations root into files (mutating it into the skeleton Other/Customizations.xml).</summary>
        internal static void Split(XElement customizations, IDictionary<string, byte[]> output)
        {
            XElement? entitiesSection = customizations.Element("Entities");
            foreach (XElement entity in entitiesSection?.Elements("Entity").ToList() ?? new List<XElement>())
            {
                string folder = "Entities/" + SafeFileName(entity.Element("Name")?.Value.Trim() ?? "entity") + "/";
                XElement? formXml = entity.Element("FormXml");
                if (formXml != null)
                {
                    foreach (XElement forms in formXml.Elements("forms"))
                    {
                        string type = (string?)forms.Attribute("type") ?? "main";
                        foreach (XElement form in forms.Elements())
                        {
                            string id = IdFile(form.Element("formid")?.Value);
                            Write(output, $"{folder}FormXml/{type}/{id}.xml", Wrapper("forms", new XElement(form)));
                        }
                    }

                    formXml.ReplaceWith(new XElement("FormXml"));
                }

                XElement? savedQueries = entity.Element("SavedQueries");
                if (savedQueries != null)
                {
                    foreach (XElement query in savedQueries.Elements("savedqueries").Elements())
                    {
                        string id = IdFile(query.Element("savedqueryid")?.Value);
                        Write(output, $"{folder}SavedQueries/{id}.xml", Wrapper("savedqueries", new XElement(query)));
                    }

                    savedQueries.ReplaceWith(new XElement("SavedQueries"));
                }

                XElement? ribbon = entity.Element("RibbonDiffXml");
                if (ribbon != null)
                {
                    Write(output, folder + "RibbonDiff.xml", new XElement(ribbon));
                    ribbon.ReplaceWith(new XElement("RibbonDiffXml"));
                }

                XElement? visualizations = entity.Element("Visualizations");
                if (visualizations != null)
                {
                    foreach (XElement chart in visualizations.Elements())
                    {
                        string id = IdFile(chart.Element("savedqueryvisualizationid")?.Value);
                        Write(output, $"{folder}Visualizations/{id}.xml", new XElement(chart));
                    }

                    visualizations.ReplaceWith(new XElement("Visualizations"));
                }

                Write(output, folder + "Entity.xml", entity);
            }

            entitiesSection?.RemoveNodes();
            SplitSection(customizations, "Roles", e => $"Roles/{SafeFileName((string?)e.Attribute("name") ?? "role")}.xml", output);
            SplitSection(customizations, "Dashboards", e => $"Dashboards/{IdFile(e.Element("FormId")?.Value)}.xml", output);
            SplitSection(customizations, "optionsets", e => $"OptionSets/{SafeFileName((string?)e.Attribute("Name") ?? "optionset")}.xml", output);
            SplitSection(customizations, "AppModuleSiteMaps", e => $"AppModuleSiteMaps/{SafeFileName(e.Element("SiteMapUniqueName")?.Value ?? "sitemap")}/AppModuleSiteMap.xml", output);
            SplitSection(customizations, "AppModules", e => $"AppModules/{SafeFileName(e.Element("UniqueName")?.Value ?? "app")}/AppModule.xml", output);

            XElement? relationships = customizations.Element("EntityRelationships");
            if (relationships != null && relationships.HasElements)
            {
                var index = Wrapper("EntityRelationships");
                foreach (IGrouping<string, XElement> group in relationships.Elements().GroupBy(RelationshipFile))
                {
                    Write(output, $"Other/Relationships/{SafeFileName(group.Key)}.xml", Wrapper("EntityRelationships", group.Select(r => new XElement(r))));
                }

                foreach (XElement relationship in relationships.Elements()
                             .OrderBy(r => (string?)r.Attribute("Name") ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                             .ThenBy(r => (string?)r.Attribute("Name") ?? string.Empty, StringComparer.Ordinal))
                {
                    index.Add(new XElement("EntityRelationship", new XAttribute("Name", (string?)relationship.Attribute("Name") ?? string.Empty)));
                }

                Write(output, RelationshipsIndex, index);
                relationships.RemoveNodes();
            }
        }

        private static string RelationshipFile(XElement relationship) =>
            relationship.Element("ReferencedEntityName")?.Value.Trim()
            ?? relationship.Element("FirstEntityName")?.Value.Trim()
            ?? "Other";

        private static void SplitSection(XElement customizations, string section, Func<XElement, string> path, IDictionary<string, byte[]> output)
        {
            XElement? element = customizations.Element(section);
            if (element == null)
            {
                return;
            }

            foreach (XElement child in element.Elements())
            {
                Write(output, path(child), child);
            }

            element.RemoveNodes();
        }

        // ---------------------------------------------------------------- helpers

        private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

        /// <summary>A file root the unpacker creates, declaring xsi as SolutionPackager's files do.</summary>
        private static XElement Wrapper(string name, params object[] content) =>
            new(name, new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName), content);

        internal static void Write(IDictionary<string, byte[]> output, string path, XElement root)
        {
            // Some paths are built from XML content (ids, names): never one that could leave the folder.
            EntryNames.Validate(path, "file name (made from the solution's XML)");
            if (output.ContainsKey(path))
            {
                throw new InvalidDataException($"Two components map to the same file {path}.");
            }

            output[path] = CanonicalXml.ToBytes(root);
        }

        /// <summary>customizations.xml's sections in the order Dataverse exports them (for sections the source lacks).</summary>
        private static readonly string[] SectionOrder =
        {
            "Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates", "EntityMaps", "EntityRelationships",
            "OrganizationSettings", "optionsets", "Reports", "Dashboards", "Dialogs", "WebResources", "CustomControls",
            "SolutionPluginAssemblies", "SdkMessageProcessingSteps", "AppModuleSiteMaps", "AppModules", "EntityDataProviders",
            "EntityDataSources", "CanvasApps", "Languages",
        };

        internal static void Fill(XElement customizations, string section, IEnumerable<XElement> elements)
        {
            List<XElement> list = elements.ToList();
            XElement? element = customizations.Element(section);
            if (element == null)
            {
                if (list.Count == 0)
                {
                    return;
                }

                element = new XElement(section);
                int rank = Array.IndexOf(SectionOrder, section);
                XElement? next = rank < 0 ? null : customizations.Elements()
                    .FirstOrDefault(e => Array.IndexOf(SectionOrder, e.Name.LocalName) > rank);
                if (next != null)
                {
                    next.AddBeforeSelf(element);
                }
                else
                {
                    customizations.Add(element);
                }
            }

            element.RemoveNodes();
            element.Add(list);
        }

        private static XElement Placeholder(XElement entity, string name)
        {
            XElement? element = entity.Element(name);
            if (element == null)
            {
                element = new XElement(name);
                entity.Add(element);
            }

            element.RemoveNodes();
            return element;
        }

        internal static XElement Root(IReadOnlyDictionary<string, byte[]> files, string path)
        {
            return CanonicalXml.Parse(files[path], path).Root ?? throw new InvalidDataException($"{path} has no root element.");
        }

        private static List<string> Children(IReadOnlyDictionary<string, byte[]> files, string folder) =>
            files.Keys.Where(p => p.StartsWith(folder, StringComparison.Ordinal) && Depth(p) == Depth(folder) + 1 && p.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => p, StringComparer.Ordinal).ToList();

        private static bool IsMatch(string path, string prefix, string suffix, int depth) =>
            path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith(suffix, StringComparison.Ordinal) && Depth(path) == depth;

        /// <summary>Number of path segments ("a/b.xml" = 2, "a/" = 1).</summary>
        private static int Depth(string path) => path.TrimEnd('/').Split('/').Length;

        private static string IdFile(string? id)
        {
            string value = (id ?? Guid.Empty.ToString("D")).Trim().Trim('{', '}').ToLowerInvariant();
            return "{" + value + "}";
        }

        internal static string SafeFileName(string name)
        {
            char[] invalid = { '/', '\\', ':', '*', '?', '"', '<', '>', '|' };
            return new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray());
        }
    }
}
