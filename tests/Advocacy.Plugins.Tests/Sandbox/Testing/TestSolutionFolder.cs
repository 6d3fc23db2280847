using System;
using System.IO;
using System.Linq;

namespace Advocacy.Plugins.Tests.Sandbox.Testing
{
    /// <summary>
    /// Writes small unpacked solutions in SolutionPackager's layout (Other/Solution.xml, Entities/{Name}/Entity.xml,
    /// Other/Relationships/{Table}.xml) into a temporary folder: another publisher's plug-in project, not ours.
    /// </summary>
    internal static class TestSolutionFolder
    {
        /// <summary>Contoso's "Projects": new_Project with a name (100), a budget (0 to 1,000,000) and an account lookup (Cascade delete).</summary>
        public static readonly (string Entity, string Attributes, string Relationships)[] Projects =
        {
            ("new_Project",
                Attribute("new_ProjectId", "primarykey") +
                Attribute("new_Name", "nvarchar", "<DisplayMask>PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm</DisplayMask><MaxLength>100</MaxLength>") +
                Attribute("new_Budget", "money", "<MinValue>0</MinValue><MaxValue>1000000</MaxValue>") +
                Attribute("new_AccountId", "lookup", "<LookupTypes />"),
                Relationship("new_account_new_project", "new_Project", "Account", "new_AccountId", "Cascade")),
        };

        /// <summary>A second solution extending new_Project with a phase, as an extension solution imported later would.</summary>
        public static readonly (string Entity, string Attributes, string Relationships)[] Phases =
        {
            ("new_Project", Attribute("new_Phase", "int", "<MinValue>1</MinValue><MaxValue>5</MaxValue>"), ""),
        };

        public static string Write(params (string Entity, string Attributes, string Relationships)[] tables)
        {
            string root = Support.TestRunFolders.New("sandbox-solution-");
            Directory.CreateDirectory(Path.Combine(root, "Other", "Relationships"));
            File.WriteAllText(Path.Combine(root, "Other", "Solution.xml"),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><ImportExportXml version=\"9.2\"><SolutionManifest><UniqueName>ContosoProjects</UniqueName>" +
                "<Version>1.0.0.0</Version><Managed>0</Managed></SolutionManifest></ImportExportXml>");
            foreach (var (entity, attributes, relationships) in tables)
            {
                Directory.CreateDirectory(Path.Combine(root, "Entities", entity));
                File.WriteAllText(Path.Combine(root, "Entities", entity, "Entity.xml"),
                    $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Entity><Name>{entity}</Name><EntityInfo><entity Name=\"{entity}\">" +
                    $"<OwnershipTypeMask>UserOwned</OwnershipTypeMask><attributes>{attributes}</attributes></entity></EntityInfo></Entity>");
                if (relationships.Length > 0)
                {
                    File.WriteAllText(Path.Combine(root, "Other", "Relationships", "Account.xml"),
                        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><EntityRelationships>{relationships}</EntityRelationships>");
                }
            }
            return root;
        }

        public static void Delete(params string[] folders)
        {
            foreach (string folder in folders.Where(Directory.Exists))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static string Attribute(string physicalName, string type, string extra = "") =>
            $"<attribute PhysicalName=\"{physicalName}\"><Type>{type}</Type><Name>{physicalName.ToLowerInvariant()}</Name>" +
            $"<LogicalName>{physicalName.ToLowerInvariant()}</LogicalName>{extra}</attribute>";

        private static string Relationship(string name, string referencing, string referenced, string attribute, string cascadeDelete) =>
            $"<EntityRelationship Name=\"{name}\"><EntityRelationshipType>OneToMany</EntityRelationshipType>" +
            $"<ReferencingEntityName>{referencing}</ReferencingEntityName><ReferencedEntityName>{referenced}</ReferencedEntityName>" +
            $"<CascadeAssign>NoCascade</CascadeAssign><CascadeDelete>{cascadeDelete}</CascadeDelete>" +
            $"<ReferencingAttributeName>{attribute}</ReferencingAttributeName></EntityRelationship>";
    }
}
