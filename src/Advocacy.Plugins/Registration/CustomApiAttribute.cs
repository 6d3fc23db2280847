using System;

namespace Advocacy.Plugins.Registration
{
    /// <summary>
    /// Declares that a plug-in class implements a Custom API (spkl has no attribute for these). The packer
    /// writes the customapi component from it and the sandbox routes the message to the class.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    public sealed class CustomApiAttribute : Attribute
    {
        public CustomApiAttribute(string uniqueName, string displayName, string description)
        {
            UniqueName = uniqueName;
            DisplayName = displayName;
            Description = description;
        }

        public string UniqueName { get; }
        public string DisplayName { get; }
        public string Description { get; }

        /// <summary>Functions are called with GET; actions (the default) with POST.</summary>
        public bool IsFunction { get; set; }

        /// <summary>Empty for a global API; otherwise the table it is bound to.</summary>
        public string? BoundEntityLogicalName { get; set; }

        /// <summary>The privilege a caller needs, e.g. prvReadaccount; empty for none.</summary>
        public string? ExecutePrivilegeName { get; set; }

        /// <summary>The display name for German readers (a languagecode="1031" label beside the 1033 one in the package).</summary>
        public string? GermanDisplayName { get; set; }

        /// <summary>The description for German readers (languagecode="1031").</summary>
        public string? GermanDescription { get; set; }
    }

    /// <summary>The Custom API parameter and response property types, as the platform numbers them.</summary>
    public enum CustomApiFieldType
    {
        Boolean = 0,
        DateTime = 1,
        Decimal = 2,
        Entity = 3,
        EntityCollection = 4,
        EntityReference = 5,
        Float = 6,
        Integer = 7,
        Money = 8,
        Picklist = 9,
        String = 10,
        StringArray = 11,
        Guid = 12,
    }

    /// <summary>One request parameter of a Custom API.</summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
    public sealed class CustomApiParameterAttribute : Attribute
    {
        public CustomApiParameterAttribute(string uniqueName, CustomApiFieldType type, string description)
        {
            UniqueName = uniqueName;
            Type = type;
            Description = description;
        }

        public string UniqueName { get; }
        public CustomApiFieldType Type { get; }
        public string Description { get; }
        public bool IsOptional { get; set; }
        public string? LogicalEntityName { get; set; }

        /// <summary>The description in German (1031), packed beside the English one.</summary>
        public string? GermanDescription { get; set; }
    }

    /// <summary>One response property of a Custom API.</summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
    public sealed class CustomApiResponseAttribute : Attribute
    {
        public CustomApiResponseAttribute(string uniqueName, CustomApiFieldType type, string description)
        {
            UniqueName = uniqueName;
            Type = type;
            Description = description;
        }

        public string UniqueName { get; }
        public CustomApiFieldType Type { get; }
        public string Description { get; }
        public string? LogicalEntityName { get; set; }

        /// <summary>The description in German (1031), packed beside the English one.</summary>
        public string? GermanDescription { get; set; }
    }
}
