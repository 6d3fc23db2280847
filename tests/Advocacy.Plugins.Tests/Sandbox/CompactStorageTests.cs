using System;
using System.Collections.Generic;
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
        public void Rows_written_with_other_columns_than_the_last_one_read_back_exactly_their_own_columns()
        {
            // A new row starts from the shape of the table's last row and keeps its values array when it ends with that
            // shape; every other row (fewer, more, other or reordered columns) must still store exactly its own columns.
            var sandbox = new DataverseSandbox((string?)null);
            var random = new Random(15);
            string[] optional = { "revenue", "numberofemployees", "description", "telephone1", "websiteurl" };
            var written = new List<(Guid Id, Dictionary<string, object> Columns)>();
            for (int i = 0; i < 300; i++)
            {
                var columns = new Dictionary<string, object> { ["name"] = "A" + i };
                foreach (var column in optional.OrderBy(_ => random.Next()).Where(_ => random.Next(3) > 0))
                {
                    columns[column] = column switch
                    {
                        "revenue" => new Money(i),
                        "numberofemployees" => i,
                        _ => column + i,
                    };
                }
                var entity = new Entity("account");
                foreach (var pair in columns)
                {
                    entity[pair.Key] = pair.Value;
                }
                // Runs of the same columns, as a bulk load writes them, then a change.
                for (int copy = 0; copy < 1 + random.Next(3); copy++)
                {
                    var row = EntityOf(entity);
                    Guid id;
                    if (i % 4 == 0)
                    {
                        sandbox.Seed(row);
                        id = row.Id;
                    }
                    else
                    {
                        id = sandbox.Service.Create(row);
                    }
                    written.Add((id, columns));
                }
            }

            foreach (var (id, columns) in written)
            {
                var row = sandbox.Service.Retrieve("account", id, new ColumnSet(true));
                foreach (var column in optional.Append("name"))
                {
                    object? expected = columns.TryGetValue(column, out var v) ? v : null;
                    object? actual = row.Contains(column) ? row[column] : null;
                    Assert.AreEqual(expected is Money m ? m.Value : expected, actual is Money a ? a.Value : actual, $"{column} of {id}");
                }
                Assert.AreEqual(id, row.Id);
                Assert.AreEqual(id, row.GetAttributeValue<Guid>("accountid"));
                Assert.AreEqual(0, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            }

            static Entity EntityOf(Entity source)
            {
                var copy = new Entity(source.LogicalName);
                foreach (var pair in source.Attributes)
                {
                    copy[pair.Key] = pair.Value is Money money ? new Money(money.Value) : pair.Value;
                }
                return copy;
            }
        }

        [TestMethod]
        public void Retrieve_returns_exactly_the_asked_columns_with_values_whatever_their_number()
        {
            // Retrieve copies the asked columns straight from the stored row: a few are looked up in the ColumnSet, more than
            // eight through a set; either way the answer is the whole row cut down to them (and the primary id), without nulls.
            var sandbox = new DataverseSandbox((string?)null);
            var owner = sandbox.SeedUser("Owner");
            var id = sandbox.Service.Create(new Entity("account")
            {
                ["name"] = "A", ["revenue"] = new Money(5m), ["numberofemployees"] = 7, ["telephone1"] = "555", ["description"] = null,
                ["websiteurl"] = "https://a.example", ["ownerid"] = new EntityReference("systemuser", owner),
            });
            var all = sandbox.Service.Retrieve("account", id, new ColumnSet(true));
            var names = all.Attributes.Keys.Append("description").ToList();
            var random = new Random(15);
            for (int round = 0; round < 200; round++)
            {
                var asked = names.Where(_ => random.Next(2) == 0).ToArray();
                var row = sandbox.Service.Retrieve("account", id, new ColumnSet(asked));

                var expected = all.Attributes.Keys
                    .Where(k => k == "accountid" || asked.Contains(k))
                    .ToList();
                CollectionAssert.AreEqual(expected, row.Attributes.Keys.ToList(), string.Join(",", asked));
                Assert.AreEqual("account", row.LogicalName);
                if (row.Contains("ownerid"))
                {
                    Assert.AreEqual("Owner", row.GetAttributeValue<EntityReference>("ownerid").Name);
                }
            }
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
