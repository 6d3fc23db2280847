using System;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// "Completed and canceled tasks are read-only and can't be edited" (Microsoft Learn's task reference): a closed activity
    /// takes no change but reopening and a new owner, and refuses the rest with the platform's words, "Cannot update Closed
    /// or Cancelled Activity".
    /// </summary>
    [TestClass]
    public sealed class ClosedActivityTests
    {
        private const string Words = "Cannot update Closed or Cancelled Activity";
        private readonly DataverseSandbox _sandbox = SandboxFixture.Create();

        private Guid NewTask(int state = 0, int status = 2)
        {
            var id = _sandbox.Service.Create(new Entity("task") { ["subject"] = "Call Contoso", ["description"] = "About the late pallets" });
            if (state != 0)
            {
                SetState(id, state, status);
            }
            return id;
        }

        private void SetState(Guid id, int state, int status) => _sandbox.Service.Execute(new OrganizationRequest("SetState")
        {
            ["EntityMoniker"] = new EntityReference("task", id), ["State"] = new OptionSetValue(state), ["Status"] = new OptionSetValue(status),
        });

        private Entity Task(Guid id) => _sandbox.Get("task", id);

        [TestMethod]
        [DataRow(1, 5, DisplayName = "completed")]
        [DataRow(2, 6, DisplayName = "canceled")]
        public void A_closed_task_refuses_a_change_of_any_other_column_and_keeps_its_values(int state, int status)
        {
            var id = NewTask(state, status);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Update(new Entity("task", id) { ["description"] = "Changed" }));

            Assert.AreEqual(Words, fault.Message);
            Assert.AreEqual(ErrorCodes.InvalidArgument, fault.ErrorCode, "the platform's code is unpublished");
            Assert.AreEqual("About the late pallets", Task(id).GetAttributeValue<string>("description"));
        }

        [TestMethod]
        public void A_closed_task_is_not_moved_to_another_closed_state_nor_closed_again()
        {
            var id = NewTask(1, 5);

            Assert.AreEqual(Words, Assert.ThrowsExactly<SandboxFaultException>(() => SetState(id, 2, 6)).Message);
            Assert.AreEqual(Words, Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Update(new Entity("task", id)
            {
                ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5),
            })).Message);
            Assert.AreEqual(Words, Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Update(new Entity("task", id)
            {
                ["statuscode"] = new OptionSetValue(5),
            })).Message, "a status alone does not reopen");
            Assert.AreEqual(1, Task(id).GetAttributeValue<OptionSetValue>("statecode").Value);
        }

        [TestMethod]
        public void Reopening_by_update_or_set_state_takes_and_then_the_task_takes_changes_again()
        {
            var byUpdate = NewTask(1, 5);
            var bySetState = NewTask(2, 6);

            _sandbox.Service.Update(new Entity("task", byUpdate) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(2) });
            SetState(bySetState, 0, 3);
            _sandbox.Service.Update(new Entity("task", byUpdate) { ["description"] = "Changed" });
            _sandbox.Service.Update(new Entity("task", bySetState) { ["description"] = "Changed" });

            Assert.AreEqual("Changed", Task(byUpdate).GetAttributeValue<string>("description"));
            Assert.AreEqual(0, Task(bySetState).GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.AreEqual(3, Task(bySetState).GetAttributeValue<OptionSetValue>("statuscode").Value);
        }

        [TestMethod]
        public void An_update_that_reopens_and_changes_another_column_fails_because_the_other_columns_pass_comes_first()
        {
            var id = NewTask(1, 5);

            Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Update(new Entity("task", id)
            {
                ["description"] = "Changed", ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(2),
            }));

            Assert.AreEqual(1, Task(id).GetAttributeValue<OptionSetValue>("statecode").Value, "nothing of the failed update is kept");
        }

        [TestMethod]
        public void A_closed_task_takes_a_new_owner_by_update_or_assign_but_not_with_another_column()
        {
            var id = NewTask(1, 5);
            var bo = _sandbox.SeedUser("Bo");
            var ann = _sandbox.SeedUser("Ann");

            _sandbox.Service.Update(new Entity("task", id) { ["ownerid"] = new EntityReference("systemuser", bo) });
            Assert.AreEqual(bo, Task(id).GetAttributeValue<EntityReference>("ownerid").Id);
            _sandbox.Service.Execute(new OrganizationRequest("Assign") { ["Target"] = new EntityReference("task", id), ["Assignee"] = new EntityReference("systemuser", ann) });
            Assert.AreEqual(ann, Task(id).GetAttributeValue<EntityReference>("ownerid").Id);

            Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Update(new Entity("task", id)
            {
                ["ownerid"] = new EntityReference("systemuser", bo), ["subject"] = "Changed",
            }));
        }

        [TestMethod]
        public void A_column_a_pre_operation_step_adds_to_an_owner_change_of_a_closed_task_counts_as_the_callers()
        {
            var id = NewTask(1, 5);
            var bo = _sandbox.SeedUser("Bo");
            _sandbox.RegisterStep<StampsTheDescription>("Update", "task", PipelineStage.PreOperation);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => _sandbox.Service.Update(new Entity("task", id) { ["ownerid"] = new EntityReference("systemuser", bo) }));

            Assert.AreEqual(Words, fault.Message);
            Assert.AreEqual(_sandbox.AdminUserId, Task(id).GetAttributeValue<EntityReference>("ownerid").Id);
        }

        [TestMethod]
        public void An_open_task_and_a_closed_row_of_a_table_that_is_no_activity_take_changes()
        {
            var open = NewTask();
            _sandbox.Service.Update(new Entity("task", open) { ["description"] = "Changed" });
            var account = _sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });
            _sandbox.Service.Update(new Entity("account", account) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            _sandbox.Service.Update(new Entity("account", account) { ["name"] = "Contoso Ltd" });

            Assert.AreEqual("Changed", Task(open).GetAttributeValue<string>("description"));
            Assert.AreEqual("Contoso Ltd", _sandbox.Get("account", account).GetAttributeValue<string>("name"));
        }
    }

    /// <summary>A pre-operation step that adds a column to every Update's Target.</summary>
    public sealed class StampsTheDescription : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            ((Entity)context.InputParameters["Target"])["description"] = "Stamped";
        }
    }
}
