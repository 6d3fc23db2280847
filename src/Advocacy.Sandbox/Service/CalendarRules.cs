using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// A calendar's rules travel in its <c>calendarrules</c> column, as the platform handles them. Sources: Microsoft Learn's
    /// Calendar Rule reference lists no Create, Retrieve, RetrieveMultiple, Update or Delete for calendarrule (only Associate
    /// and Disassociate; the sandbox refuses the others, <see cref="CoreOperations.RequireMessageSupported"/>); Microsoft's
    /// SDK samples and the public plug-ins that read holiday schedules retrieve the calendar and read
    /// <c>calendar.GetAttributeValue&lt;EntityCollection&gt;("calendarrules")</c>, and add a rule by adding it to that
    /// collection and updating the calendar — so a write of the column sets the calendar's rules to the ones it holds
    /// (rules left out are deleted). A field report from a live environment (2026) found the rules come back for one
    /// calendar retrieved by id but empty from a query of calendars: the sandbox returns them from Retrieve only (a query
    /// leaves the column out), the stricter reading.
    /// </summary>
    internal static class CalendarRules
    {
        public const string Column = "calendarrules";
        public const string Table = "calendarrule";

        public static bool Applies(string? table) => string.Equals(table, "calendar", StringComparison.OrdinalIgnoreCase);
    }

    internal sealed partial class CoreOperations
    {
        /// <summary>
        /// The rules a calendar's write carries, and the write's other columns (the caller's Entity is left as it is).
        /// Null when the write carries no <c>calendarrules</c>.
        /// </summary>
        private static EntityCollection? SplitCalendarRules(Entity target, out Entity columns)
        {
            columns = target;
            if (!CalendarRules.Applies(target.LogicalName) || !target.Attributes.TryGetValue(CalendarRules.Column, out var value))
            {
                return null;
            }
            var rules = value as EntityCollection
                ?? throw new SandboxFaultException(ErrorCodes.InvalidArgument,
                    $"calendar.{CalendarRules.Column} takes an EntityCollection of {CalendarRules.Table} entities, not {value?.GetType().Name ?? "null"}.");
            columns = new Entity(target.LogicalName, target.Id);
            foreach (var pair in target.Attributes.Where(a => !string.Equals(a.Key, CalendarRules.Column, StringComparison.OrdinalIgnoreCase)))
            {
                columns.Attributes[pair.Key] = pair.Value;
            }
            foreach (var key in target.KeyAttributes)
            {
                columns.KeyAttributes[key.Key] = key.Value;
            }
            return rules;
        }

        /// <summary>Sets the calendar's rules to <paramref name="rules"/>: the ones it had are deleted, these created with it as their calendar.</summary>
        private void ReplaceCalendarRules(Operation op, Guid calendarId, EntityCollection rules)
        {
            var tx = op.Transaction!;
            foreach (var old in Store.ReferencingIds(tx, CalendarRules.Table, "calendarid", "calendar", calendarId))
            {
                Store.Lock(tx, CalendarRules.Table, old);
                DeleteWithCascades(tx, CalendarRules.Table, old, 1);
            }
            foreach (var given in rules.Entities)
            {
                if (!string.Equals(given.LogicalName, CalendarRules.Table, StringComparison.OrdinalIgnoreCase))
                {
                    throw new SandboxFaultException(ErrorCodes.InvalidArgument,
                        $"calendar.{CalendarRules.Column} holds {CalendarRules.Table} entities; one is a '{given.LogicalName}'.");
                }
                var rule = new Entity(CalendarRules.Table, given.Id);
                foreach (var pair in given.Attributes)
                {
                    rule.Attributes[pair.Key] = pair.Value;
                }
                rule["calendarid"] = new EntityReference("calendar", calendarId);
                Metadata.ValidateWrite(rule);
                Guid id = IdOfNew(rule, Metadata.PrimaryIdAttribute(CalendarRules.Table), out bool freshId);
                // Written as a create writes its row (no message of its own: calendarrule has no Create pipeline).
                WriteNew(op, NewRow.From(rule, copyValues: true, _sandbox.CreateRoom(CalendarRules.Table)), id, freshId);
            }
        }

        /// <summary>A retrieved calendar's rules, when the column set asks for them (by name or all columns), oldest start first.</summary>
        private void AddCalendarRules(Operation op, Entity calendar, ColumnSet columns)
        {
            if (!CalendarRules.Applies(calendar.LogicalName)
                || !(columns.AllColumns || columns.Columns.Any(c => string.Equals(c, CalendarRules.Column, StringComparison.OrdinalIgnoreCase))))
            {
                return;
            }
            var rules = new EntityCollection { EntityName = CalendarRules.Table };
            var ids = Store.ReferencingIds(op.Transaction, CalendarRules.Table, "calendarid", "calendar", calendar.Id);
            var all = new ColumnSet(true);
            var read = ids.Select(id => (Id: id, Row: Store.ReadRow(op.Transaction, CalendarRules.Table, id)))
                .Where(found => found.Row != null)
                .Select(found => EntityCloner.CloneColumns(found.Row!, found.Id, all, "calendarruleid"))
                .OrderBy(rule => rule.GetAttributeValue<DateTime?>("starttime") ?? DateTime.MinValue)
                .ThenBy(rule => rule.Id);
            foreach (var rule in read)
            {
                OmitNulls(rule);
                rules.Entities.Add(rule);
            }
            calendar[CalendarRules.Column] = rules;
            _sandbox.Metrics.Read(rules.Entities.Count);
        }
    }
}
