using System;

// Declarations only: the platform reads these from the registered assembly to build the process designer's
// parameter list. AttributeUsage matches Microsoft's (properties only, single use, inherited).
namespace Microsoft.Xrm.Sdk.Workflow
{
    [AttributeUsage(AttributeTargets.Property)]
    public abstract class ParameterAttribute : Attribute
    {
        protected ParameterAttribute(string name)
        {
            Name = name;
        }

        /// <summary>The label shown in the process designer.</summary>
        public string Name { get; }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class InputAttribute : ParameterAttribute
    {
        public InputAttribute(string name)
            : base(name)
        {
        }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class OutputAttribute : ParameterAttribute
    {
        public OutputAttribute(string name)
            : base(name)
        {
        }
    }

    /// <summary>The table an <c>EntityReference</c> argument points at.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class ReferenceTargetAttribute : Attribute
    {
        public ReferenceTargetAttribute(string entityName)
        {
            EntityName = entityName;
        }

        public string EntityName { get; }
    }

    /// <summary>The choice column an <c>OptionSetValue</c> argument takes its options from.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class AttributeTargetAttribute : Attribute
    {
        public AttributeTargetAttribute(string entityName, string attributeName)
        {
            EntityName = entityName;
            AttributeName = attributeName;
        }

        public string EntityName { get; }

        public string AttributeName { get; }
    }

    /// <summary>
    /// The designer's default for an input, in the platform's string form (e.g. "True", "2024-01-01", an
    /// option value, or a record id together with <see cref="EntityName"/> for a reference).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class DefaultAttribute : Attribute
    {
        public DefaultAttribute(string value)
        {
            Value = value;
        }

        public DefaultAttribute(string value, string entityName)
            : this(value)
        {
            EntityName = entityName;
        }

        public string EntityName { get; }

        public string Value { get; }
    }
}
