using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Time;
using Advocacy.Plugins.Domain.Words;

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
            new(service ?? _host.SystemService, _host.Tracing, Zones, _host.Readers);

        /// <summary>
        /// Plans several tasks with different owners (a detractor's recovery for the advocate and the escalation for
        /// their manager). A draft worded in English (no reads) names the owners; their settings — zone and language —
        /// are read in one query; then each task takes its due date and words from a plan counted from its own owner's
        /// today (one pure plan per distinct date, matched by the task's key).
        /// </summary>
        /// <param name="plan">The planning, given the readers' languages (null: English, nothing read) and a today.</param>
        public IReadOnlyList<PlannedTask> PlanEach(Func<IReaderLanguages?, DateTime, IReadOnlyList<PlannedTask>> plan)
        {
            var utcToday = _host.Today();
            var draft = plan(null, utcToday);
            Zones.Load(draft.Where(t => !t.OwnerIsTeam).Select(t => t.OwnerUserId));
            var first = plan(_host.Readers, utcToday);
            var byDay = new Dictionary<DateTime, IReadOnlyList<PlannedTask>> { [utcToday] = first };
            var tasks = new List<PlannedTask>(first.Count);
            foreach (var task in first)
            {
                var zone = Zones.Of(task.OwnerUserId, task.OwnerIsTeam);
                var today = LocalDays.Today(zone, _host.UtcNow);
                if (!byDay.TryGetValue(today, out var planned))
                {
                    _host.Trace("{0}: due date counted from {1:yyyy-MM-dd}, today in its owner's time zone ({2}); in UTC it is {3:yyyy-MM-dd}.", task.Kind, today, zone.Name, utcToday);
                    planned = plan(_host.Readers, today);
                    byDay[today] = planned;
                }

                tasks.Add(planned.FirstOrDefault(t => t.SourceKey == task.SourceKey) ?? task);
            }

            return tasks;
        }

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
