using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The committed rows of one table. Rows are immutable once published (a commit stores a fresh copy),
    /// so readers scan without locks: they see each row either before or after a concurrent commit, never
    /// half-written. Rows live in an append-only slot array so scans return insertion order, which keeps
    /// unordered query results stable from run to run.
    /// </summary>
    internal sealed class RowTable
    {
        private readonly object _writeGate = new();
        private readonly Dictionary<Guid, int> _index = new();
        private Entity?[] _slots = new Entity?[16];
        private int _count;
        private int _live;

        public RowTable(string logicalName) => LogicalName = logicalName;

        public string LogicalName { get; }

        public int Count => Volatile.Read(ref _live);

        public Entity? Get(Guid id)
        {
            lock (_writeGate)
            {
                return _index.TryGetValue(id, out int slot) ? _slots[slot] : null;
            }
        }

        /// <summary>Stores (inserts or replaces) a committed row; null deletes it.</summary>
        public void Put(Guid id, Entity? row)
        {
            lock (_writeGate)
            {
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

        public IEnumerable<Entity> Scan()
        {
            int count = Volatile.Read(ref _count);
            Entity?[] slots = Volatile.Read(ref _slots);
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
        public IEnumerable<Entity> ScanById(Guid? after)
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
            private readonly Entity?[] _slots;
            private readonly SqlGuidKey[] _keys;
            private readonly int[] _order;

            private IdOrder(Entity?[] slots, SqlGuidKey[] keys, int[] order)
            {
                _slots = slots;
                _keys = keys;
                _order = order;
            }

            public static IdOrder Build(Entity?[] slots, int count)
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

            public IEnumerable<Entity> From(Guid? after)
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

        // Called under the write gate: drops deleted slots and grows. Readers holding the old array keep a
        // consistent (older) view; the new array is published before any new count that depends on it.
        private void Compact()
        {
            int size = Math.Max(16, _live * 2);
            var next = new Entity?[size];
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
