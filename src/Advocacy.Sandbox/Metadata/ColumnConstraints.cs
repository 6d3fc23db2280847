using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The limits a column's metadata sets, checked on every Create and Update as the platform checks them before it
    /// writes: a text column's MaxLength (StringAttributeMetadata.MaxLength / MemoAttributeMetadata.MaxLength, in
    /// characters) and a whole number, decimal, float or currency column's MinValue and MaxValue. The wording is
    /// Dataverse's validation fault ("A validation error occurred. …"), so a plug-in's save that would fail there fails
    /// here with the same message. Only limits the metadata states are checked: the built-in standard tables carry the ones
    /// Microsoft publishes for their declared columns (<see cref="StandardLimits"/>).
    /// </summary>
    internal static class ColumnConstraints
    {
        public static void Check(string entity, ColumnMetadata column, object value)
        {
            if (value is string text && column.MaxLength is int max && text.Length > max)
            {
                throw new SandboxFaultException(ErrorCodes.StringLengthTooLong,
                    $"A validation error occurred. The length of the '{column.LogicalName}' attribute of the '{entity}' entity exceeded the maximum allowed length of '{max}'.");
            }

            if (column.MinValue == null && column.MaxValue == null)
            {
                return;
            }

            // Each kind of number has its own code in Microsoft Learn's "Web service error codes" (IntegerValueOutOfRange,
            // DecimalValueOutOfRange, MoneySizeExceeded); the list has none for float columns, so they share the decimal one.
            (bool outside, int code) = value switch
            {
                int i => (Outside(i, column), ErrorCodes.IntegerValueOutOfRange),
                long l => (Outside(l, column), ErrorCodes.IntegerValueOutOfRange),
                decimal d => (Outside(d, column), ErrorCodes.DecimalValueOutOfRange),
                Money m => (Outside(m.Value, column), ErrorCodes.MoneySizeExceeded),
                // A float column's limits are stated in decimal; a double beyond decimal's range is outside any of them.
                double f => (double.IsNaN(f) || double.IsInfinity(f)
                    || (column.MinValue is decimal low && f < (double)low) || (column.MaxValue is decimal high && f > (double)high), ErrorCodes.DecimalValueOutOfRange),
                _ => (false, 0),
            };
            if (outside)
            {
                string shown = value is Money money ? Invariant(money.Value) : value is System.IFormattable f2 ? f2.ToString(null, CultureInfo.InvariantCulture) : value.ToString()!;
                throw Faults.OutsideValidRange(code, entity, column.LogicalName, shown, Invariant(column.MinValue), Invariant(column.MaxValue));
            }
        }

        private static bool Outside(decimal value, ColumnMetadata column) =>
            (column.MinValue is decimal low && value < low) || (column.MaxValue is decimal high && value > high);

        private static string Invariant(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "(none)";
    }
}
