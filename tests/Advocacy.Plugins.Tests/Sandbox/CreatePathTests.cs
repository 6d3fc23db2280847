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
    /// The create path was made cheaper (issue 15): the Target copy is stored without a second copy when no step can see it
    /// after the main operation, a new id needs no row lock, one-row transactions keep their write in fields, and each
    /// message's steps are looked up once. These pin what must not change with it.
    /// </summary>
    [TestClass]
    public sealed class CreatePathTests
    {
        [TestMethod]
        public void Changing_the_callers_entity_after_a_create_without_steps_does_not_change_the_stored_row()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var revenue = new Money(10m);
            var owner = new EntityReference("systemuser", sandbox.SystemUserId);
            var given = new Entity("account") { ["name"] = "A", ["revenue"] = revenue, ["ownerid"] = owner };

            var id = sandbox.Service.Create(given);
            revenue.Value = 99m;
            owner.Id = Guid.NewGuid();
            given["name"] = "changed";

            var row = sandbox.Service.Retrieve("account", id, new ColumnSet("name", "revenue", "ownerid"));
            Assert.AreEqual("A", row.GetAttributeValue<string>("name"));
            Assert.AreEqual(10m, row.GetAttributeValue<Money>("revenue").Value);
            Assert.AreEqual(sandbox.SystemUserId, row.GetAttributeValue<EntityReference>("ownerid").Id);
        }

        [TestMethod]
        [DataRow(false, DisplayName = "no step: the caller's Entity is read, not copied")]
        [DataRow(true, DisplayName = "a post-operation step: the pipeline's copy gets the id")]
        public void A_create_leaves_the_callers_entity_as_it_was(bool withStep)
        {
            var sandbox = new DataverseSandbox((string?)null);
            if (withStep)
            {
                sandbox.RegisterStep<ReadsTheNewRowInItsTransaction>("Create", "account", PipelineStage.PostOperation);
            }
            var given = new Entity("account") { ["name"] = "A", ["revenue"] = new Money(10m) };

            var id = sandbox.Service.Create(given);

            Assert.AreNotEqual(Guid.Empty, id);
            Assert.AreEqual(Guid.Empty, given.Id, "the platform serializes the request: the caller's object does not get the new id");
            CollectionAssert.AreEquivalent(new[] { "name", "revenue" }, given.Attributes.Keys.ToList());
            Assert.AreEqual(10m, given.GetAttributeValue<Money>("revenue").Value);
        }

        [TestMethod]
        public void A_post_operation_step_reads_and_queries_the_new_row_with_its_system_columns_before_commit()
        {
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.RegisterStep<ReadsTheNewRowInItsTransaction>("Create", "account", PipelineStage.PostOperation);

            var id = sandbox.Service.Create(new Entity("account") { ["name"] = "A", ["revenue"] = new Money(10m) });

            var traces = sandbox.Traces(nameof(ReadsTheNewRowInItsTransaction));
            CollectionAssert.AreEqual(new[]
            {
                $"retrieved {id}: A, revenue 10, currency True, state 0, status 1, created by {sandbox.AdminUserId}",
                $"queried: {id}",
                "target id set: True",
            }, traces.ToList());
        }

        [TestMethod]
        public void An_update_that_adds_clears_and_changes_columns_stores_exactly_them_and_keeps_nothing_of_the_callers()
        {
            // Updates rewrite the row as a NewRow over the current values (its shape kept when no column is added).
            var sandbox = new DataverseSandbox((string?)null);
            var id = sandbox.Service.Create(new Entity("account") { ["name"] = "A", ["telephone1"] = "555", ["revenue"] = new Money(1m) });
            var revenue = new Money(20m);
            var change = new Entity("account", id) { ["name"] = "B", ["telephone1"] = null, ["description"] = "added", ["revenue"] = revenue };

            sandbox.Service.Update(change);
            revenue.Value = 99m;
            change["name"] = "changed by the caller";

            var row = sandbox.Service.Retrieve("account", id, new ColumnSet(true));
            Assert.AreEqual("B", row.GetAttributeValue<string>("name"));
            Assert.IsFalse(row.Contains("telephone1"), "a cleared column is not returned");
            Assert.AreEqual("added", row.GetAttributeValue<string>("description"));
            Assert.AreEqual(20m, row.GetAttributeValue<Money>("revenue").Value);
            Assert.AreEqual(id, row.GetAttributeValue<Guid>("accountid"));

            sandbox.Service.Update(new Entity("account", id) { ["name"] = "C" }); // same columns again: the shape is kept
            row = sandbox.Service.Retrieve("account", id, new ColumnSet(true));
            Assert.AreEqual("C", row.GetAttributeValue<string>("name"));
            Assert.AreEqual("added", row.GetAttributeValue<string>("description"));
            Assert.AreEqual(20m, row.GetAttributeValue<Money>("revenue").Value);
        }

        [TestMethod]
        public void Updates_of_a_row_created_in_the_same_transaction_build_on_each_other()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var id = Guid.NewGuid();
            var requests = new OrganizationRequestCollection
            {
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("account", id) { ["name"] = "A", ["telephone1"] = "1" } },
                new Microsoft.Xrm.Sdk.Messages.UpdateRequest { Target = new Entity("account", id) { ["description"] = "first" } },
                new Microsoft.Xrm.Sdk.Messages.UpdateRequest { Target = new Entity("account", id) { ["telephone1"] = "2", ["name"] = "B" } },
            };

            sandbox.Service.Execute(new OrganizationRequest("ExecuteTransaction") { ["Requests"] = requests });

            var row = sandbox.Service.Retrieve("account", id, new ColumnSet("name", "telephone1", "description"));
            Assert.AreEqual("B", row.GetAttributeValue<string>("name"));
            Assert.AreEqual("2", row.GetAttributeValue<string>("telephone1"));
            Assert.AreEqual("first", row.GetAttributeValue<string>("description"));
        }

        [TestMethod]
        public void A_post_operation_step_that_changes_the_Target_does_not_change_the_stored_row()
        {
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.RegisterStep<ChangesTargetAfterCreate>("Create", "account", PipelineStage.PostOperation);

            var id = sandbox.Service.Create(new Entity("account") { ["name"] = "A", ["revenue"] = new Money(10m) });

            var row = sandbox.Service.Retrieve("account", id, new ColumnSet("name", "revenue"));
            Assert.AreEqual("A", row.GetAttributeValue<string>("name"), "the platform does not persist a post-operation change to Target");
            Assert.AreEqual(10m, row.GetAttributeValue<Money>("revenue").Value);
        }

        [TestMethod]
        public void A_CreateMultiple_post_operation_step_also_keeps_a_single_creates_Target_from_the_stored_row()
        {
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.RegisterStep<ChangesTargetsAfterCreateMultiple>("CreateMultiple", "account", PipelineStage.PostOperation);

            var id = sandbox.Service.Create(new Entity("account") { ["name"] = "A", ["revenue"] = new Money(10m) });

            var row = sandbox.Service.Retrieve("account", id, new ColumnSet("name", "revenue"));
            Assert.AreEqual("A", row.GetAttributeValue<string>("name"));
            Assert.AreEqual(10m, row.GetAttributeValue<Money>("revenue").Value);
        }

        [TestMethod]
        public void A_step_registered_after_creates_ran_fires_on_the_next_create()
        {
            // Each message's steps are looked up once and kept: registering a step must drop what was kept.
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.Service.Create(new Entity("account") { ["name"] = "before" });
            sandbox.RegisterStep<NamesDescription>("Create", "account", PipelineStage.PreOperation);

            var id = sandbox.Service.Create(new Entity("account") { ["name"] = "after" });

            Assert.AreEqual("set by the step", sandbox.Service.Retrieve("account", id, new ColumnSet("description")).GetAttributeValue<string>("description"));
            sandbox.Steps.Clear();
            var third = sandbox.Service.Create(new Entity("account") { ["name"] = "cleared" });
            Assert.IsNull(sandbox.Service.Retrieve("account", third, new ColumnSet("description")).GetAttributeValue<string>("description"));
        }

        [TestMethod]
        public void A_given_id_that_exists_is_refused_and_a_new_id_is_unique()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var id = Guid.NewGuid();
            sandbox.Service.Create(new Entity("account", id) { ["name"] = "A" });

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("account", id) { ["name"] = "B" }));
            StringAssert.Contains(fault.Message, "Cannot insert duplicate key");

            var ids = Enumerable.Range(0, 2_000).Select(i => sandbox.Service.Create(new Entity("account") { ["name"] = "n" + i })).ToList();
            Assert.HasCount(2_000, ids.Distinct());
        }

        [TestMethod]
        public void New_ids_have_the_version_7_layout_and_increase_within_a_sandbox()
        {
            var ids = new RowIds();
            var made = Enumerable.Range(0, 5_000).Select(_ => ids.Next()).ToList();

            Assert.HasCount(5_000, made.Distinct());
            foreach (var id in made)
            {
                Assert.AreEqual(7, id.Version, id.ToString());
                Assert.AreEqual(0x8, id.Variant & 0xC, id.ToString()); // RFC 9562 variant: binary 10xx
            }
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var stamp = Convert.ToInt64(made[^1].ToString("N")[..12], 16);
            Assert.IsTrue(Math.Abs(now - stamp) < 60_000, "the first 48 bits are the creation time in Unix milliseconds");
            // Increasing as text (timestamp, then the counter): ids made later sort after, as version 7 ids do.
            CollectionAssert.AreEqual(made.Select(g => g.ToString()).ToList(), made.Select(g => g.ToString()).OrderBy(s => s, StringComparer.Ordinal).ToList());
        }

        [TestMethod]
        public void A_transaction_sees_its_first_row_then_all_rows_once_it_writes_more()
        {
            var tx = new Transaction();
            var a = Guid.NewGuid();
            var b = Guid.NewGuid();
            Assert.IsFalse(tx.HasWrites("account"));
            Assert.IsNull(tx.SingleWrite);

            tx.Write("account", a, new Entity("account", a), created: true);
            Assert.IsTrue(tx.HasWrites("ACCOUNT"), "tables match ignoring case, as before");
            Assert.IsTrue(tx.TryGetWrite("account", a, out var first) && first!.Id == a);
            Assert.IsFalse(tx.TryGetWrite("account", b, out _));
            Assert.AreEqual(a, tx.SingleWrite!.Value.Id);
            CollectionAssert.AreEqual(new[] { a }, tx.CreatedIds("account").ToList());

            tx.Write("account", a, null, created: false); // deleted in the same transaction: still created, now gone
            Assert.IsTrue(tx.TryGetWrite("account", a, out var deleted) && deleted == null);
            CollectionAssert.AreEqual(new[] { a }, tx.CreatedIds("account").ToList());

            tx.Write("contact", b, new Entity("contact", b), created: true);
            Assert.IsNull(tx.SingleWrite, "two rows: the collections take over");
            Assert.IsTrue(tx.TryGetWrite("account", a, out var stillDeleted) && stillDeleted == null);
            Assert.IsTrue(tx.TryGetWrite("contact", b, out var second) && second!.Id == b);
            CollectionAssert.AreEqual(new[] { a }, tx.CreatedIds("account").ToList());
            CollectionAssert.AreEqual(new[] { b }, tx.CreatedIds("contact").ToList());
            Assert.HasCount(2, tx.Writes.ToList());
        }

        [TestMethod]
        public void A_transaction_holds_its_first_lock_then_all_locks_once_it_takes_more()
        {
            var tx = new Transaction();
            var a = ("account", Guid.NewGuid());
            var b = ("account", Guid.NewGuid());
            Assert.IsFalse(tx.HasLocks);
            Assert.IsEmpty(tx.Locks);

            tx.AddLock(a);
            tx.AddLock(a);
            Assert.IsTrue(tx.HasLocks);
            Assert.IsTrue(tx.HoldsLock(a));
            Assert.IsFalse(tx.HoldsLock(b));
            Assert.IsFalse(tx.HoldsLock(("contact", a.Item2)), "a lock is on a table's row, not on an id");
            CollectionAssert.AreEqual(new[] { a }, tx.Locks.ToList());

            tx.AddLock(b);
            tx.AddLock(a);
            Assert.IsTrue(tx.HoldsLock(a) && tx.HoldsLock(b));
            CollectionAssert.AreEquivalent(new[] { a, b }, tx.Locks.ToList());
        }

        [TestMethod]
        public void An_update_of_a_row_the_transaction_created_keeps_it_created_once()
        {
            var tx = new Transaction();
            var a = Guid.NewGuid();
            tx.Write("account", a, new Entity("account", a) { ["name"] = "A" }, created: true);
            tx.Write("account", a, new Entity("account", a) { ["name"] = "B" }, created: false);

            CollectionAssert.AreEqual(new[] { a }, tx.CreatedIds("account").ToList());
            Assert.IsTrue(tx.TryGetWrite("account", a, out var row));
            Assert.AreEqual("B", row!.GetAttributeValue<string>("name"));
        }

        [TestMethod]
        public void A_failed_create_in_an_ExecuteTransaction_leaves_no_row_and_no_lock()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var id = Guid.NewGuid();
            var request = new OrganizationRequest("ExecuteTransaction")
            {
                ["Requests"] = new OrganizationRequestCollection
                {
                    new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("account", id) { ["name"] = "A" } },
                    new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("account") { ["name"] = "B", ["ownerid"] = new EntityReference("systemuser", Guid.NewGuid()) } },
                },
            };

            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Execute(request));

            Assert.AreEqual(0, sandbox.Count("account"));
            sandbox.Service.Create(new Entity("account", id) { ["name"] = "again" }); // the id's lock was released
            Assert.AreEqual(1, sandbox.Count("account"));
        }
    }

    public sealed class ChangesTargetAfterCreate : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var target = (Entity)context.InputParameters["Target"];
            target["name"] = "changed after the save";
            target.GetAttributeValue<Money>("revenue").Value = 99m;
        }
    }

    /// <summary>Reads the row its Create is writing, inside the transaction: a Retrieve and a query on the columns the platform added.</summary>
    public sealed class ReadsTheNewRowInItsTransaction : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
            var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(context.UserId);
            var row = service.Retrieve("account", context.PrimaryEntityId, new ColumnSet(true));
            trace.Trace($"retrieved {row.Id}: {row.GetAttributeValue<string>("name")}, revenue {row.GetAttributeValue<Money>("revenue").Value:0}, " +
                        $"currency {row.GetAttributeValue<EntityReference>("transactioncurrencyid") != null}, state {row.GetAttributeValue<OptionSetValue>("statecode").Value}, " +
                        $"status {row.GetAttributeValue<OptionSetValue>("statuscode").Value}, created by {row.GetAttributeValue<EntityReference>("createdby").Id}");
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("accountid") };
            query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
            query.Criteria.AddCondition("createdby", ConditionOperator.Equal, context.UserId);
            query.Criteria.AddCondition("revenue", ConditionOperator.Equal, 10m);
            trace.Trace("queried: " + string.Join(", ", service.RetrieveMultiple(query).Entities.Select(e => e.Id)));
            trace.Trace("target id set: " + (((Entity)context.InputParameters["Target"]).Id == context.PrimaryEntityId));
        }
    }

    public sealed class ChangesTargetsAfterCreateMultiple : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            foreach (var target in ((EntityCollection)context.InputParameters["Targets"]).Entities)
            {
                target["name"] = "changed after the save";
                target.GetAttributeValue<Money>("revenue").Value = 99m;
            }
        }
    }

    public sealed class NamesDescription : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            ((Entity)context.InputParameters["Target"])["description"] = "set by the step";
        }
    }
}
