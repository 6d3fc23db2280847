using System;

namespace Microsoft.Xrm.Sdk
{
    public enum EntityState
    {
        Unchanged = 0,
        Created = 1,
        Changed = 2,
    }

    public enum EntityRole
    {
        Referencing = 0,
        Referenced = 1,
    }

    /// <summary>A row: logical name, id and a bag of attribute values.</summary>
    /// <remarks>
    /// As on the platform, <see cref="Id"/> and the "&lt;logicalname&gt;id" attribute are independent: setting
    /// one does not set the other. The organization service (or the sandbox) fills both when it returns rows.
    /// </remarks>
    public class Entity
    {
        private AttributeCollection _attributes;
        private FormattedValueCollection _formattedValues;
        private RelatedEntityCollection _relatedEntities;
        private KeyAttributeCollection _keyAttributes;

        public Entity()
        {
        }

        public Entity(string entityName)
        {
            LogicalName = entityName;
        }

        public Entity(string entityName, Guid id)
            : this(entityName)
        {
            Id = id;
        }

        // An alternate key goes to KeyAttributes only, not to Attributes: that is how the platform reads it.
        public Entity(string entityName, string keyName, object keyValue)
            : this(entityName)
        {
            KeyAttributes.Add(keyName, keyValue);
        }

        public Entity(string entityName, KeyAttributeCollection keyAttributes)
            : this(entityName)
        {
            KeyAttributes = keyAttributes;
        }

        public string LogicalName { get; set; }

        public virtual Guid Id { get; set; }

        // Collections are created on demand so that a null assigned by a serializer or a caller never leaks
        // out as a NullReferenceException; the real SDK behaves the same way.
        public AttributeCollection Attributes
        {
            get { return _attributes ?? (_attributes = new AttributeCollection()); }
            set { _attributes = value; }
        }

        public EntityState? EntityState { get; set; }

        public FormattedValueCollection FormattedValues
        {
            get { return _formattedValues ?? (_formattedValues = new FormattedValueCollection()); }
            set { _formattedValues = value; }
        }

        public RelatedEntityCollection RelatedEntities
        {
            get { return _relatedEntities ?? (_relatedEntities = new RelatedEntityCollection()); }
            set { _relatedEntities = value; }
        }

        public string RowVersion { get; set; }

        public KeyAttributeCollection KeyAttributes
        {
            get { return _keyAttributes ?? (_keyAttributes = new KeyAttributeCollection()); }
            set { _keyAttributes = value; }
        }

        /// <summary>
        /// The raw attribute value. Reading a missing attribute throws <see cref="System.Collections.Generic.KeyNotFoundException"/>;
        /// assigning null keeps the attribute (with a null value), which on Update clears the column.
        /// </summary>
        public object this[string attributeName]
        {
            get { return Attributes[attributeName]; }
            set { Attributes[attributeName] = value; }
        }

        public bool Contains(string attributeName) => Attributes.Contains(attributeName);

        /// <summary>
        /// The attribute converted to <typeparamref name="T"/>, or <c>default(T)</c> when it is missing or null.
        /// A value of another type is a programming error and throws <see cref="InvalidCastException"/>.
        /// </summary>
        public virtual T GetAttributeValue<T>(string attributeLogicalName)
        {
            if (!Attributes.TryGetValue(attributeLogicalName, out object value) || value == null)
            {
                return default(T);
            }

            return (T)value;
        }

        public bool TryGetAttributeValue<T>(string attributeKey, out T result)
        {
            if (Attributes.TryGetValue(attributeKey, out object value) && value is T typed)
            {
                result = typed;
                return true;
            }

            result = default(T);
            return false;
        }

        // Name and Id only: the platform does not copy the display name nor the alternate keys here.
        public EntityReference ToEntityReference() => new EntityReference(LogicalName, Id);

        /// <summary>
        /// A new instance of <typeparamref name="T"/> that shares this row's collections (no copy), as the
        /// platform does; early-bound classes use it to view a late-bound row.
        /// </summary>
        public T ToEntity<T>()
            where T : Entity
        {
            var entity = (T)Activator.CreateInstance(typeof(T));
            if (string.IsNullOrEmpty(entity.LogicalName))
            {
                entity.LogicalName = LogicalName;
            }

            entity.Attributes = Attributes;
            entity.FormattedValues = FormattedValues;
            entity.RelatedEntities = RelatedEntities;
            entity.KeyAttributes = KeyAttributes;
            entity.EntityState = EntityState;
            entity.RowVersion = RowVersion;
            entity.Id = Id;
            return entity;
        }

        protected virtual void SetAttributeValue(string attributeLogicalName, object value)
        {
            Attributes[attributeLogicalName] = value;
        }

        protected virtual string GetFormattedAttributeValue(string attributeLogicalName)
        {
            return FormattedValues.TryGetValue(attributeLogicalName, out string value) ? value : null;
        }
    }
}
