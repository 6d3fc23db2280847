using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// A resolved or canceled case takes no change but of its state (CaseAlreadyResolved, 0x800404CF, raised by Microsoft's
    /// own pre-operation step on a case's Update), while other tables' inactive rows stay writable through the SDK.
    /// </summary>
    [TestClass]
    public sealed class ClosedCaseTests
    {
        private readonly DataverseSandbox _sandbox = SandboxFixture.Create();

        private Guid NewCase(int state = 0, int status = 1)
        {
            var account = _sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });
            var id = _sandbox.Service.Create(new Entity("incident") { ["title"] = "Late delivery", ["customerid"] = new EntityReference("account", account) });
            if (state == 1)
            {
                Close(id, status);
            }
            else if (state != 0)
            {
                _sandbox.Service.Update(new Entity("incident", id) { ["statecode"] = new OptionSetValue(state), ["statuscode"] = new OptionSetValue(status) });
            }
            return id;
        }

        private void Close(Guid id, int status = 5) => _sandbox.Service.Execute(new OrganizationRequest("CloseIncident")
        {
            ["IncidentResolution"] = new Entity("incidentresolution") { ["subject"] = "Replaced the pallets", ["incidentid"] = new EntityReference("incident", id) },
            ["Status"] = new OptionSetValue(status),
        });

        [TestMethod]
        [DataRow(1, 5, DisplayName = "resolved (Problem Solved)")]
        [DataRow(2, 6, DisplayName = "canceled")]
        public void A_closed_case_refuses_a_change_of_any_other_column_with_the_platforms_fault_and_keeps_its_values(int state, int status)
        {
            var id = NewCase(state, status);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Update(new Entity("incident", id) { ["title"] = "Changed" }));

            Assert.AreEqual(ErrorCodes.CaseAlreadyResolved, fault.ErrorCode);
            Assert.AreEqual(unchecked((int)0x800404CF), fault.Detail.ErrorCode);
            Assert.AreEqual("This case has already been resolved. Close and reopen the case record to see the updates.", fault.Message);
            Assert.AreEqual("Late delivery", _sandbox.Get("incident", id).GetAttributeValue<string>("title"));
        }

        [TestMethod]
        public void An_update_of_state_and_another_column_fails_too_because_the_other_columns_pass_comes_first()
        {
            var id = NewCase(1, 5);

            Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Update(new Entity("incident", id)
            {
                ["title"] = "Changed", ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(1),
            }));

            var row = _sandbox.Get("incident", id);
            Assert.AreEqual(1, row.GetAttributeValue<OptionSetValue>("statecode").Value, "nothing of the failed update is kept");
            Assert.AreEqual("Late delivery", row.GetAttributeValue<string>("title"));
        }

        [TestMethod]
        public void Reopening_takes_only_the_state_and_then_the_case_takes_changes_again()
        {
            var id = NewCase(1, 5);

            _sandbox.Service.Execute(new OrganizationRequest("SetState")
            {
                ["EntityMoniker"] = new EntityReference("incident", id), ["State"] = new OptionSetValue(0), ["Status"] = new OptionSetValue(1),
            });
            _sandbox.Service.Update(new Entity("incident", id) { ["title"] = "Changed" });

            Assert.AreEqual("Changed", _sandbox.Get("incident", id).GetAttributeValue<string>("title"));
            Assert.AreEqual(0, _sandbox.Get("incident", id).GetAttributeValue<OptionSetValue>("statecode").Value);
        }

        [TestMethod]
        public void A_case_closed_in_the_same_transaction_is_closed_to_the_rest_of_it()
        {
            var id = NewCase();
            var request = new OrganizationRequest("ExecuteTransaction") { ["Requests"] = new OrganizationRequestCollection
            {
                new OrganizationRequest("CloseIncident")
                {
                    ["IncidentResolution"] = new Entity("incidentresolution") { ["subject"] = "Solved", ["incidentid"] = new EntityReference("incident", id) },
                    ["Status"] = new OptionSetValue(5),
                },
                new UpdateRequest { Target = new Entity("incident", id) { ["title"] = "Changed" } },
            } };

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Execute(request));

            StringAssert.Contains(fault.Message, "This case has already been resolved.");
            Assert.AreEqual(0, _sandbox.Get("incident", id).GetAttributeValue<OptionSetValue>("statecode").Value, "the whole transaction rolls back");
            Assert.IsEmpty(_sandbox.Rows("incidentresolution"), "the resolution with it");
        }

        [TestMethod]
        public void Close_incident_creates_the_resolution_and_then_resolves_the_case_whose_update_steps_see_the_resolution()
        {
            var id = NewCase();
            _sandbox.RegisterStep<CountsTheCasesResolutions>("Update", "incident", PipelineStage.PostOperation, filteringAttributes: new[] { "statecode" });
            _sandbox.RegisterStep<CountsTheCasesResolutions>("Create", "incidentresolution", PipelineStage.PostOperation);

            Close(id, status: 1000);

            var row = _sandbox.Get("incident", id);
            Assert.AreEqual(1, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.AreEqual(1000, row.GetAttributeValue<OptionSetValue>("statuscode").Value, "Information Provided");
            Assert.AreEqual(id, _sandbox.Rows("incidentresolution").Single().GetAttributeValue<EntityReference>("incidentid").Id);
            CollectionAssert.AreEqual(new[] { "Create of incidentresolution: 1 resolutions", "Update of incident: 1 resolutions" },
                _sandbox.Traces(nameof(CountsTheCasesResolutions)).ToArray(), "the resolution first, then the case's Update, in one transaction");
        }

        [TestMethod]
        public void A_case_is_resolved_only_by_close_incident_and_only_once()
        {
            var id = NewCase();

            var byUpdate = Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Update(new Entity("incident", id)
            {
                ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5),
            }));
            var bySetState = Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Execute(new OrganizationRequest("SetState")
            {
                ["EntityMoniker"] = new EntityReference("incident", id), ["State"] = new OptionSetValue(1), ["Status"] = new OptionSetValue(5),
            }));
            const string words = "This message can not be used to set the state of incident to Closed.  In order to set state of incident to Closed, use the CloseIncidentRequest message instead.";
            Assert.AreEqual(words, byUpdate.Message);
            Assert.AreEqual(words, bySetState.Message);
            Assert.AreEqual(0, _sandbox.Get("incident", id).GetAttributeValue<OptionSetValue>("statecode").Value);

            Close(id);
            var again = Assert.ThrowsExactly<SandboxFaultException>(() => Close(id));
            Assert.AreEqual(ErrorCodes.CaseAlreadyResolved, again.ErrorCode);
            Assert.HasCount(1, _sandbox.Rows("incidentresolution"), "the refused close wrote no second resolution");

            var wrongStatus = NewCase();
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => Close(wrongStatus, status: 6));
            Assert.AreEqual(ErrorCodes.InvalidStateCodeStatusCode, fault.ErrorCode, "Canceled (6) is not a status of Resolved");
            Assert.HasCount(1, _sandbox.Rows("incidentresolution"));
        }

        [TestMethod]
        public void Close_incident_needs_a_resolution_naming_an_existing_case()
        {
            var missing = Guid.NewGuid();
            var noCase = Assert.ThrowsExactly<SandboxFaultException>(() => Close(missing));
            Assert.AreEqual("incident With Id = " + missing + " Does Not Exist", noCase.Message);

            var noResolution = Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Execute(new OrganizationRequest("CloseIncident") { ["Status"] = new OptionSetValue(5) }));
            StringAssert.Contains(noResolution.Message, "IncidentResolution");
            var unnamed = Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Execute(new OrganizationRequest("CloseIncident")
            {
                ["IncidentResolution"] = new Entity("incidentresolution") { ["subject"] = "x" }, ["Status"] = new OptionSetValue(5),
            }));
            StringAssert.Contains(unnamed.Message, "incidentid");
        }

        [TestMethod]
        public void A_closed_case_can_still_be_assigned()
        {
            var id = NewCase(1, 5);
            var bo = _sandbox.SeedUser("Bo");

            _sandbox.Service.Execute(new OrganizationRequest("Assign") { ["Target"] = new EntityReference("incident", id), ["Assignee"] = new EntityReference("systemuser", bo) });

            Assert.AreEqual(bo, _sandbox.Get("incident", id).GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Update(new Entity("incident", id)
            {
                ["ownerid"] = new EntityReference("systemuser", _sandbox.AdminUserId), ["title"] = "Changed",
            }), "with another column, the other column is refused");
        }

        [TestMethod]
        public void Other_tables_inactive_rows_stay_writable_through_the_sdk()
        {
            var contact = _sandbox.Service.Create(new Entity("contact") { ["lastname"] = "Ruiz" });
            _sandbox.Service.Update(new Entity("contact", contact) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });

            _sandbox.Service.Update(new Entity("contact", contact) { ["lastname"] = "Ruiz-Park" });

            Assert.AreEqual("Ruiz-Park", _sandbox.Get("contact", contact).GetAttributeValue<string>("lastname"));
        }
    }

    /// <summary>Traces how many resolutions the case has when its step runs.</summary>
    public sealed class CountsTheCasesResolutions : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
            var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(null);
            var caseId = context.PrimaryEntityName == "incident"
                ? context.PrimaryEntityId
                : ((Entity)context.InputParameters["Target"]).GetAttributeValue<EntityReference>("incidentid").Id;
            var query = new QueryExpression("incidentresolution") { ColumnSet = new ColumnSet(false) };
            query.Criteria.AddCondition("incidentid", ConditionOperator.Equal, caseId);
            trace.Trace($"{context.MessageName} of {context.PrimaryEntityName}: {service.RetrieveMultiple(query).Entities.Count} resolutions");
        }
    }
}
