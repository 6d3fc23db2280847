using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox.Testing
{
    /// <summary>
    /// The test helper API, each test the shape of a typical FakeXrmEasy test (seed with Initialize, ExecutePluginWithTarget,
    /// ExecutePluginWith a hand-made context, configurations, traces) written against the sandbox.
    /// </summary>
    [TestClass]
    public class PluginTestingTests
    {
        private static readonly DateTime Now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);

        private static DataverseSandbox Sandbox()
        {
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.Clock.UtcNow = Now;
            return sandbox;
        }

        [TestMethod]
        public void A_plugin_executed_with_a_target_creates_its_follow_up_task_in_one_round_trip()
        {
            var sandbox = Sandbox();
            var account = new Entity("account", Guid.NewGuid()) { ["name"] = "Contoso" };
            sandbox.Seed(account);

            var run = sandbox.ExecutePluginWithTarget<FollowUpTaskPlugin>(account);

            var task = sandbox.Rows("task").Single();
            Assert.AreEqual("Send e-mail to the new customer", task["subject"]);
            Assert.AreEqual(account.ToEntityReference(), task["regardingobjectid"]);
            Assert.AreEqual(Now.AddDays(7), task["scheduledend"]);
            Assert.AreEqual(1, run.RoundTrips);
            CollectionAssert.AreEqual(new[] { $"follow-up for account {account.Id}" }, run.Traces.ToArray());
            Assert.AreEqual(1, sandbox.RoundTrips(nameof(FollowUpTaskPlugin)));
        }

        [TestMethod]
        public void A_pre_operation_plugin_changes_the_target_the_test_holds()
        {
            var target = new Entity("account") { ["name"] = "Contoso" };

            var run = Sandbox().ExecutePluginWithTarget<AccountNumberPlugin>(target, "Create", PipelineStage.PreOperation);

            Assert.AreEqual("ACC-CONTOSO", target["accountnumber"]);
            Assert.AreEqual(0, run.RoundTrips);
            Assert.AreEqual("numbered ACC-CONTOSO", run.TraceText);
        }

        [TestMethod]
        public void A_plugins_exception_reaches_the_test_unchanged_and_its_trace_stays_readable()
        {
            var sandbox = Sandbox();

            var e = Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
                sandbox.ExecutePluginWithTarget<AccountNumberPlugin>(new Entity("account"), "Create", PipelineStage.PreOperation));

            Assert.AreEqual("Give the account a name before saving it.", e.Message);
            var run = sandbox.ExecutionsOf(nameof(AccountNumberPlugin)).Single();
            Assert.AreSame(e, run.Error);
            CollectionAssert.AreEqual(new[] { "refused: no name" }, sandbox.Traces(nameof(AccountNumberPlugin)).ToArray());
        }

        [TestMethod]
        public void The_default_context_is_the_administrator_at_depth_one_at_the_sandbox_time_with_the_target()
        {
            var sandbox = Sandbox();
            var target = new Entity("account", Guid.NewGuid());

            var context = sandbox.PluginContext("Update", target, PipelineStage.PreOperation);

            Assert.AreEqual("Update", context.MessageName);
            Assert.AreEqual(20, context.Stage);
            Assert.AreEqual(1, context.Depth);
            Assert.AreEqual(sandbox.AdminUserId, context.UserId);
            Assert.AreEqual(sandbox.AdminUserId, context.InitiatingUserId);
            Assert.AreEqual(sandbox.BusinessUnitId, context.BusinessUnitId);
            Assert.AreEqual(sandbox.OrganizationId, context.OrganizationId);
            Assert.AreEqual(Now, context.OperationCreatedOn);
            Assert.AreSame(target, context.InputParameters["Target"]);
            Assert.AreEqual("account", context.PrimaryEntityName);
            Assert.AreEqual(target.Id, context.PrimaryEntityId);
            Assert.IsTrue(context.IsInTransaction);
            Assert.IsFalse(sandbox.PluginContext(stage: PipelineStage.PreValidation).IsInTransaction);
            Assert.AreEqual(sandbox.SeedUser("Alex Agent"), sandbox.PluginContext(userId: sandbox.Rows("systemuser").Last().Id).UserId);
        }

        [TestMethod]
        public void A_hand_made_context_carries_the_pre_image_the_plugin_reads()
        {
            var sandbox = Sandbox();
            var id = Guid.NewGuid();
            var context = sandbox.PluginContext("Update", new Entity("account", id) { ["name"] = "Contoso Ltd" });
            context.PreEntityImages["PreImage"] = new Entity("account", id) { ["name"] = "Contoso" };

            var run = sandbox.ExecutePluginWith<RenameAuditPlugin>(context);

            Assert.AreEqual("renamed from Contoso to Contoso Ltd", run.TraceText);
        }

        [TestMethod]
        public void Configurations_reach_the_plugins_constructor_as_the_platform_passes_them()
        {
            var sandbox = Sandbox();
            Assert.AreEqual("unsecure=u secure=s", sandbox.ExecutePluginWith<ConfiguredPlugin>(sandbox.PluginContext(), "u", "s").TraceText);
            Assert.AreEqual("unsecure=null secure=null", sandbox.ExecutePluginWith<ConfiguredPlugin>(sandbox.PluginContext()).TraceText);
        }

        [TestMethod]
        public void A_plugin_with_a_reference_target_queries_the_seeded_rows()
        {
            var sandbox = Sandbox();
            var account = new Entity("account", Guid.NewGuid()) { ["name"] = "Contoso" };
            var task = new Entity("task", Guid.NewGuid()) { ["subject"] = "Call back", ["regardingobjectid"] = account.ToEntityReference() };
            sandbox.Seed(new List<Entity> { account, task });

            Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
                sandbox.ExecutePluginWithTarget<DeleteGuardPlugin>(account.ToEntityReference(), "Delete", PipelineStage.PreValidation));
            sandbox.Service.Update(new Entity("task", task.Id) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5) });
            var run = sandbox.ExecutePluginWithTarget<DeleteGuardPlugin>(account.ToEntityReference(), "Delete", PipelineStage.PreValidation);

            Assert.AreEqual(1, run.RoundTrips);
            Assert.AreEqual("open tasks: 0", run.TraceText);
        }

        [TestMethod]
        public void A_plugin_that_fails_after_writing_in_the_transaction_leaves_nothing_written()
        {
            var sandbox = Sandbox();
            Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
                sandbox.ExecutePluginWithTarget<WritesThenFailsPlugin>(new Entity("account", Guid.NewGuid())));
            Assert.AreEqual(0, sandbox.Count("task"));

            // Pre-validation runs before the platform's transaction: what it wrote stays.
            Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
                sandbox.ExecutePluginWithTarget<WritesThenFailsPlugin>(new Entity("account", Guid.NewGuid()), "Create", PipelineStage.PreValidation));
            Assert.AreEqual(1, sandbox.Count("task"));
        }

        [TestMethod]
        public void A_single_plugins_calls_go_through_the_pipeline_so_its_writes_are_checked_against_the_metadata()
        {
            var sandbox = Sandbox();
            var e = Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.ExecutePluginWithTarget<FollowUpTaskPlugin>(new Entity("account", Guid.NewGuid())));
            StringAssert.Contains(e.Message, "Does Not Exist"); // the task's regarding account was never created
            Assert.AreEqual(0, sandbox.Count("task"));
        }

        [TestMethod]
        public void Steps_registered_in_code_run_when_a_message_goes_through_the_pipeline()
        {
            var sandbox = Sandbox();
            sandbox.RegisterStep<AccountNumberPlugin>("Create", "account", PipelineStage.PreOperation);
            sandbox.RegisterStep<FollowUpTaskPlugin>("Create", "account", PipelineStage.PostOperation);

            Guid id = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });

            Assert.AreEqual("ACC-CONTOSO", sandbox.Get("account", id)["accountnumber"]);
            Assert.AreEqual(id, sandbox.Rows("task").Single().GetAttributeValue<EntityReference>("regardingobjectid").Id);
            Assert.AreEqual(1, sandbox.RoundTrips(nameof(FollowUpTaskPlugin)));
            Assert.AreEqual("numbered ACC-CONTOSO", string.Join("\n", sandbox.Traces(nameof(AccountNumberPlugin))));

            // A refusal in stage 20 rolls the whole operation back: no account, no task.
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("account")));
            Assert.AreEqual(1, sandbox.Count("account"));
            Assert.AreEqual(1, sandbox.Count("task"));
        }

        [TestMethod]
        public void A_step_registered_in_code_with_a_pre_image_and_filtering_columns_sees_the_row_before_the_update()
        {
            var sandbox = Sandbox();
            sandbox.RegisterStep<RenameAuditPlugin>("Update", "account", PipelineStage.PostOperation,
                filteringAttributes: new[] { "name" }, images: new[] { new StepImage("PreImage", pre: true, post: false, new[] { "name" }) });
            var account = new Entity("account", Guid.NewGuid()) { ["name"] = "Contoso" };
            sandbox.Seed(account);

            sandbox.Service.Update(new Entity("account", account.Id) { ["telephone1"] = "555" });
            sandbox.Service.Update(new Entity("account", account.Id) { ["name"] = "Contoso Ltd" });

            CollectionAssert.AreEqual(new[] { "renamed from Contoso to Contoso Ltd" }, sandbox.Traces(nameof(RenameAuditPlugin)).ToArray());
        }

        [TestMethod]
        public void Registering_a_step_on_the_main_operation_or_an_asynchronous_pre_operation_is_refused()
        {
            var sandbox = Sandbox();
            Assert.ThrowsExactly<ArgumentException>(() => sandbox.RegisterStep<FollowUpTaskPlugin>("Create", "account", PipelineStage.MainOperation));
            Assert.ThrowsExactly<ArgumentException>(() => sandbox.RegisterStep<FollowUpTaskPlugin>("Create", "account", PipelineStage.PreOperation, isAsync: true));
            Assert.IsEmpty(sandbox.Steps.Steps);
        }

        [TestMethod]
        public void Seeding_a_list_of_rows_makes_them_readable_through_the_service_without_round_trips()
        {
            var sandbox = Sandbox();
            var rows = Enumerable.Range(1, 3).Select(i => new Entity("account", Guid.NewGuid()) { ["name"] = "Account " + i }).ToList();

            sandbox.Seed(rows);

            var found = sandbox.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") });
            CollectionAssert.AreEquivalent(new[] { "Account 1", "Account 2", "Account 3" }, found.Entities.Select(e => (string)e["name"]).ToList());
            Assert.AreEqual(0, sandbox.Executions.Count);
        }
    }
}
