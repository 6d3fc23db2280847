using System;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

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
            if (state != 0)
            {
                _sandbox.Service.Update(new Entity("incident", id) { ["statecode"] = new OptionSetValue(state), ["statuscode"] = new OptionSetValue(status) });
            }
            return id;
        }

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
                new UpdateRequest { Target = new Entity("incident", id) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5) } },
                new UpdateRequest { Target = new Entity("incident", id) { ["title"] = "Changed" } },
            } };

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Execute(request));

            StringAssert.Contains(fault.Message, "This case has already been resolved.");
            Assert.AreEqual(0, _sandbox.Get("incident", id).GetAttributeValue<OptionSetValue>("statecode").Value, "the whole transaction rolls back");
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
}
