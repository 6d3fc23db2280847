using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Metadata;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The option set behind a choice, state, status, multi-select or Yes/No column, as the solution declares it: its name,
    /// whether it is a global choice, and every option with its labels in each language the solution carries. What
    /// RetrieveAttribute and RetrieveEntity describe; value checks keep using <see cref="ColumnMetadata.Options"/>.
    /// </summary>
    public sealed class ChoiceOptionSet
    {
        public ChoiceOptionSet(string? name, bool isGlobal, OptionSetType type, IReadOnlyList<ChoiceOption> options)
        {
            Name = name;
            IsGlobal = isGlobal;
            Type = type;
            Options = options;
        }

        public string? Name { get; }

        public bool IsGlobal { get; }

        public OptionSetType Type { get; }

        public IReadOnlyList<ChoiceOption> Options { get; }
    }

    /// <summary>One option: its value, its label per language code, and for state and status options how they pair.</summary>
    public sealed class ChoiceOption
    {
        public ChoiceOption(int value, IReadOnlyDictionary<int, string> labels)
        {
            Value = value;
            Labels = labels;
        }

        public int Value { get; }

        /// <summary>Language code (1033, 1031, …) → label, in the solution's order.</summary>
        public IReadOnlyDictionary<int, string> Labels { get; }

        /// <summary>A status option's state (Entity.xml &lt;status state="…"&gt;).</summary>
        public int? State { get; init; }

        /// <summary>A state option's default status (&lt;state defaultstatus="…"&gt;).</summary>
        public int? DefaultStatus { get; init; }

        /// <summary>A state option's invariant name (&lt;state invariantname="…"&gt;: Active, Inactive, …).</summary>
        public string? InvariantName { get; init; }

        public override string ToString() => $"{Value} {string.Join(" / ", Labels.Values)}";
    }
}
