using System;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Time;
using Advocacy.Sandbox;
using Advocacy.Sandbox.Regional;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.TimeZones
{
    /// <summary>
    /// The optional holiday calendar (issue 12): settings name a Dataverse holiday schedule (a calendar of type Holiday
    /// Schedule, its holidays in its calendarrules), and due dates in business days skip its holidays as each task owner's
    /// zone sees them. World time: Tue 10 Mar 2026 09:00 UTC.
    /// </summary>
    [TestClass]
    public sealed class HolidayScheduleTests
    {
        private static readonly DateTime WednesdayInBerlin = new DateTime(2026, 3, 10, 23, 0, 0, DateTimeKind.Utc); // Wed 11 Mar 00:00 CET

        private static void SeedSchedule(AdvocacyWorld world, string name, params (string Name, DateTime Start, int Minutes)[] holidays)
        {
            world.Sandbox.Service.Create(new Entity("calendar")
            {
                ["name"] = name,
                ["type"] = new OptionSetValue(2),
                ["calendarrules"] = new EntityCollection(holidays.Select(h => new Entity("calendarrule")
                {
                    ["name"] = h.Name, ["starttime"] = h.Start, ["duration"] = h.Minutes, ["timecode"] = 2, ["subcode"] = 5,
                    ["pattern"] = "FREQ=DAILY;INTERVAL=1;COUNT=1",
                }).ToList()) { EntityName = "calendarrule" },
            });
        }

        private static void NameSchedule(AdvocacyWorld world, string name) =>
            world.Sandbox.SetEnvironmentVariable("adv_AdvocacySettings", "{ \"followUp\": { \"holidaySchedule\": \"" + name + "\" } }");

        private static (Guid Advocate, Guid Manager, Guid Account) Seed(AdvocacyWorld world, int advocateZone, int managerZone)
        {
            var manager = world.SeedUser("Manager");
            world.Sandbox.Regional.SetUserSettings(manager, timeZoneCode: managerZone);
            var advocateUser = world.SeedUser("Advocate", manager);
            world.Sandbox.Regional.SetUserSettings(advocateUser, timeZoneCode: advocateZone);
            var advocate = world.SeedAdvocate("Advocate", advocateUser, new[] { CustomerTier.Strategic }, accountCount: 1);
            return (advocateUser, manager, world.SeedAccount("Contoso", CustomerTier.Strategic, advocate, ownerId: advocateUser));
        }

        private static void Answer(AdvocacyWorld world, Guid account, int nps) => world.Agent.Create(new Entity("adv_feedback")
        {
            ["adv_name"] = "Check-in answer", ["adv_accountid"] = new EntityReference("account", account), ["adv_nps"] = nps,
        });

        private static DateTime DueAsOwnerSees(AdvocacyWorld world, Entity task)
        {
            var zone = new ZoneRules(world.Sandbox.Regional.ZoneOf(task.GetAttributeValue<EntityReference>("ownerid").Id));
            return LocalDays.DateOf(zone, task.GetAttributeValue<DateTime>("scheduledend"));
        }

        private static long Reads(AdvocacyWorld world, string table) => world.Sandbox.Metrics.RoundTrips
            .Where(r => r.Caller != SandboxMetrics.TestCaller && r.Table == table).Sum(r => r.Count);

        [TestMethod]
        public void A_detractors_recovery_due_on_a_company_holiday_in_Berlin_is_due_the_next_business_day_instead()
        {
            var world = new AdvocacyWorld();
            var (advocate, _, account) = Seed(world, TimeZoneCatalog.Berlin, TimeZoneCatalog.Berlin);
            // Beside the holiday: a rule without a start (an inner calendar's leaf has only an offset) and one of no length close nothing.
            SeedSchedule(world, "Company holidays", ("Company day off", WednesdayInBerlin, 1440), ("Nothing", WednesdayInBerlin.AddDays(1), 0));
            var schedule = world.Sandbox.Rows("calendar").Single(c => c.GetAttributeValue<string>("name") == "Company holidays");
            var rules = world.Sandbox.Service.Retrieve("calendar", schedule.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet("calendarrules")).GetAttributeValue<EntityCollection>("calendarrules");
            rules.Entities.Add(new Entity("calendarrule") { ["name"] = "Leaf", ["offset"] = 480, ["duration"] = 1440 });
            world.Sandbox.Service.Update(new Entity("calendar", schedule.Id) { ["calendarrules"] = rules });
            NameSchedule(world, "Company holidays");
            world.Sandbox.Metrics.Reset();

            Answer(world, account, nps: 5);

            var recovery = world.Tasks(AdvocacyTaskKind.DetractorRecovery).Single();
            Assert.AreEqual(advocate, recovery.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(new DateTime(2026, 3, 12), DueAsOwnerSees(world, recovery), "Wednesday is the company's day off");
            StringAssert.Contains(recovery.GetAttributeValue<string>("description"), "12 Mar 2026", "the text names the same due date");
            Assert.AreEqual(2L, Reads(world, "calendar"), "the schedule by name, then its rules: once per execution");
            Assert.IsTrue(world.Sandbox.Executions.SelectMany(e => e.Traces).Any(t => t.Contains("\"Company holidays\" has 1 holiday(s)")));
        }

        [TestMethod]
        public void Each_owner_counts_the_holidays_as_their_own_zone_sees_them()
        {
            // Tue 10 Mar 09:00 UTC: Tue 22:00 in Auckland, Mon 23:00 in Honolulu. Berlin's day off (Wed 11, from 23:00 UTC on the
            // 10th) covers Auckland's Wednesday noon but not Honolulu's Tuesday noon: the advocate's recovery moves to
            // Thursday, the manager's escalation stays on Tuesday.
            var world = new AdvocacyWorld();
            var (advocate, manager, account) = Seed(world, TimeZoneCatalog.Auckland, TimeZoneCatalog.Hawaii);
            SeedSchedule(world, "Company holidays", ("Company day off", WednesdayInBerlin, 1440));
            NameSchedule(world, "Company holidays");
            world.Sandbox.Metrics.Reset();

            Answer(world, account, nps: 1);

            var recovery = world.Tasks(AdvocacyTaskKind.DetractorRecovery).Single();
            var escalation = world.Tasks(AdvocacyTaskKind.ManagerEscalation).Single();
            Assert.AreEqual(advocate, recovery.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(manager, escalation.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(new DateTime(2026, 3, 12), DueAsOwnerSees(world, recovery), "Auckland");
            Assert.AreEqual(new DateTime(2026, 3, 10), DueAsOwnerSees(world, escalation), "Honolulu");
            Assert.AreEqual(1L, Reads(world, "usersettings"), "both owners' zones still in one query");
            Assert.AreEqual(2L, Reads(world, "calendar"));
        }

        [TestMethod]
        public void A_schedule_the_settings_name_but_nobody_created_leaves_weekends_only_and_says_so_in_the_trace()
        {
            var world = new AdvocacyWorld();
            var (_, _, account) = Seed(world, TimeZoneCatalog.Berlin, TimeZoneCatalog.Berlin);
            SeedSchedule(world, "Company holidays", ("Company day off", WednesdayInBerlin, 1440));
            NameSchedule(world, "Firmenfeiertage");

            Answer(world, account, nps: 5);

            Assert.AreEqual(new DateTime(2026, 3, 11), DueAsOwnerSees(world, world.Tasks(AdvocacyTaskKind.DetractorRecovery).Single()));
            Assert.IsTrue(world.Sandbox.Executions.SelectMany(e => e.Traces).Any(t => t.Contains("no holiday schedule is named \"Firmenfeiertage\"")));
        }

        [TestMethod]
        public void A_calendar_of_another_type_with_the_name_is_not_a_holiday_schedule()
        {
            var world = new AdvocacyWorld();
            var (_, _, account) = Seed(world, TimeZoneCatalog.Berlin, TimeZoneCatalog.Berlin);
            // A customer service calendar with a rule on Wednesday: its rules are working hours or closures of a service, not holidays.
            world.Sandbox.Service.Create(new Entity("calendar")
            {
                ["name"] = "Company holidays", ["type"] = new OptionSetValue(1),
                ["calendarrules"] = new EntityCollection(new[] { new Entity("calendarrule") { ["name"] = "Closed", ["starttime"] = WednesdayInBerlin, ["duration"] = 1440 } }.ToList()),
            });
            NameSchedule(world, "Company holidays");

            Answer(world, account, nps: 5);

            Assert.AreEqual(new DateTime(2026, 3, 11), DueAsOwnerSees(world, world.Tasks(AdvocacyTaskKind.DetractorRecovery).Single()));
        }

        [TestMethod]
        public void Without_a_schedule_named_no_calendar_is_read()
        {
            var world = new AdvocacyWorld();
            var (_, _, account) = Seed(world, TimeZoneCatalog.Berlin, TimeZoneCatalog.Berlin);
            SeedSchedule(world, "Company holidays", ("Company day off", WednesdayInBerlin, 1440));
            world.Sandbox.Metrics.Reset();

            Answer(world, account, nps: 5);

            Assert.AreEqual(new DateTime(2026, 3, 11), DueAsOwnerSees(world, world.Tasks(AdvocacyTaskKind.DetractorRecovery).Single()));
            Assert.AreEqual(0L, Reads(world, "calendar"));
        }

        [TestMethod]
        public void The_sweeps_check_ins_skip_the_holidays_and_read_the_schedule_once_for_the_whole_sweep()
        {
            // Five business days from Tue 10 Mar are Tue 17 Mar; with Friday 13 a holiday in Berlin, Wed 18 Mar.
            var world = new AdvocacyWorld();
            SeedSchedule(world, "Company holidays", ("Company day off", new DateTime(2026, 3, 12, 23, 0, 0, DateTimeKind.Utc), 1440));
            NameSchedule(world, "Company holidays");
            var accounts = Enumerable.Range(0, 3).Select(i =>
            {
                var (_, _, account) = Seed(world, TimeZoneCatalog.Berlin, TimeZoneCatalog.Berlin);
                world.Sandbox.NestedService.Update(new Entity("account", account) { ["adv_nextproactivecontact"] = AdvocacyWorld.Now.Date });
                return account;
            }).ToArray();
            world.Sandbox.Metrics.Reset();

            var sweep = world.Sandbox.Run(new OrganizationRequest("adv_RunProactiveSweep"));

            Assert.AreEqual(3, sweep["Created"]);
            foreach (var task in world.Tasks(AdvocacyTaskKind.ProactiveCheckIn))
            {
                Assert.AreEqual(new DateTime(2026, 3, 18), DueAsOwnerSees(world, task));
            }
            Assert.AreEqual(2L, Reads(world, "calendar"));
        }

        [TestMethod]
        public void The_organizations_business_closures_count_when_the_settings_ask_for_them_and_add_to_a_named_schedule()
        {
            // Wednesday a business closure (Settings → Business Closures), Thursday a holiday of the named schedule: Tuesday's
            // detractor is due Friday. Without businessClosures the closure is not read.
            var world = new AdvocacyWorld();
            var (_, _, account) = Seed(world, TimeZoneCatalog.Berlin, TimeZoneCatalog.Berlin);
            world.Sandbox.Service.Update(new Entity("calendar", world.Sandbox.Regional.BusinessClosureCalendarId)
            {
                ["calendarrules"] = new EntityCollection(new[] { new Entity("calendarrule") { ["name"] = "Inventory", ["starttime"] = WednesdayInBerlin, ["duration"] = 1440 } }.ToList()),
            });
            SeedSchedule(world, "Company holidays", ("Company day off", WednesdayInBerlin.AddDays(1), 1440));
            world.Sandbox.SetEnvironmentVariable("adv_AdvocacySettings", "{ \"followUp\": { \"holidaySchedule\": \"Company holidays\", \"businessClosures\": true } }");
            world.Sandbox.Metrics.Reset();

            Answer(world, account, nps: 5);

            Assert.AreEqual(new DateTime(2026, 3, 13), DueAsOwnerSees(world, world.Tasks(AdvocacyTaskKind.DetractorRecovery).Single()));
            Assert.AreEqual(1L, Reads(world, "organization"), "the organization's closure calendar");
            Assert.AreEqual(3L, Reads(world, "calendar"), "the schedule by name, its rules, the closures' rules");

            var other = new AdvocacyWorld();
            var (_, _, otherAccount) = Seed(other, TimeZoneCatalog.Berlin, TimeZoneCatalog.Berlin);
            other.Sandbox.Service.Update(new Entity("calendar", other.Sandbox.Regional.BusinessClosureCalendarId)
            {
                ["calendarrules"] = new EntityCollection(new[] { new Entity("calendarrule") { ["name"] = "Inventory", ["starttime"] = WednesdayInBerlin, ["duration"] = 1440 } }.ToList()),
            });
            other.Sandbox.Metrics.Reset();
            Answer(other, otherAccount, nps: 5);
            Assert.AreEqual(new DateTime(2026, 3, 11), DueAsOwnerSees(other, other.Tasks(AdvocacyTaskKind.DetractorRecovery).Single()), "not asked for: not counted");
            Assert.AreEqual(0L, Reads(other, "organization") + Reads(other, "calendar"));
        }

        [TestMethod]
        public void A_workflow_activity_run_as_an_advocate_under_security_reads_the_schedule_with_the_shipped_role()
        {
            // A workflow activity's "system" service is the workflow's user: reading a calendar's rules takes
            // prvReadCalendar (calendarrule has no privileges of its own), which the shipped roles grant organization-wide.
            var world = new AdvocacyWorld();
            world.Secure();
            var (advocate, _, account) = Seed(world, TimeZoneCatalog.Berlin, TimeZoneCatalog.Berlin);
            world.Sandbox.Security.AssignRole(advocate, AdvocacyWorld.UsualRole);
            world.Sandbox.Security.AssignRole(advocate, "Customer Advocate");
            SeedSchedule(world, "Company holidays", ("Company day off", WednesdayInBerlin, 1440));
            world.Sandbox.SetEnvironmentVariable("adv_AdvocacySettings", "{ \"followUp\": { \"holidaySchedule\": \"Company holidays\", \"businessClosures\": true } }");

            var outputs = WorkflowActivityHarness.Run(world, new Advocacy.Plugins.Activities.FollowUp.CreateAdvocacyFollowUpActivity(),
                Activities.ActivityWorldExtensions.Inputs(("Kind", Activities.ActivityWorldExtensions.Value(AdvocacyTaskKind.ProactiveCheckIn)),
                    ("DueInBusinessDays", 1), ("Subject", "Call about the pallets"), ("Description", null), ("Account", new EntityReference("account", account))),
                advocate, new System.Collections.Generic.List<string>());

            var task = world.Sandbox.Get("task", ((EntityReference)outputs["Task"]!).Id);
            Assert.AreEqual(new DateTime(2026, 3, 12), DueAsOwnerSees(world, task), "Wednesday is the company's day off");
        }

        [TestMethod]
        public void The_schedules_name_matches_whatever_its_case_as_Dataverse_compares_text()
        {
            var world = new AdvocacyWorld();
            var (_, _, account) = Seed(world, TimeZoneCatalog.Berlin, TimeZoneCatalog.Berlin);
            SeedSchedule(world, "Company holidays", ("Company day off", WednesdayInBerlin, 1440));
            NameSchedule(world, "COMPANY Holidays");

            Answer(world, account, nps: 5);

            Assert.AreEqual(new DateTime(2026, 3, 12), DueAsOwnerSees(world, world.Tasks(AdvocacyTaskKind.DetractorRecovery).Single()));
        }

        [TestMethod]
        public void A_holiday_whose_rule_names_its_zone_closes_that_date_for_an_owner_23_hours_away()
        {
            // Tue 10 Mar 09:00 UTC is Mon 9 Mar 23:00 in Honolulu: the recovery is due Tuesday. Tuesday 10 March is a company
            // holiday written in Auckland (midnight NZDT = 11:00 UTC on the 9th). Read as an instant, it covers Honolulu's
            // Monday noon, not Tuesday's; its rule names Auckland's zone, so it closes Tuesday for Honolulu too.
            var world = new AdvocacyWorld();
            var (_, _, account) = Seed(world, TimeZoneCatalog.Hawaii, TimeZoneCatalog.Hawaii);
            var start = new DateTime(2026, 3, 9, 11, 0, 0, DateTimeKind.Utc);
            world.Sandbox.Service.Create(new Entity("calendar")
            {
                ["name"] = "Company holidays", ["type"] = new OptionSetValue(2),
                ["calendarrules"] = new EntityCollection(new[]
                {
                    new Entity("calendarrule") { ["name"] = "Company day", ["starttime"] = start, ["duration"] = 1440, ["timezonecode"] = TimeZoneCatalog.Auckland },
                }.ToList()),
            });
            NameSchedule(world, "Company holidays");
            world.Sandbox.Metrics.Reset();

            Answer(world, account, nps: 5);

            Assert.AreEqual(new DateTime(2026, 3, 11), DueAsOwnerSees(world, world.Tasks(AdvocacyTaskKind.DetractorRecovery).Single()));
            Assert.AreEqual(1L, Reads(world, "timezonedefinition"), "the rule's zone, read once");
        }
    }
}
