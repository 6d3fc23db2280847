using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk
{
    // The concrete collections add (almost) nothing: Microsoft declares the behaviour on DataCollection, and
    // so do we. Constructors that Microsoft makes protected-internal on sealed types are internal here: they
    // are not callable from outside either way, and C# rejects new protected members in sealed types.

    public sealed class AttributeCollection : DataCollection<string, object>
    {
        public AttributeCollection()
        {
        }

        internal AttributeCollection(IDictionary<string, object> collection)
            : base(collection)
        {
        }
    }

    public class ParameterCollection : DataCollection<string, object>
    {
        public ParameterCollection()
        {
        }

        protected ParameterCollection(IDictionary<string, object> collection)
            : base(collection)
        {
        }

        /// <summary>Sets <paramref name="key"/> to <paramref name="obj"/> unless <paramref name="obj"/> is null.</summary>
        public void AddOrUpdateIfNotNull(string key, object obj)
        {
            if (obj != null)
            {
                this[key] = obj;
            }
        }

        /// <summary>
        /// True when the key is present and its value is a <typeparamref name="T"/>; a null value or a value
        /// of another type gives false (never an exception), which is what makes it safe for input parameters.
        /// </summary>
        public bool TryGetValue<T>(string key, out T value)
        {
            // base.: an unqualified call would bind to this generic overload (T = object) and recurse.
            if (base.TryGetValue(key, out object raw) && raw is T typed)
            {
                value = typed;
                return true;
            }

            value = default(T);
            return false;
        }
    }

    public class EntityImageCollection : DataCollection<string, Entity>
    {
        public EntityImageCollection()
        {
        }

        protected internal EntityImageCollection(IDictionary<string, Entity> collection)
            : base(collection)
        {
        }
    }

    public sealed class FormattedValueCollection : DataCollection<string, string>
    {
        public FormattedValueCollection()
        {
        }

        internal FormattedValueCollection(IDictionary<string, string> collection)
            : base(collection)
        {
        }
    }

    public sealed class KeyAttributeCollection : DataCollection<string, object>
    {
        public KeyAttributeCollection()
        {
        }

        internal KeyAttributeCollection(IDictionary<string, object> collection)
            : base(collection)
        {
        }
    }

    public sealed class RelatedEntityCollection : DataCollection<Relationship, EntityCollection>
    {
        public RelatedEntityCollection()
        {
        }
    }

    /// <summary>The queries of a Retrieve's related rows, by relationship (RetrieveRequest.RelatedEntitiesQuery).</summary>
    public sealed class RelationshipQueryCollection : DataCollection<Relationship, Query.QueryBase>
    {
        public RelationshipQueryCollection()
        {
        }
    }

    public sealed class ErrorDetailCollection : DataCollection<string, object>
    {
        public ErrorDetailCollection()
        {
        }
    }

    public sealed class EntityReferenceCollection : DataCollection<EntityReference>
    {
        public EntityReferenceCollection()
        {
        }

        public EntityReferenceCollection(IList<EntityReference> list)
            : base(list)
        {
        }
    }

    public sealed class OptionSetValueCollection : DataCollection<OptionSetValue>
    {
        public OptionSetValueCollection()
        {
        }

        public OptionSetValueCollection(IList<OptionSetValue> list)
            : base(list)
        {
        }
    }

    public sealed class OrganizationRequestCollection : DataCollection<OrganizationRequest>
    {
        public OrganizationRequestCollection()
        {
        }
    }

    public sealed class OrganizationResponseCollection : DataCollection<OrganizationResponse>
    {
        public OrganizationResponseCollection()
        {
        }
    }

    public sealed class ExecuteMultipleResponseItemCollection : DataCollection<ExecuteMultipleResponseItem>
    {
        public ExecuteMultipleResponseItemCollection()
        {
        }
    }
}
