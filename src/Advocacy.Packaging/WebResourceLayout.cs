using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;

namespace Advocacy.Packaging
{
    /// <summary>
    /// Web resources (HTML, script, style sheet, image …) both ways, as SolutionPackager lays them out and Dataverse
    /// exports them. Folder: <c>WebResources/{Name}</c> (the content, the name's slashes as folders) beside
    /// <c>WebResources/{Name}.data.xml</c> (one <c>&lt;WebResource&gt;</c>: WebResourceId, Name, DisplayName,
    /// WebResourceType, IntroducedVersion, …, FileName). Zip: the content at the data file's FileName — an export names
    /// it <c>/WebResources/{Name without '/', '.', …}{id}</c> — and the element in customizations.xml's
    /// <c>&lt;WebResources&gt;</c>. SolutionPackager 9.1 (checked by hand) extracts and packs exactly this, carrying
    /// FileName through unchanged; without a FileName it packs the component but silently drops the content, so the
    /// packer refuses a data file without one and names the value an export would have.
    /// </summary>
    public static class WebResourceLayout
    {
        /// <summary>The folder of the unpacked layout (and the zip).</summary>
        public const string Folder = "WebResources/";

        private const string DataSuffix = ".data.xml";

        /// <summary>The solution component type of a web resource in solution.xml's RootComponents.</summary>
        public const string RootComponentType = "61";

        /// <summary>The platform's web resource types (webresourcetype choice), by value.</summary>
        public static readonly IReadOnlyDictionary<int, string> Types = new Dictionary<int, string>
        {
            [1] = "Webpage (HTML)", [2] = "Style Sheet (CSS)", [3] = "Script (JScript)", [4] = "Data (XML)", [5] = "PNG format",
            [6] = "JPG format", [7] = "GIF format", [8] = "Silverlight (XAP)", [9] = "Style Sheet (XSL)", [10] = "ICO format",
            [11] = "Vector format (SVG)", [12] = "String (RESX)",
        };

        /// <summary>
        /// The zip entry name an export gives a web resource: "/WebResources/" + the name with every character but
        /// ASCII letters, digits and '_' removed + the id (lower case, no braces); e.g. <c>adv_/scripts/advocacy.js</c>
        /// → <c>/WebResources/adv_scriptsadvocacyjs3f25…</c>.
        /// </summary>
        public static string ExportFileName(string name, Guid id)
        {
            var flat = new StringBuilder();
            foreach (char c in name)
            {
                if (char.IsAsciiLetterOrDigit(c) || c == '_')
                {
                    flat.Append(c);
                }
            }

            return "/" + Folder + flat + id.ToString("D");
        }

        /// <summary>One web resource read from the folder: its customizations element and its zip entry.</summary>
        internal sealed record Packed(string Name, XElement Element, string Entry, byte[] Content);

