using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Sandbox.Query
{
    /// <summary>A row of a join: one entity (or null, for an outer join without match) per query node.</summary>
    internal delegate bool RowPredicate(object?[] row);

    /// <summary>Compiles filters into predicates over joined rows.</summary>
    internal sealed class PredicateCompiler
    {
        private readonly QuerySpec _spec;
        private readonly Validator _validator;
        private readonly DateTime _now;
        private readonly Func<Guid> _user;
        private readonly Func<Guid>? _businessUnit;
        private readonly TimeZoneInfo _zone;
        private readonly Func<string, string, bool> _inUserZone;

        /// <param name="zone">The calling user's zone: relative date operators and on/on-or-before/on-or-after count days in it.</param>
        /// <param name="inUserZone">Whether a column's values are converted to the user's zone (user-local date and time
        /// columns); date-only and time-zone-independent values are compared as stored.</param>
        public PredicateCompiler(QuerySpec spec, Validator validator, DateTime utcNow, Func<Guid> user, Func<Guid>? businessUnit,
            TimeZoneInfo? zone = null, Func<string, string, bool>? inUserZone = null)
        {
            _zone = zone ?? TimeZoneInfo.Utc;
            _inUserZone = inUserZone ?? ((_, _) => true);
            _spec = spec;
            _validator = validator;
            _now = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);
            _user = user;
            _businessUnit = businessUnit;
        }

        public RowPredicate? Compile(QueryFilter? filter, QueryNode node)
        {
            if (filter == null) return null;
            var parts = new List<RowPredicate>();
            var conditions = filter.IsOr ? MergeEqualities(filter.Conditions, node, parts) : filter.Conditions;
            foreach (var c in conditions) parts.Add(Condition(c, node));
            foreach (var f in filter.Filters)
            {
                var p = Compile(f, node);
                if (p != null) parts.Add(p);
            }
            if (parts.Count == 0) return null;
            if (parts.Count == 1) return parts[0];
            var array = parts.ToArray();
            if (filter.IsOr)
                return row =>
                {
                    foreach (var p in array) if (p(row)) return true;
                    return false;
                };
            return row =>
            {
                foreach (var p in array) if (!p(row)) return false;
                return true;
            };
        }

        /// <summary>
        /// An OR of equal conditions on one column is an `in`: the same rows, but one hash lookup per row instead of a
        /// comparison per condition (10,000 OR'ed ids over 12,000 rows: 120 million comparisons otherwise). Adds one
        /// predicate per merged column to <paramref name="parts"/> and returns the conditions left as they were.
        /// Choices (multi-select) columns keep their own semantics and are never merged.
        /// </summary>
        private List<QueryCondition> MergeEqualities(List<QueryCondition> conditions, QueryNode owner, List<RowPredicate> parts)
        {
            var groups = new Dictionary<(int Node, string Attribute), List<QueryCondition>>();
            var rest = new List<QueryCondition>();
            foreach (var c in conditions)
            {
                if (c.Operator != ConditionOperator.Equal || c.ValueOf != null || c.Values.Length != 1 || c.Values[0] == null)
                {
                    rest.Add(c);
                    continue;
                }
                var node = c.EntityName == null ? owner : _validator.ResolveNode(c.EntityName, owner);
                var key = (node.Index, c.Attribute.ToLowerInvariant());
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = new List<QueryCondition>();
                list.Add(c);
            }
            foreach (var ((nodeIndex, _), list) in groups)
            {
                var node = _spec.Nodes[nodeIndex];
                if (list.Count < 2 || _validator.IsMultiSelect(node, list[0].Attribute))
                {
                    rest.AddRange(list);
                    continue;
                }
                var attribute = list[0].Attribute;
                _validator.RequireColumn(node, attribute);
                var merged = new QueryCondition
                {
                    EntityName = list[0].EntityName,
                    Attribute = attribute,
                    Operator = ConditionOperator.In,
                    Values = list.Select(c => c.Values[0]).ToArray(),
                };
                var test = Test(merged, node);
                var index = node.Index;
                // Without column metadata a choices column shows only by its stored value: then the original conditions decide.
                RowPredicate[]? originals = null;
                parts.Add(row =>
                {
                    var raw = Get(row[index], attribute);
                    if (raw is OptionSetValueCollection)
                    {
                        originals ??= list.Select(c => Condition(c, node)).ToArray();
                        return originals.Any(p => p(row));
                    }
                    return test(raw);
                });
            }
            return rest;
        }

        private RowPredicate Condition(QueryCondition c, QueryNode owner)
        {
            var node = c.EntityName == null ? owner : _validator.ResolveNode(c.EntityName, owner);
            var attribute = c.Attribute;
            _validator.RequireColumn(node, attribute);
            var index = node.Index;

            if (c.ValueOf != null)
            {
                var (otherNode, otherAttribute) = _validator.ResolveColumnReference(c.ValueOf, node);
                var otherIndex = otherNode.Index;
                var compare = ColumnComparison(c.Operator, attribute);
                return row =>
                {
                    var a = Values.Normalize(Get(row[index], attribute));
                    var b = Values.Normalize(Get(row[otherIndex], otherAttribute));
                    return a != null && b != null && compare(Values.Compare(a, Values.Coerce(b, a.GetType(), attribute)));
                };
            }

            // contain-values and not-contain-values exist for choices columns only, so they say what the column is.
            if (_validator.IsMultiSelect(node, attribute) || c.Operator is ConditionOperator.ContainValues or ConditionOperator.DoesNotContainValues)
            {
                var multi = MultiSelectCondition.Test(c);
                return row => multi(Get(row[index], attribute));
            }

            // Without column metadata a choices column is known only by a stored OptionSetValueCollection.
            var test = Test(c, node);
            Func<object?, bool>? stored = null;
            return row =>
            {
                var raw = Get(row[index], attribute);
                return raw is OptionSetValueCollection ? (stored ??= MultiSelectCondition.Test(c))(raw) : test(raw);
            };
        }

        /// <summary>A column's value in a row of the source: an Entity or a stored row (null when absent).</summary>
        internal static object? Get(object? row, string attribute) => row == null ? null : RowStore.ValueOf(row, attribute);

        internal static IEnumerable<KeyValuePair<string, object?>> Columns(object row) =>
            row is IStoredRow stored ? stored.Columns() : ((Entity)row).Attributes!;

        private static Func<int, bool> ColumnComparison(ConditionOperator op, string attribute) => op switch
        {
            ConditionOperator.Equal => r => r == 0,
            ConditionOperator.NotEqual => r => r != 0,
            ConditionOperator.GreaterThan => r => r > 0,
            ConditionOperator.GreaterEqual => r => r >= 0,
            ConditionOperator.LessThan => r => r < 0,
            ConditionOperator.LessEqual => r => r <= 0,
            _ => throw new QueryException(QueryErrorCodes.InvalidArgument,
                $"Column comparison on '{attribute}' supports only eq, ne, gt, ge, lt and le, not {op}."),
        };

        private Func<object?, bool> Test(QueryCondition c, QueryNode node)
        {
            var attribute = c.Attribute;
            var values = c.Values.Select(Values.Normalize).ToArray();
            var op = c.Operator;
            // Dataverse evaluates date operators in the caller's zone (FetchXML "Query date and time data", Microsoft Learn):
            // a user-local value is moved into that zone before its day is taken; date-only values are days already.
            bool zoned = _inUserZone(node.EntityName, attribute) && _zone != TimeZoneInfo.Utc;
            DateTime Day(DateTime d) => zoned ? Regional.ZoneTime.ToLocal(d, _zone).Date : d.Date;

            switch (op)
            {
                case ConditionOperator.Null:
                    return s => s == null;
                case ConditionOperator.NotNull:
                    return s => s != null;
                case ConditionOperator.Equal:
                case ConditionOperator.NotEqual:
                {
                    var v = new ConditionValue(Single(c, values), attribute);
                    var equal = op == ConditionOperator.Equal;
                    return raw =>
                    {
                        if (v.TryCompareUnboxed(raw, out var order)) return (order == 0) == equal;
                        var s = Values.Normalize(raw);
                        if (s == null) return false;
                        return Values.AreEqual(s, v.For(s.GetType())) == equal;
                    };
                }
                case ConditionOperator.In:
                case ConditionOperator.NotIn:
                {
                    if (values.Length == 0)
                        throw new QueryException(QueryErrorCodes.InvalidArgument, $"Condition for attribute '{attribute}': the {op} operator requires at least one value.");
                    var set = new ConditionSet(values, attribute);
                    var isIn = op == ConditionOperator.In;
                    return raw =>
                    {
                        var s = Values.Normalize(raw);
                        if (s == null) return false;
                        return set.Contains(s) == isIn;
                    };
                }
                case ConditionOperator.GreaterThan:
                case ConditionOperator.GreaterEqual:
                case ConditionOperator.LessThan:
                case ConditionOperator.LessEqual:
                {
                    var v = new ConditionValue(Single(c, values), attribute);
                    Func<int, bool> accept = ColumnComparison(op, attribute);
                    return raw =>
                    {
                        if (v.TryCompareUnboxed(raw, out var order)) return accept(order);
                        var s = Values.Normalize(raw);
                        return s != null && accept(Values.Compare(s, v.For(s.GetType())));
                    };
                }
                case ConditionOperator.Between:
                case ConditionOperator.NotBetween:
                {
                    if (values.Length != 2 || values[0] == null || values[1] == null)
                        throw new QueryException(QueryErrorCodes.InvalidArgument, $"Condition for attribute '{attribute}': the {op} operator requires exactly two values.");
                    var low = new ConditionValue(values[0]!, attribute);
                    var high = new ConditionValue(values[1]!, attribute);
                    var between = op == ConditionOperator.Between;
                    return raw =>
                    {
                        var s = Values.Normalize(raw);
                        if (s == null) return false;
                        var t = s.GetType();
                        var inside = Values.Compare(s, low.For(t)) >= 0 && Values.Compare(s, high.For(t)) <= 0;
                        return inside == between;
                    };
                }
                case ConditionOperator.Like:
                case ConditionOperator.NotLike:
                    return Like(LikePattern(Text(c, values)), op == ConditionOperator.Like);
                case ConditionOperator.BeginsWith:
                case ConditionOperator.DoesNotBeginWith:
                    return Like(EscapeLike(Text(c, values)) + "%", op == ConditionOperator.BeginsWith);
                case ConditionOperator.EndsWith:
                case ConditionOperator.DoesNotEndWith:
                    return Like("%" + EscapeLike(Text(c, values)), op == ConditionOperator.EndsWith);
                case ConditionOperator.Contains:
                case ConditionOperator.DoesNotContain:
                    // Full-text CONTAINS in Dataverse; the sandbox treats it as a substring match.
                    return Like("%" + EscapeLike(Text(c, values)) + "%", op == ConditionOperator.Contains);
                case ConditionOperator.On:
                case ConditionOperator.NotOn:
                case ConditionOperator.OnOrBefore:
                case ConditionOperator.OnOrAfter:
                {
                    var day = ((DateTime)new ConditionValue(Single(c, values), attribute).For(typeof(DateTime))).Date;
                    return raw =>
                    {
                        if (Values.Normalize(raw) is not DateTime d) return false;
                        var date = Day(d);
                        return op switch
                        {
                            ConditionOperator.On => date == day,
                            ConditionOperator.NotOn => date != day,
                            ConditionOperator.OnOrBefore => date <= day,
                            _ => date >= day,
                        };
                    };
                }
                case ConditionOperator.EqualUserId:
                case ConditionOperator.NotEqualUserId:
                {
                    var user = _user();
                    var equal = op == ConditionOperator.EqualUserId;
                    return raw => Values.Normalize(raw) is Guid g && (g == user) == equal;
                }
                case ConditionOperator.EqualBusinessId:
                case ConditionOperator.NotEqualBusinessId:
                {
                    if (_businessUnit == null)
                        throw new QueryException(QueryErrorCodes.NotSupported, $"The {op} operator needs the caller's business unit, which this sandbox was not given.");
                    var unit = _businessUnit();
                    var equal = op == ConditionOperator.EqualBusinessId;
                    return raw => Values.Normalize(raw) is Guid g && (g == unit) == equal;
                }
            }

            var range = DateRange(op, c, values);
            if (range != null)
            {
                var (from, to) = range.Value;
                if (zoned)
                {
                    // The range was counted in the user's zone; stored user-local values are UTC.
                    from = from == DateTime.MinValue ? from : Regional.ZoneTime.ToUtc(from, _zone);
                    to = Regional.ZoneTime.ToUtc(to, _zone);
                }
                return raw => Values.Normalize(raw) is DateTime d && d >= from && d < to;
            }
            throw new QueryException(QueryErrorCodes.NotSupported, $"The condition operator '{op}' is not supported by the sandbox query engine.");
        }

        private static object Single(QueryCondition c, object?[] values)
        {
            if (values.Length != 1 || values[0] == null)
                throw new QueryException(QueryErrorCodes.InvalidArgument,
                    $"Condition for attribute '{c.Attribute}': the {c.Operator} operator requires exactly one non-null value (use Null / NotNull to test for null).");
            return values[0]!;
        }

        private static string Text(QueryCondition c, object?[] values)
        {
            var v = Single(c, values);
            return v as string ?? Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
        }

        private static string EscapeLike(string s)
        {
            var sb = new StringBuilder(s.Length + 4);
            foreach (var ch in s)
            {
                if (ch is '%' or '_' or '[') sb.Append('[').Append(ch).Append(']');
                else sb.Append(ch);
            }
            return sb.ToString();
        }

        private static string LikePattern(string s) => s;

        /// <summary>SQL LIKE: % any run, _ one character, [abc] / [a-z] / [^a] sets; case-insensitive.</summary>
        internal static Regex LikeRegex(string pattern)
        {
            var sb = new StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var ch = pattern[i];
                switch (ch)
                {
                    case '%': sb.Append(".*"); break;
                    case '_': sb.Append('.'); break;
                    case '[':
                        var close = pattern.IndexOf(']', i + 1);
                        if (close < 0) { sb.Append(@"\["); break; }
                        var body = pattern.Substring(i + 1, close - i - 1);
                        if (body.Length == 1) sb.Append(Regex.Escape(body));
                        else
                        {
                            var negate = body.StartsWith('^');
                            if (negate) body = body.Substring(1);
                            sb.Append('[').Append(negate ? "^" : "").Append(body.Replace(@"\", @"\\").Replace("]", @"\]")).Append(']');
                        }
                        i = close;
                        break;
                    default: sb.Append(Regex.Escape(ch.ToString())); break;
                }
            }
            sb.Append("$");
            return new Regex(sb.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }

        private static Func<object?, bool> Like(string pattern, bool positive)
        {
            var regex = LikeRegex(pattern);
            return raw =>
            {
                var s = Values.Normalize(raw);
                if (s == null) return false;
                var text = s as string ?? Convert.ToString(s, CultureInfo.InvariantCulture) ?? "";
                return regex.IsMatch(text) == positive;
            };
        }

        private int Count(QueryCondition c, object?[] values)
        {
            var v = Single(c, values);
            return (int)new ConditionValue(v, c.Attribute).For(typeof(int));
        }

        /// <summary>Relative date operators as [from, to) in the caller's wall-clock time (UTC for a user on UTC).</summary>
        private (DateTime From, DateTime To)? DateRange(ConditionOperator op, QueryCondition c, object?[] values)
        {
            var now = Regional.ZoneTime.ToLocal(_now, _zone);
            var today = now.Date;
            var afterNow = now.AddTicks(1);
            var weekStart = today.AddDays(-(int)today.DayOfWeek); // weeks run Sunday to Saturday
            var monthStart = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var yearStart = new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            switch (op)
            {
                case ConditionOperator.Today: return (today, today.AddDays(1));
                case ConditionOperator.Yesterday: return (today.AddDays(-1), today);
                case ConditionOperator.Tomorrow: return (today.AddDays(1), today.AddDays(2));
                case ConditionOperator.Last7Days: return (today.AddDays(-7), afterNow);
                case ConditionOperator.Next7Days: return (now, today.AddDays(8));
                case ConditionOperator.ThisWeek: return (weekStart, weekStart.AddDays(7));
                case ConditionOperator.LastWeek: return (weekStart.AddDays(-7), weekStart);
                case ConditionOperator.NextWeek: return (weekStart.AddDays(7), weekStart.AddDays(14));
                case ConditionOperator.ThisMonth: return (monthStart, monthStart.AddMonths(1));
                case ConditionOperator.LastMonth: return (monthStart.AddMonths(-1), monthStart);
                case ConditionOperator.NextMonth: return (monthStart.AddMonths(1), monthStart.AddMonths(2));
                case ConditionOperator.ThisYear: return (yearStart, yearStart.AddYears(1));
                case ConditionOperator.LastYear: return (yearStart.AddYears(-1), yearStart);
                case ConditionOperator.NextYear: return (yearStart.AddYears(1), yearStart.AddYears(2));
                case ConditionOperator.LastXHours: return (now.AddHours(-Count(c, values)), afterNow);
                case ConditionOperator.NextXHours: return (now, now.AddHours(Count(c, values)).AddTicks(1));
                case ConditionOperator.LastXDays: return (today.AddDays(-Count(c, values)), afterNow);
                case ConditionOperator.NextXDays: return (now, today.AddDays(Count(c, values) + 1));
                case ConditionOperator.LastXWeeks: return (today.AddDays(-7 * Count(c, values)), afterNow);
                case ConditionOperator.NextXWeeks: return (now, today.AddDays(7 * Count(c, values) + 1));
                case ConditionOperator.LastXMonths: return (today.AddMonths(-Count(c, values)), afterNow);
                case ConditionOperator.NextXMonths: return (now, today.AddMonths(Count(c, values)).AddDays(1));
                case ConditionOperator.LastXYears: return (today.AddYears(-Count(c, values)), afterNow);
                case ConditionOperator.NextXYears: return (now, today.AddYears(Count(c, values)).AddDays(1));
                case ConditionOperator.OlderThanXMinutes: return (DateTime.MinValue, now.AddMinutes(-Count(c, values)));
                case ConditionOperator.OlderThanXHours: return (DateTime.MinValue, now.AddHours(-Count(c, values)));
                case ConditionOperator.OlderThanXDays: return (DateTime.MinValue, now.AddDays(-Count(c, values)));
                case ConditionOperator.OlderThanXWeeks: return (DateTime.MinValue, now.AddDays(-7 * Count(c, values)));
                case ConditionOperator.OlderThanXMonths: return (DateTime.MinValue, now.AddMonths(-Count(c, values)));
                case ConditionOperator.OlderThanXYears: return (DateTime.MinValue, now.AddYears(-Count(c, values)));
                default: return null;
            }
        }

        /// <summary>A condition value, converted once per stored type.</summary>
        private sealed class ConditionValue
        {
            private readonly object _raw;
            private readonly string _attribute;
            private Tuple<Type, object>? _last;

            public ConditionValue(object raw, string attribute)
            {
                _raw = raw;
                _attribute = attribute;
            }

            public object For(Type type)
            {
                var last = _last;
                if (last != null && last.Item1 == type) return last.Item2;
                var converted = Values.Coerce(_raw, type, _attribute);
                _last = Tuple.Create(type, converted);
                return converted;
            }

            /// <summary>
            /// Compares a stored money or choice value with this one as <see cref="Values.Compare"/> would after
            /// normalizing it, without boxing the row's number first (that box per row and condition was most of what a
            /// filtered query over 100,000 rows allocated). False for every other kind of value.
            /// </summary>
            public bool TryCompareUnboxed(object? raw, out int order)
            {
                switch (raw)
                {
                    case Money m when For(typeof(decimal)) is decimal d:
                        order = m.Value.CompareTo(d);
                        return true;
                    case OptionSetValue o when For(typeof(int)) is int i:
                        order = o.Value.CompareTo(i);
                        return true;
                    default:
                        order = 0;
                        return false;
                }
            }
        }

        /// <summary>In / NotIn values as a hash set of keys, built once per stored type.</summary>
        private sealed class ConditionSet
        {
            private readonly object?[] _values;
            private readonly string _attribute;
            private Tuple<Type, HashSet<object>>? _last;

            public ConditionSet(object?[] values, string attribute)
            {
                _values = values;
                _attribute = attribute;
            }

            public bool Contains(object normalized)
            {
                var type = normalized.GetType();
                var last = _last;
                if (last == null || last.Item1 != type)
                {
                    var set = new HashSet<object>();
                    foreach (var v in _values)
                        if (v != null && Values.Key(Values.Coerce(v, type, _attribute)) is { } k) set.Add(k);
                    last = Tuple.Create(type, set);
                    _last = last;
                }
                return Values.Key(normalized) is { } key && last.Item2.Contains(key);
            }
        }
    }
}
