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
