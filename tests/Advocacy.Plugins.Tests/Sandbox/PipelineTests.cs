using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox
{
    [TestClass]
    public sealed class PipelineTests
    {
        private static readonly Type[] WidgetSteps = { typeof(SbxWidgetPreValidation), typeof(SbxWidgetPreOperation), typeof(SbxWidgetPostOperation) };

        [TestMethod]
        public void Stages_run_in_order_with_the_platform_context()
        {
            var sandbox = SandboxFixture.Create(WidgetSteps);
            Guid id = sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "w" });

            CollectionAssert.AreEqual(
                new[] { "sbx: widget prevalidation", "sbx: widget preoperation", "sbx: widget postoperation" },
                sandbox.Executions.Select(e => e.StepName).ToArray());
            Assert.AreEqual("stage 10 depth 1 inTransaction False", sandbox.Traces("sbx: widget prevalidation").Single());
            Assert.AreEqual("stage 20 inTransaction True shared10 prevalidation", sandbox.Traces("sbx: widget preoperation").Single());
            Assert.AreEqual($"id {id} primary {id} shared20 preoperation", sandbox.Traces("sbx: widget postoperation").Single());
            Assert.AreEqual("pre;", sandbox.Get(SandboxFixture.Widget, id).GetAttributeValue<string>("sbx_log"), "a pre-operation change to Target reaches the row");
        }

        [TestMethod]
        public void A_failing_post_operation_step_rolls_back_every_write_of_the_operation()
        {
            var sandbox = SandboxFixture.Create(WidgetSteps.Append(typeof(SbxWidgetAsync)).ToArray());
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_mode"] = "nested-note fail-post" }));

            Assert.AreEqual("The widget cannot be saved: post-operation refused it.", fault.Message);
            Assert.IsInstanceOfType<InvalidPluginExecutionException>(fault.InnerException);
            Assert.AreEqual(0, sandbox.Count(SandboxFixture.Widget));
            Assert.AreEqual(0, sandbox.Count(SandboxFixture.Note), "the nested create made by the pre-operation step is undone too");
            Assert.AreEqual(0, sandbox.PendingAsyncJobs, "async steps of a rolled-back operation never run");
            // Locks were released: the same rows can be written again at once.
            sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_mode"] = "nested-note" });
            Assert.AreEqual(1, sandbox.Count(SandboxFixture.Note));
        }

        [TestMethod]
        public void Unexpected_exceptions_are_wrapped_like_the_platform()
        {
            var sandbox = SandboxFixture.Create(WidgetSteps);
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_mode"] = "crash" }));
            StringAssert.StartsWith(fault.Message, "Unexpected exception from plug-in (Execute): " + typeof(SbxWidgetPostOperation).FullName);
            StringAssert.Contains(fault.Message, "System.InvalidOperationException: boom");
            Assert.AreEqual(ErrorCodes.PluginUnexpected, fault.ErrorCode);
        }

        [TestMethod]
        public void Steps_run_by_rank_and_see_the_callers()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxNoteRanked));
            var user = sandbox.SeedUser("Grace");
            sandbox.CreateService(user).Create(new Entity(SandboxFixture.Note) { ["sbx_name"] = "n" });
            CollectionAssert.AreEqual(new[] { "sbx: note rank 1", "sbx: note rank 2" }, sandbox.Executions.Select(e => e.StepName).ToArray());
            Assert.AreEqual($"user {user} initiating {user} depth 1 parent none", sandbox.Traces("sbx: note rank 1").Single());
        }

        [TestMethod]
        public void Filtering_attributes_decide_whether_an_update_step_fires_and_images_carry_their_columns()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxWidgetCountChanged));
            Guid id = sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "w", ["sbx_count"] = 1 });

            sandbox.Service.Update(new Entity(SandboxFixture.Widget, id) { ["sbx_name"] = "renamed" });
            Assert.AreEqual(0, sandbox.Executions.Count, "sbx_name is not a filtering attribute");

            sandbox.Service.Update(new Entity(SandboxFixture.Widget, id) { ["sbx_count"] = 2 });
            Assert.AreEqual("count 1 -> 2; pre has name False; post name renamed", sandbox.Traces("sbx: widget count changed").Single());
        }

        [TestMethod]
        public void An_update_loop_is_stopped_at_depth_8_and_rolled_back()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxWidgetLoop));
            Guid id = sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_loop"] = 0 });
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity(SandboxFixture.Widget, id) { ["sbx_loop"] = 1 }));
            StringAssert.Contains(fault.Message, "infinite loop");
            Assert.AreEqual(8, sandbox.Executions.Max(e => e.Depth));
            Assert.AreEqual(0, sandbox.Get(SandboxFixture.Widget, id).GetAttributeValue<int>("sbx_loop"), "the whole chain was rolled back");
        }

        [TestMethod]
        public void Async_steps_run_after_commit_when_the_queue_is_drained()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxWidgetAsync));
            Guid id = sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "w" });
            Assert.IsNull(sandbox.Get(SandboxFixture.Widget, id).GetAttributeValue<string>("sbx_log"));
            Assert.AreEqual(1, sandbox.PendingAsyncJobs);

            Assert.AreEqual(1, sandbox.RunAsyncJobs());
            Assert.AreEqual("async ran", sandbox.Get(SandboxFixture.Widget, id).GetAttributeValue<string>("sbx_log"));
            Assert.AreEqual("mode 1 inTransaction False", sandbox.Traces("sbx: widget async").Single());
            Assert.AreEqual(AsyncJobStatus.Succeeded, sandbox.CompletedAsyncJobs.Single().Status);
        }

        [TestMethod]
        public void Impersonation_follows_CreateOrganizationService()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxWidgetImpersonation), typeof(SbxNoteRanked));
            var user = sandbox.SeedUser("Linus");
            sandbox.CreateService(user).Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "w" });

            var owners = sandbox.Rows(SandboxFixture.Note).ToDictionary(n => n.GetAttributeValue<string>("sbx_name"), n => n.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(sandbox.SystemUserId, owners["as system"]);
            Assert.AreEqual(user, owners["as context user"]);
            Assert.AreEqual(user, owners["as caller"]);
            var nested = sandbox.ExecutionsOf("sbx: note rank 1");
            Assert.AreEqual(3, nested.Count);
            Assert.IsTrue(nested.All(e => e.Depth == 2 && e.InitiatingUserId == user));
            Assert.AreEqual(sandbox.SystemUserId, nested[0].UserId);
            StringAssert.EndsWith(nested[0].Traces.Single(), "parent Create");
        }

        [TestMethod]
        public void A_plugin_instance_is_created_once_per_step_with_its_configuration()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxTicketConfigured));
            sandbox.Service.Create(new Entity(SandboxFixture.Ticket) { ["sbx_name"] = "1" });
            sandbox.Service.Create(new Entity(SandboxFixture.Ticket) { ["sbx_name"] = "2" });
            var traces = sandbox.Traces("sbx: ticket configured");
            Assert.AreEqual(2, traces.Count);
            Assert.AreEqual(traces[0], traces[1], "same instance, same configuration");
            StringAssert.EndsWith(traces[0], "config unsecure-value/secure-value");
        }

        [TestMethod]
        public void A_plugin_writing_an_unknown_column_fails_the_operation()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxTicketBadColumn));
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity(SandboxFixture.Ticket) { ["sbx_name"] = "t" }));
            StringAssert.StartsWith(fault.Message, "'account' entity doesn't contain attribute with Name = 'adv_notacolumn' and NameMapping = 'Logical'");
            Assert.AreEqual(0, sandbox.Count(SandboxFixture.Ticket));
        }

        [TestMethod]
        public void Ignoring_a_failed_nested_call_dooms_the_transaction()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxTicketSwallowsFault));
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity(SandboxFixture.Ticket) { ["sbx_name"] = "t" }));
            StringAssert.StartsWith(fault.Message, "There is no active transaction");
            Assert.AreEqual(0, sandbox.Count(SandboxFixture.Ticket));
            StringAssert.Contains(sandbox.Traces("sbx: ticket swallow").Single(), "Does Not Exist");
        }

        [TestMethod]
        public void A_custom_api_runs_its_plugin_and_returns_its_outputs()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxEchoApi));
            var response = sandbox.Run(new OrganizationRequest("sbx_Echo") { ["Text"] = "ab", ["Times"] = 2 });
            Assert.AreEqual("abab", response["Echoed"]);
            Assert.AreEqual("sbx_Echo", response.ResponseName);
            Assert.AreEqual("echo stage 30 message sbx_Echo", sandbox.Traces("sbx_Echo").Single());
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Run(new OrganizationRequest("sbx_Echo")));
            StringAssert.Contains(fault.Message, "'Text'");
        }

        [TestMethod]
        public void Whole_assembly_registration_reads_the_attributes()
        {
            var sandbox = new DataverseSandbox((string?)null);
            SandboxFixture.Declare(sandbox.Metadata);
            sandbox.RegisterPluginAssembly(typeof(SbxEchoApi).Assembly);
            Assert.IsNotNull(sandbox.Steps.CustomApi("sbx_Echo"));
            Assert.IsTrue(sandbox.Steps.Steps.Any(s => s.Name == "sbx: widget loop" && s.FilteringAttributes.Contains("sbx_loop")));
            Assert.IsTrue(sandbox.Steps.Steps.Any(s => s.Name == "sbx: widget async" && s.IsAsync));
        }
    }
}
