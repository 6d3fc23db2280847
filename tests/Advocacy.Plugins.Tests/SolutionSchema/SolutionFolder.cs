using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;

namespace Advocacy.Plugins.Tests.SolutionSchema
{
    /// <summary>
    /// The hand-authored, unpacked solution under <c>solution/</c> (SolutionPackager's Extract layout), read once per test run.
    /// </summary>
    internal sealed class SolutionFolder
    {
        private static readonly Lazy<SolutionFolder> Instance = new(() => new SolutionFolder(LocateRoot()));

        public static SolutionFolder Current => Instance.Value;

        /// <summary>Standard (Microsoft) tables the solution refers to, with the standard columns our views, forms and charts may use.</summary>
        public static readonly IReadOnlyDictionary<string, string[]> StandardColumns = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["account"] = new[] { "accountid", "name", "ownerid", "statecode", "statuscode", "createdon", "modifiedon", "primarycontactid", "telephone1" },
            ["incident"] = new[] { "incidentid", "title", "customerid", "prioritycode", "ownerid", "statecode", "statuscode", "createdon" },
            ["task"] = new[] { "activityid", "subject", "regardingobjectid", "scheduledend", "actualend", "prioritycode", "ownerid", "statecode", "statuscode", "createdon" },
            ["salesorder"] = new[] { "salesorderid", "name", "requestdeliveryby", "datefulfilled" },
            ["systemuser"] = new[] { "systemuserid", "fullname" },
            ["transactioncurrency"] = new[] { "transactioncurrencyid" },
        };

        /// <summary>
        /// Standard (Microsoft) one-to-many relationships our subgrids follow: an activity's regarding row, per
        /// Microsoft's table reference for account ("Account_Tasks") and incident ("Incident_Tasks").
        /// </summary>
        public static readonly IReadOnlyCollection<string> StandardRelationships = new[] { "Account_Tasks", "Incident_Tasks" };

        private SolutionFolder(string root)
        {
            Root = root;
            XmlFiles = Directory.EnumerateFiles(root, "*.xml", SearchOption.AllDirectories)
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();
            Documents = new Dictionary<string, XDocument>(StringComparer.Ordinal);
            LoadErrors = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in XmlFiles)
            {
                try
                {
                    Documents[Relative(file)] = XDocument.Load(file);
                }
                catch (Exception ex)
                {
                    LoadErrors[Relative(file)] = ex.Message;
                }
            }

            Entities = Documents
                .Where(d => IsUnder(d.Key, "Entities") && d.Key.EndsWith("/Entity.xml", StringComparison.Ordinal))
                .Select(d => new EntityFile(d.Key.Split('/')[1], d.Value))
                .ToDictionary(e => e.LogicalName, StringComparer.OrdinalIgnoreCase);
        }

        public string Root { get; }

        public IReadOnlyList<string> XmlFiles { get; }

        /// <summary>Parsed XML files by path relative to <c>solution/</c>, with forward slashes.</summary>
        public Dictionary<string, XDocument> Documents { get; }

        public Dictionary<string, string> LoadErrors { get; }

        /// <summary>Entity.xml files by the table's logical name.</summary>
        public Dictionary<string, EntityFile> Entities { get; }

        public XDocument SolutionXml => Documents["Other/Solution.xml"];

        public IEnumerable<KeyValuePair<string, XDocument>> Under(string folder) =>
            Documents.Where(d => IsUnder(d.Key, folder));

        public bool IsCustomTable(string logicalName) =>
            Entities.TryGetValue(logicalName, out var e) && e.IsCustomTable;

        /// <summary>A table is known when the solution defines it or it is one of the standard tables we reference.</summary>
        public bool TableExists(string logicalName) =>
            Entities.ContainsKey(logicalName) || StandardColumns.ContainsKey(logicalName);

        /// <summary>Every column the solution lets views, forms and charts use on a table.</summary>
        public ISet<string> ColumnsOf(string logicalName)
        {
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (Entities.TryGetValue(logicalName, out var e))
            {
                set.UnionWith(e.Attributes.Keys);
            }

            if (StandardColumns.TryGetValue(logicalName, out var std))
            {
                set.UnionWith(std);
            }

            return set;
        }

        public IReadOnlyList<XElement> Relationships =>
            Under("Other/Relationships").SelectMany(d => d.Value.Root!.Elements("EntityRelationship")).ToList();

        public static string Id(string? value) => (value ?? string.Empty).Trim().Trim('{', '}').ToLowerInvariant();

        private static bool IsUnder(string relative, string folder) =>
            relative.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);

        private string Relative(string file) => Path.GetRelativePath(Root, file).Replace('\\', '/');

        private static string LocateRoot()
        {
            var repoRoot = typeof(SolutionFolder).Assembly
                .GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "RepoRoot").Value;
            if (string.IsNullOrEmpty(repoRoot))
            {
                throw new InvalidOperationException("The test assembly has no RepoRoot metadata.");
            }

            var root = Path.Combine(repoRoot, "solution");
            if (!File.Exists(Path.Combine(root, "Other", "Solution.xml")))
            {
                throw new InvalidOperationException($"No unpacked solution at {root} (Other/Solution.xml missing).");
            }

            return root;
        }
    }

    internal sealed class EntityFile
    {
        public EntityFile(string folder, XDocument doc)
        {
            Folder = folder;
            Document = doc;
            var entity = doc.Root!.Element("EntityInfo")!.Element("entity")!;
            SchemaName = (string)entity.Attribute("Name")!;
            LogicalName = SchemaName.ToLowerInvariant();
            IsCustomTable = entity.Element("OwnershipTypeMask") != null;
            Ownership = (string?)entity.Element("OwnershipTypeMask");
            Attributes = entity.Element("attributes")!.Elements("attribute")
                .ToDictionary(a => (string)a.Element("LogicalName")!, a => a, StringComparer.OrdinalIgnoreCase);
        }

        public string Folder { get; }

        public XDocument Document { get; }

        public string SchemaName { get; }

        public string LogicalName { get; }

        /// <summary>True for tables the solution creates; false for standard tables it only adds columns to.</summary>
        public bool IsCustomTable { get; }

        public string? Ownership { get; }

        public Dictionary<string, XElement> Attributes { get; }

        public static string TypeOf(XElement attribute) => (string)attribute.Element("Type")!;
    }
}
