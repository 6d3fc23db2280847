using System;
using Advocacy.Sandbox.Query;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// Copies entities so that nobody can alias a stored row: Money, OptionSetValue and EntityReference are
    /// mutable classes, so a shallow copy would let a caller change the store behind its back.
    /// </summary>
    internal static class EntityCloner
    {
        public static Entity Clone(Entity source, ColumnFilter? columns = null)
        {
            var copy = new Entity(source.LogicalName) { Id = source.Id };
            foreach (var pair in source.Attributes)
            {
                if (columns == null || columns.Includes(pair.Key))
                {
                    copy.Attributes[pair.Key] = CloneValue(pair.Value);
                }
            }
            if (source.KeyAttributes.Count > 0)
            {
                foreach (var pair in source.KeyAttributes)
                {
                    copy.KeyAttributes[pair.Key] = CloneValue(pair.Value);
                }
            }
            if (source.FormattedValues.Count > 0)
            {
                foreach (var pair in source.FormattedValues)
                {
                    copy.FormattedValues[pair.Key] = pair.Value;
                }
            }
            return copy;
        }

        /// <summary>
        /// What a Retrieve returns: copies of the asked columns of a row as the store holds it (a committed
        /// <see cref="StoredRow"/>, a transaction's <see cref="NewRow"/> or Entity), in the row's order, the primary id
        /// always, and no column without a value (Dataverse omits those: a column updated to null is not returned).
        /// </summary>
        public static Entity CloneColumns(object row, Guid id, Microsoft.Xrm.Sdk.Query.ColumnSet columns, string primaryId)
        {
            var wanted = new WantedColumns(columns, primaryId);
            if (row is IStoredRow stored)
            {
                // The table's name as the row holds it (the logical name), not as the caller spelled it.
                var copy = new Entity(stored.LogicalName, id);
                for (int i = 0; i < stored.Count; i++)
                {
                    Add(copy, stored.NameAt(i), stored.ValueAt(i), wanted);
                }
                return copy;
            }
            var entity = (Entity)row;
            var fromEntity = new Entity(entity.LogicalName, id);
            foreach (var pair in entity.Attributes)
            {
                Add(fromEntity, pair.Key, pair.Value, wanted);
            }
            return fromEntity;

            static void Add(Entity copy, string name, object? value, in WantedColumns wanted)
            {
                if (value != null && wanted.Includes(name))
                {
                    copy.Attributes[name] = CloneValue(value);
                }
            }
        }

        /// <summary>A ColumnSet's columns plus the primary id, ignoring case, looked up without a set for the usual few columns.</summary>
        private readonly struct WantedColumns
        {
            private readonly Microsoft.Xrm.Sdk.Query.ColumnSet _columns;
            private readonly string _primaryId;
            private readonly System.Collections.Generic.HashSet<string>? _many;

            public WantedColumns(Microsoft.Xrm.Sdk.Query.ColumnSet columns, string primaryId)
            {
                _columns = columns;
                _primaryId = primaryId;
                _many = !columns.AllColumns && columns.Columns.Count > 8 ? new(columns.Columns, StringComparer.OrdinalIgnoreCase) : null;
            }

            public bool Includes(string column)
            {
                if (_columns.AllColumns || column.Equals(_primaryId, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
                if (_many != null)
                {
                    return _many.Contains(column);
                }
                var asked = _columns.Columns;
                for (int i = 0; i < asked.Count; i++)
                {
                    if (column.Equals(asked[i], StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
                return false;
            }
        }

        public static object? CloneValue(object? value) => value switch
        {
            null => null,
            EntityReference r => new EntityReference(r.LogicalName, r.Id) { Name = r.Name },
            Money m => new Money(m.Value),
            OptionSetValue o => new OptionSetValue(o.Value),
            OptionSetValueCollection c => new OptionSetValueCollection(c.Select(o => new OptionSetValue(o.Value)).ToList()),
            Entity e => Clone(e),
            EntityCollection ec => CloneCollection(ec),
            AliasedValue a => new AliasedValue(a.EntityLogicalName, a.AttributeLogicalName, CloneValue(a.Value)),
            byte[] bytes => (byte[])bytes.Clone(),
            _ => value, // strings, numbers, Guid, DateTime, bool: immutable
        };

        private static EntityCollection CloneCollection(EntityCollection source)
        {
            var copy = new EntityCollection(source.Entities.Select(e => Clone(e)).ToList())
            {
                EntityName = source.EntityName,
                MoreRecords = source.MoreRecords,
                PagingCookie = source.PagingCookie,
                TotalRecordCount = source.TotalRecordCount,
            };
            return copy;
        }
    }

    /// <summary>Which columns a copy keeps (an entity image's): the named ones, or all.</summary>
    internal sealed class ColumnFilter
    {
        private readonly System.Collections.Generic.HashSet<string>? _columns;

        private ColumnFilter(System.Collections.Generic.HashSet<string>? columns) => _columns = columns;

        public static ColumnFilter All { get; } = new(null);

        public static ColumnFilter Of(System.Collections.Generic.IEnumerable<string> columns) =>
            new(new System.Collections.Generic.HashSet<string>(columns, StringComparer.OrdinalIgnoreCase));

        public bool Includes(string column) => _columns == null || _columns.Contains(column);
    }
}
