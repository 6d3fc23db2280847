using System;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    [TestClass]
    public sealed class BusinessCalendarTests
    {
        // 2025-03-10 is a Monday.
        private static DateTime Day(int dayOfMarch) => new DateTime(2025, 3, dayOfMarch, 0, 0, 0, DateTimeKind.Utc);

        [TestMethod]
        [DataRow(14, 1, 17, DisplayName = "Fri + 1 → Mon")]
        [DataRow(15, 0, 17, DisplayName = "Sat + 0 → Mon")]
        [DataRow(16, 0, 17, DisplayName = "Sun + 0 → Mon")]
        [DataRow(15, 1, 17, DisplayName = "Sat + 1 → Mon")]
        [DataRow(16, 1, 17, DisplayName = "Sun + 1 → Mon")]
        [DataRow(15, 2, 18, DisplayName = "Sat + 2 → Tue")]
        [DataRow(12, 0, 12, DisplayName = "Wed + 0 → Wed")]
        [DataRow(12, 1, 13, DisplayName = "Wed + 1 → Thu")]
        [DataRow(12, 3, 17, DisplayName = "Wed + 3 → Mon")]
        [DataRow(10, 5, 17, DisplayName = "Mon + 5 → Mon")]
        [DataRow(14, 5, 21, DisplayName = "Fri + 5 → Fri")]
        [DataRow(13, 7, 24, DisplayName = "Thu + 7 → Mon")]
        [DataRow(12, -3, 12, DisplayName = "negative → as 0")]
        public void Adds_business_days(int from, int days, int expected)
        {
            Assert.AreEqual(Day(expected), BusinessCalendar.WeekdaysOnly.AddBusinessDays(Day(from), days));
        }

        [TestMethod]
        public void Keeps_the_kind_and_drops_the_time()
        {
            DateTime result = BusinessCalendar.WeekdaysOnly.AddBusinessDays(new DateTime(2025, 3, 14, 17, 45, 0, DateTimeKind.Utc), 1);

            Assert.AreEqual(DateTimeKind.Utc, result.Kind);
            Assert.AreEqual(TimeSpan.Zero, result.TimeOfDay);
            Assert.AreEqual(Day(17), result);
        }

        [TestMethod]
        public void Without_holidays_matches_the_spreadsheets_WORKDAY_formula()
        {
            Arbitrary<int[]> cases = Gen.Choose(0, 3000).ArrayOf(2).ToArbitrary();
            Prop.ForAll(cases, pair =>
            {
                if (pair.Length < 2)
                {
                    return true;
                }

                DateTime start = new DateTime(2020, 1, 1, 9, 30, 0, DateTimeKind.Utc).AddDays(pair[0]);
                int days = pair[1] % 400;
                return BusinessCalendar.WeekdaysOnly.AddBusinessDays(start, days) == Workday(start, days);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
        }

        [TestMethod]
        public void With_holidays_lands_on_a_business_day_after_exactly_that_many_business_days()
        {
            // Random holidays among the next three months (weekends too: a holiday on a Saturday changes nothing).
            Arbitrary<int[]> cases = Gen.Choose(0, 90).ArrayOf().ToArbitrary();
            Prop.ForAll(cases, offsets =>
            {
                DateTime start = new DateTime(2026, 12, 21, 15, 0, 0, DateTimeKind.Utc);
                var calendar = new BusinessCalendar(offsets.Skip(1).Select(o => start.Date.AddDays(o)));
                int days = offsets.Length == 0 ? 0 : offsets[0] % 20;
                DateTime due = calendar.AddBusinessDays(start, days);
                int counted = Enumerable.Range(1, (int)(due - start.Date).TotalDays).Count(d => calendar.IsBusinessDay(start.Date.AddDays(d)));
                bool firstWhenZero = days > 0 || Enumerable.Range(0, (int)(due - start.Date).TotalDays).All(d => !calendar.IsBusinessDay(start.Date.AddDays(d)));
                return calendar.IsBusinessDay(due) && (days == 0 ? firstWhenZero : counted == days);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
        }

        [TestMethod]
        [DataRow(12, 1, new[] { 13 }, 16, DisplayName = "Thu + 1, Fri a holiday → Mon")]
        [DataRow(13, 0, new[] { 13 }, 16, DisplayName = "a holiday + 0 → the next business day")]
        [DataRow(13, 1, new[] { 16, 17 }, 18, DisplayName = "Fri + 1, Mon and Tue holidays → Wed")]
        [DataRow(12, 2, new[] { 14 }, 16, DisplayName = "a holiday on a Saturday changes nothing")]
        public void Skips_holidays_like_weekends(int fromDayOfMarch2026, int days, int[] holidaysOfMarch2026, int expected)
        {
            // 2026-03-13 is a Friday.
            var calendar = new BusinessCalendar(holidaysOfMarch2026.Select(d => new DateTime(2026, 3, d, 0, 0, 0, DateTimeKind.Utc)));

            Assert.AreEqual(new DateTime(2026, 3, expected), calendar.AddBusinessDays(new DateTime(2026, 3, fromDayOfMarch2026, 17, 0, 0), days));
            Assert.IsTrue(holidaysOfMarch2026.All(d => calendar.IsHoliday(new DateTime(2026, 3, d, 8, 0, 0, DateTimeKind.Local))), "a date is a holiday whatever its time and kind");
            Assert.IsFalse(calendar.IsHoliday(new DateTime(2026, 3, 10)));
        }

        [TestMethod]
        public void A_holiday_on_the_platforms_last_date_leaves_that_date_rather_than_running_past_it()
        {
            var calendar = new BusinessCalendar(new[] { PlatformDates.Max });

            Assert.AreEqual(PlatformDates.Max, calendar.NextBusinessDay(PlatformDates.Max));
            Assert.AreEqual(PlatformDates.Max, calendar.AddBusinessDays(new DateTime(9999, 12, 30), 1));
        }

        /// <summary>The closed form a spreadsheet's WORKDAY is (and this class's first implementation was): the oracle.</summary>
        private static DateTime Workday(DateTime date, int days)
        {
            DateTime day = date.Date;
            if (days <= 0)
            {
                return day.DayOfWeek == DayOfWeek.Saturday ? day.AddDays(2) : day.DayOfWeek == DayOfWeek.Sunday ? day.AddDays(1) : day;
            }

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
            return day.AddDays(weeks * 7 + rest + (weekday + rest > 4 ? 2 : 0));
        }
    }
}
