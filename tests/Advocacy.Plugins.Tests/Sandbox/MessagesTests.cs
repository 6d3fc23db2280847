using System;
using System.Linq;
using Advocacy.Plugins.Registration;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>Messages beyond the single-row ones: QueryByAttribute and the bulk operation messages (late-bound by name).</summary>
    [TestClass]
    public sealed class MessagesTests
    {
        private const string CreateStep = "sbx: ticket create (bulk tests)";
        private const string CreateMultipleStep = "sbx: ticket create multiple (bulk tests)";
        private const string UpdateStep = "sbx: ticket update (bulk tests)";

        private static DataverseSandbox Sandbox() =>
            SandboxFixture.Create(typeof(SbxBulkTicketCreate), typeof(SbxBulkTicketCreateMultiple), typeof(SbxBulkTicketUpdate));

        private static EntityCollection Tickets(params string[] names) =>
            new(names.Select(n => new Entity(SandboxFixture.Ticket) { ["sbx_name"] = n }).ToList()) { EntityName = SandboxFixture.Ticket };

        [TestMethod]
        public void QueryByAttribute_returns_the_rows_whose_columns_equal_all_the_values_in_the_asked_order()
        {
            var sandbox = SandboxFixture.Create();
            sandbox.Service.Create(new Entity("sbx_widget") { ["sbx_name"] = "b", ["sbx_mode"] = "x", ["sbx_count"] = 1 });
            sandbox.Service.Create(new Entity("sbx_widget") { ["sbx_name"] = "a", ["sbx_mode"] = "x", ["sbx_count"] = 1 });
            sandbox.Service.Create(new Entity("sbx_widget") { ["sbx_name"] = "c", ["sbx_mode"] = "x", ["sbx_count"] = 2 });
            sandbox.Service.Create(new Entity("sbx_widget") { ["sbx_name"] = "d", ["sbx_mode"] = "y", ["sbx_count"] = 1 });

            var query = new QueryByAttribute("sbx_widget") { ColumnSet = new ColumnSet("sbx_name") };
            query.AddAttributeValue("sbx_mode", "X");
            query.AddAttributeValue("sbx_count", 1);
            query.AddOrder("sbx_name", OrderType.Descending);
            var rows = sandbox.Service.RetrieveMultiple(query).Entities;

            CollectionAssert.AreEqual(new[] { "b", "a" }, rows.Select(r => (string)r["sbx_name"]).ToArray());
            Assert.IsFalse(rows[0].Contains("sbx_count"), "only the asked columns come back");

            query.TopCount = 1;
            Assert.HasCount(1, sandbox.Service.RetrieveMultiple(query).Entities);
            var empty = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.RetrieveMultiple(new QueryByAttribute("sbx_widget")));
            Assert.AreEqual("QueryByAttribute must specify a non-empty attribute array.", empty.Message);
            Assert.AreEqual(unchecked((int)0x80041110), empty.ErrorCode, "QueryBuilderByAttributeNonEmpty");
            var mismatched = new QueryByAttribute("sbx_widget");
            mismatched.Attributes.Add("sbx_name");
            var unpaired = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.RetrieveMultiple(mismatched));
            Assert.AreEqual("QueryByAttribute must specify a non-empty value array with the same number of elements as in the attributes array.", unpaired.Message);
            Assert.AreEqual(unchecked((int)0x8004110F), unpaired.ErrorCode, "QueryBuilderByAttributeMismatch");
        }

        [TestMethod]
        public void CreateMultiple_creates_every_target_in_order_runs_the_Create_steps_per_row_and_its_own_steps_once()
        {
            var sandbox = Sandbox();
            var response = sandbox.Service.Execute(new OrganizationRequest("CreateMultiple") { ["Targets"] = Tickets("one", "two", "three") });

            var ids = (Guid[])response.Results["Ids"];
            Assert.HasCount(3, ids);
            CollectionAssert.AreEqual(new[] { "one", "two", "three" }, ids.Select(id => sandbox.Get(SandboxFixture.Ticket, id).GetAttributeValue<string>("sbx_name")).ToArray());
            Assert.HasCount(3, sandbox.ExecutionsOf(CreateStep), "merged pipelines: the Create event occurs for each Target");
            Assert.HasCount(1, sandbox.ExecutionsOf(CreateMultipleStep));
            CollectionAssert.AreEqual(new[] { "targets 3, ids 3, entity sbx_ticket" }, sandbox.Traces(CreateMultipleStep).ToArray());
        }

        [TestMethod]
        public void A_single_Create_raises_the_CreateMultiple_steps_with_a_Targets_collection_of_that_one_row()
        {
            var sandbox = Sandbox();
            var id = sandbox.Service.Create(new Entity(SandboxFixture.Ticket) { ["sbx_name"] = "alone" });

            Assert.HasCount(1, sandbox.ExecutionsOf(CreateStep));
            CollectionAssert.AreEqual(new[] { "targets 1, ids 1, entity sbx_ticket" }, sandbox.Traces(CreateMultipleStep).ToArray());
            Assert.AreEqual("CreateMultiple", sandbox.ExecutionsOf(CreateMultipleStep).Single().Message);
            Assert.AreEqual(id, sandbox.ExecutionsOf(CreateMultipleStep).Single().EntityId);
        }

        [TestMethod]
        public void A_failing_row_rolls_back_the_whole_bulk_operation()
        {
            var sandbox = Sandbox();
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.Service.Execute(new OrganizationRequest("CreateMultiple") { ["Targets"] = Tickets("one", "fail", "three") }));
            StringAssert.Contains(fault.Message, "refused");
            Assert.AreEqual(0, sandbox.Count(SandboxFixture.Ticket));
            Assert.IsEmpty(sandbox.ExecutionsOf(CreateMultipleStep));
        }

        [TestMethod]
        public void Every_target_must_belong_to_the_collections_one_table()
        {
            var sandbox = Sandbox();
            var unnamed = Tickets("one");
            unnamed.EntityName = null;
            StringAssert.Contains(Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.Service.Execute(new OrganizationRequest("CreateMultiple") { ["Targets"] = unnamed })).Message, "EntityName must be set");

            var mixed = Tickets("one");
            mixed.Entities.Add(new Entity(SandboxFixture.Note) { ["sbx_name"] = "a note" });
            StringAssert.Contains(Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.Service.Execute(new OrganizationRequest("CreateMultiple") { ["Targets"] = mixed })).Message, "Targets[1] is a 'sbx_note' row");
            Assert.AreEqual(0, sandbox.Count(SandboxFixture.Ticket) + sandbox.Count(SandboxFixture.Note));
        }

        [TestMethod]
        public void UpdateMultiple_updates_every_target_through_its_Update_steps_and_a_missing_row_updates_none()
        {
            var sandbox = Sandbox();
            var ids = (Guid[])sandbox.Service.Execute(new OrganizationRequest("CreateMultiple") { ["Targets"] = Tickets("one", "two") }).Results["Ids"];

            var changes = new EntityCollection(ids.Select(id => new Entity(SandboxFixture.Ticket, id) { ["sbx_name"] = "renamed" }).ToList()) { EntityName = SandboxFixture.Ticket };
            var response = sandbox.Service.Execute(new OrganizationRequest("UpdateMultiple") { ["Targets"] = changes });
            Assert.IsEmpty(response.Results);
            Assert.IsTrue(ids.All(id => sandbox.Get(SandboxFixture.Ticket, id).GetAttributeValue<string>("sbx_name") == "renamed"));
            Assert.HasCount(2, sandbox.ExecutionsOf(UpdateStep));

            changes.Entities.Add(new Entity(SandboxFixture.Ticket, Guid.NewGuid()) { ["sbx_name"] = "ghost" });
            foreach (var change in changes.Entities)
            {
                change["sbx_name"] = "again";
            }
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Execute(new OrganizationRequest("UpdateMultiple") { ["Targets"] = changes }));
            Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, fault.ErrorCode);
            Assert.IsTrue(ids.All(id => sandbox.Get(SandboxFixture.Ticket, id).GetAttributeValue<string>("sbx_name") == "renamed"));
        }

        [TestMethod]
        public void UpsertMultiple_creates_the_new_rows_updates_the_existing_ones_and_says_which()
        {
            var sandbox = Sandbox();
            var existing = sandbox.Service.Create(new Entity(SandboxFixture.Ticket) { ["sbx_name"] = "old" });
            var fresh = Guid.NewGuid();
            var targets = new EntityCollection
            {
                EntityName = SandboxFixture.Ticket,
                Entities = { new Entity(SandboxFixture.Ticket, existing) { ["sbx_name"] = "updated" }, new Entity(SandboxFixture.Ticket, fresh) { ["sbx_name"] = "new" } },
            };

            var results = (UpsertResponse[])sandbox.Service.Execute(new OrganizationRequest("UpsertMultiple") { ["Targets"] = targets }).Results["Results"];

            CollectionAssert.AreEqual(new[] { false, true }, results.Select(r => r.RecordCreated).ToArray());
            CollectionAssert.AreEqual(new[] { existing, fresh }, results.Select(r => r.Target.Id).ToArray());
            Assert.AreEqual("updated", sandbox.Get(SandboxFixture.Ticket, existing).GetAttributeValue<string>("sbx_name"));
            Assert.AreEqual("new", sandbox.Get(SandboxFixture.Ticket, fresh).GetAttributeValue<string>("sbx_name"));
        }
    }

    /// <summary>RetrieveEntity and RetrieveAttribute answer from the solution's metadata with the SDK's metadata types.</summary>
    [TestClass]
    public sealed class MetadataMessagesTests
    {
        [TestMethod]
        public void RetrieveEntity_describes_a_table_and_with_the_attributes_filter_its_columns()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var plain = (RetrieveEntityResponse)sandbox.Service.Execute(new RetrieveEntityRequest { LogicalName = "adv_feedback" });
            Assert.AreEqual("adv_feedback", plain.EntityMetadata.LogicalName);
            Assert.AreEqual("adv_Feedback", plain.EntityMetadata.SchemaName);
            Assert.AreEqual("adv_feedbackid", plain.EntityMetadata.PrimaryIdAttribute);
            Assert.AreEqual("adv_name", plain.EntityMetadata.PrimaryNameAttribute);
            Assert.AreEqual(Microsoft.Xrm.Sdk.Metadata.OwnershipTypes.UserOwned, plain.EntityMetadata.OwnershipType);
            Assert.IsNull(plain.EntityMetadata.Attributes, "the default filter (Entity) returns no columns");

            var full = (RetrieveEntityResponse)sandbox.Service.Execute(new RetrieveEntityRequest { LogicalName = "adv_feedback", EntityFilters = Microsoft.Xrm.Sdk.Metadata.EntityFilters.Attributes });
            var csat = (Microsoft.Xrm.Sdk.Metadata.IntegerAttributeMetadata)full.EntityMetadata.Attributes.Single(a => a.LogicalName == "adv_csat");
            Assert.AreEqual(1, csat.MinValue);
            Assert.AreEqual(5, csat.MaxValue);
            Assert.AreEqual("adv_feedback", csat.EntityLogicalName);
            var account = (Microsoft.Xrm.Sdk.Metadata.LookupAttributeMetadata)full.EntityMetadata.Attributes.Single(a => a.LogicalName == "adv_accountid");
            CollectionAssert.AreEqual(new[] { "account" }, account.Targets);
            Assert.AreEqual(true, full.EntityMetadata.Attributes.Single(a => a.LogicalName == "adv_feedbackid").IsPrimaryId);

            var missing = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Execute(new RetrieveEntityRequest { LogicalName = "adv_nothing" }));
            Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, missing.ErrorCode);
        }

        [TestMethod]
        public void RetrieveAttribute_describes_one_column_with_its_limits()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var name = (Microsoft.Xrm.Sdk.Metadata.StringAttributeMetadata)((RetrieveAttributeResponse)sandbox.Service.Execute(
                new RetrieveAttributeRequest { EntityLogicalName = "adv_advocate", LogicalName = "adv_name" })).AttributeMetadata;
            Assert.AreEqual(100, name.MaxLength);
            Assert.AreEqual(Microsoft.Xrm.Sdk.Metadata.AttributeTypeCode.String, name.AttributeType);
            Assert.AreEqual(true, name.IsPrimaryName);

            var late = sandbox.Service.Execute(new OrganizationRequest("RetrieveAttribute") { ["EntityLogicalName"] = "account", ["LogicalName"] = "adv_tier" });
            Assert.AreEqual(Microsoft.Xrm.Sdk.Metadata.AttributeTypeCode.Picklist, ((Microsoft.Xrm.Sdk.Metadata.AttributeMetadata)late.Results["AttributeMetadata"]).AttributeType);

            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Execute(new RetrieveAttributeRequest { EntityLogicalName = "account", LogicalName = "adv_nothing" }));
        }
    }

    [CrmPluginRegistration("Create", "sbx_ticket", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", "sbx: ticket create (bulk tests)", 1, IsolationModeEnum.Sandbox)]
    public sealed class SbxBulkTicketCreate : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Ctx.Of(serviceProvider);
            var target = (Entity)context.InputParameters["Target"];
            trace.Trace("created {0}", target.GetAttributeValue<string>("sbx_name"));
            if (target.GetAttributeValue<string>("sbx_name") == "fail")
            {
                throw new InvalidPluginExecutionException("The ticket named 'fail' is refused.");
            }
        }
    }

    [CrmPluginRegistration("CreateMultiple", "sbx_ticket", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", "sbx: ticket create multiple (bulk tests)", 1, IsolationModeEnum.Sandbox)]
    public sealed class SbxBulkTicketCreateMultiple : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Ctx.Of(serviceProvider);
            var targets = (EntityCollection)context.InputParameters["Targets"];
            var ids = (Guid[])context.OutputParameters["Ids"];
            trace.Trace("targets {0}, ids {1}, entity {2}", targets.Entities.Count, ids.Length, context.PrimaryEntityName);
        }
    }

    [CrmPluginRegistration("Update", "sbx_ticket", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "", "sbx: ticket update (bulk tests)", 1, IsolationModeEnum.Sandbox)]
    public sealed class SbxBulkTicketUpdate : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (_, trace, _) = Ctx.Of(serviceProvider);
            trace.Trace("updating");
        }
    }
}
