using System;
using System.Collections.Generic;
using Advocacy.Sandbox.Query;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>The columns of a row being written, as the rules a save applies read and set them (defaults, state, currency).</summary>
    internal interface IRowColumns
    {
        string LogicalName { get; }

        Guid Id { get; }

        bool TryGetValue(string column, out object? value);

        /// <summary>Sets a column (adds it after the others when the row does not have it yet).</summary>
        void Set(string column, object? value);
    }

    internal static class RowColumns
    {
        /// <summary>The value when it is a <typeparamref name="T"/>, else default (a save's values are type-checked before these rules run).</summary>
        public static T? Get<T>(this IRowColumns row, string column) => row.TryGetValue(column, out var value) && value is T typed ? typed : default;

        public static bool Contains(this IRowColumns row, string column) => row.TryGetValue(column, out _);
    }

    /// <summary>An Entity being written (a cascade's row), seen through <see cref="IRowColumns"/>.</summary>
    internal sealed class EntityColumns : IRowColumns
    {
        private readonly Entity _entity;

        public EntityColumns(Entity entity) => _entity = entity;

        public string LogicalName => _entity.LogicalName;

        public Guid Id => _entity.Id;

        public bool TryGetValue(string column, out object? value) => _entity.Attributes.TryGetValue(column, out value);

        public void Set(string column, object? value) => _entity[column] = value;
    }

    /// <summary>
    /// A row a create or an update writes, in the store's form from the start: its column names and values in two arrays,
    /// in the order they were set (the caller's columns, then the ones the platform adds), as a dictionary-backed Entity
    /// would keep them. An Entity grows its dictionary three times on the way from a caller's four columns to a stored
    /// account's sixteen; this holds them in one pair of arrays and becomes a <see cref="StoredRow"/> at commit without
    /// an Entity in between. Readers inside the transaction (a query, a post-operation step's Retrieve, an image) see it
    /// as a stored row, or as an Entity made on demand over the same values. Its values are its own (copied from the
    /// caller's where another could still change them) and are never changed in place, like a stored row's.
    /// </summary>
    /// <remarks>
    /// Rows of a table are mostly written alike, so a created row starts from the shape of the table's last stored row,
    /// and an updated row from its own: it is sized for it and uses its names until a column differs (then it takes a
    /// names array of its own). A row that ends with exactly that shape hands its values array to the store as it is
    /// (<see cref="TakeValues"/>).
    /// </remarks>
    internal sealed class NewRow : IRowColumns, IStoredRow
    {
        private readonly RowShape? _expected;
        private string[]? _names; // null while the names are the expected shape's
        private object?[] _values;
        private int _count;

        private NewRow(string logicalName, int capacity, RowShape? expected)
        {
            LogicalName = logicalName;
            _expected = expected;
            _values = new object?[capacity];
            if (expected == null)
            {
                _names = new string[capacity];
            }
        }

        /// <summary>
        /// A row with the entity's columns. <paramref name="copyValues"/>: copy each mutable value (Money, a lookup,
        /// a choice) because someone else can still change the entity's — the caller's own Entity, or a Target a later
        /// step sees; otherwise the values are taken as they are.
        /// </summary>
        /// <param name="room">Columns the platform may still add (system columns, base amounts), so the arrays need not grow.</param>
        /// <param name="expected">The shape of the table's last stored row, if any.</param>
        public static NewRow From(Entity entity, bool copyValues, int room, RowShape? expected = null)
        {
            var attributes = entity.Attributes;
            int capacity = expected != null && expected.Names.Length >= attributes.Count ? expected.Names.Length : attributes.Count + room;
            var row = new NewRow(entity.LogicalName, capacity, expected) { Id = entity.Id };
            foreach (var pair in attributes)
            {
                row.Append(pair.Key, copyValues ? EntityCloner.CloneValue(pair.Value) : pair.Value);
            }
            return row;
        }

        /// <summary>
        /// A row that starts as a copy of a row already written (an update's): a committed row, or one this transaction
        /// wrote before. Values are taken as they are — stored values are never changed in place; a committed row's names
        /// are its shape's until a column is added.
        /// </summary>
        public static NewRow FromRow(object current, Guid id)
        {
            switch (current)
            {
                case StoredRow stored:
                {
                    var row = new NewRow(stored.LogicalName, stored.Count, stored.Shape) { Id = id };
                    for (int i = 0; i < stored.Count; i++)
                    {
                        row._values[i] = stored.ValueAt(i);
                    }
                    row._count = stored.Count;
                    return row;
                }
                case NewRow written:
                {
                    var row = new NewRow(written.LogicalName, written.Count + 4, expected: null) { Id = id };
                    for (int i = 0; i < written.Count; i++)
                    {
                        row.Append(written.NameAt(i), written.ValueAt(i));
                    }
                    return row;
                }
                default:
                {
                    var row = From((Entity)current, copyValues: false, room: 4);
                    row.Id = id;
                    return row;
                }
            }
        }

        public string LogicalName { get; }

        public Guid Id { get; set; }

        public int Count => _count;

        public string NameAt(int i) => _names != null ? _names[i] : _expected!.Names[i];

        public object? ValueAt(int i) => _values[i];

        private int IndexOf(string column)
        {
            if (_names == null)
            {
                // Still in the expected shape's order: its index answers without comparing names one by one (a create
                // looks up each of the dozen columns the platform adds).
                int at = _expected!.IndexOf(column);
                return at < _count ? at : -1;
            }
            for (int i = 0; i < _count; i++)
            {
                // Entity attribute names compare ordinally; most names here are the same string instance.
                string name = NameAt(i);
                if (ReferenceEquals(name, column) || string.Equals(name, column, StringComparison.Ordinal))
                {
                    return i;
                }
            }
            return -1;
        }

        public bool TryGetValue(string column, out object? value)
        {
            int i = IndexOf(column);
            value = i < 0 ? null : _values[i];
            return i >= 0;
        }

        public void Set(string column, object? value)
        {
            int i = IndexOf(column);
            if (i < 0)
            {
                Append(column, value);
                return;
            }
            _values[i] = value;
            _entity = null;
        }

        private void Append(string column, object? value)
        {
            int i = _count;
            if (i == _values.Length)
            {
                Array.Resize(ref _values, i * 2 + 4);
                if (_names != null)
                {
                    Array.Resize(ref _names, _values.Length);
                }
            }
            if (_names == null && (i >= _expected!.Names.Length || !string.Equals(_expected.Names[i], column, StringComparison.Ordinal)))
            {
                _names = new string[_values.Length];
                Array.Copy(_expected!.Names, _names, i);
            }
            if (_names != null)
            {
                _names[i] = column;
            }
            _values[i] = value;
            _count++;
            _entity = null;
        }

        /// <summary>
        /// The values array itself and the shape it has, for the store to keep, when this row has exactly the columns of
        /// the shape it started from, in its order, and fills its array; else null. The row must not be used afterwards
        /// (the store interns the values in place).
        /// </summary>
        public object?[]? TakeValues(out RowShape? shape)
        {
            shape = _expected;
            return _expected != null && _names == null && _count == _expected.Names.Length && _count == _values.Length ? _values : null;
        }

        bool IStoredRow.TryGet(string column, out object? value) => TryGetValue(column, out value);

        private Entity? _entity;

        /// <summary>
        /// The row as an Entity over its values (not copies), made once: readers copy before they hand values out and
        /// never change them, as with a committed row.
        /// </summary>
        public Entity ToEntity()
        {
            if (_entity != null)
            {
                return _entity;
            }
            var entity = new Entity(LogicalName, Id);
            for (int i = 0; i < _count; i++)
            {
                entity.Attributes[NameAt(i)] = _values[i];
            }
            return _entity = entity;
        }
    }
}
