using System;
using System.Collections.Generic;
using System.Globalization;

namespace Advocacy.Plugins.Domain.Reporting
{
    /// <summary>
    /// The dates the report's answers and inconveniences come from: from midnight (UTC) <see cref="Days"/> days before
    /// the report's day up to the moment it was made. Open and overdue tasks are counted as of that moment, whatever the
    /// period. One rule for the query's filter, the JSON's "period" and the months the report lists.
    /// </summary>
    public sealed class ReportPeriod
    {
        private ReportPeriod(DateTime from, DateTime to)
        {
            From = from;
            To = to;
        }

        /// <summary>First day counted (UTC midnight): the query counts rows created on or after it.</summary>
        public DateTime From { get; }

        /// <summary>The report's day (UTC): rows up to the moment the report was made count.</summary>
        public DateTime To { get; }

        public int Days => (int)(To - From).TotalDays;

        public static ReportPeriod LastDays(DateTime now, int days)
        {
            DateTime today = DateTime.SpecifyKind(now.Date, DateTimeKind.Utc);
            return new ReportPeriod(today.AddDays(-days), today);
        }

        /// <summary>The first day of every calendar month the period touches, oldest first.</summary>
        public IEnumerable<DateTime> Months()
        {
            for (DateTime month = MonthOf(From); month <= To; month = month.AddMonths(1))
            {
                yield return month;
            }
        }

        /// <summary>The first day (UTC) of the month holding <paramref name="day"/>.</summary>
        public static DateTime MonthOf(DateTime day) => new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>"2026-03".</summary>
        public static string MonthKey(DateTime month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        /// <summary>"Mar 2026".</summary>
        public static string MonthLabel(DateTime month) => month.ToString("MMM yyyy", CultureInfo.InvariantCulture);

        internal static string Date(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
