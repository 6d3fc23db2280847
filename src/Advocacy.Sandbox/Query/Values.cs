using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox.Query
{
    /// <summary>Value semantics of the engine: normalization, coercion of condition values, SQL-like comparison, cloning.</summary>
    internal static class Values
    {
        private static readonly CompareInfo Collation = CultureInfo.InvariantCulture.CompareInfo;
        // Dataverse's default collation is Latin1_General_CI_AI: case- and accent-insensitive.
        private const CompareOptions CollationOptions = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace | CompareOptions.IgnoreKanaType | CompareOptions.IgnoreWidth;

        /// <summary>The comparable scalar behind a Dataverse value: a lookup's id, a choice's int, money's decimal.</summary>
        public static object? Normalize(object? value) => value switch
        {
            null => null,
            EntityReference r => r.Id,
            OptionSetValue o => o.Value,
            Money m => m.Value,
            AliasedValue a => Normalize(a.Value),
            Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
            DateTime d => d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc),
            _ => value,
        };

        public static bool IsNumeric(object v) => v is int or long or decimal or double or float or short or byte;

        /// <summary>Converts a (normalized) condition value to the type of a stored (normalized) value.</summary>
        public static object Coerce(object condition, Type target, string attribute)
        {
            if (condition.GetType() == target) return condition;
            try
            {
                if (target == typeof(string))
                    return condition is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : condition.ToString() ?? "";
                if (target == typeof(Guid))
                    return condition switch { string s => Guid.Parse(s.Trim()), _ => throw Mismatch() };
                if (target == typeof(bool))
                    return condition switch
                    {
                        string s => s.Trim() is "1" or "true" or "True" or "TRUE" ? true : s.Trim() is "0" or "false" or "False" or "FALSE" ? false : throw Mismatch(),
                        int i => i != 0,
                        long l => l != 0,
                        _ => throw Mismatch(),
                    };
                if (target == typeof(DateTime))
                    return condition switch
                    {
                        string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                        DateTimeOffset o => o.UtcDateTime,
                        _ => throw Mismatch(),
                    };
                if (target == typeof(int) || target == typeof(long) || target == typeof(decimal) || target == typeof(double))
                {
                    if (condition is string s)
                    {
                        s = s.Trim();
                        if (target == typeof(int)) return int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
                        if (target == typeof(long)) return long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
                        if (target == typeof(double)) return double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
                        return decimal.Parse(s, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
                    }
                    if (condition is bool b) return b ? 1 : 0;
                    if (IsNumeric(condition)) return condition; // numeric comparison handles mixed types
                    throw Mismatch();
                }
            }
            catch (FormatException e)
            {
                throw new QueryException(QueryErrorCodes.InvalidArgument,
                    $"Condition for attribute '{attribute}': the value '{condition}' is not a valid {target.Name}.", e);
            }
            catch (OverflowException e)
            {
                throw new QueryException(QueryErrorCodes.InvalidArgument,
                    $"Condition for attribute '{attribute}': the value '{condition}' is out of range for {target.Name}.", e);
            }
            return condition;

            QueryException Mismatch() => new QueryException(QueryErrorCodes.InvalidArgument,
                $"Condition for attribute '{attribute}': expected argument(s) of type '{target.FullName}' but received '{condition.GetType().FullName}'.");
        }

        /// <summary>SQL comparison of two normalized, non-null values of compatible types (strings by the CI/AI collation).</summary>
        public static int Compare(object a, object b)
        {
            switch (a)
            {
                case string sa when b is string sb:
                    return Collation.Compare(sa, sb, CollationOptions);
                case Guid ga when b is Guid gb:
                    return CompareGuids(ga, gb);
                case DateTime da when b is DateTime db:
                    return da.Ticks.CompareTo(db.Ticks);
                case bool ba when b is bool bb:
                    return ba.CompareTo(bb);
                case int ia when b is int ib:
                    return ia.CompareTo(ib);
            }
            if (IsNumeric(a) && IsNumeric(b))
            {
                if (a is double or float || b is double or float)
                    return Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture));
                return Convert.ToDecimal(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(b, CultureInfo.InvariantCulture));
            }
            if (a is IComparable ca && a.GetType() == b.GetType()) return ca.CompareTo(b);
            // Incompatible types: order by type name so that sorting stays total.
            return string.CompareOrdinal(a.GetType().FullName, b.GetType().FullName);
        }

        /// <summary>SQL equality: strings by the CI/AI collation, ignoring trailing blanks as SQL Server does.</summary>
        public static bool AreEqual(object a, object b)
        {
            if (a is string sa && b is string sb)
                return Collation.Compare(sa.TrimEnd(' '), sb.TrimEnd(' '), CollationOptions) == 0;
            return Compare(a, b) == 0;
        }

        /// <summary>A hashable join / grouping / distinct key: case-folded strings, numbers as decimals.</summary>
        public static object? Key(object? normalized) => normalized switch
        {
            null => null,
            string s => StringKey(s),
            int or long or short or byte => Convert.ToDecimal(normalized, CultureInfo.InvariantCulture),
            decimal d => d / 1.000000000000000000000000000000000m, // strips trailing zeros so 1.0 == 1
            _ => normalized,
        };

        /// <summary>The collation's sort key of a string (throws PlatformNotSupportedException in invariant mode).</summary>
        public static byte[] SortKeyBytes(string s) => Collation.GetSortKey(s, CollationOptions).KeyData;

        private static string StringKey(string s)
        {
            s = s.TrimEnd(' ');
            try
            {
                return Convert.ToBase64String(Collation.GetSortKey(s, CollationOptions).KeyData);
            }
            catch (PlatformNotSupportedException)
            {
                return s.ToUpperInvariant(); // invariant-globalization mode: case-insensitive only
            }
        }

        // SQL Server orders uniqueidentifier by bytes 10-15, then 8-9, 6-7, 4-5, 0-3 (of the .NET byte layout).
        private static readonly int[] GuidOrder = { 10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3 };

        public static int CompareGuids(Guid a, Guid b)
        {
            Span<byte> x = stackalloc byte[16];
            Span<byte> y = stackalloc byte[16];
            a.TryWriteBytes(x);
            b.TryWriteBytes(y);
            foreach (var i in GuidOrder)
            {
                if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
            }
            return 0;
        }

        /// <summary>Deep copy of a stored value so that callers can't change the store through results.</summary>
        public static object? Clone(object? value) => value switch
        {
            null => null,
            EntityReference r => CloneReference(r),
            OptionSetValue o => new OptionSetValue(o.Value),
            Money m => new Money(m.Value),
            OptionSetValueCollection c => CloneOptions(c),
            EntityCollection ec => CloneCollection(ec),
            Entity e => CloneEntity(e),
            AliasedValue a => new AliasedValue(a.EntityLogicalName, a.AttributeLogicalName, Clone(a.Value)),
            byte[] bytes => (byte[])bytes.Clone(),
            _ => value,
        };

        private static EntityReference CloneReference(EntityReference r)
        {
            var copy = new EntityReference(r.LogicalName, r.Id) { Name = r.Name };
            return copy;
        }

        private static OptionSetValueCollection CloneOptions(OptionSetValueCollection c)
        {
            var copy = new OptionSetValueCollection();
            foreach (var o in c) copy.Add(o == null ? null! : new OptionSetValue(o.Value));
            return copy;
        }

        private static EntityCollection CloneCollection(EntityCollection c)
        {
            var copy = new EntityCollection { EntityName = c.EntityName };
            foreach (var e in c.Entities) copy.Entities.Add(CloneEntity(e));
            return copy;
        }

        public static Entity CloneEntity(Entity e)
        {
            var copy = new Entity(e.LogicalName, e.Id);
            foreach (var a in e.Attributes) copy.Attributes[a.Key] = Clone(a.Value);
            foreach (var f in e.FormattedValues) copy.FormattedValues[f.Key] = f.Value;
            return copy;
        }
    }
}
