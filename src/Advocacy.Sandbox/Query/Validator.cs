using System;
using System.Collections.Generic;

namespace Advocacy.Sandbox.Query
{
    /// <summary>Checks tables and columns against the source and resolves aliases, with Dataverse's messages.</summary>
    internal sealed class Validator
    {
        private readonly ITableSource _source;
        private readonly QuerySpec _spec;
        private readonly HashSet<(string, string)> _known = new();

        public Validator(ITableSource source, QuerySpec spec)
        {
            _source = source;
            _spec = spec;
        }

        /// <summary>Node indices the last compiled filter read (to apply root-only filters during the scan).</summary>
        public HashSet<int> Touched { get; } = new();

        public void RequireTable(string logicalName)
        {
            if (!_source.TableExists(logicalName))
                throw new QueryException(QueryErrorCodes.NoEntity,
                    $"The entity with a name = '{logicalName}' with namemapping = 'Logical' was not found in the MetadataCache.");
        }

        public void RequireColumn(QueryNode node, string attribute)
        {
            Touched.Add(node.Index);
            if (_known.Contains((node.EntityName, attribute))) return;
            if (!_source.ColumnExists(node.EntityName, attribute))
                throw new QueryException(QueryErrorCodes.NoAttribute,
                    $"'{node.EntityName}' entity doesn't contain attribute with Name = '{attribute}' and NameMapping = 'Logical'.");
            _known.Add((node.EntityName, attribute));
        }

        /// <summary>Whether a column is a choices (multi-select) column, whose conditions have their own semantics.</summary>
        public bool IsMultiSelect(QueryNode node, string attribute) => _source.IsMultiSelect(node.EntityName, attribute);

        /// <summary>A node by alias (as Dataverse resolves ConditionExpression.EntityName), else by table name.</summary>
        public QueryNode ResolveNode(string name, QueryNode owner)
        {
            foreach (var n in _spec.Nodes)
                if (n.Index > 0 && string.Equals(n.Alias, name, StringComparison.OrdinalIgnoreCase)) return n;
            if (string.Equals(owner.EntityName, name, StringComparison.OrdinalIgnoreCase) && owner.Index == 0) return owner;
            foreach (var n in _spec.Nodes)
                if (string.Equals(n.EntityName, name, StringComparison.OrdinalIgnoreCase)) return n;
            throw new QueryException(QueryErrorCodes.InvalidQuery,
                $"No link entity with alias or name '{name}' was found in the query (a condition or order refers to it).");
        }

        /// <summary>"attr" (on the given node) or "alias.attr".</summary>
        public (QueryNode Node, string Attribute) ResolveColumnReference(string reference, QueryNode node)
        {
            var dot = reference.IndexOf('.');
            if (dot > 0)
            {
                var target = ResolveNode(reference.Substring(0, dot), node);
                var attribute = reference.Substring(dot + 1);
                RequireColumn(target, attribute);
                return (target, attribute);
            }
            RequireColumn(node, reference);
            return (node, reference);
        }
    }
}
