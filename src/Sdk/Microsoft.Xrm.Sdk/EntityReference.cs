using System;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A pointer to a row by logical name and id, or by alternate key.</summary>
    /// <remarks>
    /// Equality is by value, as on the platform: same <see cref="LogicalName"/> (ordinal, case-sensitive),
    /// same <see cref="Id"/> and same alternate keys. <see cref="Name"/> is a display hint and is ignored.
    /// </remarks>
    public sealed class EntityReference
    {
        private KeyAttributeCollection _keyAttributes;

        public EntityReference()
        {
        }

        public EntityReference(string logicalName)
        {
            LogicalName = logicalName;
        }

        public EntityReference(string logicalName, Guid id)
            : this(logicalName)
        {
            Id = id;
        }

        public EntityReference(string logicalName, string keyName, object keyValue)
            : this(logicalName)
        {
            KeyAttributes.Add(keyName, keyValue);
        }

        public EntityReference(string logicalName, KeyAttributeCollection keyAttributeCollection)
            : this(logicalName)
        {
            KeyAttributes = keyAttributeCollection;
        }

        public Guid Id { get; set; }

        public string LogicalName { get; set; }

        public string Name { get; set; }

        public KeyAttributeCollection KeyAttributes
        {
            get { return _keyAttributes ?? (_keyAttributes = new KeyAttributeCollection()); }
            set { _keyAttributes = value; }
        }

        public string RowVersion { get; set; }

        public override bool Equals(object obj)
        {
            if (ReferenceEquals(this, obj))
            {
                return true;
            }

            var other = obj as EntityReference;
            return other != null
                && Id == other.Id
                && string.Equals(LogicalName, other.LogicalName, StringComparison.Ordinal)
                && SameKeys(KeyAttributes, other.KeyAttributes);
        }

        // Zero without a logical name mirrors the platform; such references are not meant to be hashed.
        public override int GetHashCode() => LogicalName == null ? 0 : Id.GetHashCode() ^ LogicalName.GetHashCode();

        private static bool SameKeys(KeyAttributeCollection left, KeyAttributeCollection right)
        {
            if (left.Count != right.Count)
            {
                return false;
            }

            foreach (var pair in left)
            {
                if (!right.TryGetValue(pair.Key, out object value) || !Equals(pair.Value, value))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
