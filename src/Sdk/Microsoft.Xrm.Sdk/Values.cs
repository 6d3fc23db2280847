using System;
using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A currency amount. Compares by value, like the platform's.</summary>
    public sealed class Money
    {
        public Money()
        {
        }

        public Money(decimal value)
        {
            Value = value;
        }

        public decimal Value { get; set; }

        public override bool Equals(object obj) => obj is Money other && other.Value == Value;

        public override int GetHashCode() => Value.GetHashCode();
    }

    /// <summary>A choice (option set) value. Compares by value, like the platform's.</summary>
    public sealed class OptionSetValue
    {
        public OptionSetValue()
        {
        }

        public OptionSetValue(int value)
        {
            Value = value;
        }

        public int Value { get; set; }

        public override bool Equals(object obj) => obj is OptionSetValue other && other.Value == Value;

        public override int GetHashCode() => Value;
    }

    /// <summary>A value read through a link-entity alias or an aggregate.</summary>
    /// <remarks>
    /// Microsoft does not override Equals here: two aliased values are equal only if they are the same
    /// object. Compare <see cref="Value"/> instead.
    /// </remarks>
    public sealed class AliasedValue
    {
        public AliasedValue()
        {
        }

        public AliasedValue(string entityLogicalName, string attributeLogicalName, object value)
        {
            EntityLogicalName = entityLogicalName;
            AttributeLogicalName = attributeLogicalName;
            Value = value;
        }

        public string AttributeLogicalName { get; internal set; }

        public string EntityLogicalName { get; internal set; }

        public object Value { get; internal set; }
    }

    /// <summary>A relationship by schema name (and role, for self-referential ones).</summary>
    public sealed class Relationship
    {
        public Relationship()
        {
        }

        public Relationship(string schemaName)
        {
            SchemaName = schemaName;
        }

        public string SchemaName { get; set; }

        public EntityRole? PrimaryEntityRole { get; set; }

        public override bool Equals(object obj) =>
            obj is Relationship other
            && string.Equals(SchemaName, other.SchemaName, StringComparison.Ordinal)
            && PrimaryEntityRole == other.PrimaryEntityRole;

        public override int GetHashCode() => SchemaName == null ? 0 : SchemaName.GetHashCode();

        public override string ToString() => SchemaName + "." + PrimaryEntityRole;
    }

    /// <summary>One page of rows returned by RetrieveMultiple.</summary>
    public sealed class EntityCollection
    {
        private DataCollection<Entity> _entities;

        public EntityCollection()
        {
        }

        public EntityCollection(IList<Entity> list)
        {
            _entities = new DataCollection<Entity>(list);
        }

        public DataCollection<Entity> Entities
        {
            get { return _entities ?? (_entities = new DataCollection<Entity>()); }
            set { _entities = value; }
        }

        public bool MoreRecords { get; set; }

        public string PagingCookie { get; set; }

        public string MinActiveRowVersion { get; set; }

        public int TotalRecordCount { get; set; }

        public bool TotalRecordCountLimitExceeded { get; set; }

        public Entity this[int index]
        {
            get { return Entities[index]; }
            set { Entities[index] = value; }
        }

        public string EntityName { get; set; }
    }

    public enum OperationStatus
    {
        Failed = 0,
        Canceled = 1,
        Retry = 2,
        Suspended = 3,
        Succeeded = 4,
    }

    /// <summary>
    /// The exception a plug-in throws to cancel the operation and show its message to the user.
    /// </summary>
    public sealed class InvalidPluginExecutionException : Exception
    {
        private readonly int? _errorCode;

        public InvalidPluginExecutionException()
        {
        }

        public InvalidPluginExecutionException(OperationStatus status)
        {
            Status = status;
        }

        public InvalidPluginExecutionException(string message)
            : base(message)
        {
        }

        public InvalidPluginExecutionException(OperationStatus status, string message)
            : base(message)
        {
            Status = status;
        }

        public InvalidPluginExecutionException(string message, Exception exception)
            : base(message, exception)
        {
        }

        public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message)
            : base(message)
        {
            Status = status;
            _errorCode = errorCode;
        }

        /// <summary><see cref="OperationStatus.Failed"/> unless a constructor says otherwise.</summary>
        public OperationStatus Status { get; }

        /// <summary>The code given to the constructor; otherwise the exception's HResult, as on the platform.</summary>
        public int ErrorCode => _errorCode ?? HResult;
    }
}
