using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Advocacy.Packaging
{
    /// <summary>
    /// Processes (cloud flows, classic workflows) both ways, as SolutionPackager lays them out and Dataverse exports them.
    /// Folder: <c>Workflows/{file}</c> (a cloud flow's definition, <c>{Name}-{ID}.json</c>) beside
    /// <c>Workflows/{file}.data.xml</c> (one <c>&lt;Workflow WorkflowId Name&gt;</c>: JsonFileName, Type, Category 5,
    /// StateCode, StatusCode, …). Zip: the definition at the same path and the element in customizations.xml's
    /// <c>&lt;Workflows&gt;</c>. The definition file itself is carried through unchanged.
    /// </summary>
    public static class WorkflowLayout
    {
        /// <summary>The folder of the unpacked layout (and the zip).</summary>
        public const string Folder = "Workflows/";

        private const string DataSuffix = ".data.xml";

        /// <summary>The solution component type of a process in solution.xml's RootComponents.</summary>
        public const string RootComponentType = "29";

        /// <summary>
        /// Reads every <c>Workflows/*.data.xml</c>, marks it used and returns the elements for customizations.xml, by
        /// WorkflowId. Refuses a data file whose definition file is missing, whose id is not a GUID or is used twice, or
        /// which is not a root component (it would import but belong to no solution).
        /// </summary>
        internal static IReadOnlyList<XElement> Read(IReadOnlyDictionary<string, byte[]> files, HashSet<string> used, ISet<Guid> rootIds)
        {
            var result = new SortedDictionary<Guid, XElement>();
            foreach (string dataPath in files.Keys.Where(p => p.StartsWith(Folder, StringComparison.Ordinal) && p.EndsWith(DataSuffix, StringComparison.Ordinal)
                         && p.IndexOf('/', Folder.Length) < 0).OrderBy(p => p, StringComparer.Ordinal))
            {
                XElement data = SolutionLayout.Root(files, dataPath);
                if (data.Name != "Workflow")
                {
                    throw new InvalidDataException($"{dataPath}: the root element must be <Workflow>, found <{data.Name.LocalName}>.");
                }

                string idText = (string?)data.Attribute("WorkflowId") ?? string.Empty;
                if (!Guid.TryParse(idText.Trim('{', '}'), out Guid id))
                {
                    throw new InvalidDataException($"{dataPath}: WorkflowId {EntryNames.Quote(idText)} is not a GUID.");
                }

                string? definition = DefinitionFile(data);
                if (definition == null)
                {
                    throw new InvalidDataException($"{dataPath} has neither <JsonFileName> nor <XamlFileName>.");
                }

                string definitionPath = EntryNames.Validate(definition.TrimStart('/'), $"definition file of {dataPath}");
                if (definitionPath + DataSuffix != dataPath)
                {
                    throw new InvalidDataException($"{dataPath} names the definition {definition}; its data file must be {definitionPath + DataSuffix}.");
                }

                if (!files.ContainsKey(definitionPath))
                {
                    throw new InvalidDataException($"{dataPath}: the process's definition {definitionPath} is missing.");
                }

                if (!rootIds.Contains(id))
                {
                    throw new InvalidDataException($"The process {EntryNames.Quote((string?)data.Attribute("Name") ?? dataPath)} is not a root component of the solution: add " +
                        $"<RootComponent type=\"{RootComponentType}\" id=\"{{{id:D}}}\" behavior=\"0\" /> to Other/Solution.xml.");
                }

                var element = new XElement(data);
                element.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
                if (!result.TryAdd(id, element))
                {
                    throw new InvalidDataException($"{dataPath}: another process has the id {id:D}.");
                }

                used.Add(dataPath);
            }

            return result.Values.ToList();
        }

        /// <summary>The unpack direction: one data file per process beside its definition; the section is left empty.</summary>
        internal static void Split(XElement customizations, IDictionary<string, byte[]> output)
        {
            XElement? section = customizations.Element("Workflows");
            if (section == null)
            {
                return;
            }

            foreach (XElement workflow in section.Elements("Workflow"))
            {
                string definition = DefinitionFile(workflow)
                    ?? throw new InvalidDataException($"The process {EntryNames.Quote((string?)workflow.Attribute("Name") ?? "(no name)")} has neither JsonFileName nor XamlFileName.");
                var data = new XElement(workflow);
                data.Add(new XAttribute(XNamespace.Xmlns + "xsi", "http://www.w3.org/2001/XMLSchema-instance"));
                SolutionLayout.Write(output, definition.Trim().TrimStart('/') + DataSuffix, data);
            }

            section.RemoveNodes();
        }

        private static string? DefinitionFile(XElement workflow)
        {
            string? file = workflow.Element("JsonFileName")?.Value.Trim() ?? workflow.Element("XamlFileName")?.Value.Trim();
            return string.IsNullOrEmpty(file) ? null : file;
        }
    }
}
