using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Time;

namespace Advocacy.Plugins.Application
{
    /// <summary>
    /// Due dates counted from "today" in the task owner's time zone (issue 12, DESIGN §5–6): a use case plans with the
    /// operation's UTC date, and when the owner's today is another date (Auckland's morning is the UTC evening before)
    /// plans again from the owner's today — the planner is pure, so the second plan costs nothing but the owner's
    /// settings (one query, shared with the task writer, which stores the due date at noon in that zone).
    /// </summary>
    public sealed class OwnerDays
    {
        private readonly IAdvocacyHost _host;

        public OwnerDays(IAdvocacyHost host)
        {
            _host = host;
            Zones = host.Zones;
        }

        public UserZones Zones { get; }

        /// <summary>The writer that stores due dates in the owners' zones read here.</summary>
        public AdvocacyTaskWriter Writer(Microsoft.Xrm.Sdk.IOrganizationService? service = null) =>
            new(service ?? _host.SystemService, _host.Tracing, Zones);

        /// <summary>Today as a user sees it.</summary>
        public DateTime TodayOf(Guid userId, bool isTeam = false) => LocalDays.Today(Zones.Of(userId, isTeam), _host.UtcNow);

        /// <summary>Plans with the UTC date, then again from the owner's today when it differs.</summary>
        public T Plan<T>(Func<DateTime, T> plan, Func<T, PlannedTask?> ownerTask)
        {
            var utcToday = _host.Today();
            var first = plan(utcToday);
            var task = ownerTask(first);
            if (task == null) return first;
            var zone = Zones.Of(task.OwnerUserId, task.OwnerIsTeam);
            var today = LocalDays.Today(zone, _host.UtcNow);
            if (today == utcToday) return first;
            _host.Trace("Due date counted from {0:yyyy-MM-dd}, today in the owner's time zone ({1}); in UTC it is {2:yyyy-MM-dd}.", today, zone.Name, utcToday);
            return plan(today);
        }
    }
}
