using System;
using System.Collections.Generic;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.FollowUp;

namespace Advocacy.Plugins.Application
{
    /// <summary>
    /// Each task owner's business days for one execution: weekends, and the holidays of the holiday schedule the settings
    /// name (followUp.holidaySchedule) and, when followUp.businessClosures is true, the organization's Business Closures, as
    /// the owner's zone sees them. Nothing is read until a due date is counted, and nothing at all when neither is asked
    /// for; the holidays are read once, through the host's system service (SYSTEM in a plug-in, so an agent without read
    /// access to calendars still gets due dates that skip holidays; the workflow's user in an activity, whose roles need
    /// Calendar read), and one calendar is made per zone.
    /// </summary>
    public sealed class OwnerCalendars : IOwnerCalendars
    {
        private readonly IAdvocacyHost _host;
        private readonly Dictionary<string, BusinessCalendar> _byZone = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal);
        private Holidays? _holidays;

        public OwnerCalendars(IAdvocacyHost host) => _host = host ?? throw new ArgumentNullException(nameof(host));

        public Holidays Holidays
        {
            get
            {
                if (_holidays == null)
                {
                    var followUp = _host.Settings.FollowUp;
                    string? name = followUp?.HolidaySchedule;
                    var named = string.IsNullOrWhiteSpace(name) ? Holidays.None : HolidayScheduleReader.Read(_host.SystemService, _host.Tracing, name!);
                    var closures = followUp?.BusinessClosures == true ? HolidayScheduleReader.ReadBusinessClosures(_host.SystemService, _host.Tracing) : Holidays.None;
                    _holidays = named.With(closures);
                }
                return _holidays;
            }
        }

        public BusinessCalendar Of(Guid ownerId, bool isTeam)
        {
            var holidays = Holidays;
            if (holidays.IsEmpty)
            {
                return BusinessCalendar.WeekdaysOnly;
            }

            var zone = _host.Zones.Of(ownerId, isTeam);
            if (!_byZone.TryGetValue(zone.Name, out var calendar))
            {
                calendar = holidays.CalendarIn(zone);
                _byZone[zone.Name] = calendar;
                _host.Trace("Holidays: {0} date(s) closed in {1}.", calendar.HolidayCount, zone.Name);
            }
            return calendar;
        }
    }
}
