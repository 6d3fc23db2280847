using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.Time;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>
    /// One holiday of a holiday schedule: a calendar rule's start (UTC), its duration in minutes and, when the rule names one,
    /// its own time zone (calendarrule.timezonecode, "Local time zone for the calendar rule" — Microsoft Learn).
    /// </summary>
    public sealed class Holiday
    {
        public Holiday(string? name, DateTime startUtc, int minutes, IUserZone? zone = null)
        {
            Name = name ?? string.Empty;
            StartUtc = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc);
            Minutes = minutes;
            Zone = zone;
        }

        public string Name { get; }

        /// <summary>Where the holiday is observed, when its rule says so: its dates there are the holiday for every owner.</summary>
        public IUserZone? Zone { get; }

        public DateTime StartUtc { get; }
        public int Minutes { get; }
        public DateTime EndUtc => Minutes >= (DateTime.MaxValue - StartUtc).TotalMinutes ? DateTime.MaxValue : StartUtc.AddMinutes(Minutes);
    }

    /// <summary>
    /// The holidays of the organization's holiday schedule, and the dates they close for a task owner. A holiday schedule
    /// keeps each holiday as a start instant and a duration: the UTC instant of midnight where it was written (a field
    /// report from a live environment found them written from several zones, 21:00Z to 23:00Z, for Berlin's holidays),
    /// not a date. So a date is a holiday for an owner when a holiday covers <b>noon</b> of that date in the owner's zone —
    /// the instant a task due that date is stored at (<see cref="LocalDays.DueInstant"/>): exact for every owner less than
    /// twelve hours from where the holiday was written; owners twelve or more hours behind see it a day early. A rule that
    /// names its own time zone is read there instead: the dates whose noon it covers in its zone close for every owner
    /// (Christmas written in Auckland with Auckland's zone closes Christmas Day in Honolulu too). A date is never half a holiday.
    /// </summary>
    public sealed class Holidays
    {
        /// <summary>A holiday longer than this is a schedule's mistake, not a closure: it closes its first year only.</summary>
        public const int MaxDays = 366;

        public static readonly Holidays None = new Holidays(Array.Empty<Holiday>());

        public Holidays(IEnumerable<Holiday> holidays)
        {
            // A rule at the edge of the platform's dates (1753, 9999) is no holiday anyone observes, and its noons would not fit a DateTime.
            All = (holidays ?? throw new ArgumentNullException(nameof(holidays)))
                .Where(h => h.Minutes > 0 && h.StartUtc.Year > 1753 && h.StartUtc.Year < 9998).OrderBy(h => h.StartUtc).ToArray();
        }

        /// <summary>The holidays that close any time (a rule without a positive duration closes nothing), earliest first.</summary>
        public IReadOnlyList<Holiday> All { get; }

        public bool IsEmpty => All.Count == 0;

        /// <summary>These holidays and <paramref name="other"/>'s (a named schedule and the organization's business closures).</summary>
        public Holidays With(Holidays other) => other.IsEmpty ? this : IsEmpty ? other : new Holidays(All.Concat(other.All));

        /// <summary>The business days of an owner who lives in <paramref name="zone"/>: weekends and the dates these holidays close there.</summary>
        public BusinessCalendar CalendarIn(IUserZone zone) => IsEmpty ? BusinessCalendar.WeekdaysOnly : new BusinessCalendar(DatesIn(zone));

        /// <summary>The dates whose noon in <paramref name="zone"/> a holiday covers.</summary>
        public IEnumerable<DateTime> DatesIn(IUserZone zone)
        {
            foreach (var holiday in All)
            {
                // Noon of the date before the start's date can fall inside only when the zone is behind by more than 12 hours; one
                // date either side of the span covers every zone.
                // The rule's own zone when it names one (its dates then hold for every owner), else the owner's.
                IUserZone where = holiday.Zone ?? zone;
                DateTime first = LocalDays.DateOf(where, holiday.StartUtc).AddDays(-1);
                int days = Math.Min((int)Math.Ceiling(holiday.Minutes / 1440.0), MaxDays) + 2;
                DateTime end = holiday.Minutes > MaxDays * 1440 ? holiday.StartUtc.AddDays(MaxDays) : holiday.EndUtc;
                for (int i = 0; i <= days; i++)
                {
                    DateTime date = first.AddDays(i);
                    DateTime noon = LocalDays.DueInstant(where, date);
                    if (noon >= holiday.StartUtc && noon < end)
                    {
                        yield return date;
                    }
                }
            }
        }
    }
}
