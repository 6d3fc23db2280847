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
            Assert.AreEqual(ErrorCodes.OutOfRange, create.ErrorCode);

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

            StringAssert.Contains(Refused(sandbox, "sbx_rate", 0.49m).Message, "The value 0.49 of 'sbx_rate' on record of type 'sbx_measure' is outside the valid range. Accepted Values: Between 0.5 and 2");
            StringAssert.Contains(Refused(sandbox, "sbx_ratio", 1.5d).Message, "Between -1 and 1");
            Refused(sandbox, "sbx_ratio", double.NaN);
            StringAssert.Contains(Refused(sandbox, "sbx_price", new Money(-0.01m)).Message, "The value -0.01 of 'sbx_price'");
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
        public void Seeded_rows_are_data_already_there_and_are_not_held_to_the_limits_but_a_save_of_them_is()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var id = Guid.NewGuid();
            sandbox.Seed(new Entity("adv_advocate", id) { ["adv_name"] = "Imported", ["adv_capacity"] = -3 });
            Assert.AreEqual(-3, sandbox.Row("adv_advocate", id)!.GetAttributeValue<int>("adv_capacity"));

            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity("adv_advocate", id) { ["adv_capacity"] = -2 }));
            sandbox.Service.Update(new Entity("adv_advocate", id) { ["adv_name"] = "Imported, renamed" });
        }

        private static SandboxFaultException Refused(DataverseSandbox sandbox, string column, object value) =>
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("sbx_measure") { [column] = value }));
    }
}
