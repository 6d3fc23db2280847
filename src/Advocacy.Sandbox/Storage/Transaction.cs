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
        // Created on first use: most transactions are one create or update, and four empty collections cost a create
        // more than its row.
        private static int s_next;
        // A written row is a NewRow (a create's, an update's), an Entity (a cascade's, a direct write's) or null (deleted).
        private Dictionary<(string Table, Guid Id), object?>? _writes;
        private Dictionary<string, List<Guid>>? _createdOrder;
        private HashSet<(string Table, Guid Id)>? _locks;
        private HashSet<string>? _touchedTables;
        private List<AsyncJob>? _pendingAsync;

        public int Number { get; } = Interlocked.Increment(ref s_next);

        /// <summary>Set when a nested operation failed: the platform then refuses any further work in it.</summary>
        public bool Doomed { get; private set; }

        public void MarkDoomed() => Doomed = true;

        /// <summary>Async steps queued by this transaction's operations; they run only if it commits.</summary>
        public List<AsyncJob> PendingAsync => _pendingAsync ??= new List<AsyncJob>();

        public bool HasPendingAsync => _pendingAsync is { Count: > 0 };

        // The first lock is kept in a field, the set made when a second is taken: an update of one row then needs no set.
        private (string Table, Guid Id)? _firstLock;

        public IEnumerable<(string Table, Guid Id)> Locks =>
            (IEnumerable<(string Table, Guid Id)>?)_locks ?? (_firstLock is { } only ? new[] { only } : Array.Empty<(string Table, Guid Id)>());

        public bool HasLocks => _firstLock != null;

        public bool HoldsLock((string Table, Guid Id) key) => _locks != null ? _locks.Contains(key) : _firstLock == key;

        public void AddLock((string Table, Guid Id) key)
        {
            if (_locks == null)
            {
                if (_firstLock == null || _firstLock == key)
                {
                    _firstLock = key;
                    return;
                }
                _locks = new() { _firstLock.Value };
            }
            _locks.Add(key);
        }

        // The first write is kept in these fields; the collections are made when a second row is written. A create of one row
        // then costs no collection at all.
        private bool _hasFirst;
        private string _firstTable = "";
        private Guid _firstId;
        private object? _firstRow;
        private bool _firstCreated;

        public bool HasWrites(string table) =>
            _touchedTables != null ? _touchedTables.Contains(table) : _hasFirst && string.Equals(_firstTable, table, StringComparison.OrdinalIgnoreCase);

        /// <summary>Looks the row up in the write set: found = this transaction wrote it (row null = deleted).</summary>
        public bool TryGetWrite(string table, Guid id, out Entity? row)
        {
            bool found = TryGetWrittenRow(table, id, out var written);
            row = written as Entity ?? (written as NewRow)?.ToEntity();
            return found;
        }

        /// <summary>The same, as written: an Entity, a <see cref="NewRow"/>, or null (deleted).</summary>
        public bool TryGetWrittenRow(string table, Guid id, out object? row)
        {
            if (_writes != null)
            {
                return _writes.TryGetValue((table, id), out row);
            }
            if (_hasFirst && _firstId == id && string.Equals(_firstTable, table, StringComparison.Ordinal))
            {
                row = _firstRow;
                return true;
            }
            row = null;
            return false;
        }

        public void Write(string table, Guid id, object? row, bool created)
        {
            if (_writes == null)
            {
                if (!_hasFirst || (_firstId == id && string.Equals(_firstTable, table, StringComparison.Ordinal)))
                {
                    bool createdBefore = _hasFirst && _firstCreated;
                    (_hasFirst, _firstTable, _firstId, _firstRow, _firstCreated) = (true, table, id, row, created || createdBefore);
                    if (created && createdBefore)
                    {
                        Spill(); // the same id created twice keeps both entries in the creation order, as before
                        (_createdOrder![table]).Add(id);
                    }
                    return;
                }
                Spill();
            }
            _writes![(table, id)] = row;
            _touchedTables!.Add(table);
            if (created)
            {
                if (!_createdOrder!.TryGetValue(table, out var list))
                {
                    _createdOrder[table] = list = new List<Guid>();
                }
                list.Add(id);
            }
        }

        // Moves the first write into the collections.
        private void Spill()
        {
            _writes = new();
            _touchedTables = new(StringComparer.OrdinalIgnoreCase);
            _createdOrder = new(StringComparer.OrdinalIgnoreCase);
            if (_hasFirst)
            {
                _writes[(_firstTable, _firstId)] = _firstRow;
                _touchedTables.Add(_firstTable);
                if (_firstCreated)
                {
                    _createdOrder[_firstTable] = new List<Guid> { _firstId };
                }
            }
        }

        public IEnumerable<Guid> CreatedIds(string table)
        {
            if (_createdOrder != null)
            {
                return _createdOrder.TryGetValue(table, out var list) ? list : Array.Empty<Guid>();
            }
            return _hasFirst && _firstCreated && string.Equals(_firstTable, table, StringComparison.OrdinalIgnoreCase) ? new[] { _firstId } : Array.Empty<Guid>();
        }

        /// <summary>The only row written, when exactly one was (the common case, read without enumerating).</summary>
        public (string Table, Guid Id, object? Row)? SingleWrite => _writes == null && _hasFirst ? (_firstTable, _firstId, _firstRow) : null;

        public IEnumerable<KeyValuePair<(string Table, Guid Id), object?>> Writes
        {
            get
            {
                if (_writes != null)
                {
                    return _writes;
                }
                return _hasFirst
                    ? new[] { new KeyValuePair<(string Table, Guid Id), object?>((_firstTable, _firstId), _firstRow) }
                    : Array.Empty<KeyValuePair<(string Table, Guid Id), object?>>();
            }
        }

        public override string ToString() => $"tx{Number}";
    }
}
