using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    [TestClass]
    public sealed class OrganizationServiceTests
    {
        private static readonly DateTime Noon = new(2025, 3, 14, 12, 0, 0, DateTimeKind.Utc);

        [TestMethod]
        public void Create_assigns_id_and_platform_defaults()
        {
            var sandbox = SandboxFixture.Create();
            sandbox.Clock.UtcNow = Noon;
            var user = sandbox.SeedUser("Ada");
            Guid id = sandbox.CreateService(user).Create(new Entity("account") { ["name"] = "Contoso" });

            var row = sandbox.Get("account", id);
            Assert.AreNotEqual(Guid.Empty, id);
            Assert.AreEqual(id, row.GetAttributeValue<Guid>("accountid"));
            Assert.AreEqual(Noon, row.GetAttributeValue<DateTime>("createdon"));
            Assert.AreEqual(Noon, row.GetAttributeValue<DateTime>("modifiedon"));
            Assert.AreEqual(new EntityReference("systemuser", user), row.GetAttributeValue<EntityReference>("ownerid"));
            Assert.AreEqual(user, row.GetAttributeValue<EntityReference>("createdby").Id);
            Assert.AreEqual(0, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.AreEqual(1, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
        }

        [TestMethod]
        public void Create_keeps_a_given_id_and_rejects_a_duplicate()
        {
            var sandbox = SandboxFixture.Create();
            var id = Guid.NewGuid();
            Assert.AreEqual(id, sandbox.Service.Create(new Entity("account", id) { ["name"] = "A" }));
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("account", id) { ["name"] = "B" }));
            Assert.AreEqual(ErrorCodes.DuplicateRecord, fault.ErrorCode);
            Assert.AreEqual("A", sandbox.Get("account", id).GetAttributeValue<string>("name"));
        }

        [TestMethod]
        public void Retrieve_returns_only_the_asked_columns_plus_the_id()
        {
            var sandbox = SandboxFixture.Create();
            Guid id = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso", ["telephone1"] = "555" });
            var row = sandbox.Service.Retrieve("account", id, new ColumnSet("name"));
            CollectionAssert.AreEquivalent(new[] { "name", "accountid" }, row.Attributes.Keys.ToArray());
            Assert.AreEqual(id, row.Id);
        }

        [TestMethod]
        public void Missing_rows_fail_like_Dataverse()
        {
            var sandbox = SandboxFixture.Create();
            var id = Guid.NewGuid();
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Retrieve("account", id, new ColumnSet(true)));
            Assert.AreEqual($"account With Id = {id} Does Not Exist", fault.Message);
            Assert.AreEqual(-2147220969, fault.ErrorCode);
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity("account", id) { ["name"] = "x" }));
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Delete("account", id));
        }

        [TestMethod]
        public void Stored_rows_cannot_be_aliased_by_callers()
        {
            var sandbox = SandboxFixture.Create();
            var money = new Money(10m);
            var entity = new Entity("account") { ["name"] = "A", ["revenue"] = money };
            Guid id = sandbox.Service.Create(entity);
            money.Value = 99m;
            entity["name"] = "changed";
            var read = sandbox.Service.Retrieve("account", id, new ColumnSet(true));
            read.GetAttributeValue<Money>("revenue").Value = 1m;
            Assert.AreEqual(10m, sandbox.Service.Retrieve("account", id, new ColumnSet("revenue")).GetAttributeValue<Money>("revenue").Value);
            Assert.AreEqual("A", sandbox.Get("account", id).GetAttributeValue<string>("name"));
        }

        [TestMethod]
        public void Update_merges_and_moves_modifiedon_with_the_clock()
        {
            var sandbox = SandboxFixture.Create();
            sandbox.Clock.UtcNow = Noon;
            Guid id = sandbox.Service.Create(new Entity("account") { ["name"] = "A", ["telephone1"] = "1" });
            sandbox.Clock.Advance(TimeSpan.FromHours(2));
            sandbox.Service.Update(new Entity("account", id) { ["telephone1"] = "2" });
            var row = sandbox.Get("account", id);
            Assert.AreEqual("A", row.GetAttributeValue<string>("name"));
            Assert.AreEqual("2", row.GetAttributeValue<string>("telephone1"));
            Assert.AreEqual(Noon, row.GetAttributeValue<DateTime>("createdon"));
            Assert.AreEqual(Noon.AddHours(2), row.GetAttributeValue<DateTime>("modifiedon"));
        }

        [TestMethod]
        public void Delete_removes_the_row()
        {
            var sandbox = SandboxFixture.Create();
            Guid id = sandbox.Service.Create(new Entity("account") { ["name"] = "A" });
            sandbox.Service.Delete("account", id);
            Assert.IsNull(sandbox.Row("account", id));
        }

        [TestMethod]
        public void Associate_and_disassociate_store_intersect_rows()
        {
            var sandbox = SandboxFixture.Create();
            Guid account = sandbox.Service.Create(new Entity("account") { ["name"] = "A" });
            Guid contact = sandbox.Service.Create(new Entity("contact") { ["lastname"] = "B" });
            var relationship = new Relationship("adv_account_contact");
            sandbox.Service.Associate("account", account, relationship, new EntityReferenceCollection { new EntityReference("contact", contact) });
            var link = sandbox.Rows("adv_account_contact").Single();
            Assert.AreEqual(account, link.GetAttributeValue<Guid>("accountid"));
            Assert.AreEqual(contact, link.GetAttributeValue<Guid>("contactid"));
            Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.Service.Associate("account", account, relationship, new EntityReferenceCollection { new EntityReference("contact", contact) }));
            sandbox.Service.Disassociate("contact", contact, relationship, new EntityReferenceCollection { new EntityReference("account", account) });
            Assert.AreEqual(0, sandbox.Count("adv_account_contact"));
        }

        [TestMethod]
        public void Upsert_by_alternate_key_creates_then_updates()
        {
            var sandbox = SandboxFixture.Create();
            var first = sandbox.Run<UpsertResponse>(new UpsertRequest { Target = new Entity(SandboxFixture.Widget, "sbx_code", "W-1") { ["sbx_name"] = "one" } });
            Assert.IsTrue(first.RecordCreated);
            var second = sandbox.Run<UpsertResponse>(new UpsertRequest { Target = new Entity(SandboxFixture.Widget, "sbx_code", "w-1") { ["sbx_name"] = "two" } });
            Assert.IsFalse(second.RecordCreated);
            Assert.AreEqual(first.Target.Id, second.Target.Id);
            var row = sandbox.Rows(SandboxFixture.Widget).Single();
            Assert.AreEqual("two", row.GetAttributeValue<string>("sbx_name"));
            Assert.AreEqual("W-1", row.GetAttributeValue<string>("sbx_code"));
        }

        [TestMethod]
        public void Upsert_by_id_creates_with_that_id()
        {
            var sandbox = SandboxFixture.Create();
            var id = Guid.NewGuid();
            Assert.IsTrue(sandbox.Run<UpsertResponse>(new UpsertRequest { Target = new Entity("account", id) { ["name"] = "A" } }).RecordCreated);
            Assert.IsFalse(sandbox.Run<UpsertResponse>(new UpsertRequest { Target = new Entity("account", id) { ["name"] = "B" } }).RecordCreated);
            Assert.AreEqual("B", sandbox.Get("account", id).GetAttributeValue<string>("name"));
        }

        [TestMethod]
        public void ExecuteMultiple_continues_on_error_and_reports_the_fault()
        {
            var sandbox = SandboxFixture.Create();
            sandbox.Clock.UtcNow = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
            var request = new ExecuteMultipleRequest
            {
                Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
                Requests = new OrganizationRequestCollection
                {
                    new CreateRequest { Target = new Entity("account") { ["name"] = "one" } },
                    new UpdateRequest { Target = new Entity("account", Guid.NewGuid()) { ["name"] = "missing" } },
                    new CreateRequest { Target = new Entity("account") { ["name"] = "three" } },
                },
            };
            var response = sandbox.Run<ExecuteMultipleResponse>(request);
            Assert.IsTrue(response.IsFaulted);
            Assert.AreEqual(3, response.Responses.Count);
            Assert.IsNotNull(response.Responses[1].Fault);
            StringAssert.Contains(response.Responses[1].Fault.Message, "Does Not Exist");
            Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, response.Responses[1].Fault.ErrorCode);
            Assert.AreEqual(sandbox.Clock.UtcNow, response.Responses[1].Fault.Timestamp, "stamped by the sandbox's clock");
            Assert.AreEqual(1, response.Responses[1].RequestIndex);
            Assert.IsInstanceOfType<CreateResponse>(response.Responses[2].Response);
            Assert.AreEqual(2, sandbox.Count("account"));
            Assert.AreEqual(1, sandbox.Metrics.RoundTripCount(message: "ExecuteMultiple"));
        }

        [TestMethod]
        public void ExecuteMultiple_stops_at_the_first_fault_without_ContinueOnError()
        {
            var sandbox = SandboxFixture.Create();
            var request = new ExecuteMultipleRequest
            {
                Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false },
                Requests = new OrganizationRequestCollection
                {
                    new CreateRequest { Target = new Entity("account") { ["name"] = "one" } },
                    new DeleteRequest { Target = new EntityReference("account", Guid.NewGuid()) },
                    new CreateRequest { Target = new Entity("account") { ["name"] = "three" } },
                },
            };
            var response = sandbox.Run<ExecuteMultipleResponse>(request);
            Assert.IsTrue(response.IsFaulted);
            Assert.AreEqual(1, response.Responses.Count, "only the fault is returned when responses are not asked for");
            Assert.AreEqual(1, sandbox.Count("account"), "the first create committed on its own; the third never ran");
        }

        [TestMethod]
        public void An_ExecuteMultiple_inside_ExecuteMultiple_is_a_fault_of_that_item_and_the_others_run()
        {
            var sandbox = SandboxFixture.Create();
            var request = new ExecuteMultipleRequest
            {
                Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
                Requests = new OrganizationRequestCollection
                {
                    new CreateRequest { Target = new Entity("account") { ["name"] = "one" } },
                    new ExecuteMultipleRequest { Settings = new ExecuteMultipleSettings(), Requests = new OrganizationRequestCollection() },
                    new CreateRequest { Target = new Entity("account") { ["name"] = "three" } },
                },
            };

            var response = sandbox.Run<ExecuteMultipleResponse>(request);

            Assert.IsTrue(response.IsFaulted);
            Assert.HasCount(3, response.Responses);
            Assert.IsNotNull(response.Responses.Single(item => item.RequestIndex == 1).Fault, "the nested batch's own item faults");
            Assert.AreEqual(2, sandbox.Count("account"), "the other two ran");
        }

        [TestMethod]
        public void ExecuteMultiple_over_the_batch_limit_fails_before_any_request_and_names_the_limit_in_its_error_details()
        {
            // The sample in Microsoft Learn's "Execute multiple requests" reads fault.Detail.ErrorDetails["MaxBatchSize"].
            var sandbox = SandboxFixture.Create();
            var request = new ExecuteMultipleRequest
            {
                Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = false },
                Requests = new OrganizationRequestCollection(),
            };
            for (int i = 0; i < 1001; i++)
            {
                request.Requests.Add(new CreateRequest { Target = new Entity("account") { ["name"] = "a" + i } });
            }

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Execute(request));

            Assert.IsTrue(fault.Detail.ErrorDetails.Contains("MaxBatchSize"));
            Assert.AreEqual(1000, Convert.ToInt32(fault.Detail.ErrorDetails["MaxBatchSize"]));
            Assert.AreEqual(0, sandbox.Count("account"), "no request ran");
        }

        [TestMethod]
        public void SetState_changes_state_and_status()
        {
            var sandbox = SandboxFixture.Create();
            Guid id = sandbox.Service.Create(new Entity("account") { ["name"] = "A" });
            var request = new OrganizationRequest("SetState")
            {
                ["EntityMoniker"] = new EntityReference("account", id),
                ["State"] = new OptionSetValue(1),
                ["Status"] = new OptionSetValue(2),
            };
            sandbox.Run(request);
            Assert.AreEqual(1, sandbox.Get("account", id).GetAttributeValue<OptionSetValue>("statecode").Value);
        }

        [TestMethod]
        public void RetrieveMultiple_goes_through_the_query_engine()
        {
            var sandbox = SandboxFixture.Create();
            sandbox.Service.Create(new Entity("account") { ["name"] = "B" });
            sandbox.Service.Create(new Entity("account") { ["name"] = "A" });
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            query.AddOrder("name", OrderType.Ascending);
            var rows = sandbox.Service.RetrieveMultiple(query).Entities;
            CollectionAssert.AreEqual(new[] { "A", "B" }, rows.Select(r => r.GetAttributeValue<string>("name")).ToArray());
        }

        [TestMethod]
        public void Unknown_message_is_refused()
        {
            var sandbox = SandboxFixture.Create();
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Run(new OrganizationRequest("sbx_Nothing")));
            StringAssert.Contains(fault.Message, "sbx_Nothing");
        }
    }
}
