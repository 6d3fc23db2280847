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

        /// <summary>The global option set this choice uses, resolved once all option sets are read.</summary>
        public string? OptionSetName { get; init; }

        /// <summary>Column security (the solution's &lt;IsSecured&gt;1&lt;/IsSecured&gt;): only field security profiles grant read, create and update.</summary>
        public bool IsSecured { get; init; }

        public override string ToString() => $"{LogicalName} ({Type})";
    }
}
