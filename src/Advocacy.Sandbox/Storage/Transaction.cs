using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// One database transaction: the operation, all its synchronous steps and every nested operation they
    /// issue. Writes go to a private write set (so other transactions read committed data and a rollback
    /// is simply discarding it) and take row locks that are held until commit or rollback.
    /// </summary>
    internal sealed class Transaction
    {
        private static int s_next;
        private readonly Dictionary<(string Table, Guid Id), Entity?> _writes = new();
        private readonly Dictionary<string, List<Guid>> _createdOrder = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<(string Table, Guid Id)> _locks = new();

        public int Number { get; } = Interlocked.Increment(ref s_next);

        /// <summary>Set when a nested operation failed: the platform then refuses any further work in it.</summary>
        public bool Doomed { get; private set; }

        public void MarkDoomed() => Doomed = true;

        /// <summary>Async steps queued by this transaction's operations; they run only if it commits.</summary>
        public List<AsyncJob> PendingAsync { get; } = new();

        public IEnumerable<(string Table, Guid Id)> Locks => _locks;

        public bool HoldsLock((string Table, Guid Id) key) => _locks.Contains(key);

        public void AddLock((string Table, Guid Id) key) => _locks.Add(key);

        public bool HasWrites(string table) => _createdOrder.ContainsKey(table) || WritesTouch(table);

        private readonly HashSet<string> _touchedTables = new(StringComparer.OrdinalIgnoreCase);

        private bool WritesTouch(string table) => _touchedTables.Contains(table);

        /// <summary>Looks the row up in the write set: found = this transaction wrote it (row null = deleted).</summary>
        public bool TryGetWrite(string table, Guid id, out Entity? row) => _writes.TryGetValue((table, id), out row);

        public void Write(string table, Guid id, Entity? row, bool created)
        {
            _writes[(table, id)] = row;
            _touchedTables.Add(table);
            if (created)
            {
                if (!_createdOrder.TryGetValue(table, out var list))
                {
                    _createdOrder[table] = list = new List<Guid>();
                }
                list.Add(id);
            }
        }

        public IEnumerable<Guid> CreatedIds(string table) =>
            _createdOrder.TryGetValue(table, out var list) ? list : (IEnumerable<Guid>)Array.Empty<Guid>();

        public IEnumerable<KeyValuePair<(string Table, Guid Id), Entity?>> Writes => _writes;

        public override string ToString() => $"tx{Number}";
    }
}
