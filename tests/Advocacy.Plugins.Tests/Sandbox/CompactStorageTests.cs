using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// The store keeps committed rows compactly and shares equal values between them (one owner lookup for all the
    /// rows of that owner, one box per date); what a caller reads must still be its own copy.
    /// </summary>
    [TestClass]
    public sealed class CompactStorageTests
    {
        [TestMethod]
        public void Changing_a_read_lookup_or_choice_does_not_change_other_rows_that_share_the_stored_value()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var owner = sandbox.SeedUser("Owner");
            var a = sandbox.Service.Create(new Entity("account") { ["name"] = "A", ["ownerid"] = new EntityReference("systemuser", owner) });
            var b = sandbox.Service.Create(new Entity("account") { ["name"] = "B", ["ownerid"] = new EntityReference("systemuser", owner) });

            var readA = sandbox.Service.Retrieve("account", a, new ColumnSet(true));
            readA.GetAttributeValue<EntityReference>("ownerid").Id = Guid.NewGuid();
            readA.GetAttributeValue<OptionSetValue>("statecode").Value = 1;
            // The columns a create adds share one value between rows (the creator, the business unit, the default state and
            // status reason, the currency) from the moment they are written.
            readA.GetAttributeValue<OptionSetValue>("statuscode").Value = 2;
            readA.GetAttributeValue<EntityReference>("createdby").Id = Guid.NewGuid();
            readA.GetAttributeValue<EntityReference>("owningbusinessunit").Id = Guid.NewGuid();
            readA.GetAttributeValue<EntityReference>("transactioncurrencyid").Id = Guid.NewGuid();
            var page = sandbox.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("ownerid", "statecode") });
            page.Entities[0].GetAttributeValue<EntityReference>("ownerid").Id = Guid.NewGuid();
            var c = sandbox.Service.Create(new Entity("account") { ["name"] = "C", ["ownerid"] = new EntityReference("systemuser", owner) });

            foreach (var id in new[] { a, b, c })
            {
                var row = sandbox.Service.Retrieve("account", id, new ColumnSet(true));
                Assert.AreEqual(owner, row.GetAttributeValue<EntityReference>("ownerid").Id);
                Assert.AreEqual(0, row.GetAttributeValue<OptionSetValue>("statecode").Value);
                Assert.AreEqual(1, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
                Assert.AreEqual(sandbox.AdminUserId, row.GetAttributeValue<EntityReference>("createdby").Id);
                Assert.AreEqual(sandbox.BusinessUnitId, row.GetAttributeValue<EntityReference>("owningbusinessunit").Id);
                Assert.AreEqual(sandbox.Regional.BaseCurrencyId, row.GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
            }
        }

        [TestMethod]
        public void Lookups_to_rows_of_different_tables_with_the_same_id_keep_their_own_table()
        {
            // Stored lookups are shared by id; one to another table with that id must not be taken for it.
            var sandbox = new DataverseSandbox((string?)null);
            var id = Guid.NewGuid();
            sandbox.Seed(new Entity("systemuser", id) { ["fullname"] = "Same id" }, new Entity("account", id) { ["name"] = "Same id" });

            var first = sandbox.Service.Create(new Entity("account") { ["name"] = "A", ["ownerid"] = new EntityReference("systemuser", id) });
            var second = sandbox.Service.Create(new Entity("account") { ["name"] = "B", ["parentaccountid"] = new EntityReference("account", id), ["ownerid"] = new EntityReference("systemuser", id) });

            Assert.AreEqual("systemuser", sandbox.Service.Retrieve("account", first, new ColumnSet("ownerid")).GetAttributeValue<EntityReference>("ownerid").LogicalName);
            var row = sandbox.Service.Retrieve("account", second, new ColumnSet("ownerid", "parentaccountid"));
            Assert.AreEqual("account", row.GetAttributeValue<EntityReference>("parentaccountid").LogicalName);
            Assert.AreEqual("systemuser", row.GetAttributeValue<EntityReference>("ownerid").LogicalName);
        }

        [TestMethod]
        public void Rows_stay_found_by_id_as_the_table_grows_with_and_without_deleted_rows()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var ids = Enumerable.Range(0, 200).Select(i => sandbox.Service.Create(new Entity("account") { ["name"] = "A" + i })).ToList();
            foreach (var id in ids.Where((_, i) => i % 3 == 0))
            {
                sandbox.Service.Delete("account", id);
            }
            var more = Enumerable.Range(0, 200).Select(i => sandbox.Service.Create(new Entity("account") { ["name"] = "B" + i })).ToList();

            foreach (var (id, i) in ids.Select((id, i) => (id, i)).Where(p => p.i % 3 != 0))
            {
                Assert.AreEqual("A" + i, sandbox.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
            }
            foreach (var (id, i) in more.Select((id, i) => (id, i)))
            {
                Assert.AreEqual("B" + i, sandbox.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
            }
            Assert.AreEqual(200 - 67 + 200, sandbox.Count("account"));
        }

        [TestMethod]
        public void The_primary_key_column_reads_back_as_the_row_id_everywhere()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var id = sandbox.Service.Create(new Entity("account") { ["name"] = "A" });

            Assert.AreEqual(id, sandbox.Service.Retrieve("account", id, new ColumnSet(true)).GetAttributeValue<Guid>("accountid"));
            var all = sandbox.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet(true) }).Entities.Single();
            Assert.AreEqual(id, all.GetAttributeValue<Guid>("accountid"));
            var byId = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            byId.Criteria.AddCondition("accountid", ConditionOperator.Equal, id);
            Assert.AreEqual("A", sandbox.Service.RetrieveMultiple(byId).Entities.Single().GetAttributeValue<string>("name"));
            Assert.AreEqual(id, sandbox.Get("account", id).GetAttributeValue<Guid>("accountid"));
        }
    }
}
