using System;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>
    /// Due dates in business days (DESIGN §5): Saturdays and Sundays are skipped; public holidays are not
    /// known to the product. Results are dates (time of day dropped, Kind kept) because users see dates, and never
    /// later than 9999-12-31 (<see cref="PlatformDates"/>).
    /// </summary>
    public static class BusinessCalendar
    {
        public static bool IsBusinessDay(DateTime date) =>
            date.DayOfWeek != DayOfWeek.Saturday && date.DayOfWeek != DayOfWeek.Sunday;

        /// <summary>
        /// <paramref name="days"/> business days after <paramref name="date"/>, counted like a spreadsheet's
        /// WORKDAY: Friday + 1 → Monday, Saturday + 1 → Monday. 0 → the same day when it is a business day,
        /// else the next one (a task "due today" on a Sunday is due on Monday). Negative values are treated as
        /// 0: a due date in the past would only make a new task look overdue.
        /// </summary>
        public static DateTime AddBusinessDays(DateTime date, int days)
        {
            DateTime day = date.Date;
            if (days <= 0)
            {
                return NextBusinessDay(day);
            }

            // From a weekend, count as if from the Friday before: Sat + 1 is the next Monday, as for Friday.
            if (day.DayOfWeek == DayOfWeek.Saturday)
            {
                day = day.AddDays(-1);
            }
            else if (day.DayOfWeek == DayOfWeek.Sunday)
            {
                day = day.AddDays(-2);
            }

            int weekday = ((int)day.DayOfWeek + 6) % 7; // Monday 0 … Friday 4
            int weeks = days / 5;
            int rest = days % 5;
            int calendarDays = weeks * 7 + rest + (weekday + rest > 4 ? 2 : 0);
            return PlatformDates.AddDays(day, calendarDays);
        }

        /// <summary>The date itself when a business day, else the following Monday.</summary>
        public static DateTime NextBusinessDay(DateTime date)
        {
            DateTime day = date.Date;
            if (day.DayOfWeek == DayOfWeek.Saturday)
            {
                return PlatformDates.AddDays(day, 2);
            }

            return day.DayOfWeek == DayOfWeek.Sunday ? PlatformDates.AddDays(day, 1) : day;
        }
    }
}
