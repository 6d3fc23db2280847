using System;
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

    /// <summary>Which columns a read returns: the asked ones plus the primary id, or all.</summary>
    internal sealed class ColumnFilter
    {
        private readonly System.Collections.Generic.HashSet<string>? _columns;

        private ColumnFilter(System.Collections.Generic.HashSet<string>? columns) => _columns = columns;

        public static ColumnFilter All { get; } = new(null);

        public static ColumnFilter From(Microsoft.Xrm.Sdk.Query.ColumnSet? columnSet, string primaryId)
        {
            if (columnSet == null || columnSet.AllColumns)
            {
                return All;
            }
            var set = new System.Collections.Generic.HashSet<string>(columnSet.Columns, StringComparer.OrdinalIgnoreCase) { primaryId };
            return new ColumnFilter(set);
        }

        public static ColumnFilter Of(System.Collections.Generic.IEnumerable<string> columns) =>
            new(new System.Collections.Generic.HashSet<string>(columns, StringComparer.OrdinalIgnoreCase));

        public bool Includes(string column) => _columns == null || _columns.Contains(column);
    }
}
