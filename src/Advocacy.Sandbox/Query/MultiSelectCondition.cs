using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Sandbox.Query
{
    /// <summary>
    /// Conditions on a choices (multi-select) column, which compare the row's set of selected options with the
    /// condition's values rather than one value with another:
    /// <list type="bullet">
    /// <item><c>contain-values</c> (ContainValues): at least one of the values is selected — Microsoft Learn, "Choices
    /// columns" (multi-select-picklist) and the FetchXML operator reference ("The choice value is one of the specified
    /// values"); <c>not-contain-values</c>: none of them is selected (the same page's example returns every contact
    /// without Hiking).</item>
    /// <item><c>eq</c> / <c>in</c>: the selection is exactly the value / exactly the set of values, in any order; a row
    /// with more or fewer options does not match.</item>
    /// <item><c>ne</c>, <c>not-in</c>, <c>not-contain-values</c> are the negations and so also match rows with no
    /// selection, unlike the same operators on other columns.</item>
    /// </list>
    /// Learn lists eq, ne, in, not-in, null and not-null as usable on choices columns without saying what they compare;
    /// the exact-set and rows-without-value semantics above are as observed against a Dynamics 365 organisation
    /// (v9.1) by FakeXrmEasy's pull request 351, and are encoded here as facts in <c>Sandbox/Query/MultiSelectTests</c>.
    /// Values are option numbers (int, or their text); an OptionSetValue or OptionSetValueCollection as a value is
    /// refused, as Dataverse refuses it.
    /// </summary>
    internal static class MultiSelectCondition
    {
        public static Func<object?, bool> Test(QueryCondition c)
        {
            var op = c.Operator;
            switch (op)
            {
                case ConditionOperator.Null:
                    return raw => Selected(raw) == null;
                case ConditionOperator.NotNull:
                    return raw => Selected(raw) != null;
                case ConditionOperator.Equal:
                case ConditionOperator.NotEqual:
                {
                    var wanted = Options(c);
                    if (wanted.Count != 1)
                        throw new QueryException(QueryErrorCodes.InvalidArgument,
                            $"Condition for attribute '{c.Attribute}': the {op} operator on a choices column takes exactly one option value; use In for a set of options or ContainValues for any of them.");
                    return Negated(op == ConditionOperator.NotEqual, stored => stored.SetEquals(wanted));
                }
                case ConditionOperator.In:
                case ConditionOperator.NotIn:
                {
                    var wanted = Options(c);
                    return Negated(op == ConditionOperator.NotIn, stored => stored.SetEquals(wanted));
                }
                case ConditionOperator.ContainValues:
                case ConditionOperator.DoesNotContainValues:
                {
                    var wanted = Options(c);
                    return Negated(op == ConditionOperator.DoesNotContainValues, stored => stored.Overlaps(wanted));
                }
                default:
                    throw new QueryException(QueryErrorCodes.InvalidArgument,
                        $"The condition operator '{op}' is not valid for the choices (multi-select) column '{c.Attribute}'; use eq, ne, in, not-in, contain-values, not-contain-values, null or not-null.");
            }
        }

        /// <summary>A positive test matches selected rows only; its negation matches every other row, including those without a selection.</summary>
        private static Func<object?, bool> Negated(bool negate, Func<HashSet<int>, bool> test) => raw =>
        {
            var stored = Selected(raw);
            bool match = stored != null && test(stored);
            return match != negate;
        };

        private static HashSet<int>? Selected(object? raw)
        {
            if (raw is not OptionSetValueCollection many)
                return null;
            var set = new HashSet<int>();
            foreach (var option in many)
            {
                if (option != null)
                    set.Add(option.Value);
            }
            return set.Count == 0 ? null : set;
        }

        private static HashSet<int> Options(QueryCondition c)
        {
            var wanted = new HashSet<int>();
            foreach (var value in c.Values)
            {
                switch (value)
                {
                    case null:
                        break;
                    case OptionSetValue or OptionSetValueCollection:
                        throw new QueryException(QueryErrorCodes.InvalidArgument,
                            $"Condition for attribute '{c.Attribute}': a choices column is compared with option numbers (System.Int32), not with a {value.GetType().FullName}.");
                    case int i:
                        wanted.Add(i);
                        break;
                    case string s:
                        foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                                throw new QueryException(QueryErrorCodes.InvalidArgument, $"Condition for attribute '{c.Attribute}': the value '{s}' is not a valid Int32.");
                            wanted.Add(parsed);
                        }
                        break;
                    case Enum e:
                        wanted.Add(Convert.ToInt32(e, CultureInfo.InvariantCulture));
                        break;
                    default:
                        throw new QueryException(QueryErrorCodes.InvalidArgument,
                            $"Condition for attribute '{c.Attribute}': expected argument(s) of type 'System.Int32' but received '{value.GetType().FullName}'.");
                }
            }
            if (wanted.Count == 0)
                throw new QueryException(QueryErrorCodes.InvalidArgument, $"Condition for attribute '{c.Attribute}': the {c.Operator} operator requires at least one value.");
            return wanted;
        }
    }
}
