using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The sandbox's schema: built-in standard tables plus whatever the solution folder defines. Writes are
    /// checked against it so a test fails where Dataverse would — a plug-in that writes a column the
    /// solution does not ship, or a value of the wrong type, is caught before deployment.
    /// </summary>
    public sealed class SandboxMetadata
    {
        private readonly ConcurrentDictionary<string, TableMetadata> _tables = new(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, ManyToManyMetadata> _relationships = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Only the built-in standard tables.</summary>
        public SandboxMetadata()
        {
            foreach (var table in StandardTables.All().Concat(RegionalTables.All()).Concat(CalendarTables.All()).Append(Sharing.Describe()))
            {
                _tables[table.LogicalName] = StandardLabels.Apply(StandardLimits.Apply(table));
            }
            foreach (var relationship in StandardRelationships.Declared(this))
            {
                _oneToMany[relationship.SchemaName] = relationship;
            }
        }

        /// <summary>Built-in standard tables plus the tables and columns of an unpacked solution folder.</summary>
        public static SandboxMetadata FromSolution(string? solutionFolder)
        {
            var metadata = new SandboxMetadata();
            if (solutionFolder != null)
            {
                metadata.LoadSolution(solutionFolder);
            }
            return metadata;
        }

        /// <summary>
        /// Built-in standard tables plus a solution and its extensions, in import order (the core first): an
        /// extension adds columns to the core's tables, as importing it into the same environment does.
        /// </summary>
        public static SandboxMetadata FromSolutions(IEnumerable<string> solutionFolders)
        {
            var metadata = new SandboxMetadata();
            foreach (var folder in solutionFolders)
            {
                metadata.LoadSolution(folder);
            }
            return metadata;
        }

        /// <summary>
        /// True (the default): unknown tables and columns are refused as Dataverse refuses them. False is lenient mode, for
        /// tables no solution folder describes: any table and column is accepted, and a column not in the metadata takes
        /// the type of the first non-null value written to it (as FakeXrmEasy does without early-bound types), so a later
        /// value of another type is refused. Columns the metadata declares keep their types and limits.
        /// </summary>
        public bool Strict { get; set; } = true;

        /// <summary>What the solution reader skipped (unreadable files, attributes without a type).</summary>
        public IReadOnlyList<string> LoadWarnings => _warnings;

        private readonly List<string> _warnings = new();

        public IEnumerable<TableMetadata> Tables => _tables.Values;

        public void LoadSolution(string solutionFolder)
        {
            var reader = new SolutionMetadataReader();
            reader.Read(solutionFolder, this);
            _warnings.AddRange(reader.Warnings);
        }

        public TableMetadata? Table(string logicalName) => _tables.TryGetValue(logicalName, out var t) ? t : null;

        public bool TableExists(string logicalName) => !Strict || _tables.ContainsKey(logicalName);

        public string PrimaryIdAttribute(string logicalName) => Table(logicalName)?.PrimaryIdAttribute ?? logicalName + "id";

        public bool ColumnExists(string logicalName, string attribute)
        {
            var table = Table(logicalName);
            return table == null ? !Strict : table.HasColumn(attribute) || !Strict;
        }

        public string? ChoiceLabel(string logicalName, string attribute, int value) =>
            Table(logicalName)?.Column(attribute)?.Options.TryGetValue(value, out var label) == true ? label : null;

        /// <summary>
        /// Gets a table, creating it with the system and ownership columns when new: a custom table read
        /// from the solution (or declared by a test) has them on the platform even if Entity.xml omits them.
        /// </summary>
        public TableMetadata GetOrAddTable(string logicalName, string? primaryIdAttribute = null)
        {
            return _tables.GetOrAdd(logicalName.ToLowerInvariant(), name =>
            {
                var table = new TableMetadata(name, primaryIdAttribute);
                table.Add(new ColumnMetadata(table.PrimaryIdAttribute, ColumnType.UniqueIdentifier));
                foreach (var c in StandardTables.SystemColumns().Concat(StandardTables.OwnershipColumns()))
                {
                    table.AddIfMissing(c);
                }
                return table;
            });
        }

        /// <summary>Declares a table (e.g. a test-only one) with the given columns.</summary>
        public TableMetadata AddTable(string logicalName, params ColumnMetadata[] columns)
        {
            var table = GetOrAddTable(logicalName);
            foreach (var c in columns)
            {
                table.Add(c);
            }
            return table;
        }

        private TableMetadata InferTable(string logicalName)
        {
            var table = GetOrAddTable(logicalName);
            table.IsInferred = true;
            return table;
        }

        /// <summary>The column type a first value implies (lenient mode); a value of no Dataverse type leaves it unchecked.</summary>
        internal static ColumnType InferType(object value) => value switch
        {
            string => ColumnType.String,
            int => ColumnType.Integer,
            long => ColumnType.BigInt,
            decimal => ColumnType.Decimal,
            double => ColumnType.Double,
            Money => ColumnType.Money,
            bool => ColumnType.Boolean,
            DateTime => ColumnType.DateTime,
            EntityReference => ColumnType.Lookup,
            OptionSetValue => ColumnType.Choice,
            OptionSetValueCollection => ColumnType.MultiChoice,
            Guid => ColumnType.UniqueIdentifier,
            byte[] => ColumnType.Image,
            _ => ColumnType.Other,
        };

        private readonly ConcurrentDictionary<string, SecurityRole> _roles = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The security roles the solution folders ship (Roles/*.xml), by name.</summary>
        public IEnumerable<SecurityRole> Roles => _roles.Values;

        public SecurityRole? Role(string name) => _roles.TryGetValue(name, out var role) ? role : null;

        /// <summary>Adds (or replaces) a security role; a later solution's role of the same name wins, as an import does.</summary>
        public void AddRole(SecurityRole role) => _roles[role.Name] = role;

        public void AddRelationship(ManyToManyMetadata relationship) => _relationships[relationship.SchemaName] = relationship;

        private readonly ConcurrentDictionary<string, OneToManyMetadata> _oneToMany = new(StringComparer.OrdinalIgnoreCase);

        public void AddRelationship(OneToManyMetadata relationship) => _oneToMany[relationship.SchemaName] = relationship;

        /// <summary>A declared one-to-many relationship by schema name, or null.</summary>
        public OneToManyMetadata? OneToMany(string schemaName) => _oneToMany.TryGetValue(schemaName, out var r) ? r : null;

        /// <summary>A declared many-to-many relationship by schema name, or null (unlike <see cref="Relationship"/>, nothing is made up).</summary>
        public ManyToManyMetadata? ManyToMany(string schemaName) => _relationships.TryGetValue(schemaName, out var r) ? r : null;

        /// <summary>The one-to-many relationships whose referenced (parent) table is this one.</summary>
        public IEnumerable<OneToManyMetadata> ReferencingRelationships(string referencedEntity) =>
            _oneToMany.Values.Where(r => string.Equals(r.ReferencedEntity, referencedEntity, StringComparison.OrdinalIgnoreCase)).OrderBy(r => r.SchemaName, StringComparer.Ordinal);

        /// <summary>The one-to-many relationships in which a table is the referencing (child) side: the lookups to its parents.</summary>
        public IEnumerable<OneToManyMetadata> ReferencedRelationships(string referencingEntity) =>
            _oneToMany.Values.Where(r => string.Equals(r.ReferencingEntity, referencingEntity, StringComparison.OrdinalIgnoreCase)).OrderBy(r => r.SchemaName, StringComparer.Ordinal);

        /// <summary>The N:N relationship by schema name; an unknown one gets a default intersect layout.</summary>
        public ManyToManyMetadata Relationship(string schemaName, string entity1, string entity2) =>
            _relationships.GetOrAdd(schemaName, name => new ManyToManyMetadata(name, entity1, entity2));

        /// <summary>Checks every attribute of an entity about to be written; throws Dataverse's faults.</summary>
        public void ValidateWrite(Entity entity) => ValidateWrite(entity, checkLimits: true);

        /// <summary>
        /// Checks every attribute's table, column, type and choice; with <paramref name="checkLimits"/> also the
        /// column's MaxLength and MinValue/MaxValue, as a save through the platform does.
        /// </summary>
        public void ValidateWrite(Entity entity, bool checkLimits)
        {
            var table = Table(entity.LogicalName);
            if (table == null)
            {
                if (Strict)
                {
                    throw Faults.UnknownEntity(entity.LogicalName);
                }
                table = InferTable(entity.LogicalName);
            }
            foreach (var pair in entity.Attributes)
            {
                var column = table.Column(pair.Key);
                if (column == null)
                {
                    if (Strict)
                    {
                        throw Faults.UnknownAttribute(entity.LogicalName, pair.Key);
                    }
                    if (pair.Value == null)
                    {
                        continue; // nothing to type it by yet
                    }
                    column = table.AddInferred(new ColumnMetadata(pair.Key.ToLowerInvariant(), InferType(pair.Value), options: null) { IsInferred = true });
                }
                ValueTypeCheck.Check(entity.LogicalName, column, pair.Value, checkLimits);
            }
        }
    }
}
