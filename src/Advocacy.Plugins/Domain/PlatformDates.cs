using System;

namespace Advocacy.Plugins.Domain
{
    /// <summary>
    /// Date arithmetic that is total over the dates Dataverse stores (1753-01-01 to 9999-12-31): a date a user typed
    /// near either end plus a cadence or a window stays a date the platform can store instead of throwing.
    /// </summary>
    public static class PlatformDates
    {
        public static readonly DateTime Min = new DateTime(1753, 1, 1);

        public static readonly DateTime Max = new DateTime(9999, 12, 31);

        /// <summary><paramref name="date"/>'s day + <paramref name="days"/>, clamped to [<see cref="Min"/>, <see cref="Max"/>]; the Kind is kept.</summary>
        public static DateTime AddDays(DateTime date, int days)
        {
            DateTime day = date.Date;
            double target = (day - Min).TotalDays + days;
            DateTime result = target <= 0 ? Min : target >= (Max - Min).TotalDays ? Max : day.AddDays(days);
            return DateTime.SpecifyKind(result, date.Kind);
        }

        /// <summary>Whether <see cref="AddDays"/> had to clamp.</summary>
        public static bool Clamps(DateTime date, int days)
        {
            double target = (date.Date - Min).TotalDays + days;
            return target < 0 || target > (Max - Min).TotalDays;
        }
    }
}
