using System;
using System.Collections.Generic;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>
    /// Due dates in business days (DESIGN §5): Saturdays and Sundays are skipped, and so are the holidays of the
    /// organization's holiday schedule and business closures when the settings ask for them (<see cref="Holidays"/>; their
    /// dates as one task owner sees them). Results are dates (time of day dropped, Kind kept) because users see dates, and never later than
    /// 9999-12-31 (<see cref="PlatformDates"/>).
    /// </summary>
    public sealed class BusinessCalendar
    {
        /// <summary>Weekends only: no holiday schedule, or an owner it has no holidays for.</summary>
        public static readonly BusinessCalendar WeekdaysOnly = new BusinessCalendar(null);

        private readonly HashSet<DateTime>? holidays;

        /// <param name="holidays">Dates that are not business days besides weekends (time of day ignored).</param>
        public BusinessCalendar(IEnumerable<DateTime>? holidays)
        {
            if (holidays == null)
            {
                return;
            }

            this.holidays = new HashSet<DateTime>();
            foreach (var date in holidays)
            {
                this.holidays.Add(DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified));
            }
        }

        public int HolidayCount => holidays?.Count ?? 0;

        public bool IsHoliday(DateTime date) => holidays != null && holidays.Contains(DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified));

        public bool IsBusinessDay(DateTime date) =>
            date.DayOfWeek != DayOfWeek.Saturday && date.DayOfWeek != DayOfWeek.Sunday && !IsHoliday(date);

        /// <summary>
        /// <paramref name="days"/> business days after <paramref name="date"/>, counted like a spreadsheet's
        /// WORKDAY: Friday + 1 → Monday, Saturday + 1 → Monday, Thursday + 1 → Monday when Friday is a holiday. 0 → the same
        /// day when it is a business day, else the next one (a task "due today" on a Sunday is due on Monday). Negative
        /// values are treated as 0: a due date in the past would only make a new task look overdue.
        /// </summary>
        public DateTime AddBusinessDays(DateTime date, int days)
        {
            DateTime day = date.Date;
            if (days <= 0)
            {
                return NextBusinessDay(day);
            }

            // Day by day: callers ask for at most a year of business days, and holidays break any closed form.
            while (days > 0 && day < PlatformDates.Max)
            {
                day = day.AddDays(1);
                if (IsBusinessDay(day))
                {
                    days--;
                }
            }

            return day;
        }

        /// <summary>The date itself when a business day, else the next one (the platform's last date when none is left).</summary>
        public DateTime NextBusinessDay(DateTime date)
        {
            DateTime day = date.Date;
            while (!IsBusinessDay(day) && day < PlatformDates.Max)
            {
                day = day.AddDays(1);
            }

            return day;
        }
    }
}
