using System;

// A minimal part of Microsoft's metadata surface: tables, columns and the column types with limits (text length,
// number ranges, lookup targets). Members and setter visibility are Microsoft's; a service fills the internal ones.
namespace Microsoft.Xrm.Sdk.Metadata
{
    public abstract class MetadataBase
    {
        public Guid? MetadataId { get; set; }

        public bool? HasChanged { get; set; }
    }

    [Flags]
    public enum EntityFilters
    {
        Entity = 1,
        Attributes = 2,
        Privileges = 4,
        Relationships = 8,
        Default = 1,
        All = 15,
    }

    [Flags]
    public enum OwnershipTypes
    {
        None = 0,
        UserOwned = 1,
        TeamOwned = 2,
        BusinessOwned = 4,
        OrganizationOwned = 8,
        BusinessParented = 16,
        Filtered = 32,
    }

    public enum AttributeTypeCode
    {
        Boolean,
        Customer,
        DateTime,
        Decimal,
        Double,
        Integer,
        Lookup,
        Memo,
        Money,
        Owner,
        PartyList,
        Picklist,
        State,
        Status,
        String,
        Uniqueidentifier,
        CalendarRules,
        Virtual,
        BigInt,
        ManagedProperty,
        EntityName,
    }

    public sealed class EntityMetadata : MetadataBase
    {
        public string LogicalName { get; set; }

        public string SchemaName { get; set; }

        public OwnershipTypes? OwnershipType { get; set; }

        public bool? IsActivity { get; set; }

        public Label DisplayName { get; set; }

        public Label DisplayCollectionName { get; set; }

        public Label Description { get; set; }

        public string PrimaryIdAttribute { get; internal set; }

        public string PrimaryNameAttribute { get; internal set; }

        public AttributeMetadata[] Attributes { get; internal set; }
    }

    public class AttributeMetadata : MetadataBase
    {
        public AttributeMetadata()
        {
        }

        protected AttributeMetadata(AttributeTypeCode attributeType)
        {
            AttributeType = attributeType;
        }

        protected AttributeMetadata(AttributeTypeCode attributeType, string schemaName)
            : this(attributeType)
        {
            SchemaName = schemaName;
        }

        public AttributeTypeCode? AttributeType { get; internal set; }

        public string EntityLogicalName { get; internal set; }

        public string LogicalName { get; set; }

        public string SchemaName { get; set; }

        public bool? IsPrimaryId { get; internal set; }

        public bool? IsPrimaryName { get; internal set; }

        public Label DisplayName { get; set; }

        public Label Description { get; set; }
    }

    public sealed class StringAttributeMetadata : AttributeMetadata
    {
        public StringAttributeMetadata()
            : base(AttributeTypeCode.String)
        {
        }

        public StringAttributeMetadata(string schemaName)
            : base(AttributeTypeCode.String, schemaName)
        {
        }

        public int? MaxLength { get; set; }
    }

    public sealed class IntegerAttributeMetadata : AttributeMetadata
    {
        public IntegerAttributeMetadata()
            : base(AttributeTypeCode.Integer)
        {
        }

        public IntegerAttributeMetadata(string schemaName)
            : base(AttributeTypeCode.Integer, schemaName)
        {
        }

        public int? MaxValue { get; set; }

        public int? MinValue { get; set; }
    }

    public sealed class BigIntAttributeMetadata : AttributeMetadata
    {
        public BigIntAttributeMetadata()
            : base(AttributeTypeCode.BigInt)
        {
        }

        public BigIntAttributeMetadata(string schemaName)
            : base(AttributeTypeCode.BigInt, schemaName)
        {
        }

        public long? MaxValue { get; internal set; }

        public long? MinValue { get; internal set; }
    }

    public sealed class DecimalAttributeMetadata : AttributeMetadata
    {
        public DecimalAttributeMetadata()
            : base(AttributeTypeCode.Decimal)
        {
        }

        public DecimalAttributeMetadata(string schemaName)
            : base(AttributeTypeCode.Decimal, schemaName)
        {
        }

        public decimal? MaxValue { get; set; }

        public decimal? MinValue { get; set; }
    }

    public sealed class DoubleAttributeMetadata : AttributeMetadata
    {
        public DoubleAttributeMetadata()
            : base(AttributeTypeCode.Double)
        {
        }

        public DoubleAttributeMetadata(string schemaName)
            : base(AttributeTypeCode.Double, schemaName)
        {
        }

        public double? MaxValue { get; set; }

        public double? MinValue { get; set; }
    }

    public sealed class MoneyAttributeMetadata : AttributeMetadata
    {
        public MoneyAttributeMetadata()
            : base(AttributeTypeCode.Money)
        {
        }

        public MoneyAttributeMetadata(string schemaName)
            : base(AttributeTypeCode.Money, schemaName)
        {
        }

        public double? MaxValue { get; set; }

        public double? MinValue { get; set; }
    }

    public sealed class LookupAttributeMetadata : AttributeMetadata
    {
        public LookupAttributeMetadata()
            : base(AttributeTypeCode.Lookup)
        {
        }

        public string[] Targets { get; set; }
    }
}
