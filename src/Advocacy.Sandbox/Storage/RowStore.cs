using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Advocacy.Sandbox.Query;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// All committed rows, by table. Reads never block; writes happen inside a <see cref="Transaction"/>,
    /// take a row lock, and reach the tables only at commit.
    /// </summary>
    internal sealed class RowStore
    {
        private readonly ConcurrentDictionary<string, RowTable> _tables = new(StringComparer.OrdinalIgnoreCase);
        private readonly object _commitGate = new();
        private readonly ValueInterner _interner = new();

        public RowLockManager Locks { get; } = new();

        public RowTable Table(string logicalName) => _tables.GetOrAdd(logicalName, n => new RowTable(n));

        public int Count(string logicalName) => _tables.TryGetValue(logicalName, out var t) ? t.Count : 0;

        /// <summary>The row as the transaction sees it: its own write if any, else the committed row.</summary>
        /// <remarks>
        /// A committed row comes back as a new Entity over the stored values (not copies of them): callers copy
        /// before handing values out, and never change them.
        /// </remarks>
        public Entity? Read(Transaction? tx, string table, Guid id)
        {
            if (tx != null && tx.TryGetWrite(table, id, out var own))
            {
                return own;
            }
            return _tables.TryGetValue(table, out var t) ? t.Get(id)?.ToEntity() : null;
        }

        /// <summary>
        /// The row as the transaction sees it, in the form it is held: the transaction's own write (an Entity or a
        /// <see cref="NewRow"/>) or the committed <see cref="StoredRow"/>; null when there is none. Values are the store's own.
        /// </summary>
        public object? ReadRow(Transaction? tx, string table, Guid id)
        {
            if (tx != null && tx.TryGetWrittenRow(table, id, out var own))
            {
                return own;
            }
            return _tables.TryGetValue(table, out var t) ? t.Get(id) : null;
        }

        /// <summary>
        /// One column of the row as the transaction sees it (null when the row or the column is missing), without
        /// turning a committed row into an Entity. The value is the store's own: copy it before handing it out.
        /// </summary>
        public object? ReadValue(Transaction? tx, string table, Guid id, string column)
        {
            if (tx != null && tx.TryGetWrittenRow(table, id, out var own))
            {
                return own == null ? null : ValueOf(own, column);
            }
            return _tables.TryGetValue(table, out var t) && t.Get(id) is { } row && row.TryGet(column, out var stored) ? stored : null;
        }

        /// <summary>Whether the row exists as the transaction sees it, without reading it out.</summary>
        public bool Exists(Transaction? tx, string table, Guid id)
        {
            if (tx != null && tx.TryGetWrittenRow(table, id, out var own))
            {
                return own != null;
            }
            return _tables.TryGetValue(table, out var t) && t.Get(id) != null;
        }

        /// <summary>Rows of a table as the transaction sees them (committed rows overlaid with its writes).</summary>
        public IEnumerable<Entity> Scan(Transaction? tx, string table)
        {
            foreach (var row in ScanRows(tx, table))
            {
                yield return row as Entity ?? ((IStoredRow)row).ToEntity();
            }
        }

        /// <summary>
        /// The same rows without turning committed ones into Entities: <see cref="StoredRow"/>s and the
        /// transaction's own rows (the <see cref="NewRow"/>s of its creates and updates, the Entities of its other writes), for the query engine.
        /// </summary>
        public IEnumerable<object> ScanRows(Transaction? tx, string table)
        {
            var committed = _tables.TryGetValue(table, out var t) ? t.Scan() : Enumerable.Empty<StoredRow>();
            if (tx == null || !tx.HasWrites(table))
            {
                return committed;
            }
            return Overlay(tx, table, committed);
        }

        /// <summary>
        /// Committed rows in primary-id order after <paramref name="after"/>, or null when the transaction has
        /// written to the table (its own rows are not in the order; the caller then scans and sorts).
        /// </summary>
        public IEnumerable<object>? ScanById(Transaction? tx, string table, Guid? after)
        {
            if (tx != null && tx.HasWrites(table))
            {
                return null;
            }
            return _tables.TryGetValue(table, out var t) ? t.ScanById(after) : Enumerable.Empty<StoredRow>();
        }

        /// <summary>
        /// The ids of the rows of <paramref name="referencingTable"/> whose lookup <paramref name="attribute"/> names
        /// <paramref name="table"/>'s row <paramref name="id"/> (a polymorphic lookup by its table too), as the transaction
        /// sees them, leaving out the row itself, each kept only if <paramref name="keep"/> says so. Reads the lookup of each
        /// row where it is held (no Entity per row): a cascade over a large table reads one column a row.
        /// </summary>
        /// <remarks>
        /// A polymorphic lookup (a task's regardingobjectid, a case's customerid) carries the table it points at, and each of
        /// its relationships covers only the rows that name the relationship's own table: Account_Tasks reaches the tasks
        /// regarding an account, not one regarding a case (or a custom table's row) that happens to share the id.
        /// </remarks>
        public List<Guid> ReferencingIds(Transaction? tx, string referencingTable, string attribute, string table, Guid id, Func<object, bool>? keep = null)
        {
            var ids = new List<Guid>();
            bool sameTable = string.Equals(referencingTable, table, StringComparison.OrdinalIgnoreCase);
            foreach (var row in ScanRows(tx, referencingTable))
            {
                if (ValueOf(row, attribute) is EntityReference lookup && lookup.Id == id && string.Equals(lookup.LogicalName, table, StringComparison.OrdinalIgnoreCase)
                    && IdOf(row) is var rowId && !(sameTable && rowId == id) && (keep == null || keep(row)))
                {
                    ids.Add(rowId);
                }
            }
            return ids;
        }

        /// <summary>A column of a row as <see cref="ScanRows"/> gives it (a stored row, a transaction's NewRow or Entity); null when missing.</summary>
        public static object? ValueOf(object row, string column) => row switch
        {
            IStoredRow stored => stored.TryGet(column, out var value) ? value : null,
            _ => ((Entity)row).Attributes.TryGetValue(column, out var value) ? value : null,
        };

        /// <summary>The id of a row as <see cref="ScanRows"/> gives it.</summary>
        public static Guid IdOf(object row) => row is IStoredRow stored ? stored.Id : ((Entity)row).Id;

        /// <summary>Rows the query engine has read from the store since the sandbox started (for cost tests).</summary>
        public long RowsVisited => Interlocked.Read(ref _rowsVisited);

        private long _rowsVisited;

        /// <summary>Counts the rows a reader takes from <paramref name="rows"/> into <see cref="RowsVisited"/>.</summary>
        public IEnumerable<object> Counted(IEnumerable<object> rows)
        {
            long n = 0;
            try
            {
                foreach (var row in rows)
                {
                    n++;
                    yield return row;
                }
            }
            finally
            {
                Interlocked.Add(ref _rowsVisited, n);
            }
        }

        private static IEnumerable<object> Overlay(Transaction tx, string table, IEnumerable<StoredRow> committed)
        {
            foreach (var row in committed)
            {
                if (tx.TryGetWrittenRow(table, row.Id, out var own))
                {
                    if (own != null)
                    {
                        yield return own;
                    }
                }
                else
                {
                    yield return row;
                }
            }
            foreach (var id in tx.CreatedIds(table))
            {
                if (tx.TryGetWrittenRow(table, id, out var own) && own != null)
                {
                    yield return own;
                }
            }
        }

        /// <summary>Locks the row for the transaction (blocks while another transaction holds it).</summary>
        public void Lock(Transaction tx, string table, Guid id) => Locks.Acquire(tx, table, id);

        /// <summary>Makes the transaction's writes visible and releases its locks.</summary>
        public void Commit(Transaction tx)
        {
            // One commit at a time keeps a multi-row commit from interleaving with another's.
            lock (_commitGate)
            {
                if (tx.SingleWrite is { } single)
                {
                    Table(single.Table).Put(single.Id, single.Row, _interner);
                }
                else
                {
                    foreach (var pair in tx.Writes)
                    {
                        Table(pair.Key.Table).Put(pair.Key.Id, pair.Value, _interner);
                    }
                }
            }
            Locks.ReleaseAll(tx);
        }

        public void Rollback(Transaction tx) => Locks.ReleaseAll(tx);
    }
}
