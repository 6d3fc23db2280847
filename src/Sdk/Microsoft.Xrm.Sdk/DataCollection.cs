using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// Keyed collection behind attributes, parameters, images and formatted values. Every member is declared
    /// here, not on the subclasses, because that is where Microsoft declares them: a plug-in's compiled call
    /// names the declaring type and would not bind to the real SDK otherwise.
    /// </summary>
    /// <remarks>
    /// A plain <see cref="Dictionary{TKey,TValue}"/> underneath gives the platform's observable behaviour for
    /// free: ordinal (case-sensitive) keys, <see cref="KeyNotFoundException"/> from the indexer, an
    /// <see cref="ArgumentException"/> on a duplicate <c>Add</c>, and null values kept as entries.
    /// </remarks>
    public abstract class DataCollection<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>
    {
        // Made on the first write: most entities never use their key attributes, formatted values or related entities,
        // and each of those collections would otherwise hold an empty dictionary from the moment it is asked for.
        private IDictionary<TKey, TValue> _items;

        protected internal DataCollection()
        {
        }

        protected internal DataCollection(IDictionary<TKey, TValue> collection)
        {
            _items = collection ?? throw new ArgumentNullException(nameof(collection));
        }

        private IDictionary<TKey, TValue> Items => _items ?? (_items = new Dictionary<TKey, TValue>());

        // Reads of a collection nobody wrote to go to one shared empty dictionary (never written to), so that a missing
        // or null key fails exactly as the dictionary's own would.
        private static readonly Dictionary<TKey, TValue> NoItems = new Dictionary<TKey, TValue>();

        private IDictionary<TKey, TValue> Read => _items ?? NoItems;

        public virtual TValue this[TKey key]
        {
            get { return Read[key]; }
            set { Items[key] = value; }
        }

        public int Count => _items == null ? 0 : _items.Count;

        // Live views, as a dictionary's are: they show later additions, so they need the dictionary itself.
        public ICollection<TKey> Keys => Items.Keys;

        public ICollection<TValue> Values => Items.Values;

        public virtual bool IsReadOnly { get; internal set; }

        public void Add(KeyValuePair<TKey, TValue> item) => Items.Add(item);

        public void AddRange(params KeyValuePair<TKey, TValue>[] items) => AddRange((IEnumerable<KeyValuePair<TKey, TValue>>)items);

        public void AddRange(IEnumerable<KeyValuePair<TKey, TValue>> items)
        {
            if (items == null)
            {
                return;
            }

            foreach (var item in items)
            {
                Items.Add(item);
            }
        }

        public void Add(TKey key, TValue value) => Items.Add(key, value);

        public void Clear() => _items?.Clear();

        public bool Contains(TKey key) => Read.ContainsKey(key);

        // Named "key" although it is a pair: Microsoft's parameter name, kept for named-argument callers.
        public bool Contains(KeyValuePair<TKey, TValue> key) => Read.Contains(key);

        public bool TryGetValue(TKey key, out TValue value) => Read.TryGetValue(key, out value);

        public void CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex) => Read.CopyTo(array, arrayIndex);

        public bool ContainsKey(TKey key) => Read.ContainsKey(key);

        public bool Remove(TKey key) => _items == null ? NoItems.Remove(key) : _items.Remove(key);

        public bool Remove(KeyValuePair<TKey, TValue> item) => _items != null && _items.Remove(item);

        public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() =>
            _items == null ? EmptyEnumerator.Instance : _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private sealed class EmptyEnumerator : IEnumerator<KeyValuePair<TKey, TValue>>
        {
            public static readonly EmptyEnumerator Instance = new EmptyEnumerator();

            public KeyValuePair<TKey, TValue> Current => default(KeyValuePair<TKey, TValue>);

            object IEnumerator.Current => Current;

            public bool MoveNext() => false;

            public void Reset()
            {
            }

            public void Dispose()
            {
            }
        }
    }

    /// <summary>List collection used for entities, columns, conditions, requests and the like.</summary>
    /// <remarks>Microsoft gives it no public constructor; the SDK's own types create it.</remarks>
    public class DataCollection<T> : Collection<T>
    {
        internal DataCollection()
        {
        }

        // Copies, so that later changes to the caller's list do not show through (as the platform behaves).
        internal DataCollection(IEnumerable<T> items)
        {
            AddRange(items);
        }

        public void AddRange(params T[] items) => AddRange((IEnumerable<T>)items);

        public void AddRange(IEnumerable<T> items)
        {
            if (items == null)
            {
                return;
            }

            foreach (var item in items)
            {
                Add(item);
            }
        }

        public T[] ToArray()
        {
            var array = new T[Count];
            CopyTo(array, 0);
            return array;
        }
    }
}
