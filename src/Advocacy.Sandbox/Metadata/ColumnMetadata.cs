using System;
using System.Collections.Generic;

namespace Advocacy.Sandbox
{
    /// <summary>One column of a table: its type, the tables a lookup may point at, a choice's options.</summary>
    public sealed class ColumnMetadata
    {
        public ColumnMetadata(string logicalName, ColumnType type, IReadOnlyList<string>? targets = null, IReadOnlyDictionary<int, string>? options = null)
        {
            LogicalName = logicalName;
            Type = type;
            Targets = targets ?? Array.Empty<string>();
            Options = options ?? new Dictionary<int, string>();
        }

        public string LogicalName { get; }
        public ColumnType Type { get; }

        /// <summary>Lookup targets; empty = any table (the sandbox then does not check the target).</summary>
        public IReadOnlyList<string> Targets { get; }

        /// <summary>Choice values and their labels; empty = any value accepted (options unknown).</summary>
        public IReadOnlyDictionary<int, string> Options { get; }

        /// <summary>A column lenient mode typed by its first value (no metadata declares it).</summary>
        public bool IsInferred { get; init; }

        /// <summary>The global option set this choice uses, resolved once all option sets are read.</summary>
        public string? OptionSetName { get; init; }

        /// <summary>The option set with every option's labels per language (what the metadata messages describe); null = unknown.</summary>
        public ChoiceOptionSet? OptionSet { get; init; }

        /// <summary>The column's display name per language (Entity.xml displaynames); null = the solution gives none.</summary>
        public IReadOnlyDictionary<int, string>? DisplayNames { get; init; }

        /// <summary>The column's description per language (Entity.xml Descriptions).</summary>
        public IReadOnlyDictionary<int, string>? Descriptions { get; init; }

        /// <summary>A text column's maximum length in characters (Entity.xml MaxLength); null = not checked.</summary>
        public int? MaxLength { get; init; }

        /// <summary>A number or currency column's smallest accepted value (Entity.xml MinValue); null = not checked.</summary>
        public decimal? MinValue { get; init; }

        /// <summary>A number or currency column's largest accepted value (Entity.xml MaxValue); null = not checked.</summary>
        public decimal? MaxValue { get; init; }

        /// <summary>The same column with other limits.</summary>
        internal ColumnMetadata WithLimits(int? maxLength, decimal? minValue, decimal? maxValue) => Copy(Targets, maxLength, minValue, maxValue);

        /// <summary>The same column pointing at other tables (a custom lookup's target comes from its relationship).</summary>
        internal ColumnMetadata WithTargets(IReadOnlyList<string> targets) => Copy(targets, MaxLength, MinValue, MaxValue);

        // One place that copies every other property, so a property added later is not lost by one of the With… copies.
        private ColumnMetadata Copy(IReadOnlyList<string> targets, int? maxLength, decimal? minValue, decimal? maxValue) =>
            new(LogicalName, Type, targets, Options)
            {
                IsInferred = IsInferred, OptionSetName = OptionSetName, OptionSet = OptionSet, DateBehavior = DateBehavior, IsSecured = IsSecured,
                DisplayNames = DisplayNames, Descriptions = Descriptions,
                MaxLength = maxLength, MinValue = minValue, MaxValue = maxValue,
            };

        /// <summary>A date and time column's behaviour (ignored for other types); UserLocal unless the metadata says otherwise.</summary>
        public DateBehavior DateBehavior { get; init; } = DateBehavior.UserLocal;

        /// <summary>Column security (the solution's &lt;IsSecured&gt;1&lt;/IsSecured&gt;): only field security profiles grant read, create and update.</summary>
        public bool IsSecured { get; init; }

        public override string ToString() => $"{LogicalName} ({Type})";
    }
}
