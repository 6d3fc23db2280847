using System.Collections.Generic;

// Choice columns and their options: choice (picklist), state, status, multi-select and Yes/No columns, the option
// sets behind them and their options with labels. Only the members a plug-in needs to read a choice's options and
// labels; each is Microsoft's, with its constructors and setter visibility (checked by eng/check-sdk.sh). The
// constructors set AttributeType as Microsoft's do (multi-select columns are Virtual, as on the platform).
namespace Microsoft.Xrm.Sdk.Metadata
{
    public enum OptionSetType
    {
        Picklist = 0,
        State = 1,
        Status = 2,
        Boolean = 3,
    }

    public abstract class EnumAttributeMetadata : AttributeMetadata
    {
        protected EnumAttributeMetadata()
        {
        }

        protected EnumAttributeMetadata(AttributeTypeCode attributeType, string schemaName)
            : base(attributeType, schemaName)
        {
        }

        public OptionSetMetadata OptionSet { get; set; }
    }

    public sealed class PicklistAttributeMetadata : EnumAttributeMetadata
    {
        public PicklistAttributeMetadata()
            : this(null)
        {
        }

        public PicklistAttributeMetadata(string schemaName)
            : base(AttributeTypeCode.Picklist, schemaName)
        {
        }
    }

    public sealed class StateAttributeMetadata : EnumAttributeMetadata
    {
        public StateAttributeMetadata()
            : base(AttributeTypeCode.State, null)
        {
        }
    }

    public sealed class StatusAttributeMetadata : EnumAttributeMetadata
    {
        public StatusAttributeMetadata()
            : base(AttributeTypeCode.Status, null)
        {
        }
    }

    public sealed class MultiSelectPicklistAttributeMetadata : EnumAttributeMetadata
    {
        public MultiSelectPicklistAttributeMetadata()
            : this(null)
        {
        }

        public MultiSelectPicklistAttributeMetadata(string schemaName)
        {
            AttributeType = AttributeTypeCode.Virtual;
            SchemaName = schemaName;
        }
    }

    public sealed class BooleanAttributeMetadata : AttributeMetadata
    {
        public BooleanAttributeMetadata()
            : this(null, null)
        {
        }

        public BooleanAttributeMetadata(string schemaName)
            : this(schemaName, null)
        {
        }

        public BooleanAttributeMetadata(BooleanOptionSetMetadata optionSet)
            : this(null, optionSet)
        {
        }

        public BooleanAttributeMetadata(string schemaName, BooleanOptionSetMetadata optionSet)
            : base(AttributeTypeCode.Boolean, schemaName)
        {
            OptionSet = optionSet;
        }

        public BooleanOptionSetMetadata OptionSet { get; set; }
    }

    public abstract class OptionSetMetadataBase : MetadataBase
    {
        public bool? IsGlobal { get; set; }

        public string Name { get; set; }

        public OptionSetType? OptionSetType { get; set; }
    }

    public sealed class OptionSetMetadata : OptionSetMetadataBase
    {
        private OptionMetadataCollection _options;

        public OptionSetMetadata()
        {
        }

        public OptionSetMetadata(OptionMetadataCollection options)
        {
            _options = options;
        }

        public OptionMetadataCollection Options
        {
            get => _options ?? (_options = new OptionMetadataCollection());
            private set => _options = value;
        }
    }

    public sealed class BooleanOptionSetMetadata : OptionSetMetadataBase
    {
        public BooleanOptionSetMetadata()
        {
        }

        public BooleanOptionSetMetadata(OptionMetadata trueOption, OptionMetadata falseOption)
        {
            TrueOption = trueOption;
            FalseOption = falseOption;
        }

        public OptionMetadata TrueOption { get; set; }

        public OptionMetadata FalseOption { get; set; }
    }

    public class OptionMetadata : MetadataBase
    {
        public OptionMetadata()
        {
        }

        public OptionMetadata(int value)
        {
            Value = value;
        }

        public OptionMetadata(Label label, int? value)
        {
            Label = label;
            Value = value;
        }

        public int? Value { get; set; }

        public Label Label { get; set; }
    }

    public sealed class StateOptionMetadata : OptionMetadata
    {
        public int? DefaultStatus { get; set; }

        public string InvariantName { get; set; }
    }

    public sealed class StatusOptionMetadata : OptionMetadata
    {
        public StatusOptionMetadata()
        {
        }

        public StatusOptionMetadata(int value, int? state)
            : base(value)
        {
            State = state;
        }

        public int? State { get; set; }
    }

    public sealed class OptionMetadataCollection : DataCollection<OptionMetadata>
    {
        public OptionMetadataCollection()
        {
        }

        public OptionMetadataCollection(IList<OptionMetadata> list)
            : base(list)
        {
        }
    }
}
