using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox.Testing
{
    /// <summary>
    /// Lenient mode: tables no solution folder describes are accepted, each new column typed by its first value (as FakeXrmEasy
    /// does without early-bound types). Off by default.
    /// </summary>
    [TestClass]
    public class LenientModeTests
    {
        [TestMethod]
        public void By_default_a_table_without_metadata_is_refused_as_Dataverse_refuses_it()
        {
            var sandbox = new DataverseSandbox((string?)null);
            Assert.IsTrue(sandbox.Metadata.Strict);
            var e = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("new_project") { ["new_name"] = "Apollo" }));
            StringAssert.Contains(e.Message, "new_project");
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Seed(new Entity("new_project") { ["new_name"] = "Apollo" }));
        }

        [TestMethod]
        public void In_lenient_mode_any_table_and_column_is_written_read_and_queried()
        {
            var sandbox = DataverseSandbox.Lenient();
            Guid id = sandbox.Service.Create(new Entity("new_project") { ["new_name"] = "Apollo", ["new_budget"] = new Money(1200m), ["new_phase"] = 2 });
            sandbox.Service.Create(new Entity("new_project") { ["new_name"] = "Gemini", ["new_phase"] = 1 });

            var row = sandbox.Service.Retrieve("new_project", id, new ColumnSet(true));
            Assert.AreEqual("Apollo", row["new_name"]);
            Assert.AreEqual(1200m, row.GetAttributeValue<Money>("new_budget").Value);
            var query = new QueryExpression("new_project") { ColumnSet = new ColumnSet("new_name") };
            query.Criteria.AddCondition("new_phase", ConditionOperator.GreaterThan, 1);
            Assert.AreEqual("Apollo", sandbox.Service.RetrieveMultiple(query).Entities.Single()["new_name"]);
        }

        [TestMethod]
        public void In_lenient_mode_a_column_takes_the_type_of_its_first_value_and_refuses_another()
        {
            var sandbox = DataverseSandbox.Lenient();
            sandbox.Service.Create(new Entity("new_project") { ["new_phase"] = 2 });

            var column = sandbox.Metadata.Table("new_project")!.Column("new_phase")!;
            Assert.AreEqual(ColumnType.Integer, column.Type);
            Assert.IsTrue(column.IsInferred);
            Assert.IsTrue(sandbox.Metadata.Table("new_project")!.IsInferred);
            var e = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("new_project") { ["new_phase"] = "two" }));
            StringAssert.Contains(e.Message, "new_phase");
        }

        [TestMethod]
        public void In_lenient_mode_a_null_first_value_leaves_the_column_untyped_until_a_value_comes()
        {
            var sandbox = DataverseSandbox.Lenient();
            sandbox.Service.Create(new Entity("new_project") { ["new_owneremail"] = null });
            Assert.IsNull(sandbox.Metadata.Table("new_project")!.Column("new_owneremail"));

            sandbox.Service.Create(new Entity("new_project") { ["new_owneremail"] = "ops@contoso.example" });
            Assert.AreEqual(ColumnType.String, sandbox.Metadata.Table("new_project")!.Column("new_owneremail")!.Type);
        }

        [TestMethod]
        public void Lenient_mode_keeps_the_declared_types_of_known_tables_and_accepts_their_unknown_columns()
        {
            var sandbox = DataverseSandbox.Lenient();
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("account") { ["name"] = 5 }));

            Guid id = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso", ["new_segment"] = new OptionSetValue(3) });
            Assert.AreEqual(3, sandbox.Get("account", id).GetAttributeValue<OptionSetValue>("new_segment").Value);
            Assert.AreEqual(ColumnType.Choice, sandbox.Metadata.Table("account")!.Column("new_segment")!.Type);
        }

        [TestMethod]
        public void Inferred_tables_get_the_platform_columns_and_lookups_to_them_are_not_checked_while_declared_tables_are()
        {
            var sandbox = DataverseSandbox.Lenient();
            Guid id = sandbox.Service.Create(new Entity("new_project") { ["new_programid"] = new EntityReference("new_program", Guid.NewGuid()) });
            var row = sandbox.Get("new_project", id);
            Assert.AreEqual(sandbox.AdminUserId, row.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(0, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.AreEqual(id, row["new_projectid"]);

            // account is a table the sandbox declares: a lookup to an account that does not exist is refused as Dataverse does.
            var missing = Guid.NewGuid();
            var e = Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.Service.Create(new Entity("new_project") { ["new_accountid"] = new EntityReference("account", missing) }));
            StringAssert.Contains(e.Message, missing.ToString());
        }

        [TestMethod]
        public void Lenient_mode_over_a_solution_folder_keeps_the_solution_strict_where_it_speaks()
        {
            var folder = TestSolutionFolder.Write(TestSolutionFolder.Projects);
            try
            {
                var sandbox = DataverseSandbox.Lenient(folder);
                Assert.IsFalse(sandbox.Metadata.Strict);
                Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("new_project") { ["new_name"] = 42 }));
                sandbox.Service.Create(new Entity("new_project") { ["new_name"] = "Apollo", ["new_extra"] = true });
                Assert.AreEqual(ColumnType.Boolean, sandbox.Metadata.Table("new_project")!.Column("new_extra")!.Type);
            }
            finally
            {
                TestSolutionFolder.Delete(folder);
            }
        }
    }
}
