using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// Calendars and their rules as Dataverse keeps them: the rules of a calendar (a holiday schedule's holidays) are written
    /// and read through the calendar's <c>calendarrules</c> column, and calendarrule takes no message of its own but
    /// Associate and Disassociate (Microsoft Learn's Calendar Rule reference), refusing the rest with the platform's
    /// "does not support entities of type" fault.
    /// </summary>
    [TestClass]
    public sealed class CalendarTests
    {
        private readonly DataverseSandbox _sandbox = SandboxFixture.Create();

        private static Entity Holiday(string name, DateTime start, int days = 1) => new("calendarrule")
        {
            ["name"] = name, ["starttime"] = start, ["duration"] = days * 1440, ["timecode"] = 2, ["subcode"] = 5,
            ["pattern"] = "FREQ=DAILY;INTERVAL=1;COUNT=1",
        };

        private Guid NewSchedule(params Entity[] holidays) => _sandbox.Service.Create(new Entity("calendar")
        {
            ["name"] = "New Zealand holidays", ["type"] = new OptionSetValue(2),
            ["calendarrules"] = new EntityCollection(holidays.ToList()) { EntityName = "calendarrule" },
        });

        private EntityCollection RulesOf(Guid calendarId) =>
            _sandbox.Service.Retrieve("calendar", calendarId, new ColumnSet("calendarrules")).GetAttributeValue<EntityCollection>("calendarrules");

        [TestMethod]
        public void A_holiday_schedule_created_with_its_holidays_returns_them_from_Retrieve_oldest_first()
        {
            var id = NewSchedule(Holiday("Boxing Day", new DateTime(2026, 12, 25, 11, 0, 0, DateTimeKind.Utc)),
                Holiday("Christmas Day", new DateTime(2026, 12, 24, 11, 0, 0, DateTimeKind.Utc)));

            var rules = RulesOf(id);

            Assert.AreEqual("calendarrule", rules.EntityName);
            CollectionAssert.AreEqual(new[] { "Christmas Day", "Boxing Day" }, rules.Entities.Select(r => r.GetAttributeValue<string>("name")).ToArray());
            var christmas = rules.Entities[0];
            Assert.AreEqual(new DateTime(2026, 12, 24, 11, 0, 0), christmas.GetAttributeValue<DateTime>("starttime"));
            Assert.AreEqual(1440, christmas.GetAttributeValue<int>("duration"));
            Assert.AreEqual(id, christmas.GetAttributeValue<EntityReference>("calendarid").Id);
            Assert.AreNotEqual(Guid.Empty, christmas.Id);
            Assert.IsFalse(_sandbox.Service.Retrieve("calendar", id, new ColumnSet("name")).Contains("calendarrules"), "only when asked for");
            Assert.AreEqual(2, RulesOfAllColumns(id).Entities.Count, "all columns include them");
        }

        private EntityCollection RulesOfAllColumns(Guid id) =>
            _sandbox.Service.Retrieve("calendar", id, new ColumnSet(true)).GetAttributeValue<EntityCollection>("calendarrules");

        [TestMethod]
        public void Updating_a_calendars_rules_sets_them_to_the_ones_the_update_holds()
        {
            var id = NewSchedule(Holiday("Christmas Day", new DateTime(2026, 12, 25, 0, 0, 0, DateTimeKind.Utc)));

            // Microsoft's samples add a rule this way: read the rules, add one, update the calendar with them all.
            var calendar = _sandbox.Service.Retrieve("calendar", id, new ColumnSet("calendarrules"));
            calendar.GetAttributeValue<EntityCollection>("calendarrules").Entities.Add(Holiday("New Year's Day", new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            _sandbox.Service.Update(calendar);
            Assert.AreEqual(2, RulesOf(id).Entities.Count);

            _sandbox.Service.Update(new Entity("calendar", id)
            {
                ["calendarrules"] = new EntityCollection(new[] { Holiday("Waitangi Day", new DateTime(2027, 2, 6, 0, 0, 0, DateTimeKind.Utc)) }.ToList()),
            });
            CollectionAssert.AreEqual(new[] { "Waitangi Day" }, RulesOf(id).Entities.Select(r => r.GetAttributeValue<string>("name")).ToArray());
            Assert.AreEqual(1, _sandbox.Count("calendarrule"), "the rules left out are deleted");

            _sandbox.Service.Update(new Entity("calendar", id) { ["name"] = "NZ holidays" });
            Assert.AreEqual(1, RulesOf(id).Entities.Count, "an update without the column leaves the rules alone");
        }

        private static QueryExpression Schedules(ColumnSet columns)
        {
            var query = new QueryExpression("calendar") { ColumnSet = columns };
            query.Criteria.AddCondition("type", ConditionOperator.Equal, 2);
            return query;
        }

        [TestMethod]
        public void Every_organization_has_an_empty_business_closure_calendar()
        {
            var organization = _sandbox.Service.RetrieveMultiple(new QueryExpression("organization") { ColumnSet = new ColumnSet("businessclosurecalendarid") }).Entities.Single();
            var calendarId = organization.GetAttributeValue<Guid>("businessclosurecalendarid");

            Assert.AreEqual(_sandbox.Regional.BusinessClosureCalendarId, calendarId);
            Assert.AreEqual(0, RulesOf(calendarId).Entities.Count);
        }

        [TestMethod]
        public void A_query_of_calendars_leaves_their_rules_out()
        {
            NewSchedule(Holiday("Christmas Day", new DateTime(2026, 12, 25, 0, 0, 0, DateTimeKind.Utc)));

            var asked = _sandbox.Service.RetrieveMultiple(Schedules(new ColumnSet("name", "calendarrules")));
            var all = _sandbox.Service.RetrieveMultiple(Schedules(new ColumnSet(true)));

            Assert.AreEqual("New Zealand holidays", asked.Entities.Single().GetAttributeValue<string>("name"));
            Assert.IsFalse(asked.Entities.Single().Contains("calendarrules"));
            Assert.IsFalse(all.Entities.Single().Contains("calendarrules"));
        }

        [TestMethod]
        public void A_calendar_rule_takes_no_message_of_its_own()
        {
            var calendarId = NewSchedule(Holiday("Christmas Day", new DateTime(2026, 12, 25, 0, 0, 0, DateTimeKind.Utc)));
            var ruleId = RulesOf(calendarId).Entities.Single().Id;
            var service = _sandbox.Service;

            void Refused(string message, Action call)
            {
                var fault = Assert.ThrowsExactly<SandboxFaultException>(call, message);
                Assert.AreEqual(ErrorCodes.UnsupportedMessage, fault.ErrorCode, message);
                Assert.AreEqual($"The '{message}' method does not support entities of type 'calendarrule'. MessageProcessorCache returned MessageProcessor.Empty. ", fault.Message);
            }

            Refused("Create", () => service.Create(Holiday("Anzac Day", new DateTime(2027, 4, 25, 0, 0, 0, DateTimeKind.Utc))));
            Refused("Retrieve", () => service.Retrieve("calendarrule", ruleId, new ColumnSet("name")));
            Refused("RetrieveMultiple", () => service.RetrieveMultiple(new QueryExpression("calendarrule") { ColumnSet = new ColumnSet("name") }));
            Refused("RetrieveMultiple", () => service.RetrieveMultiple(new FetchExpression("<fetch><entity name='calendarrule'><attribute name='name'/></entity></fetch>")));
            Refused("Update", () => service.Update(new Entity("calendarrule", ruleId) { ["name"] = "Xmas" }));
            Refused("Delete", () => service.Delete("calendarrule", ruleId));
            Assert.AreEqual("Christmas Day", RulesOf(calendarId).Entities.Single().GetAttributeValue<string>("name"));
        }

        [TestMethod]
        public void Deleting_a_calendar_deletes_its_rules()
        {
            var id = NewSchedule(Holiday("Christmas Day", new DateTime(2026, 12, 25, 0, 0, 0, DateTimeKind.Utc)),
                Holiday("Boxing Day", new DateTime(2026, 12, 26, 0, 0, 0, DateTimeKind.Utc)));
            Assert.AreEqual(2, _sandbox.Count("calendarrule"));

            _sandbox.Service.Delete("calendar", id);

            Assert.AreEqual(0, _sandbox.Count("calendarrule"));
        }

        [TestMethod]
        public void A_rule_the_metadata_refuses_fails_the_calendars_save_and_nothing_is_written()
        {
            int calendars = _sandbox.Count("calendar");
            var tooLong = Holiday(new string('x', 161), new DateTime(2026, 12, 25, 0, 0, 0, DateTimeKind.Utc));
            var negative = Holiday("Christmas Day", new DateTime(2026, 12, 25, 0, 0, 0, DateTimeKind.Utc));
            negative["duration"] = -1;

            Assert.AreEqual(ErrorCodes.StringLengthTooLong, Assert.ThrowsExactly<SandboxFaultException>(() => NewSchedule(Holiday("Fine", DateTime.UtcNow), tooLong)).ErrorCode);
            Assert.AreEqual(ErrorCodes.IntegerValueOutOfRange, Assert.ThrowsExactly<SandboxFaultException>(() => NewSchedule(negative)).ErrorCode);
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => NewSchedule(new Entity("task") { ["subject"] = "Not a rule" }));
            StringAssert.Contains(fault.Message, "holds calendarrule entities");
            Assert.AreEqual(calendars, _sandbox.Count("calendar"));
            Assert.AreEqual(0, _sandbox.Count("calendarrule"));
        }
    }
}
