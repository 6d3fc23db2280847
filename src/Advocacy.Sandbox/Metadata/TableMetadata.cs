using System;
using System.Collections.Generic;
using System.Linq;

namespace Advocacy.Sandbox
{
    /// <summary>A table: its columns and key names. Built once by the loader, then read by many threads.</summary>
    public sealed class TableMetadata
    {
        // Replaced, never mutated, once the loader is done: lenient mode adds inferred columns while other threads read.
        private Dictionary<string, ColumnMetadata> _columns = new(StringComparer.OrdinalIgnoreCase);

        public TableMetadata(string logicalName, string? primaryIdAttribute = null, string? primaryNameAttribute = null)
        {
            LogicalName = logicalName;
            PrimaryIdAttribute = primaryIdAttribute ?? logicalName + "id";
            PrimaryNameAttribute = primaryNameAttribute;
        }

        public string LogicalName { get; }
        public string PrimaryIdAttribute { get; internal set; }
        public string? PrimaryNameAttribute { get; internal set; }

        /// <summary>
        /// The table's schema name (<c>adv_Feedback</c>, <c>Account</c>): what privilege names are built from
        /// (prvReadadv_Feedback). Null when unknown; the logical name stands in (privileges match case-insensitively).
        /// </summary>
        public string? SchemaName { get; set; }

        /// <summary>How rows are owned, when the solution (OwnershipTypeMask) or the built-in tables say so; null = inferred.</summary>
        public TableOwnership? Ownership { get; set; }

        /// <summary>An activity table (task, …): its privileges are the shared Activity ones (prvCreateActivity).</summary>
        public bool IsActivity { get; set; }

        /// <summary>
        /// The only messages the table takes, when the platform limits them (the "Messages" table of its Microsoft Learn
        /// reference: calendarrule lists Associate and Disassociate); any other message naming it is refused before its
        /// pipeline (<see cref="CoreOperations.RequireMessageSupported"/>). Null: no limit known.
        /// </summary>
        public IReadOnlyCollection<string>? Messages { get; set; }

        /// <summary>The table's display name per language (Entity.xml LocalizedNames); null = the solution gives none.</summary>
        public IReadOnlyDictionary<int, string>? DisplayNames { get; set; }

        /// <summary>The table's plural display name per language (Entity.xml LocalizedCollectionNames).</summary>
        public IReadOnlyDictionary<int, string>? DisplayCollectionNames { get; set; }

        /// <summary>The table's description per language (Entity.xml Descriptions).</summary>
        public IReadOnlyDictionary<int, string>? Descriptions { get; set; }

        /// <summary>
        /// A table no metadata declares, created by lenient mode (<see cref="SandboxMetadata.Strict"/> false) on its first
        /// write; its columns are typed by their first values.
        /// </summary>
        public bool IsInferred { get; internal set; }

        /// <summary>Alternate keys: key name → its columns. Each is unique among saved rows, and a row is found by KeyAttributes only through one of them.</summary>
        public Dictionary<string, string[]> AlternateKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>An alternate key's display name per language (the EntityKey's displaynames), by key name.</summary>
        public Dictionary<string, IReadOnlyDictionary<int, string>> AlternateKeyDisplayNames { get; } = new(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyCollection<ColumnMetadata> Columns => _columns.Values;

        public ColumnMetadata? Column(string logicalName) => _columns.TryGetValue(logicalName, out var c) ? c : null;

        public bool HasColumn(string logicalName) => _columns.ContainsKey(logicalName);

        /// <summary>Adds or replaces a column: the solution's definition wins over the built-in one.</summary>
        public TableMetadata Add(ColumnMetadata column)
        {
            _columns[column.LogicalName] = column;
            _derived = null;
            return this;
        }

        internal void AddIfMissing(ColumnMetadata column)
        {
            _columns.TryAdd(column.LogicalName, column);
            _derived = null;
        }

        private DerivedColumns? _derived;

        /// <summary>
        /// The columns every write looks at (dates by behaviour, money with its base column), worked out once per
        /// set of columns rather than on each save; any change to the columns drops it.
        /// </summary>
        internal DerivedColumns Derived => _derived ??= new DerivedColumns(this);

        /// <summary>Adds a column inferred at write time (copy on write: readers on other threads keep a whole dictionary).</summary>
        internal ColumnMetadata AddInferred(ColumnMetadata column)
        {
            lock (this)
            {
                if (_columns.TryGetValue(column.LogicalName, out var existing))
                {
                    return existing;
                }
                _columns = new Dictionary<string, ColumnMetadata>(_columns, StringComparer.OrdinalIgnoreCase) { [column.LogicalName] = column };
                _derived = null;
                return column;
            }
        }
    }

