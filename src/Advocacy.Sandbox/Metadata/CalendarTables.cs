using System;
using System.Collections.Generic;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The calendar tables: <c>calendar</c> (work hours, customer service hours and holiday schedules) and its rules,
    /// <c>calendarrule</c>. Columns and limits from Microsoft Learn, "Calendar table/entity reference" and "Calendar Rule
    /// (CalendarRule) table/entity reference" (MicrosoftDocs/powerapps-docs, …/reference/entities/calendar.md and
    /// calendarrule.md). A calendar's rules are not a table of their own to a caller: the Calendar Rule reference lists
    /// only Associate and Disassociate as its messages, and rules are written and read through the calendar's
    /// <c>calendarrules</c> column (<see cref="CalendarRules"/>).
    /// </summary>
    internal static class CalendarTables
    {
        /// <summary>calendar.type (Microsoft Learn): −1 Inner Calendar type, 0 Default, 1 Customer Service, 2 Holiday Schedule.</summary>
        public const int HolidaySchedule = 2;

        public static IEnumerable<TableMetadata> All()
        {
            var calendar = Table("calendar", "Calendar", TableOwnership.BusinessOwned,
                S("name", 160), S("description", 2000),
                new ColumnMetadata("type", ColumnType.Choice, options: new Dictionary<int, string>
                {
                    [-1] = "Inner Calendar type", [0] = "Default", [1] = "Customer Service", [HolidaySchedule] = "Holiday Schedule",
                }),
                new ColumnMetadata("isshared", ColumnType.Boolean), L("businessunitid", "businessunit"),
                L("holidayschedulecalendarid", "calendar"), new ColumnMetadata("primaryuserid", ColumnType.UniqueIdentifier),
                // The rules, as an EntityCollection of calendarrule entities: not a stored column (CalendarRules).
                new ColumnMetadata(CalendarRules.Column, ColumnType.Other));
            yield return calendar;

            var rule = Table("calendarrule", "CalendarRule", TableOwnership.None,
                L("calendarid", "calendar"), L("innercalendarid", "calendar"), S("name", 160), S("description", 2000),
                D("starttime"), D("endtime"), I("duration", 0, int.MaxValue), D("effectiveintervalstart"), D("effectiveintervalend"),
                S("pattern", 256), I("timecode", int.MinValue, int.MaxValue), I("subcode", 0, 1_000_000_000), I("rank", 0, 1_000_000_000),
                I("timezonecode", int.MinValue, int.MaxValue), I("extentcode", 0, 1_000_000_000), I("offset", 0, 1_000_000_000),
                new ColumnMetadata("effort", ColumnType.Double) { MinValue = 0, MaxValue = 1_000_000_000 }, S("groupdesignator", 36),
                new ColumnMetadata("isselected", ColumnType.Boolean), new ColumnMetadata("issimple", ColumnType.Boolean),
                new ColumnMetadata("isvaried", ColumnType.Boolean), new ColumnMetadata("ismodified", ColumnType.Boolean),
                new ColumnMetadata("businessunitid", ColumnType.UniqueIdentifier), new ColumnMetadata("organizationid", ColumnType.UniqueIdentifier));
            rule.Messages = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Associate", "Disassociate" };
            yield return rule;
        }

        private static TableMetadata Table(string name, string schemaName, TableOwnership ownership, params ColumnMetadata[] columns)
        {
            var table = new TableMetadata(name, name + "id", "name") { SchemaName = schemaName, Ownership = ownership };
            table.Add(new ColumnMetadata(name + "id", ColumnType.UniqueIdentifier));
            foreach (var c in columns)
            {
                table.Add(c);
            }
            foreach (var c in StandardTables.SystemColumns())
            {
                table.AddIfMissing(c);
            }
            return table;
        }

        private static ColumnMetadata S(string n, int maxLength) => new(n, ColumnType.String) { MaxLength = maxLength };
        private static ColumnMetadata I(string n, int min, int max) => new(n, ColumnType.Integer) { MinValue = min, MaxValue = max };
        private static ColumnMetadata D(string n) => new(n, ColumnType.DateTime);
        private static ColumnMetadata L(string n, params string[] targets) => new(n, ColumnType.Lookup, targets);
    }
}
