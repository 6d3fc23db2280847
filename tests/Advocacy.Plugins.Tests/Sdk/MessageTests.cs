using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sdk
{
    /// <summary>
    /// Typed messages are views over Parameters / Results with Microsoft's keys: a service may receive either
    /// form, and a plug-in reading InputParameters["Target"] sees what a typed request set.
    /// </summary>
    [TestClass]
    public sealed class MessageTests
    {
        [TestMethod]
        public void Typed_requests_use_Microsofts_request_names_and_parameter_keys()
        {
            var target = new Entity("account");
            var reference = new EntityReference("account", Guid.NewGuid());
            var columns = new ColumnSet("name");
            var query = new QueryExpression("account");

            AssertRequest(new CreateRequest { Target = target }, "Create", "Target", target);
            AssertRequest(new UpdateRequest { Target = target }, "Update", "Target", target);
            AssertRequest(new UpsertRequest { Target = target }, "Upsert", "Target", target);
            AssertRequest(new DeleteRequest { Target = reference }, "Delete", "Target", reference);
            AssertRequest(new RetrieveMultipleRequest { Query = query }, "RetrieveMultiple", "Query", query);
            var retrieve = new RetrieveRequest { Target = reference, ColumnSet = columns };
            AssertRequest(retrieve, "Retrieve", "Target", reference);
            Assert.AreSame(columns, retrieve.Parameters["ColumnSet"]);
        }

        [TestMethod]
        public void A_new_typed_request_already_holds_its_keys_with_null_values()
        {
            var request = new RetrieveRequest();

            Assert.HasCount(2, request.Parameters);
            Assert.IsNull(request.Parameters["Target"]);
            Assert.IsNull(request.Target);
        }

        [TestMethod]
        public void Typed_properties_read_what_the_generic_form_wrote()
        {
            var target = new Entity("account");
            var request = new CreateRequest();
            request["Target"] = target;

            Assert.AreSame(target, request.Target);
            Assert.IsNull(request.RequestId);
        }

        [TestMethod]
        public void Typed_responses_read_Microsofts_result_keys_and_default_when_missing()
        {
            var id = Guid.NewGuid();
            var create = new CreateResponse();
            Assert.AreEqual(Guid.Empty, create.id);
            create.Results["id"] = id;
            Assert.AreEqual(id, create.id);
            Assert.IsNull(create.ResponseName);

            var retrieve = new RetrieveResponse();
            retrieve.Results["Entity"] = new Entity("account");
            Assert.AreEqual("account", retrieve.Entity.LogicalName);

            var multiple = new RetrieveMultipleResponse();
            Assert.IsNull(multiple.EntityCollection);
            multiple.Results["EntityCollection"] = new EntityCollection();
            Assert.IsNotNull(multiple.EntityCollection);

            var upsert = new UpsertResponse();
            Assert.IsFalse(upsert.RecordCreated);
            upsert.Results["RecordCreated"] = true;
            upsert.Results["Target"] = new EntityReference("account", id);
            Assert.IsTrue(upsert.RecordCreated);
            Assert.AreEqual(id, upsert.Target.Id);
        }

        [TestMethod]
        public void ExecuteMultiple_carries_requests_settings_and_per_request_results()
        {
            var request = new ExecuteMultipleRequest
            {
                Requests = new OrganizationRequestCollection { new CreateRequest { Target = new Entity("task") } },
                Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = false },
            };

            Assert.AreEqual("ExecuteMultiple", request.RequestName);
            Assert.AreSame(request.Requests, request.Parameters["Requests"]);
            Assert.IsTrue(((ExecuteMultipleSettings)request.Parameters["Settings"]).ContinueOnError);

            var response = new ExecuteMultipleResponse();
            Assert.IsFalse(response.IsFaulted);
            Assert.IsNull(response.Responses);

            var items = new ExecuteMultipleResponseItemCollection
            {
                new ExecuteMultipleResponseItem { RequestIndex = 0, Fault = new OrganizationServiceFault { ErrorCode = -2147220891, Message = "boom" } },
            };
            response.Results["IsFaulted"] = true;
            response.Results["Responses"] = items;

            Assert.IsTrue(response.IsFaulted);
            Assert.AreEqual(-2147220891, response.Responses[0].Fault.ErrorCode);
            Assert.AreEqual("boom", response.Responses[0].Fault.Message);
            Assert.IsNull(response.Responses[0].Response);
            Assert.IsNotNull(response.Responses[0].Fault.ErrorDetails);
        }

        [TestMethod]
        public void OrganizationRequest_indexer_is_Parameters_and_throws_for_a_missing_key()
        {
            var request = new OrganizationRequest("adv_SweepProactiveFollowUps") { ["BatchSize"] = 50 };

            Assert.AreEqual(50, request.Parameters["BatchSize"]);
            Assert.ThrowsExactly<System.Collections.Generic.KeyNotFoundException>(() => _ = request["Missing"]);
            Assert.ThrowsExactly<System.Collections.Generic.KeyNotFoundException>(() => _ = new OrganizationResponse()["Missing"]);
        }

        private static void AssertRequest(OrganizationRequest request, string name, string key, object value)
        {
            Assert.AreEqual(name, request.RequestName);
            Assert.AreSame(value, request.Parameters[key]);
            Assert.AreSame(value, request[key]);
        }
    }
}
