using System;
using System.Collections;
using System.Collections.Generic;

namespace Advocacy.Plugins.Domain.Assignment
{
    /// <summary>
    /// A set of a small enum's values kept as bits. Selection tests every profile of a large pool against a
    /// tier and a specialty; a bit test on a field costs nothing, where a hash set per profile means several
    /// scattered objects to load for each of 10,000 profiles.
    /// </summary>
    public abstract class FlagSet<T> : ICollection<T>, IReadOnlyCollection<T>
        where T : struct
    {
        private readonly T[] values;

        protected FlagSet(T[] values)
        {
            this.values = values;
        }

        /// <summary>Bit i set ⇔ the value with index i is in the set.</summary>
        internal int Mask { get; private set; }

        public int Count
        {
            get
            {
                int n = 0;
                for (int m = Mask; m != 0; m &= m - 1)
                {
                    n++;
                }

                return n;
            }
        }

        public bool IsReadOnly => false;

        public void Add(T item) => Mask |= Bit(item);

        public bool Remove(T item)
        {
            bool had = Contains(item);
            Mask &= ~Bit(item);
            return had;
        }

        public void Clear() => Mask = 0;

        public bool Contains(T item) => (Mask & Bit(item)) != 0;

        public void CopyTo(T[] array, int arrayIndex)
        {
            foreach (T value in this)
            {
                array[arrayIndex++] = value;
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (int i = 0; i < values.Length; i++)
            {
                if ((Mask & (1 << i)) != 0)
                {
                    yield return values[i];
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>The value's bit; values outside the enum's known range are refused, not silently dropped.</summary>
        protected abstract int Index(T item);

        private int Bit(T item)
        {
            int index = Index(item);
            if (index < 0 || index >= values.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(item), item, "Not a value this set can hold.");
            }

            return 1 << index;
        }
    }

    /// <summary>The account tiers an advocate covers.</summary>
    public sealed class TierSet : FlagSet<CustomerTier>
    {
        public TierSet()
            : base(new[] { CustomerTier.Standard, CustomerTier.Key, CustomerTier.Strategic })
        {
        }

        internal static int BitOf(CustomerTier tier) => 1 << (int)tier;

        protected override int Index(CustomerTier item) => (int)item;
    }

    /// <summary>An advocate's specialties.</summary>
    public sealed class SpecialtySet : FlagSet<Specialty>
    {
        public SpecialtySet()
            : base(new[] { Specialty.Logistics, Specialty.Billing, Specialty.Technical, Specialty.Onboarding })
        {
        }

        internal static int BitOf(Specialty specialty) => 1 << (int)specialty;

        protected override int Index(Specialty item) => (int)item;
    }
}