    /// <summary>What a write needs to know about a table's columns, derived from them (see <see cref="TableMetadata.Derived"/>).</summary>
    internal sealed class DerivedColumns
    {
        public DerivedColumns(TableMetadata table)
        {
            Dates = table.Columns.Where(c => c.Type == ColumnType.DateTime).ToArray();
            Money = table.Columns.Where(c => c.Type == ColumnType.Money && !c.LogicalName.EndsWith("_base", StringComparison.OrdinalIgnoreCase))
                .Select(c => (c, table.HasColumn(c.LogicalName + "_base") ? c.LogicalName + "_base" : null)).ToArray();
            HasCurrency = table.HasColumn("transactioncurrencyid");
            HasExchangeRate = table.HasColumn("exchangerate");
        }

        public ColumnMetadata[] Dates { get; }

        /// <summary>Money columns other than the base ones, each with its base column when the table has it.</summary>
        public (ColumnMetadata Column, string? BaseName)[] Money { get; }

        public bool HasCurrency { get; }

        public bool HasExchangeRate { get; }
    }

    /// <summary>How a table's rows are owned (EntityMetadata.OwnershipType): what the access levels of its privileges mean.</summary>
    public enum TableOwnership
    {
        /// <summary>No owner and no privileges (intersect tables).</summary>
        None,

        /// <summary>Owned by a user or a team: Basic, Local, Deep and Global apply.</summary>
        UserOwned,

        /// <summary>Owned by the organization: only Global (or none) counts.</summary>
        OrganizationOwned,

        /// <summary>Owned by a business unit (systemuser, team, businessunit): Local, Deep and Global apply.</summary>
        BusinessOwned,
    }

    /// <summary>An N:N relationship: where Associate stores its intersect rows.</summary>
    public sealed class ManyToManyMetadata
    {
        public ManyToManyMetadata(string schemaName, string entity1, string entity2, string? intersectEntity = null, string? entity1Attribute = null, string? entity2Attribute = null)
        {
            SchemaName = schemaName;
            Entity1 = entity1;
            Entity2 = entity2;
            IntersectEntity = (intersectEntity ?? schemaName).ToLowerInvariant();
            Entity1Attribute = entity1Attribute ?? entity1 + "id";
            Entity2Attribute = entity2Attribute ?? (entity1 == entity2 ? entity2 + "idtwo" : entity2 + "id");
        }

        public string SchemaName { get; }
        public string Entity1 { get; }
        public string Entity2 { get; }
        public string IntersectEntity { get; }
        public string Entity1Attribute { get; }
        public string Entity2Attribute { get; }
    }

    /// <summary>What deleting the referenced row does to the rows whose lookup names it (a one-to-many relationship's CascadeDelete).</summary>
    public enum CascadeDelete
    {
        /// <summary>The referencing rows are deleted too.</summary>
        Cascade,

        /// <summary>The referencing rows' lookup is cleared.</summary>
        RemoveLink,

        /// <summary>The delete is refused while a referencing row exists.</summary>
        Restrict,
    }

    /// <summary>
    /// What assigning the referenced row to another owner does to the rows whose lookup names it (a one-to-many
    /// relationship's CascadeAssign; Microsoft Learn, "Configure table relationship cascading behavior").
    /// </summary>
    public enum CascadeAssign
    {
        /// <summary>The referencing rows keep their owners.</summary>
        NoCascade,

        /// <summary>Every referencing row goes to the new owner (Cascade All).</summary>
        Cascade,

        /// <summary>Only active referencing rows (statecode 0) go to the new owner.</summary>
        Active,

        /// <summary>Only referencing rows owned by the referenced row's previous owner go to the new owner.</summary>
        UserOwned,
    }

    /// <summary>A one-to-many relationship: referencing table's lookup column → referenced table.</summary>
    public sealed class OneToManyMetadata
    {
        public OneToManyMetadata(string schemaName, string referencedEntity, string referencingEntity, string referencingAttribute, CascadeDelete onDelete)
        {
            SchemaName = schemaName;
            ReferencedEntity = referencedEntity.ToLowerInvariant();
            ReferencingEntity = referencingEntity.ToLowerInvariant();
            ReferencingAttribute = referencingAttribute.ToLowerInvariant();
            OnDelete = onDelete;
        }

        public string SchemaName { get; }
        public string ReferencedEntity { get; }
        public string ReferencingEntity { get; }
        public string ReferencingAttribute { get; }
        public CascadeDelete OnDelete { get; }

        /// <summary>The relationship's CascadeAssign; NoCascade when the metadata does not say.</summary>
        public CascadeAssign OnAssign { get; init; }

        /// <summary>
        /// The relationship's CascadeShare, in the same four values as CascadeAssign: with Cascade, a referencing row inherits
        /// the shares of the row it names (Microsoft Learn, "Sharing and inheritance"); NoCascade when the metadata does not say.
        /// </summary>
        public CascadeAssign OnShare { get; init; }
    }
}
