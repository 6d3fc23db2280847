using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Time;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Reads the holidays of the holiday schedule the settings name: the calendar of type Holiday Schedule (2) with that
    /// name, then its rules through the calendar's <c>calendarrules</c> column — the only way Dataverse gives a calendar's
    /// rules (calendarrule takes no Retrieve or RetrieveMultiple of its own, and a query of calendars leaves the rules out),
    /// so two round trips, once per execution and only when a schedule is named; the same for the organization's Business
    /// Closures when the settings ask for them.
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

            var result = RulesOf(service, found[0].Id);
            tracing.Trace("Holidays: \"{0}\" has {1} holiday(s).", name, result.All.Count);
            return result;
        }

        /// <summary>
        /// The organization's Business Closures: the calendar <c>organization.businessclosurecalendarid</c> names (every
        /// environment has one; Settings → Business Closures, or Field Service's msdyn_BusinessClosureSave, write its rules).
        /// Two round trips: the organization's column, then the calendar's rules.
        /// </summary>
        public static Holidays ReadBusinessClosures(IOrganizationService service, ITracingService tracing)
        {
            var query = new QueryExpression("organization") { ColumnSet = new ColumnSet("businessclosurecalendarid"), TopCount = 1 };
            var organization = service.RetrieveMultiple(query).Entities.FirstOrDefault();
            var calendarId = organization?.GetAttributeValue<Guid?>("businessclosurecalendarid");
            if (!calendarId.HasValue)
            {
                tracing.Trace("Holidays: the organization names no business closure calendar; no closures counted.");
                return Holidays.None;
            }

            var result = RulesOf(service, calendarId.Value);
            tracing.Trace("Holidays: the organization's business closures: {0}.", result.All.Count);
            return result;
        }

        /// <summary>
        /// A calendar's rules as holidays: each rule's start, duration and, when it names one the organization defines, its own
        /// time zone (calendarrule.timezonecode; the zones' names are read in one more query, only when a rule names a zone).
        /// A rule without a start or a duration closes nothing.
        /// </summary>
        private static Holidays RulesOf(IOrganizationService service, Guid calendarId)
        {
            var rules = service.Retrieve("calendar", calendarId, new ColumnSet("calendarrules")).GetAttributeValue<EntityCollection>("calendarrules");
            var kept = (rules?.Entities ?? Enumerable.Empty<Entity>())
                .Where(rule => rule.GetAttributeValue<DateTime?>("starttime").HasValue && rule.GetAttributeValue<int?>("duration") > 0)
                .ToList();
            var codes = kept.Select(rule => rule.GetAttributeValue<int?>("timezonecode")).Where(code => code >= 0).Select(code => code!.Value).Distinct().ToArray();
            var zones = ZonesOf(service, codes);
            return new Holidays(kept.Select(rule => new Holiday(
                rule.GetAttributeValue<string>("name"),
                rule.GetAttributeValue<DateTime>("starttime"),
                rule.GetAttributeValue<int>("duration"),
                rule.GetAttributeValue<int?>("timezonecode") is int code && zones.TryGetValue(code, out var zone) ? zone : null)));
        }

        /// <summary>The zones the organization defines under these codes (timezonedefinition's Windows names); none read when none asked.</summary>
        private static Dictionary<int, IUserZone> ZonesOf(IOrganizationService service, int[] codes)
        {
            var zones = new Dictionary<int, IUserZone>();
            if (codes.Length == 0)
            {
                return zones;
            }

            var query = new QueryExpression("timezonedefinition") { ColumnSet = new ColumnSet("timezonecode", "standardname") };
            query.Criteria.AddCondition("timezonecode", ConditionOperator.In, codes.Cast<object>().ToArray());
            foreach (var definition in service.RetrieveMultiple(query).Entities)
            {
                if (definition.GetAttributeValue<int?>("timezonecode") is int code && ZoneRules.FindByStandardName(definition.GetAttributeValue<string>("standardname")) is { } zone)
                {
                    zones[code] = zone;
                }
            }
            return zones;
        }
    }
}
