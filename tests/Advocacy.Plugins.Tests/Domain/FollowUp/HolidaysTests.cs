using System;
using System.Linq;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Time;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    /// <summary>
    /// A holiday schedule's holidays are instants (midnight where they were written, a field report found Berlin's written
    /// as 23:00Z the day before); a date is a holiday for an owner when a holiday covers noon of it in the owner's zone.
    /// </summary>
    [TestClass]
    public sealed class HolidaysTests
    {
        private static readonly ZoneRules Berlin = Zone("W. Europe Standard Time");
        private static readonly ZoneRules Auckland = Zone("New Zealand Standard Time");
        private static readonly ZoneRules Honolulu = Zone("Hawaiian Standard Time");
        private static readonly ZoneRules NewYork = Zone("Eastern Standard Time");

        private static ZoneRules Zone(string windowsName) => ZoneRules.FindByStandardName(windowsName) ?? throw new AssertInconclusiveException(windowsName + " is unknown here");

        /// <summary>Christmas Day 2026 as a Berlin admin writes it: midnight CET is 23:00 UTC on the 24th.</summary>
        private static readonly Holiday ChristmasWrittenInBerlin = new Holiday("Christmas Day", new DateTime(2026, 12, 24, 23, 0, 0, DateTimeKind.Utc), 1440);

        private static DateTime[] DatesIn(ZoneRules zone, params Holiday[] holidays) => new Holidays(holidays).DatesIn(zone).ToArray();

        [TestMethod]
        public void A_holiday_closes_its_own_date_for_owners_less_than_twelve_hours_from_where_it_was_written()
        {
            var christmas = new[] { new DateTime(2026, 12, 25) };

            CollectionAssert.AreEqual(christmas, DatesIn(Berlin, ChristmasWrittenInBerlin), "Berlin");
            CollectionAssert.AreEqual(christmas, DatesIn(ZoneRules.Utc, ChristmasWrittenInBerlin), "UTC");
            CollectionAssert.AreEqual(christmas, DatesIn(NewYork, ChristmasWrittenInBerlin), "New York");
            CollectionAssert.AreEqual(christmas, DatesIn(Auckland, ChristmasWrittenInBerlin), "Auckland, exactly twelve hours ahead: its noon is the start");
            CollectionAssert.AreEqual(christmas, DatesIn(Honolulu, ChristmasWrittenInBerlin), "Honolulu, eleven hours behind");
        }

        [TestMethod]
        public void Written_in_Auckland_Christmas_closes_Christmas_Day_there_and_is_a_day_early_twelve_or_more_hours_behind()
        {
            // Midnight in Auckland (NZDT, UTC+13) is 11:00 UTC on the 24th. Honolulu is 23 hours behind: the instants of
            // Auckland's Christmas cover Honolulu's noon of the 24th, not of the 25th. A holiday schedule holds instants, not
            // dates, so no reading is right for owners more than twelve hours from the writer (README, Known limits).
            var christmas = new Holiday("Christmas Day", new DateTime(2026, 12, 24, 11, 0, 0, DateTimeKind.Utc), 1440);

            CollectionAssert.AreEqual(new[] { new DateTime(2026, 12, 25) }, DatesIn(Auckland, christmas));
            CollectionAssert.AreEqual(new[] { new DateTime(2026, 12, 24) }, DatesIn(Berlin, christmas), "Berlin is exactly twelve hours behind: its noon of the 25th is the end");
            CollectionAssert.AreEqual(new[] { new DateTime(2026, 12, 24) }, DatesIn(Honolulu, christmas));
        }

        [TestMethod]
        public void A_holiday_of_several_days_closes_each_and_a_short_one_closes_its_date_only_when_it_spans_noon()
        {
            var easter = new Holiday("Easter", new DateTime(2027, 3, 25, 23, 0, 0, DateTimeKind.Utc), 4 * 1440); // Fri 26 to Mon 29 March in Berlin
            var morning = new Holiday("Staff meeting", new DateTime(2027, 1, 14, 7, 0, 0, DateTimeKind.Utc), 300); // 08:00–13:00 Berlin
            var afternoon = new Holiday("Party", new DateTime(2027, 1, 15, 13, 0, 0, DateTimeKind.Utc), 300); // 14:00–19:00 Berlin

            CollectionAssert.AreEqual(new[] { 26, 27, 28, 29 }, DatesIn(Berlin, easter).Select(d => d.Day).ToArray());
            CollectionAssert.AreEqual(new[] { new DateTime(2027, 1, 14) }, DatesIn(Berlin, morning, afternoon));
        }

        [TestMethod]
        public void A_rule_without_a_duration_closes_nothing_and_an_endless_one_its_first_year_only()
        {
            var none = new Holidays(new[] { new Holiday("Nothing", new DateTime(2026, 12, 24, 23, 0, 0, DateTimeKind.Utc), 0) });
            var endless = new Holiday("Forever", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), int.MaxValue);

            Assert.IsTrue(none.IsEmpty);
            Assert.AreSame(BusinessCalendar.WeekdaysOnly, none.CalendarIn(Berlin));
            var dates = DatesIn(ZoneRules.Utc, endless);
            Assert.AreEqual(Holidays.MaxDays, dates.Length);
            Assert.AreEqual(new DateTime(2026, 1, 1), dates.First());
        }

        [TestMethod]
        public void The_calendar_in_an_owners_zone_skips_the_dates_closed_there()
        {
            var calendar = new Holidays(new[] { ChristmasWrittenInBerlin, new Holiday("Boxing Day", new DateTime(2026, 12, 25, 23, 0, 0, DateTimeKind.Utc), 1440) }).CalendarIn(Berlin);

            // Thu 24 Dec + 1 business day: Fri 25 and Sat 26 closed, Sun 27 a weekend → Mon 28.
            Assert.AreEqual(new DateTime(2026, 12, 28), calendar.AddBusinessDays(new DateTime(2026, 12, 24), 1));
            Assert.AreEqual(2, calendar.HolidayCount);
        }

        [TestMethod]
        public void Holidays_are_kept_earliest_first_within_the_platforms_dates_and_an_endless_one_ends_at_the_last_instant()
        {
            var later = new Holiday("Boxing Day", new DateTime(2026, 12, 25, 23, 0, 0, DateTimeKind.Utc), 1440);
            var holidays = new Holidays(new[]
            {
                later, ChristmasWrittenInBerlin,
                new Holiday("Too early", new DateTime(1753, 6, 1, 0, 0, 0, DateTimeKind.Utc), 1440),
                new Holiday("Too late", new DateTime(9998, 6, 1, 0, 0, 0, DateTimeKind.Utc), 1440),
            });

            CollectionAssert.AreEqual(new[] { "Christmas Day", "Boxing Day" }, holidays.All.Select(h => h.Name).ToArray());
            Assert.AreEqual(DateTime.MaxValue, new Holiday("Forever", new DateTime(6000, 1, 1, 0, 0, 0, DateTimeKind.Utc), int.MaxValue).EndUtc);
            Assert.AreEqual(new DateTime(2026, 12, 25, 23, 0, 0), ChristmasWrittenInBerlin.EndUtc);
            Assert.AreEqual(string.Empty, new Holiday(null, ChristmasWrittenInBerlin.StartUtc, 1440).Name);
        }

        [TestMethod]
        public void A_holiday_that_names_its_own_zone_closes_its_dates_there_for_every_owner()
        {
            // Auckland's Christmas (midnight NZDT = 11:00 UTC on the 24th) with Auckland's zone on its rule: Honolulu, 23
            // hours behind, closes the 25th too — read in its own zone, the rule is a date.
            var christmas = new Holiday("Christmas Day", new DateTime(2026, 12, 24, 11, 0, 0, DateTimeKind.Utc), 1440, Auckland);
            var christmasDay = new[] { new DateTime(2026, 12, 25) };

            CollectionAssert.AreEqual(christmasDay, DatesIn(Honolulu, christmas));
            CollectionAssert.AreEqual(christmasDay, DatesIn(Berlin, christmas));
            CollectionAssert.AreEqual(christmasDay, DatesIn(Auckland, christmas));
            Assert.AreSame(Auckland, christmas.Zone);
        }
    }
}
