using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Reads the holidays of the holiday schedule the settings name: the calendar of type Holiday Schedule (2) with that
    /// name, then its rules through the calendar's <c>calendarrules</c> column — the only way Dataverse gives a calendar's
    /// rules (calendarrule takes no Retrieve or RetrieveMultiple of its own, and a query of calendars leaves the rules out),
    /// so two round trips, once per execution and only when a schedule is named.
    /// </summary>
    public static class HolidayScheduleReader
    {
        public const int HolidayScheduleType = 2;

        public static Holidays Read(IOrganizationService service, ITracingService tracing, string name)
        {
            var query = new QueryExpression("calendar") { ColumnSet = new ColumnSet("calendarid", "name"), TopCount = 2 };
            query.Criteria.AddCondition("name", ConditionOperator.Equal, name);
            query.Criteria.AddCondition("type", ConditionOperator.Equal, HolidayScheduleType);
            query.AddOrder("createdon", OrderType.Ascending);
            var found = service.RetrieveMultiple(query).Entities;
            if (found.Count == 0)
            {
                // A missing schedule must not stop an agent's save: the tasks still come, counting weekends only.
                tracing.Trace("Holidays: no holiday schedule is named \"{0}\" (settings followUp.holidaySchedule); due dates skip weekends only. Create it, or correct the name.", name);
                return Holidays.None;
            }
            if (found.Count > 1)
            {
                tracing.Trace("Holidays: more than one holiday schedule is named \"{0}\"; the one created first ({1}) counts.", name, found[0].Id);
            }

            var rules = service.Retrieve("calendar", found[0].Id, new ColumnSet("calendarrules")).GetAttributeValue<EntityCollection>("calendarrules");
            var holidays = new List<Holiday>();
            int skipped = 0;
            foreach (var rule in rules?.Entities ?? Enumerable.Empty<Entity>())
            {
                var start = rule.GetAttributeValue<DateTime?>("starttime");
                var minutes = rule.GetAttributeValue<int?>("duration");
                if (start.HasValue && minutes > 0)
                {
                    holidays.Add(new Holiday(rule.GetAttributeValue<string>("name"), start.Value, minutes.Value));
                }
                else
                {
                    skipped++;
                }
            }
            var result = new Holidays(holidays);
            tracing.Trace("Holidays: \"{0}\" has {1} holiday(s){2}.", name, result.All.Count,
                skipped > 0 ? $"; {skipped} rule(s) without a start or a duration close nothing" : string.Empty);
            return result;
        }
    }
}