        /// <summary>
        /// Reads every <c>WebResources/…/*.data.xml</c> and its content; marks both as used. Refuses a data file
        /// without its content, a content file without its data file, a missing or unsafe FileName, an id that is not
        /// a GUID, a type that is not one of the platform's, two resources with one name or one id, and a web resource
        /// the solution does not list as a root component (it would be imported but belong to no solution).
        /// </summary>
        internal static IReadOnlyList<Packed> Read(IReadOnlyDictionary<string, byte[]> files, HashSet<string> used, ISet<string> rootNames)
        {
            var result = new List<Packed>();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var ids = new HashSet<Guid>();
            foreach (string dataPath in files.Keys.Where(p => p.StartsWith(Folder, StringComparison.Ordinal) && p.EndsWith(DataSuffix, StringComparison.Ordinal))
                         .OrderBy(p => p, StringComparer.Ordinal))
            {
                XElement data = SolutionLayout.Root(files, dataPath);
                if (data.Name != "WebResource")
                {
                    throw new InvalidDataException($"{dataPath}: the root element must be <WebResource>, found <{data.Name.LocalName}>.");
                }

                string name = Required(data, "Name", dataPath);
                string contentPath = Folder + name;
                if (contentPath + DataSuffix != dataPath)
                {
                    throw new InvalidDataException($"{dataPath} describes the web resource {EntryNames.Quote(name)}, whose data file is {contentPath + DataSuffix}.");
                }

                if (!files.TryGetValue(contentPath, out byte[]? content))
                {
                    throw new InvalidDataException($"{dataPath}: the web resource's content {contentPath} is missing.");
                }

                if (!Guid.TryParse(Required(data, "WebResourceId", dataPath).Trim('{', '}'), out Guid id))
                {
                    throw new InvalidDataException($"{dataPath}: WebResourceId {EntryNames.Quote(data.Element("WebResourceId")!.Value)} is not a GUID.");
                }

                string type = Required(data, "WebResourceType", dataPath);
                if (!int.TryParse(type, out int typeValue) || !Types.ContainsKey(typeValue))
                {
                    throw new InvalidDataException($"{dataPath}: WebResourceType {EntryNames.Quote(type)} is not one of the platform's types " +
                        $"({string.Join(", ", Types.Select(t => $"{t.Key} {t.Value}"))}).");
                }

                string? fileName = data.Element("FileName")?.Value.Trim();
                if (string.IsNullOrEmpty(fileName))
                {
                    throw new InvalidDataException($"{dataPath} has no <FileName>: SolutionPackager would pack the web resource without its content. " +
                        $"Add <FileName>{ExportFileName(name, id)}</FileName> (the name an export gives it).");
                }

                string entry = EntryNames.Validate(fileName.TrimStart('/'), $"FileName of {dataPath}");
                if (!entry.StartsWith(Folder, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"{dataPath}: FileName {EntryNames.Quote(fileName)} must be under /{Folder}.");
                }

                if (!names.Add(name) || !ids.Add(id))
                {
                    throw new InvalidDataException($"{dataPath}: another web resource has the name {EntryNames.Quote(name)} or the id {id:D}.");
                }

                if (!rootNames.Contains(name))
                {
                    throw new InvalidDataException($"The web resource {EntryNames.Quote(name)} is not a root component of the solution: add " +
                        $"<RootComponent type=\"{RootComponentType}\" schemaName=\"{name}\" behavior=\"0\" /> to Other/Solution.xml.");
                }

                var element = new XElement(data);
                element.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
                used.Add(dataPath);
                used.Add(contentPath);
                result.Add(new Packed(name, element, entry, content));
            }

            string? orphan = files.Keys.FirstOrDefault(p => p.StartsWith(Folder, StringComparison.Ordinal) && !used.Contains(p));
            if (orphan != null)
            {
                throw new InvalidDataException($"{orphan} is under {Folder} but no {Folder}…{DataSuffix} describes it: add {orphan}{DataSuffix} " +
                    "(WebResourceId, Name, DisplayName, WebResourceType, FileName, …) or move the file out of the solution folder.");
            }

            return result.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        }

        private static string Required(XElement data, string element, string source)
        {
            string? value = data.Element(element)?.Value.Trim();
            return string.IsNullOrEmpty(value) ? throw new InvalidDataException($"{source} has no <{element}>.") : value;
        }

        /// <summary>
        /// The unpack direction: writes each web resource of customizations.xml as its content and data file, empties
        /// the section (SolutionPackager leaves <c>&lt;WebResources /&gt;</c>) and returns the zip entries it consumed.
        /// </summary>
        internal static HashSet<string> Split(XElement customizations, IReadOnlyDictionary<string, byte[]> entries, IDictionary<string, byte[]> output)
        {
            var consumed = new HashSet<string>(StringComparer.Ordinal);
            XElement? section = customizations.Element("WebResources");
            if (section == null)
            {
                return consumed;
            }

            foreach (XElement resource in section.Elements("WebResource"))
            {
                string name = resource.Element("Name")?.Value.Trim() ?? string.Empty;
                string fileName = resource.Element("FileName")?.Value.Trim().TrimStart('/') ?? string.Empty;
                if (name.Length == 0 || fileName.Length == 0)
                {
                    throw new InvalidDataException("customizations.xml has a <WebResource> without a Name or a FileName.");
                }

                if (!entries.TryGetValue(fileName, out byte[]? content))
                {
                    throw new InvalidDataException($"The web resource {EntryNames.Quote(name)} names the content {EntryNames.Quote(fileName)}, which is not in the zip.");
                }

                string contentPath = EntryNames.Validate(Folder + name, "web resource name (made from the solution's XML)");
                if (output.ContainsKey(contentPath))
                {
                    throw new InvalidDataException($"Two components map to the same file {contentPath}.");
                }

                output[contentPath] = content;
                var data = new XElement(resource);
                data.Add(new XAttribute(XNamespace.Xmlns + "xsi", "http://www.w3.org/2001/XMLSchema-instance"));
                SolutionLayout.Write(output, contentPath + DataSuffix, data);
                consumed.Add(fileName);
            }

            section.RemoveNodes();
            return consumed;
        }
    }
}
