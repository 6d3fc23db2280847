using System;
using System.Linq;
using System.ServiceModel;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// Plug-in code catches the platform's faults as <c>FaultException&lt;OrganizationServiceFault&gt;</c> and reads
    /// <c>Detail.ErrorCode</c>; the sandbox's fault is that type, so such code runs here as it runs in Dataverse —
    /// including the platform's answer to a plug-in that swallows a failed call inside the transaction.
    /// </summary>
    [TestClass]
    public sealed class FaultContractTests
    {
        [TestMethod]
        public void A_caller_catches_the_sandboxs_fault_as_the_platforms_fault_type_with_code_and_message_in_its_detail()
        {
            var sandbox = SandboxFixture.Create();
            var missing = Guid.NewGuid();

            try
            {
                sandbox.Service.Retrieve(SandboxFixture.Widget, missing, new ColumnSet(true));
                Assert.Fail("a row that does not exist cannot be retrieved");
            }
            catch (FaultException<OrganizationServiceFault> e)
            {
                Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, e.Detail.ErrorCode);
                Assert.AreEqual(e.Message, e.Detail.Message);
                StringAssert.Contains(e.Detail.Message, missing.ToString());
                Assert.IsInstanceOfType<SandboxFaultException>(e, "and tests can still name the sandbox's type");
            }
        }

        [TestMethod]
        public void A_failed_plug_ins_fault_carries_its_trace_lines_in_the_trace_text_as_the_platform_returns_them()
        {
            var sandbox = SandboxFixture.Create();
            sandbox.RegisterStep<TracesThenRefuses>("Create", SandboxFixture.Widget, PipelineStage.PreOperation);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "w" }));

            FaultException<OrganizationServiceFault> platformFault = fault;
            StringAssert.StartsWith(platformFault.Detail.TraceText, "checking the widget w" + Environment.NewLine + "no budget left");
            StringAssert.Contains(platformFault.Detail.TraceText, "InvalidPluginExecutionException");
            Assert.AreEqual("A widget needs a budget.", platformFault.Detail.Message);
        }

        [TestMethod]
        public void A_long_trace_keeps_only_its_most_recent_whole_lines_within_ten_kilobytes_in_the_log_and_in_the_fault()
        {
            // "Only 10kb of text can be written. Older trace lines will be removed to meet this limit so that only the most
            // recent lines will be saved" (Microsoft Learn, "Tracing and logging").
            var sandbox = SandboxFixture.Create();
            sandbox.RegisterStep<TracesALotThenRefuses>("Create", SandboxFixture.Widget, PipelineStage.PreOperation);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "w" }));

            var run = sandbox.ExecutionsOf(nameof(TracesALotThenRefuses)).Single();
            Assert.HasCount(300, run.Traces, "the sandbox still hands every line to the test");
            string kept = run.TraceLog;
            Assert.IsLessThanOrEqualTo(ExecutionRecord.TraceLogLimit, kept.Length);
            Assert.IsGreaterThan(ExecutionRecord.TraceLogLimit - 100 - Environment.NewLine.Length, kept.Length, "as many whole lines as fit");
            StringAssert.StartsWith(kept, "line ");
            StringAssert.EndsWith(kept, "line 299 ".PadRight(100, '.'));
            Assert.DoesNotContain("line 0 ", kept, "the oldest lines are gone");
            StringAssert.StartsWith(fault.Detail.TraceText, kept + Environment.NewLine, "the fault carries the kept lines, then the exception");
            StringAssert.Contains(fault.Detail.TraceText, "InvalidPluginExecutionException");
        }

        [TestMethod]
        public void One_line_longer_than_the_limit_keeps_its_end()
        {
            var line = "start" + new string('x', 20_000) + "end";

            var kept = ExecutionRecordKept(new[] { "first", line });

            Assert.HasCount(ExecutionRecord.TraceLogLimit, kept);
            StringAssert.EndsWith(kept, "xend");
            Assert.AreEqual("a" + Environment.NewLine + "b", ExecutionRecordKept(new[] { "a", "b" }), "a short trace is kept whole");
            Assert.AreEqual("", ExecutionRecordKept(Array.Empty<string>()));
        }

        private static string ExecutionRecordKept(string[] lines)
        {
            var sandbox = SandboxFixture.Create();
            var run = sandbox.ExecutePluginWithTarget<TracesGivenLines>(new Entity(SandboxFixture.Widget) { ["sbx_name"] = string.Join("\u0001", lines) });
            return run.TraceLog;
        }

        [TestMethod]
        public void A_plug_in_that_catches_a_failed_call_before_the_transaction_carries_on_as_on_the_platform()
        {
            var sandbox = SandboxFixture.Create();
            sandbox.RegisterStep<LooksUpAParentThatMayBeGone>("Create", SandboxFixture.Widget, PipelineStage.PreValidation);

            var id = sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "orphan", ["sbx_mode"] = Guid.NewGuid().ToString() });

            Assert.AreEqual("parent gone (-2147220969): carry on", sandbox.Get(SandboxFixture.Widget, id).GetAttributeValue<string>("sbx_log"));
        }

        [TestMethod]
        public void A_plug_in_that_swallows_a_failed_call_inside_the_transaction_fails_the_save_with_the_platforms_no_active_transaction_fault()
        {
            // Dataverse rolls the transaction back when a call inside it fails, whether or not the plug-in catches the
            // fault; carrying on ends in "There is no active transaction" — the sandbox says the same.
            var sandbox = SandboxFixture.Create();
            sandbox.RegisterStep<LooksUpAParentThatMayBeGone>("Create", SandboxFixture.Widget, PipelineStage.PreOperation);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "orphan", ["sbx_mode"] = Guid.NewGuid().ToString() }));

            Assert.AreEqual(ErrorCodes.NoActiveTransaction, fault.ErrorCode);
            Assert.AreEqual(0, sandbox.Count(SandboxFixture.Widget));
        }
    }

    /// <summary>Writes two trace lines, then refuses the save.</summary>
    public sealed class TracesThenRefuses : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Ctx.Of(serviceProvider);
            trace.Trace("checking the widget {0}", ((Entity)context.InputParameters["Target"]).GetAttributeValue<string>("sbx_name"));
            trace.Trace("no budget left");
            throw new InvalidPluginExecutionException("A widget needs a budget.");
        }
    }

    /// <summary>Traces 300 lines of 100 characters (30,000 in all), then refuses.</summary>
    public sealed class TracesALotThenRefuses : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (_, trace, _) = Ctx.Of(serviceProvider);
            for (int i = 0; i < 300; i++)
            {
                trace.Trace(("line " + i + " ").PadRight(100, '.'));
            }
            throw new InvalidPluginExecutionException("Out of budget.");
        }
    }

    /// <summary>Traces the lines given in the Target's sbx_name, separated by U+0001 (none when it is empty).</summary>
    public sealed class TracesGivenLines : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Ctx.Of(serviceProvider);
            var text = ((Entity)context.InputParameters["Target"]).GetAttributeValue<string>("sbx_name");
            if (text.Length == 0) return;
            foreach (var line in text.Split('\u0001'))
            {
                trace.Trace(line);
            }
        }
    }

    /// <summary>Reads the parent named by sbx_mode (an id) and, when the platform says it does not exist, notes so and goes on.</summary>
    public sealed class LooksUpAParentThatMayBeGone : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, factory) = Ctx.Of(serviceProvider);
            var target = (Entity)context.InputParameters["Target"];
            var service = factory.CreateOrganizationService(context.UserId);
            try
            {
                service.Retrieve(SandboxFixture.Widget, Guid.Parse(target.GetAttributeValue<string>("sbx_mode")), new ColumnSet("sbx_name"));
                target["sbx_log"] = "parent found";
            }
            catch (FaultException<OrganizationServiceFault> e) when (e.Detail.ErrorCode == unchecked((int)0x80040217))
            {
                trace.Trace("parent {0} is gone", target.GetAttributeValue<string>("sbx_mode"));
                target["sbx_log"] = $"parent gone ({e.Detail.ErrorCode}): carry on";
            }
        }
    }
}
