using System;
using System.Activities;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Microsoft.Xrm.Sdk.Workflow;

namespace Advocacy.Plugins.Tests.Sandbox.Testing
{
    /// <summary>A custom workflow activity a plug-in project typically has: counts an account's open tasks and plans a call.</summary>
    public sealed class PlanCallActivity : CodeActivity
    {
        [Input("Account")]
        [ReferenceTarget("account")]
        [RequiredArgument]
        public InArgument<EntityReference> Account { get; set; } = null!;

        [Output("Open tasks before")]
        public OutArgument<int> OpenTasks { get; set; } = null!;

        protected override void Execute(CodeActivityContext executionContext)
        {
            var context = executionContext.GetExtension<IWorkflowContext>();
            var trace = executionContext.GetExtension<ITracingService>();
            var service = executionContext.GetExtension<IOrganizationServiceFactory>().CreateOrganizationService(null);
            var account = Account.Get(executionContext);
            var open = new QueryExpression("task") { ColumnSet = new ColumnSet("subject") };
            open.Criteria.AddCondition("regardingobjectid", ConditionOperator.Equal, account.Id);
            open.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
            int count = service.RetrieveMultiple(open).Entities.Count;
            if (count >= 3)
            {
                throw new InvalidPluginExecutionException("The account already has three open tasks: close one before planning a call.");
            }
            service.Create(new Entity("task") { ["subject"] = "Call", ["regardingobjectid"] = account, ["scheduledend"] = context.OperationCreatedOn.AddDays(1) });
            trace.Trace("open tasks before: {0}", count);
            OpenTasks.Set(executionContext, count);
        }
    }

    /// <summary>FakeXrmEasy's ExecuteCodeActivity, against the sandbox.</summary>
    [TestClass]
    public class CodeActivityTestingTests
    {
        [TestMethod]
        public void A_workflow_activity_runs_with_its_inputs_and_returns_its_outputs_traces_and_round_trips()
        {
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.Clock.UtcNow = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
            var account = new Entity("account", Guid.NewGuid()) { ["name"] = "Contoso" };
            sandbox.Seed(account, new Entity("task", Guid.NewGuid()) { ["subject"] = "Earlier", ["regardingobjectid"] = account.ToEntityReference() });

            var run = sandbox.ExecuteCodeActivity<PlanCallActivity>(new Dictionary<string, object> { ["Account"] = account.ToEntityReference() });

            Assert.AreEqual(1, run.Outputs["OpenTasks"]);
            Assert.AreEqual(2, run.RoundTrips);
            CollectionAssert.AreEqual(new[] { "open tasks before: 1" }, run.Traces.ToArray());
            var call = sandbox.Rows("task").Single(t => (string)t["subject"] == "Call");
            Assert.AreEqual(new DateTime(2026, 3, 11, 9, 0, 0, DateTimeKind.Utc), call["scheduledend"]);
        }

        [TestMethod]
        public void A_workflow_activitys_calls_run_as_the_workflows_user_whatever_id_it_passes()
        {
            var sandbox = new DataverseSandbox((string?)null);
            Guid agent = sandbox.SeedUser("Alex Agent");
            var account = new Entity("account", Guid.NewGuid()) { ["name"] = "Contoso" };
            sandbox.Seed(account);

            // The activity asks for CreateOrganizationService(null), which in a plug-in would be SYSTEM.
            sandbox.ExecuteCodeActivity<PlanCallActivity>(new Dictionary<string, object> { ["Account"] = account.ToEntityReference() },
                sandbox.WorkflowContext(account.ToEntityReference(), agent));

            Assert.AreEqual(agent, sandbox.Rows("task").Single().GetAttributeValue<EntityReference>("createdby").Id);
        }

        [TestMethod]
        public void A_workflow_activitys_exception_reaches_the_test_unchanged_and_is_recorded()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var account = new Entity("account", Guid.NewGuid()) { ["name"] = "Contoso" };
            sandbox.Seed(new[] { account }.Concat(Enumerable.Range(0, 3).Select(i =>
                new Entity("task", Guid.NewGuid()) { ["subject"] = "Open " + i, ["regardingobjectid"] = account.ToEntityReference() })));

            var e = Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
                sandbox.ExecuteCodeActivity<PlanCallActivity>(new Dictionary<string, object> { ["Account"] = account.ToEntityReference() }));

            Assert.AreSame(e, sandbox.ExecutionsOf(nameof(PlanCallActivity)).Single().Error);
            Assert.AreEqual(3, sandbox.Count("task"));
        }
    }
}
