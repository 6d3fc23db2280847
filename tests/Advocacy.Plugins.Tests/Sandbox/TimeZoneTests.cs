using System;
using System.Linq;
using Advocacy.Sandbox;
using Advocacy.Sandbox.Regional;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// Users' time zones as Dataverse keeps them (issue 12): a usersettings row per user, timezonedefinition rows with
    /// Windows standard names, the time conversion messages, the date and time columns' behaviours on write, and date
    /// operators counted in the caller's zone.
    /// </summary>
    [TestClass]
    public sealed class TimeZoneTests
    {
        private static readonly DateTime Now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc); // Tue; Los Angeles 02:00 PDT, Auckland 22:00 NZDT

        [TestMethod]
        public void A_new_user_gets_a_settings_row_with_the_organizations_zone_language_and_locale()
        {
            var sandbox = DataverseSandbox.ForRepository();
            sandbox.Regional.DefaultTimeZoneCode = TimeZoneCatalog.Eastern;
            var user = sandbox.SeedUser("Dana Ruiz");

            var settings = sandbox.Service.Retrieve("usersettings", user, new ColumnSet("timezonecode", "uilanguageid", "localeid"));
            Assert.AreEqual(TimeZoneCatalog.Eastern, settings.GetAttributeValue<int>("timezonecode"));
            Assert.AreEqual(1033, settings.GetAttributeValue<int>("uilanguageid"));
            Assert.AreEqual(1033, settings.GetAttributeValue<int>("localeid"));
        }

        [TestMethod]
        public void Time_zone_definitions_carry_dataverses_codes_and_windows_standard_names()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var byCode = sandbox.Service.RetrieveMultiple(new QueryExpression("timezonedefinition") { ColumnSet = new ColumnSet("timezonecode", "standardname", "bias") })
                .Entities.ToDictionary(e => e.GetAttributeValue<int>("timezonecode"));

            Assert.AreEqual("Pacific Standard Time", byCode[4].GetAttributeValue<string>("standardname"));
            Assert.AreEqual("Eastern Standard Time", byCode[35].GetAttributeValue<string>("standardname"));
            Assert.AreEqual("UTC", byCode[92].GetAttributeValue<string>("standardname"));
            Assert.AreEqual("Hawaiian Standard Time", byCode[2].GetAttributeValue<string>("standardname"));
            Assert.AreEqual("New Zealand Standard Time", byCode[290].GetAttributeValue<string>("standardname"));
            Assert.AreEqual("India Standard Time", byCode[190].GetAttributeValue<string>("standardname"));
            Assert.AreEqual(480, byCode[4].GetAttributeValue<int>("bias"));
            Assert.AreEqual(-330, byCode[190].GetAttributeValue<int>("bias"));
        }

        [TestMethod]
        public void LocalTimeFromUtcTime_follows_daylight_saving_time_in_los_angeles()
        {
            var sandbox = DataverseSandbox.ForRepository();

            DateTime Local(DateTime utc) => (DateTime)sandbox.Service.Execute(new OrganizationRequest("LocalTimeFromUtcTime")
            {
                ["TimeZoneCode"] = TimeZoneCatalog.Pacific,
                ["UtcTime"] = utc,
            }).Results["LocalTime"];

            Assert.AreEqual(new DateTime(2026, 2, 26, 0, 0, 0), Local(new DateTime(2026, 2, 26, 8, 0, 0, DateTimeKind.Utc)));   // PST, UTC−8
            Assert.AreEqual(new DateTime(2026, 3, 10, 0, 0, 0), Local(new DateTime(2026, 3, 10, 7, 0, 0, DateTimeKind.Utc)));   // PDT since 8 Mar, UTC−7
        }

        [TestMethod]
        public void UtcTimeFromLocalTime_is_the_inverse_and_an_unknown_code_is_refused()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var response = sandbox.Service.Execute(new OrganizationRequest("UtcTimeFromLocalTime")
            {
                ["TimeZoneCode"] = TimeZoneCatalog.Auckland,
                ["LocalTime"] = new DateTime(2026, 3, 10, 12, 0, 0),
            });
            Assert.AreEqual(new DateTime(2026, 3, 9, 23, 0, 0, DateTimeKind.Utc), (DateTime)response.Results["UtcTime"]); // NZDT, UTC+13

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Execute(new OrganizationRequest("UtcTimeFromLocalTime")
            {
                ["TimeZoneCode"] = 9999,
                ["LocalTime"] = new DateTime(2026, 3, 10, 12, 0, 0),
            }));
            StringAssert.Contains(fault.Message, "9999");
        }

        [TestMethod]
        public void A_date_only_column_keeps_the_date_and_drops_the_time_while_a_user_local_column_keeps_the_instant()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var id = sandbox.Service.Create(new Entity("account")
            {
                ["name"] = "Contoso",
                ["adv_nextproactivecontact"] = new DateTime(2026, 4, 9, 23, 30, 0, DateTimeKind.Utc), // DateOnly (Behavior 2)
            });
            var task = sandbox.Service.Create(new Entity("task") { ["subject"] = "Call", ["scheduledend"] = new DateTime(2026, 4, 9, 23, 30, 0, DateTimeKind.Utc) });

            Assert.AreEqual(new DateTime(2026, 4, 9), sandbox.Service.Retrieve("account", id, new ColumnSet("adv_nextproactivecontact")).GetAttributeValue<DateTime>("adv_nextproactivecontact"));
            Assert.AreEqual(new DateTime(2026, 4, 9, 23, 30, 0), sandbox.Service.Retrieve("task", task, new ColumnSet("scheduledend")).GetAttributeValue<DateTime>("scheduledend"));
            Assert.AreEqual(DateBehavior.DateOnly, sandbox.Metadata.Table("account")!.Column("adv_nextproactivecontact")!.DateBehavior);
            Assert.AreEqual(DateBehavior.UserLocal, sandbox.Metadata.Table("adv_inconvenience")!.Column("adv_promisedon")!.DateBehavior);
        }

        [TestMethod]
        public void Today_is_the_callers_today_a_task_due_at_07_utc_is_today_in_auckland_and_yesterday_in_los_angeles()
        {
            var sandbox = DataverseSandbox.ForRepository();
            sandbox.Clock.UtcNow = Now;
            var angelena = sandbox.SeedUser("Lee Park");
            var kiwi = sandbox.SeedUser("Aroha Ngata");
            sandbox.Regional.SetUserSettings(angelena, timeZoneCode: TimeZoneCatalog.Pacific);
            sandbox.Regional.SetUserSettings(kiwi, timeZoneCode: TimeZoneCatalog.Auckland);
            // 10 Mar 02:00 UTC = 9 Mar 19:00 in Los Angeles, 10 Mar 15:00 in Auckland.
            sandbox.Service.Create(new Entity("task") { ["subject"] = "due", ["scheduledend"] = new DateTime(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc) });

            int Count(Guid user, string op) => sandbox.CreateService(user).RetrieveMultiple(new FetchExpression(
                $"<fetch><entity name='task'><attribute name='subject'/><filter><condition attribute='scheduledend' operator='{op}'/></filter></entity></fetch>")).Entities.Count;

            Assert.AreEqual(1, Count(kiwi, "today"));
            Assert.AreEqual(0, Count(angelena, "today"));
            Assert.AreEqual(1, Count(angelena, "yesterday"));
            Assert.AreEqual(1, Count(sandbox.AdminUserId, "today")); // UTC
        }

        [TestMethod]
        public void Date_grouping_groups_in_the_callers_zone_unless_usertimezone_is_false_and_never_moves_a_date_only_value()
        {
            // Microsoft Learn, FetchXml attribute element, usertimezone: "When you don't set this attribute, the default
            // value is true, and the user's time zone is used"; false groups by UTC.
            var sandbox = DataverseSandbox.ForRepository();
            sandbox.Clock.UtcNow = Now;
            var kiwi = sandbox.SeedUser("Aroha Ngata");
            var honolulu = sandbox.SeedUser("Kai");
            sandbox.Regional.SetUserSettings(kiwi, timeZoneCode: TimeZoneCatalog.Auckland);
            sandbox.Regional.SetUserSettings(honolulu, timeZoneCode: TimeZoneCatalog.Hawaii);
            // 31 Mar 20:00 UTC = 1 Apr 09:00 in Auckland (NZDT), 31 Mar 10:00 in Honolulu.
            sandbox.Service.Create(new Entity("task") { ["subject"] = "due", ["scheduledend"] = new DateTime(2026, 3, 31, 20, 0, 0, DateTimeKind.Utc) });
            sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso", ["adv_lastproactivecontact"] = new DateTime(2026, 3, 31) });

            object Group(Guid user, string table, string column, string part, string userTimeZone = "") =>
                sandbox.CreateService(user).RetrieveMultiple(new FetchExpression(
                    $"<fetch aggregate='true'><entity name='{table}'><attribute name='{column}' alias='g' groupby='true' dategrouping='{part}' {userTimeZone}/>" +
                    $"<attribute name='{table}id' alias='n' aggregate='count' /></entity></fetch>"))
                    .Entities.Single().GetAttributeValue<AliasedValue>("g").Value;

            Assert.AreEqual(4, Group(kiwi, "task", "scheduledend", "month"));
            Assert.AreEqual(3, Group(honolulu, "task", "scheduledend", "month"));
            Assert.AreEqual(3, Group(sandbox.AdminUserId, "task", "scheduledend", "month"), "the administrator is on UTC here");
            Assert.AreEqual(3, Group(kiwi, "task", "scheduledend", "month", "usertimezone='false'"));
            Assert.AreEqual(1, Group(kiwi, "task", "scheduledend", "day"));
            Assert.AreEqual(31, Group(honolulu, "account", "adv_lastproactivecontact", "day"), "a date-only value is the same day for everyone");
            Assert.AreEqual(31, Group(kiwi, "account", "adv_lastproactivecontact", "day"));
        }

        [TestMethod]
        public void On_or_before_and_last_x_days_count_whole_days_in_the_callers_zone()
        {
            var sandbox = DataverseSandbox.ForRepository();
            sandbox.Clock.UtcNow = Now;
            var honolulu = sandbox.SeedUser("Kai");
            sandbox.Regional.SetUserSettings(honolulu, timeZoneCode: TimeZoneCatalog.Hawaii);
            // 9 Mar 08:00 UTC = 8 Mar 22:00 in Honolulu.
            sandbox.Service.Create(new Entity("task") { ["subject"] = "due", ["scheduledend"] = new DateTime(2026, 3, 9, 8, 0, 0, DateTimeKind.Utc) });

            int Count(Guid user, string condition) => sandbox.CreateService(user).RetrieveMultiple(new FetchExpression(
                $"<fetch><entity name='task'><attribute name='subject'/><filter>{condition}</filter></entity></fetch>")).Entities.Count;

            Assert.AreEqual(1, Count(honolulu, "<condition attribute='scheduledend' operator='on' value='2026-03-08'/>"));
            Assert.AreEqual(0, Count(sandbox.AdminUserId, "<condition attribute='scheduledend' operator='on' value='2026-03-08'/>"));
            Assert.AreEqual(1, Count(honolulu, "<condition attribute='scheduledend' operator='on-or-before' value='2026-03-08'/>"));
            Assert.AreEqual(0, Count(honolulu, "<condition attribute='scheduledend' operator='on-or-after' value='2026-03-09'/>"));
            // Honolulu's today is 9 Mar (23:00 on the 9th); the task is on the 8th: inside last-1-days, outside today.
            Assert.AreEqual(1, Count(honolulu, "<condition attribute='scheduledend' operator='last-x-days' value='1'/>"));
            Assert.AreEqual(0, Count(honolulu, "<condition attribute='scheduledend' operator='today'/>"));
        }

        [TestMethod]
        public void A_date_only_column_is_compared_as_stored_whatever_the_callers_zone()
        {
            var sandbox = DataverseSandbox.ForRepository();
            sandbox.Clock.UtcNow = Now;
            var auckland = sandbox.SeedUser("Aroha Ngata");
            sandbox.Regional.SetUserSettings(auckland, timeZoneCode: TimeZoneCatalog.Auckland);
            sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso", ["adv_nextproactivecontact"] = new DateTime(2026, 3, 10) });

            var found = sandbox.CreateService(auckland).RetrieveMultiple(new FetchExpression(
                "<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='adv_nextproactivecontact' operator='on' value='2026-03-10'/></filter></entity></fetch>"));
            Assert.HasCount(1, found.Entities);
        }

        [TestMethod]
        public void A_user_without_settings_or_with_an_unknown_zone_gets_the_organizations_default_zone()
        {
            var sandbox = DataverseSandbox.ForRepository();
            sandbox.Regional.DefaultTimeZoneCode = TimeZoneCatalog.Pacific;
            var nobody = sandbox.SeedUser("No Settings");
            var odd = sandbox.SeedUser("Odd Zone");
            sandbox.Regional.RemoveUserSettings(nobody);
            sandbox.Regional.SetUserSettings(odd, timeZoneCode: 12345);

            Assert.AreEqual(TimeSpan.FromHours(-8), sandbox.Regional.ZoneOf(nobody).BaseUtcOffset);
            Assert.AreEqual(TimeSpan.FromHours(-8), sandbox.Regional.ZoneOf(odd).BaseUtcOffset);
        }
    }
}
