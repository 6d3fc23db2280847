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
        private readonly IDictionary<TKey, TValue> _items;

        protected internal DataCollection()
            : this(new Dictionary<TKey, TValue>())
        {
        }

        protected internal DataCollection(IDictionary<TKey, TValue> collection)
        {
            _items = collection ?? throw new ArgumentNullException(nameof(collection));
        }

        public virtual TValue this[TKey key]
        {
            get { return _items[key]; }
            set { _items[key] = value; }
        }

        public int Count => _items.Count;

        public ICollection<TKey> Keys => _items.Keys;

        public ICollection<TValue> Values => _items.Values;

        public virtual bool IsReadOnly { get; internal set; }

        public void Add(KeyValuePair<TKey, TValue> item) => _items.Add(item);

        public void AddRange(params KeyValuePair<TKey, TValue>[] items) => AddRange((IEnumerable<KeyValuePair<TKey, TValue>>)items);

        public void AddRange(IEnumerable<KeyValuePair<TKey, TValue>> items)
        {
            if (items == null)
            {
                return;
            }

            foreach (var item in items)
            {
                _items.Add(item);
            }
        }

        public void Add(TKey key, TValue value) => _items.Add(key, value);

        public void Clear() => _items.Clear();

        public bool Contains(TKey key) => _items.ContainsKey(key);

        // Named "key" although it is a pair: Microsoft's parameter name, kept for named-argument callers.
        public bool Contains(KeyValuePair<TKey, TValue> key) => _items.Contains(key);

        public bool TryGetValue(TKey key, out TValue value) => _items.TryGetValue(key, out value);

        public void CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

        public bool ContainsKey(TKey key) => _items.ContainsKey(key);

        public bool Remove(TKey key) => _items.Remove(key);

        public bool Remove(KeyValuePair<TKey, TValue> item) => _items.Remove(item);

        public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
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
