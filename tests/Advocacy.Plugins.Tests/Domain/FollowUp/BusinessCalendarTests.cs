using System;
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
            Assert.AreEqual(Day(expected), BusinessCalendar.AddBusinessDays(Day(from), days));
        }

        [TestMethod]
        public void Keeps_the_kind_and_drops_the_time()
        {
            DateTime result = BusinessCalendar.AddBusinessDays(new DateTime(2025, 3, 14, 17, 45, 0, DateTimeKind.Utc), 1);

            Assert.AreEqual(DateTimeKind.Utc, result.Kind);
            Assert.AreEqual(TimeSpan.Zero, result.TimeOfDay);
            Assert.AreEqual(Day(17), result);
        }

        [TestMethod]
        public void Matches_counting_day_by_day()
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
                DateTime actual = BusinessCalendar.AddBusinessDays(start, days);
                return actual == Naive(start, days) && BusinessCalendar.IsBusinessDay(actual) && actual >= start.Date;
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
        }

        private static DateTime Naive(DateTime start, int days)
        {
            DateTime day = start.Date;
            if (days == 0)
            {
                while (!BusinessCalendar.IsBusinessDay(day))
                {
                    day = day.AddDays(1);
                }

                return day;
            }

            while (days > 0)
            {
                day = day.AddDays(1);
                if (BusinessCalendar.IsBusinessDay(day))
                {
                    days--;
                }
            }

            return day;
        }
    }
}
