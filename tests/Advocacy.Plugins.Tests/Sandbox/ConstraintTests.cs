using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// Column limits from the solution's metadata (Entity.xml MaxLength, MinValue, MaxValue) are enforced on Create and
    /// Update with Dataverse's validation wording, so a plug-in or test that writes what the platform refuses fails here.
    /// </summary>
    [TestClass]
    public sealed class ConstraintTests
    {
        [TestMethod]
        public void The_solutions_limits_are_read_from_its_metadata()
        {
            var metadata = DataverseSandbox.ForRepository().Metadata;
            var csat = metadata.Table("adv_feedback")!.Column("adv_csat")!;
            Assert.AreEqual(1m, csat.MinValue);
            Assert.AreEqual(5m, csat.MaxValue);
            Assert.AreEqual(200, metadata.Table("adv_feedback")!.Column("adv_name")!.MaxLength);
            Assert.AreEqual(4000, metadata.Table("adv_feedback")!.Column("adv_comments")!.MaxLength);
            Assert.AreEqual(1m, metadata.Table("account")!.Column("adv_cadencedays")!.MinValue, "an extension column of a standard table");
            Assert.IsNull(metadata.Table("adv_feedback")!.Column("adv_name")!.MinValue);
        }

        [TestMethod]
        public void A_whole_number_outside_its_range_is_refused_on_create_and_update_and_nothing_is_written()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso", ["adv_cadencedays"] = 3650 });

            var create = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("account") { ["name"] = "Fabrikam", ["adv_cadencedays"] = 0 }));
            Assert.AreEqual("A validation error occurred. The value 0 of 'adv_cadencedays' on record of type 'account' is outside the valid range. Accepted Values: Between 1 and 3650", create.Message);
            Assert.AreEqual(unchecked((int)0x8004432F), create.ErrorCode, "IntegerValueOutOfRange (Microsoft Learn, \"Web service error codes\")");

            var update = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity("account", account) { ["adv_cadencedays"] = 3651 }));
            StringAssert.Contains(update.Message, "The value 3651 of 'adv_cadencedays'");
            Assert.AreEqual(3650, sandbox.Row("account", account)!.GetAttributeValue<int>("adv_cadencedays"));
            Assert.AreEqual(1, sandbox.Count("account"));
        }

        [TestMethod]
        public void Text_longer_than_the_columns_maximum_length_is_refused_and_text_of_exactly_that_length_is_kept()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var id = sandbox.Service.Create(new Entity("adv_advocate") { ["adv_name"] = new string('a', 100) });

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity("adv_advocate", id) { ["adv_name"] = new string('b', 101) }));
            Assert.AreEqual("A validation error occurred. The length of the 'adv_name' attribute of the 'adv_advocate' entity exceeded the maximum allowed length of '100'.", fault.Message);
            Assert.AreEqual(ErrorCodes.StringLengthTooLong, fault.ErrorCode);
            Assert.AreEqual(100, sandbox.Row("adv_advocate", id)!.GetAttributeValue<string>("adv_name").Length);
        }

        [TestMethod]
        public void Decimal_float_and_currency_columns_keep_to_their_declared_ranges()
        {
            var sandbox = SandboxFixture.Create();
            sandbox.Metadata.AddTable("sbx_measure",
                new ColumnMetadata("sbx_rate", ColumnType.Decimal) { MinValue = 0.5m, MaxValue = 2m },
                new ColumnMetadata("sbx_ratio", ColumnType.Double) { MinValue = -1m, MaxValue = 1m },
                new ColumnMetadata("sbx_price", ColumnType.Money) { MinValue = 0m, MaxValue = 1000m });
            sandbox.Service.Create(new Entity("sbx_measure") { ["sbx_rate"] = 2m, ["sbx_ratio"] = -1d, ["sbx_price"] = new Money(1000m) });

            var rate = Refused(sandbox, "sbx_rate", 0.49m);
            StringAssert.Contains(rate.Message, "The value 0.49 of 'sbx_rate' on record of type 'sbx_measure' is outside the valid range. Accepted Values: Between 0.5 and 2");
            var ratio = Refused(sandbox, "sbx_ratio", 1.5d);
            StringAssert.Contains(ratio.Message, "Between -1 and 1");
            Refused(sandbox, "sbx_ratio", double.NaN);
            var price = Refused(sandbox, "sbx_price", new Money(-0.01m));
            StringAssert.Contains(price.Message, "The value -0.01 of 'sbx_price'");
            // The codes Microsoft Learn's "Web service error codes" gives each kind of number (it has none for float columns).
            Assert.AreEqual(unchecked((int)0x80044330), rate.ErrorCode, "DecimalValueOutOfRange");
            Assert.AreEqual(unchecked((int)0x80044330), ratio.ErrorCode, "a float column shares the decimal code");
            Assert.AreEqual(unchecked((int)0x80040317), price.ErrorCode, "MoneySizeExceeded");
            Assert.AreEqual(1, sandbox.Count("sbx_measure"));
        }

        [TestMethod]
        public void Clearing_a_limited_column_is_always_allowed()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso", ["adv_cadencedays"] = 30 });
            sandbox.Service.Update(new Entity("account", account) { ["adv_cadencedays"] = null });
            Assert.IsFalse(sandbox.Service.Retrieve("account", account, new Microsoft.Xrm.Sdk.Query.ColumnSet("adv_cadencedays")).Contains("adv_cadencedays"));
        }

        [TestMethod]
        public void The_standard_task_columns_carry_Microsofts_published_limits()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var task = sandbox.Metadata.Table("task")!;
            Assert.AreEqual(200, task.Column("subject")!.MaxLength);
            Assert.AreEqual(2000, task.Column("description")!.MaxLength);
            Assert.AreEqual(100m, task.Column("percentcomplete")!.MaxValue);

            var id = sandbox.Service.Create(new Entity("task") { ["subject"] = new string('s', 200), ["description"] = new string('d', 2000) });
            StringAssert.Contains(Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity("task", id) { ["description"] = new string('d', 2001) })).Message,
                "The length of the 'description' attribute of the 'task' entity exceeded the maximum allowed length of '2000'.");
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity("task", id) { ["percentcomplete"] = 101 }));
        }

        [TestMethod]
        public void An_account_name_of_160_characters_is_kept_and_one_of_161_is_refused_with_the_platforms_message()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var id = sandbox.Service.Create(new Entity("account") { ["name"] = new string('a', 160) });

            var create = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("account") { ["name"] = new string('b', 161) }));
            Assert.AreEqual("A validation error occurred. The length of the 'name' attribute of the 'account' entity exceeded the maximum allowed length of '160'.", create.Message);
            Assert.AreEqual(ErrorCodes.StringLengthTooLong, create.ErrorCode);
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity("account", id) { ["name"] = new string('c', 161) }));

            Assert.AreEqual(new string('a', 160), sandbox.Row("account", id)!.GetAttributeValue<string>("name"));
            Assert.AreEqual(1, sandbox.Count("account"));
        }

        [TestMethod]
        public void A_contacts_last_name_keeps_to_50_characters_and_its_email_to_100()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var id = sandbox.Service.Create(new Entity("contact") { ["lastname"] = new string('l', 50), ["emailaddress1"] = new string('e', 100) });

            StringAssert.Contains(Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity("contact", id) { ["lastname"] = new string('l', 51) })).Message,
                "The length of the 'lastname' attribute of the 'contact' entity exceeded the maximum allowed length of '50'.");
            StringAssert.Contains(Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("contact") { ["emailaddress1"] = new string('e', 101) })).Message,
                "The length of the 'emailaddress1' attribute of the 'contact' entity exceeded the maximum allowed length of '100'.");
            Assert.AreEqual(1, sandbox.Count("contact"));
        }

        [TestMethod]
        public void A_case_title_keeps_to_200_characters()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var id = sandbox.Service.Create(new Entity("incident") { ["title"] = new string('t', 200) });

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity("incident", id) { ["title"] = new string('t', 201) }));
            Assert.AreEqual("A validation error occurred. The length of the 'title' attribute of the 'incident' entity exceeded the maximum allowed length of '200'.", fault.Message);
            Assert.AreEqual(200, sandbox.Row("incident", id)!.GetAttributeValue<string>("title").Length);
        }

        [TestMethod]
        public void User_team_and_business_unit_names_keep_to_Microsofts_lengths()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var user = sandbox.SeedUser("Alex Agent");
            var unit = sandbox.SeedBusinessUnit("Service");
            var team = sandbox.SeedTeam("Advocates", unit);

            sandbox.Service.Update(new Entity("systemuser", user) { ["fullname"] = new string('u', 200), ["firstname"] = new string('f', 256) });
            sandbox.Service.Update(new Entity("team", team) { ["name"] = new string('t', 160) });
            sandbox.Service.Update(new Entity("businessunit", unit) { ["name"] = new string('b', 160) });

            StringAssert.Contains(Refused(sandbox, new Entity("systemuser", user) { ["fullname"] = new string('u', 201) }),
                "The length of the 'fullname' attribute of the 'systemuser' entity exceeded the maximum allowed length of '200'.");
            StringAssert.Contains(Refused(sandbox, new Entity("systemuser", user) { ["firstname"] = new string('f', 257) }), "maximum allowed length of '256'.");
            StringAssert.Contains(Refused(sandbox, new Entity("team", team) { ["name"] = new string('t', 161) }),
                "The length of the 'name' attribute of the 'team' entity exceeded the maximum allowed length of '160'.");
            StringAssert.Contains(Refused(sandbox, new Entity("businessunit", unit) { ["name"] = new string('b', 161) }),
                "The length of the 'name' attribute of the 'businessunit' entity exceeded the maximum allowed length of '160'.");
            Assert.AreEqual(160, sandbox.Row("team", team)!.GetAttributeValue<string>("name").Length);
        }

        [TestMethod]
        public void An_accounts_number_of_employees_and_revenue_keep_to_their_published_ranges()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var id = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso", ["numberofemployees"] = 1000000000, ["revenue"] = new Money(0m) });

            Assert.AreEqual("A validation error occurred. The value 1000000001 of 'numberofemployees' on record of type 'account' is outside the valid range. Accepted Values: Between 0 and 1000000000",
                Refused(sandbox, new Entity("account", id) { ["numberofemployees"] = 1000000001 }));
            StringAssert.Contains(Refused(sandbox, new Entity("account", id) { ["numberofemployees"] = -1 }), "The value -1 of 'numberofemployees'");
            StringAssert.Contains(Refused(sandbox, new Entity("account", id) { ["revenue"] = new Money(-0.01m) }),
                "The value -0.01 of 'revenue' on record of type 'account' is outside the valid range. Accepted Values: Between 0 and 100000000000000");
            Assert.AreEqual(1000000000, sandbox.Row("account", id)!.GetAttributeValue<int>("numberofemployees"));
        }

        /// <summary>
        /// Every text and number column the sandbox declares for these standard tables carries a published limit, except the
        /// time-zone columns the Team, Business Unit and Subject pages do not list (StandardLimits: "not published").
        /// </summary>
        [TestMethod]
        public void Every_declared_text_and_number_column_of_the_standard_tables_carries_a_published_limit()
        {
            var notPublished = new[] { "team.timezoneruleversionnumber", "team.utcconversiontimezonecode", "businessunit.timezoneruleversionnumber",
                "businessunit.utcconversiontimezonecode", "subject.timezoneruleversionnumber", "subject.utcconversiontimezonecode" };
            var metadata = DataverseSandbox.ForRepository().Metadata;
            var unlimited = new[] { "account", "contact", "incident", "salesorder", "incidentresolution", "systemuser", "team", "businessunit", "subject",
                    "environmentvariabledefinition", "environmentvariablevalue" }
                .SelectMany(t => metadata.Table(t)!.Columns.Select(c => (Table: t, Column: c)))
                .Where(x => !x.Column.LogicalName.StartsWith("adv_", StringComparison.Ordinal))
                .Where(x => x.Column.Type == ColumnType.String ? x.Column.MaxLength == null
                    : x.Column.Type is ColumnType.Integer or ColumnType.Money or ColumnType.Decimal or ColumnType.Double
                        && (x.Column.MinValue == null || x.Column.MaxValue == null))
                .Select(x => x.Table + "." + x.Column.LogicalName)
                .ToList();

            CollectionAssert.AreEquivalent(notPublished, unlimited, "unlimited: " + string.Join(", ", unlimited));
        }

        [TestMethod]
        public void Seeded_rows_are_data_already_there_and_are_not_held_to_the_limits_but_a_save_of_them_is()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var id = Guid.NewGuid();
            sandbox.Seed(new Entity("adv_advocate", id) { ["adv_name"] = "Imported", ["adv_capacity"] = -3 });
            Assert.AreEqual(-3, sandbox.Row("adv_advocate", id)!.GetAttributeValue<int>("adv_capacity"));

            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity("adv_advocate", id) { ["adv_capacity"] = -2 }));
            sandbox.Service.Update(new Entity("adv_advocate", id) { ["adv_name"] = "Imported, renamed" });
        }

        private static string Refused(DataverseSandbox sandbox, Entity update) =>
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(update)).Message;

        private static SandboxFaultException Refused(DataverseSandbox sandbox, string column, object value) =>
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("sbx_measure") { [column] = value }));
    }
}
