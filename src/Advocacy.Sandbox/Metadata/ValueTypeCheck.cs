using System;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>The CLR type a column accepts, as the platform's serializer enforces it.</summary>
    internal static class ValueTypeCheck
    {
        private static readonly DateTime MinDate = new DateTime(1753, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private const decimal MaxMoney = 922337203685477m;

        public static void Check(string entity, ColumnMetadata column, object? value, bool checkLimits = true)
        {
            if (value == null)
            {
                return; // clearing a column is always allowed
            }
            bool ok = column.Type switch
            {
                ColumnType.String => value is string,
                ColumnType.Integer => value is int,
                ColumnType.BigInt => value is long,
                ColumnType.Decimal => value is decimal,
                ColumnType.Double => value is double,
                ColumnType.Money => value is Money,
                ColumnType.Boolean => value is bool,
                ColumnType.DateTime => value is DateTime,
                ColumnType.Lookup => value is EntityReference,
                ColumnType.Choice => value is OptionSetValue,
                ColumnType.MultiChoice => value is OptionSetValueCollection,
                ColumnType.UniqueIdentifier => value is Guid,
                ColumnType.Image => value is byte[],
                _ => true,
            };
            if (!ok)
            {
                throw Faults.WrongType(entity, column.LogicalName, value, column.Type.ToString());
            }
            if (value is EntityReference reference && column.Targets.Count > 0 &&
                !column.Targets.Contains(reference.LogicalName, StringComparer.OrdinalIgnoreCase))
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument,
                    $"The lookup '{column.LogicalName}' of '{entity}' cannot point at a '{reference.LogicalName}' record; allowed: {string.Join(", ", column.Targets)}.");
            }
            // The platform's own ranges: SQL datetime starts in 1753; money is stored within ±922,337,203,685,477. The codes
            // are Microsoft Learn's ("Web service error codes"): InvalidDateTime, MoneySizeExceeded.
            if (value is DateTime date && date < MinDate)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidDateTime,
                    $"The date-time format for {column.LogicalName} is invalid, or value is outside the supported range ({date:yyyy-MM-dd}; the earliest is 1753-01-01).");
            }
            if (value is Money money && (money.Value > MaxMoney || money.Value < -MaxMoney))
            {
                throw Faults.OutsideValidRange(ErrorCodes.MoneySizeExceeded, entity, column.LogicalName,
                    money.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "-922337203685477", "922337203685477");
            }
            if (checkLimits)
            {
                ColumnConstraints.Check(entity, column, value);
            }
            if (value is OptionSetValue option && column.Options.Count > 0 && !column.Options.ContainsKey(option.Value))
            {
                throw Faults.OutOfRange(entity, column.LogicalName, option.Value);
            }
            if (value is OptionSetValueCollection many && column.Options.Count > 0)
            {
                foreach (var o in many)
                {
                    if (!column.Options.ContainsKey(o.Value))
                    {
                        throw Faults.OutOfRange(entity, column.LogicalName, o.Value);
                    }
                }
            }
        }
    }
}
