using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace Advocacy.Plugins.Domain.Choices
{
    /// <summary>An option of any choice table, for code that checks tables without knowing their enum.</summary>
    public interface IChoiceOption
    {
        /// <summary>The domain value's name, e.g. "Strategic".</summary>
        string Name { get; }

        int Value { get; }

        string Label { get; }
    }

    /// <summary>A choice table of any enum, for code that checks tables without knowing their enum.</summary>
    public interface IChoiceTable
    {
        string OptionSetName { get; }

        IReadOnlyList<IChoiceOption> Options { get; }
    }

    /// <summary>One option of a solution choice: the domain value, the value stored in Dataverse and the label the solution shows.</summary>
    public class ChoiceOption<T> : IChoiceOption where T : struct, Enum
    {
        public ChoiceOption(T item, int value, string label)
        {
            if (string.IsNullOrWhiteSpace(label))
            {
                throw new ArgumentException("A choice option needs the label the solution shows.", nameof(label));
            }

            Item = item;
            Value = value;
            Label = label;
        }

        /// <summary>The domain's value.</summary>
        public T Item { get; }

        public string Name => Item.ToString();

        /// <summary>The choice value stored in Dataverse (solution/OptionSets/{name}.xml).</summary>
        public int Value { get; }

        /// <summary>The option's label in the solution (language 1033).</summary>
        public string Label { get; }
    }

    /// <summary>
    /// A solution choice written out as a table: every option with its explicit value and label, in the
    /// solution's order. The table is the one place that maps Dataverse choice values to the domain's
    /// enum; a test compares it with the option set in <c>solution/</c> both ways.
    /// </summary>
    public class ChoiceTable<T, TOption> : IReadOnlyList<TOption>, IChoiceTable
        where T : struct, Enum
        where TOption : ChoiceOption<T>
    {
        private readonly TOption[] options;
        private readonly Dictionary<T, TOption> byItem = new Dictionary<T, TOption>();
        private readonly Dictionary<int, TOption> byValue = new Dictionary<int, TOption>();

        public ChoiceTable(string optionSetName, params TOption[] options)
        {
            if (string.IsNullOrWhiteSpace(optionSetName))
            {
                throw new ArgumentException("A choice table names its option set.", nameof(optionSetName));
            }

            OptionSetName = optionSetName;
            this.options = (TOption[])(options ?? throw new ArgumentNullException(nameof(options))).Clone();
            foreach (TOption option in this.options)
            {
                if (option == null)
                {
                    throw new ArgumentException(optionSetName + ": an option is missing.", nameof(options));
                }

                if (byItem.ContainsKey(option.Item))
                {
                    throw new ArgumentException(optionSetName + ": " + option.Item + " is listed twice.", nameof(options));
                }

                if (byValue.ContainsKey(option.Value))
                {
                    throw new ArgumentException(optionSetName + ": value " + option.Value.ToString(CultureInfo.InvariantCulture) + " is listed twice.", nameof(options));
                }

                byItem.Add(option.Item, option);
                byValue.Add(option.Value, option);
            }
        }

        /// <summary>The option set's logical name in the solution, e.g. "adv_tier".</summary>
        public string OptionSetName { get; }

        public int Count => options.Length;

        public IReadOnlyList<IChoiceOption> Options => options;

        public TOption this[int index] => options[index];

        /// <summary>The option of a domain value; throws for a value the table does not list.</summary>
        public TOption Of(T item)
        {
            if (byItem.TryGetValue(item, out TOption? option))
            {
                return option;
            }

            throw new ArgumentOutOfRangeException(nameof(item), item, OptionSetName + " has no option for " + item + ".");
        }

        /// <summary>The choice value of a domain value; throws for a value the table does not list.</summary>
        public int ValueOf(T item) => Of(item).Value;

        /// <summary>The option with a choice value, or null when the solution does not define it.</summary>
        public TOption? Find(int value) => byValue.TryGetValue(value, out TOption? option) ? option : null;

        /// <summary>The domain value of a choice value, or null when the solution does not define it.</summary>
        public T? ItemOf(int value) => byValue.TryGetValue(value, out TOption? option) ? option.Item : (T?)null;

        public bool Contains(T item) => byItem.ContainsKey(item);

        /// <summary>"104520000 (introduction), …": every value with its label, for a message that lists the valid values.</summary>
        public string Describe()
        {
            var parts = new List<string>(options.Length);
            foreach (TOption option in options)
            {
                parts.Add(option.Value.ToString(CultureInfo.InvariantCulture) + " (" + option.Label.ToLowerInvariant() + ")");
            }

            return string.Join(", ", parts);
        }

        public IEnumerator<TOption> GetEnumerator() => ((IEnumerable<TOption>)options).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A choice table of plain options (value and label).</summary>
    public sealed class ChoiceTable<T> : ChoiceTable<T, ChoiceOption<T>> where T : struct, Enum
    {
        public ChoiceTable(string optionSetName, params ChoiceOption<T>[] options)
            : base(optionSetName, options)
        {
        }
    }
}
