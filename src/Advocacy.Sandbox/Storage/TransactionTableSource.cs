using System.Collections.Generic;
using System.Linq;
using Advocacy.Sandbox.Query;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The query engine's view of the store from inside a transaction: committed rows overlaid with the
    /// transaction's own writes, so a plug-in's query sees what it (and earlier steps) just wrote.
    /// </summary>
    internal sealed class TransactionTableSource : ITableSource, IRowSource
    {
        private readonly DataverseSandbox _sandbox;
        private readonly Transaction? _transaction;

        public TransactionTableSource(DataverseSandbox sandbox, Transaction? transaction)
        {
            _sandbox = sandbox;
            _transaction = transaction;
        }

        public IEnumerable<Entity> Scan(string logicalName) => _sandbox.Store.Scan(_transaction, logicalName);

        public IEnumerable<object> ScanRows(string logicalName) => _sandbox.Store.Counted(_sandbox.Store.ScanRows(_transaction, logicalName));

        public IEnumerable<object>? ScanById(string logicalName, System.Guid? after) =>
            _sandbox.Store.ScanById(_transaction, logicalName, after) is { } rows ? _sandbox.Store.Counted(rows) : null;

        public IEnumerable<object>? SeekByIds(string logicalName, IReadOnlyCollection<System.Guid> ids, System.Guid? after)
        {
            // Measured: 10,000 ids over 12,000 rows read ≈ 20 % faster by scanning in id order than one by one and sorted.
            if (ids.Count * 4 > _sandbox.Store.Count(logicalName))
            {
                return null;
            }
            var found = new List<(SqlGuidKey Key, object Row)>();
            var seen = new HashSet<System.Guid>();
            var from = after is { } last ? new SqlGuidKey(last) : (SqlGuidKey?)null;
            foreach (var id in ids)
            {
                if (seen.Add(id) && (from == null || new SqlGuidKey(id).CompareTo(from.Value) > 0)
                    && _sandbox.Store.ReadRow(_transaction, logicalName, id) is { } row)
                {
                    found.Add((new SqlGuidKey(id), row));
                }
            }
            found.Sort((a, b) => a.Key.CompareTo(b.Key));
            return _sandbox.Store.Counted(found.Select(f => f.Row));
        }

        public bool TableExists(string logicalName) => _sandbox.Metadata.TableExists(logicalName);

        public string PrimaryIdAttribute(string logicalName) => _sandbox.Metadata.PrimaryIdAttribute(logicalName);

        public string? ChoiceLabel(string logicalName, string attribute, int value)
        {
            var column = _sandbox.Metadata.Table(logicalName)?.Column(attribute);
            if (column?.Type == ColumnType.Boolean)
            {
                return value != 0 ? "Yes" : "No";
            }
            return _sandbox.Metadata.ChoiceLabel(logicalName, attribute, value);
        }

        public bool ColumnExists(string logicalName, string attribute) => _sandbox.Metadata.ColumnExists(logicalName, attribute);

        public bool IsMultiSelect(string logicalName, string attribute) =>
            _sandbox.Metadata.Table(logicalName)?.Column(attribute)?.Type == ColumnType.MultiChoice;
    }
}
