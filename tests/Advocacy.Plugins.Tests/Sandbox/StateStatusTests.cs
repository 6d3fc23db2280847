using System;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// A row's status reason follows its state as on the platform (Microsoft Learn, "Behavior of specialized update
    /// operations": a state set without a status reason gets the state's default one), and a status reason of another
    /// state is refused with InvalidStateCodeStatusCode (-2147187704). The task's options are Learn's TaskState/statuscode.
    /// </summary>
    [TestClass]
    public sealed class StateStatusTests
    {
        private static int StatusOf(DataverseSandbox sandbox, string table, Guid id) =>
            sandbox.Service.Retrieve(table, id, new ColumnSet("statuscode")).GetAttributeValue<OptionSetValue>("statuscode").Value;

        [TestMethod]
        public void A_task_created_without_a_status_reason_is_Not_Started()
        {
            var sandbox = new DataverseSandbox((string?)null);

            var task = sandbox.Service.Create(new Entity("task") { ["subject"] = "Call" });

            Assert.AreEqual(2, StatusOf(sandbox, "task", task), "Open's default status reason is Not Started (2), not 1");
        }

        [TestMethod]
        public void Setting_only_the_state_gives_the_states_default_status_reason()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var completed = sandbox.Service.Create(new Entity("task") { ["subject"] = "Call" });
            var canceled = sandbox.Service.Create(new Entity("task") { ["subject"] = "Visit" });
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });

            sandbox.Service.Update(new Entity("task", completed) { ["statecode"] = new OptionSetValue(1) });
            sandbox.Service.Execute(new OrganizationRequest("SetState")
            {
                ["EntityMoniker"] = new EntityReference("task", canceled),
                ["State"] = new OptionSetValue(2),
                ["Status"] = new OptionSetValue(-1),
            });
            sandbox.Service.Update(new Entity("account", account) { ["statecode"] = new OptionSetValue(1) });

            Assert.AreEqual(5, StatusOf(sandbox, "task", completed), "Completed");
            Assert.AreEqual(6, StatusOf(sandbox, "task", canceled), "SetState with Status -1: the state's default, Canceled");
            Assert.AreEqual(2, StatusOf(sandbox, "account", account), "Inactive");
        }

        [TestMethod]
        public void A_status_reason_of_another_state_is_refused_and_nothing_is_written()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var task = sandbox.Service.Create(new Entity("task") { ["subject"] = "Call" });

            var update = Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.Service.Update(new Entity("task", task) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(3) }));
            var create = Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.Service.Create(new Entity("task") { ["subject"] = "Visit", ["statuscode"] = new OptionSetValue(5) }));
            var status = Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.Service.Update(new Entity("task", task) { ["statuscode"] = new OptionSetValue(6) }));

            foreach (var fault in new[] { update, create, status })
            {
                Assert.AreEqual(-2147187704, fault.ErrorCode);
                StringAssert.StartsWith(fault.Message, "State code is invalid or state code is valid but status code is invalid for a specified state code.");
            }
            Assert.AreEqual(2, StatusOf(sandbox, "task", task));
            Assert.AreEqual(1, sandbox.Count("task"));
        }

        [TestMethod]
        public void A_matching_state_and_status_reason_are_kept_as_given()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var task = sandbox.Service.Create(new Entity("task") { ["subject"] = "Call", ["statuscode"] = new OptionSetValue(3) });

            Assert.AreEqual(3, StatusOf(sandbox, "task", task), "In Progress belongs to Open");
            sandbox.Service.Update(new Entity("task", task) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5) });
            Assert.AreEqual(5, StatusOf(sandbox, "task", task));
        }

        [TestMethod]
        public void The_solutions_own_tables_follow_their_Entity_xml_states()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var user = sandbox.SeedUser("Lee");
            var advocate = sandbox.Service.Create(new Entity("adv_advocate") { ["adv_name"] = "Lee", ["adv_userid"] = new EntityReference("systemuser", user) });

            sandbox.Service.Update(new Entity("adv_advocate", advocate) { ["statecode"] = new OptionSetValue(1) });

            Assert.AreEqual(2, StatusOf(sandbox, "adv_advocate", advocate), "Entity.xml: Inactive's default status reason");
        }

        [TestMethod]
        public void A_table_whose_options_say_nothing_about_states_keeps_what_is_written()
        {
            // salesorder's state and status options are not in the sandbox's metadata: no default and no check.
            var sandbox = new DataverseSandbox((string?)null);
            var order = sandbox.Service.Create(new Entity("salesorder") { ["name"] = "SO-1" });

            sandbox.Service.Update(new Entity("salesorder", order) { ["statecode"] = new OptionSetValue(1) });

            Assert.AreEqual(1, StatusOf(sandbox, "salesorder", order));
        }
    }
}
