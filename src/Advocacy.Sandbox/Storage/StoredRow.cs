using System;
using System.Collections.Generic;
using Advocacy.Sandbox.Query;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The column names of committed rows that have the same columns in the same order: rows share it, so a row holds
    /// only its values (an Entity holds a dictionary of its own, about 700 bytes before any value for an account).
    /// Immutable, so readers use it without locks.
    /// </summary>
    internal sealed class RowShape
    {
        private readonly Dictionary<string, int> _index;

        public RowShape(string[] names)
        {
            Names = names;
            _index = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
            for (int i = 0; i < names.Length; i++)
            {
                _index[names[i]] = i;
            }
        }

        public string[] Names { get; }

        public int IndexOf(string column) => _index.TryGetValue(column, out int i) ? i : -1;
    }

    /// <summary>
    /// A committed row in compact form: its id, its shape and one value per column. Values are the store's own
    /// (shared between rows where they are equal, see <see cref="ValueInterner"/>) and are never changed: every reader
    /// that hands a value out copies it (clone-on-read), as before.
    /// </summary>
    internal sealed class StoredRow : IStoredRow
    {
        private readonly RowShape _shape;
        private readonly object?[] _values;

        public StoredRow(string logicalName, Guid id, RowShape shape, object?[] values)
        {
            LogicalName = logicalName;
            Id = id;
            _shape = shape;
            _values = values;
        }

        /// <summary>Stands for a column whose value is the row's own id (the primary key), boxed only when read.</summary>
        public static readonly object SameAsId = new();

        public string LogicalName { get; }

        public Guid Id { get; }

        public RowShape Shape => _shape;

        public int Count => _values.Length;

        public string NameAt(int i) => _shape.Names[i];

        public object? ValueAt(int i)
        {
            var value = _values[i];
            return ReferenceEquals(value, SameAsId) ? Id : value;
        }

        public bool TryGet(string column, out object? value)
        {
            int i = _shape.IndexOf(column);
            if (i < 0)
            {
                value = null;
                return false;
            }
            value = ValueAt(i);
            return true;
        }

        /// <summary>An Entity over the stored values (not copies): callers copy before they hand values out.</summary>
        public Entity ToEntity()
        {
            var e = new Entity(LogicalName, Id);
            var attributes = e.Attributes;
            for (int i = 0; i < _values.Length; i++)
            {
                attributes[_shape.Names[i]] = ValueAt(i);
            }
            return e;
        }
    }

    /// <summary>
    /// Shares equal immutable-by-convention values between committed rows: lookups without a name (owner, created by,
    /// business unit), choice values, dates and small numbers. Used under the store's commit lock. Safe because stored
    /// values are never mutated and every read copies them out.
    /// </summary>
    internal sealed class ValueInterner
    {
        private const int MaxEntries = 100_000;
        private static readonly object[] SmallInts = BoxRange(-1, 1024);
        private static readonly object True = true;
        private static readonly object False = false;

        // By id alone (hashing a Guid is cheaper than hashing the table name with it); a reference to another table with
        // the same id is simply not shared.
        private readonly Dictionary<Guid, EntityReference> _references = new();
        private readonly Dictionary<int, OptionSetValue> _options = new();
        private readonly Dictionary<DateTime, object> _dates = new();
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

        public string Name(string column)
        {
            if (_names.TryGetValue(column, out var name))
            {
                return name;
            }
            if (_names.Count < MaxEntries)
            {
                _names[column] = column;
            }
            return column;
        }

        public object? Value(object? value)
        {
            switch (value)
            {
                // Alternate keys are not looked at: Dataverse stores a lookup as its table and id, and reading KeyAttributes
                // would give every stored lookup a collection of its own.
                case EntityReference r when r.Name == null && r.RowVersion == null && r.LogicalName != null:
                {
                    if (_references.TryGetValue(r.Id, out var shared))
                    {
                        return string.Equals(shared.LogicalName, r.LogicalName, StringComparison.Ordinal) ? shared : r;
                    }
                    if (_references.Count < MaxEntries)
                    {
                        _references[r.Id] = r;
                    }
                    return r;
                }
                case OptionSetValue o:
                {
                    if (_options.TryGetValue(o.Value, out var shared))
                    {
                        return shared;
                    }
                    if (_options.Count < MaxEntries)
                    {
                        _options[o.Value] = o;
                    }
                    return o;
                }
                case DateTime d:
                {
                    // Equal values with another Kind must stay distinct boxes: Kind is part of what a reader sees.
                    if (_dates.TryGetValue(d, out var shared) && ((DateTime)shared).Kind == d.Kind)
                    {
                        return shared;
                    }
                    if (_dates.Count >= MaxEntries)
                    {
                        _dates.Clear();
                    }
                    _dates[d] = value;
                    return value;
                }
                case int i when i >= -1 && i < 1024:
                    return SmallInts[i + 1];
                case bool b:
                    return b ? True : False;
                default:
                    return value;
            }
        }

        private static object[] BoxRange(int from, int toExclusive)
        {
            var boxes = new object[toExclusive - from];
            for (int i = 0; i < boxes.Length; i++)
            {
                boxes[i] = from + i;
            }
            return boxes;
        }
    }
}
