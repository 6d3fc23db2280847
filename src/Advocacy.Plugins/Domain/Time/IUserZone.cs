using System;

namespace Advocacy.Plugins.Domain.Time
{
    /// <summary>
    /// A user's time zone as the rules need it (issue 12): wall-clock time from UTC and back. Dataverse stores user-local
    /// dates in UTC and shows them in the reader's zone (<c>usersettings.timezonecode</c>), so every "which day is it"
    /// question is asked of a zone. Data builds one from the user's settings; tests use <see cref="ZoneRules"/>.
    /// </summary>
    public interface IUserZone
    {
        /// <summary>The zone's name for traces ("Pacific Standard Time").</summary>
        string Name { get; }

        /// <summary>The wall-clock time in this zone at a UTC instant (Kind Unspecified).</summary>
        DateTime ToLocal(DateTime utc);

        /// <summary>The UTC instant of a wall-clock time in this zone (Kind Utc).</summary>
        DateTime ToUtc(DateTime local);
    }

    /// <summary>A zone backed by <see cref="TimeZoneInfo"/> rules (daylight saving time included).</summary>
    public sealed class ZoneRules : IUserZone
    {
        public static readonly ZoneRules Utc = new(TimeZoneInfo.Utc);

        private readonly TimeZoneInfo _zone;

        public ZoneRules(TimeZoneInfo zone) => _zone = zone ?? throw new ArgumentNullException(nameof(zone));

        public string Name => _zone.Id;

        public DateTime ToLocal(DateTime utc) =>
            DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone), DateTimeKind.Unspecified);

        public DateTime ToUtc(DateTime local)
        {
            var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            // A wall-clock time inside a spring-forward gap does not exist: take the moment the clocks jump to.
            for (int i = 0; i < 8 && _zone.IsInvalidTime(wall); i++)
            {
                wall = wall.AddMinutes(30);
            }
            return TimeZoneInfo.ConvertTimeToUtc(wall, _zone);
        }

        /// <summary>
        /// The zone with a Windows standard name (timezonedefinition.standardname), null when this machine does not know
        /// it. On Dataverse (Windows) the name is the system id; elsewhere .NET maps it to the IANA zone.
        /// </summary>
        public static ZoneRules? FindByStandardName(string? standardName)
        {
            if (string.IsNullOrWhiteSpace(standardName)) return null;
            try
            {
                return new ZoneRules(TimeZoneInfo.FindSystemTimeZoneById(standardName));
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
#if NET
                if (TimeZoneInfo.TryConvertWindowsIdToIanaId(standardName!, out var iana) && iana != null)
                {
                    try
                    {
                        return new ZoneRules(TimeZoneInfo.FindSystemTimeZoneById(iana));
                    }
                    catch (Exception again) when (again is TimeZoneNotFoundException or InvalidTimeZoneException)
                    {
                        return null;
                    }
                }
#endif
                return null;
            }
        }
    }

    /// <summary>
    /// Days as a user sees them — the one place that turns instants into dates (DESIGN §6): "today", the date a stored
    /// instant shows as, whole calendar days between two instants, the instant a due date is stored at, and "overdue".
    /// </summary>
    public static class LocalDays
    {
        /// <summary>
        /// The hour of the due date, in the owner's zone, a task's <c>scheduledend</c> is stored at: noon lies inside
        /// the owner's working day, and is the same date for readers up to 11 hours either side of the owner.
        /// </summary>
        public const int DueHour = 12;

        /// <summary>
        /// How long after its stored instant a task is overdue: from noon of the due date to the owner's midnight that
        /// ends it. Expressed as an instant so the report's aggregate and the view can ask it of every owner at once
        /// (FetchXML <c>olderthan-x-hours</c> 12).
        /// </summary>
        public static readonly TimeSpan OverdueAfter = TimeSpan.FromHours(24 - DueHour);

        public static DateTime Today(IUserZone zone, DateTime utcNow) => DateTime.SpecifyKind(zone.ToLocal(utcNow).Date, DateTimeKind.Unspecified);

        /// <summary>The date an instant shows as in the zone.</summary>
        public static DateTime DateOf(IUserZone zone, DateTime utc) => DateTime.SpecifyKind(zone.ToLocal(utc).Date, DateTimeKind.Unspecified);

        /// <summary>Whole calendar days from one instant's date to another's, both as the zone's user sees them.</summary>
        public static int DaysBetween(IUserZone zone, DateTime fromUtc, DateTime toUtc) => (int)(DateOf(zone, toUtc) - DateOf(zone, fromUtc)).TotalDays;

        /// <summary>The UTC instant a due date is stored at: <see cref="DueHour"/> of that date in the owner's zone.</summary>
        public static DateTime DueInstant(IUserZone ownerZone, DateTime dueDate) =>
            DateTime.SpecifyKind(ownerZone.ToUtc(dueDate.Date.AddHours(DueHour)), DateTimeKind.Utc);

        /// <summary>
        /// Overdue = the due date is before today in the owner's zone. For a due date stored by <see cref="DueInstant"/>
        /// that is the moment <see cref="OverdueAfter"/> has passed since the stored instant — the one definition the
        /// report, the view and the CLI share (a DST change between noon and midnight of the due day would shift it by an
        /// hour; no common zone changes its clocks then). Strictly after, as FetchXML's <c>olderthan-x-hours</c> counts.
        /// </summary>
        public static bool IsOverdue(DateTime storedDueUtc, DateTime utcNow) => utcNow > storedDueUtc + OverdueAfter;

        /// <summary>Stored due instants before this one are overdue at <paramref name="utcNow"/> (a query's "less than").</summary>
        public static DateTime OverdueIfDueBefore(DateTime utcNow) => DateTime.SpecifyKind(utcNow - OverdueAfter, DateTimeKind.Utc);
    }
}
