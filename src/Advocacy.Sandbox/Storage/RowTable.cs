using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The committed rows of one table, in compact form (<see cref="StoredRow"/>). Rows are immutable once published (a commit stores a fresh copy),
    /// so readers scan without locks: they see each row either before or after a concurrent commit, never
    /// half-written. Rows live in an append-only slot array so scans return insertion order, which keeps
    /// unordered query results stable from run to run.
    /// </summary>
    internal sealed class RowTable
    {
        private readonly object _writeGate = new();
        private readonly Dictionary<Guid, int> _index = new();
        private StoredRow?[] _slots = new StoredRow?[16];
        private readonly Dictionary<string, RowShape> _shapes = new(StringComparer.Ordinal);
        private int _count;
        private int _live;

        public RowTable(string logicalName) => LogicalName = logicalName;

        public string LogicalName { get; }

        public int Count => Volatile.Read(ref _live);

        public StoredRow? Get(Guid id)
        {
            lock (_writeGate)
            {
                return _index.TryGetValue(id, out int slot) ? _slots[slot] : null;
            }
        }

        /// <summary>Stores (inserts or replaces) a committed row; null deletes it. Called under the store's commit lock.</summary>
        /// <param name="written">A <see cref="NewRow"/> (a create's, an update's), an Entity, or null.</param>
        public void Put(Guid id, object? written, ValueInterner interner)
        {
            lock (_writeGate)
            {
                var row = written switch
                {
                    null => null,
                    NewRow created => Compact(id, created, interner),
                    _ => Compact(id, (Entity)written, interner),
                };
                if (_index.TryGetValue(id, out int slot))
                {
                    if (row == null)
                    {
                        _index.Remove(id);
                        _live--;
                    }
                    Volatile.Write(ref _slots[slot], row);
                    return;
                }
                if (row == null)
                {
                    return;
                }
                if (_count == _slots.Length)
                {
                    Compact();
                }
                _byId = null;
                _slots[_count] = row;
                _index[id] = _count;
                _live++;
                // Publish the array before the count: a reader that sees the new count sees the row.
                Volatile.Write(ref _count, _count + 1);
            }
        }

        public IEnumerable<StoredRow> Scan()
        {
            int count = Volatile.Read(ref _count);
            StoredRow?[] slots = Volatile.Read(ref _slots);
            for (int i = 0; i < count && i < slots.Length; i++)
            {
                var row = Volatile.Read(ref slots[i]);
                if (row != null)
                {
                    yield return row;
                }
            }
        }

        /// <summary>
        /// Live rows in the platform's uniqueidentifier order, starting after <paramref name="after"/> (or at the
        /// first): what a query ordered by the primary id alone pages through, so the next page seeks to the cookie's
        /// last id instead of re-reading and sorting the table. The order is built once after rows are added or
        /// the slots are compacted (updates replace a row in its slot and keep it); rows deleted since are skipped.
        /// </summary>
        public IEnumerable<StoredRow> ScanById(Guid? after)
        {
            var index = Volatile.Read(ref _byId);
            if (index == null)
            {
                lock (_writeGate)
                {
                    index = _byId ??= IdOrder.Build(_slots, _count);
                }
            }
            return index.From(after);
        }

        private IdOrder? _byId;

        /// <summary>A sorted snapshot of slot numbers by SQL uniqueidentifier order over one slot array.</summary>
        private sealed class IdOrder
        {
            private readonly StoredRow?[] _slots;
            private readonly SqlGuidKey[] _keys;
            private readonly int[] _order;

            private IdOrder(StoredRow?[] slots, SqlGuidKey[] keys, int[] order)
            {
                _slots = slots;
                _keys = keys;
                _order = order;
            }

            public static IdOrder Build(StoredRow?[] slots, int count)
            {
                var keys = new List<SqlGuidKey>(count);
                var order = new List<int>(count);
                for (int i = 0; i < count; i++)
                {
                    if (slots[i] is { } row)
                    {
                        keys.Add(new SqlGuidKey(row.Id));
                        order.Add(i);
                    }
                }
                var keyArray = keys.ToArray();
                var orderArray = order.ToArray();
                Array.Sort(keyArray, orderArray);
                return new IdOrder(slots, keyArray, orderArray);
            }

            public IEnumerable<StoredRow> From(Guid? after)
            {
                int start = 0;
                if (after != null)
                {
                    // First position whose key is greater than the cookie's last id.
                    var key = new SqlGuidKey(after.Value);
                    int lo = 0, hi = _keys.Length;
                    while (lo < hi)
                    {
                        int mid = (lo + hi) >>> 1;
                        if (_keys[mid].CompareTo(key) <= 0) lo = mid + 1;
                        else hi = mid;
                    }
                    start = lo;
                }
                for (int i = start; i < _order.Length; i++)
                {
                    var row = Volatile.Read(ref _slots[_order[i]]);
                    if (row != null)
                    {
                        yield return row;
                    }
                }
            }
        }

        // Under the write gate: the row's columns in a shape shared with the rows that have the same ones, its values
        // shared where equal. The primary key is the row's Id; an Entity read back has it as Id and as the column.
        private StoredRow Compact(Guid id, Entity entity, ValueInterner interner)
        {
            var attributes = entity.Attributes;
            var builder = new RowBuilder(this, id, attributes.Count, interner);
            foreach (var pair in attributes)
            {
                builder.Add(pair.Key, pair.Value);
            }
            return builder.Build();
        }

        private StoredRow Compact(Guid id, NewRow created, ValueInterner interner)
        {
            // A row that kept the shape it started from (this table's) keeps its own values array: only its values are interned.
            if (created.TakeValues(out var shape) is { } values)
            {
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = values[i] is Guid g && g == id ? StoredRow.SameAsId : interner.Value(values[i]);
                }
                _lastShape = shape;
                return new StoredRow(LogicalName, id, shape!, values);
            }
            var builder = new RowBuilder(this, id, created.Count, interner);
            for (int i = 0; i < created.Count; i++)
            {
                builder.Add(created.NameAt(i), created.ValueAt(i));
            }
            return builder.Build();
        }

        /// <summary>Builds one compact row from its columns in order, whatever form they were written in.</summary>
        private struct RowBuilder
        {
            private readonly RowTable _table;
            private readonly Guid _id;
            private readonly ValueInterner _interner;
            private readonly object?[] _values;
            // Rows written the same way as the previous one reuse its shape without building a names array first.
            private readonly RowShape? _shape;
            private string[]? _names;
            private int _n;

            public RowBuilder(RowTable table, Guid id, int count, ValueInterner interner)
            {
                _table = table;
                _id = id;
                _interner = interner;
                _values = new object?[count];
                _shape = table._lastShape;
                _names = _shape != null && _shape.Names.Length == count ? null : new string[count];
                _n = 0;
            }

            public void Add(string name, object? value)
            {
                if (_names == null && !string.Equals(_shape!.Names[_n], name, StringComparison.Ordinal))
                {
                    _names = new string[_values.Length];
                    Array.Copy(_shape.Names, _names, _n);
                }
                if (_names != null)
                {
                    _names[_n] = _interner.Name(name);
                }
                // The primary key column repeats the row's id: kept as a marker rather than a 32-byte box.
                _values[_n] = value is Guid g && g == _id ? StoredRow.SameAsId : _interner.Value(value);
                _n++;
            }

            public StoredRow Build()
            {
                var shape = _shape;
                if (_names != null)
                {
                    string signature = string.Join("\u0001", _names);
                    if (!_table._shapes.TryGetValue(signature, out shape))
                    {
                        _table._shapes[signature] = shape = new RowShape(_names);
                    }
                    _table._lastShape = shape;
                }
                return new StoredRow(_table.LogicalName, _id, shape!, _values);
            }
        }

        private RowShape? _lastShape;

        /// <summary>The shape of the row stored last (a new row of this table starts from it, see <see cref="NewRow"/>).</summary>
        public RowShape? LastShape => Volatile.Read(ref _lastShape);

        // Called under the write gate: drops deleted slots and grows. Readers holding the old array keep a
        // consistent (older) view; the new array is published before any new count that depends on it.
        private void Compact()
        {
            int size = Math.Max(16, _live + _live / 2 + 1); // 1.5×: the slots are 8 bytes a row of the heap budget
            var next = new StoredRow?[size];
            if (_live == _count)
            {
                // No deleted slot: every row keeps its slot number, so the index stays as it is.
                Array.Copy(_slots, next, _count);
                Volatile.Write(ref _slots, next);
                return;
            }
            int n = 0;
            _index.Clear();
            for (int i = 0; i < _count; i++)
            {
                var row = _slots[i];
                if (row != null)
                {
                    next[n] = row;
                    _index[row.Id] = n;
                    n++;
                }
            }
            Volatile.Write(ref _slots, next);
            Volatile.Write(ref _count, n);
        }
    }
}
