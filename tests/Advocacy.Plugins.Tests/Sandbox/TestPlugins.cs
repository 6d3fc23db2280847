using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Advocacy.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

// Small plug-ins that drive the sandbox's pipeline in its tests. They are public top-level classes because the
// registration reader (like spkl and the platform) only registers public classes. Behaviour is chosen by the
// row's sbx_mode column so the instances can be shared across tests and threads, as the platform shares them.
namespace Advocacy.Plugins.Tests.Sandbox
{
    internal static class Ctx
    {
        public static (IPluginExecutionContext Context, ITracingService Trace, IOrganizationServiceFactory Factory) Of(IServiceProvider sp) =>
            ((IPluginExecutionContext)sp.GetService(typeof(IPluginExecutionContext))!,
             (ITracingService)sp.GetService(typeof(ITracingService))!,
             (IOrganizationServiceFactory)sp.GetService(typeof(IOrganizationServiceFactory))!);

        public static string Mode(IPluginExecutionContext context) =>
            context.InputParameters.TryGetValue("Target", out var t) && t is Entity e ? e.GetAttributeValue<string>("sbx_mode") ?? "" : "";
    }

    [CrmPluginRegistration("Create", "sbx_widget", StageEnum.PreValidation, ExecutionModeEnum.Synchronous, "", "sbx: widget prevalidation", 1, IsolationModeEnum.Sandbox)]
    public sealed class SbxWidgetPreValidation : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Ctx.Of(serviceProvider);
            trace.Trace("stage {0} depth {1} inTransaction {2}", context.Stage, context.Depth, context.IsInTransaction);
            context.SharedVariables["from10"] = "prevalidation";
        }
    }

    [CrmPluginRegistration("Create", "sbx_widget", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "", "sbx: widget preoperation", 1, IsolationModeEnum.Sandbox)]
    public sealed class SbxWidgetPreOperation : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, factory) = Ctx.Of(serviceProvider);
            var target = (Entity)context.InputParameters["Target"];
            target["sbx_log"] = (target.GetAttributeValue<string>("sbx_log") ?? "") + "pre;";
            context.SharedVariables["from20"] = "preoperation";
            trace.Trace("stage {0} inTransaction {1} shared10 {2}", context.Stage, context.IsInTransaction, context.SharedVariables["from10"]);
            if (Ctx.Mode(context).Contains("nested-note", StringComparison.Ordinal))
            {
                factory.CreateOrganizationService(context.UserId).Create(new Entity("sbx_note") { ["sbx_name"] = "nested" });
            }
        }
    }

    [CrmPluginRegistration("Create", "sbx_widget", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", "sbx: widget postoperation", 1, IsolationModeEnum.Sandbox)]
    public sealed class SbxWidgetPostOperation : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Ctx.Of(serviceProvider);
            trace.Trace("id {0} primary {1} shared20 {2}", context.OutputParameters["id"], context.PrimaryEntityId, context.SharedVariables["from20"]);
            string mode = Ctx.Mode(context);
            if (mode.Contains("fail-post", StringComparison.Ordinal))
            {
                throw new InvalidPluginExecutionException("The widget cannot be saved: post-operation refused it.");
            }
            if (mode.Contains("crash", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("boom");
            }
        }
    }

    /// <summary>Two post-operation steps declared in reverse rank order: the sandbox must run rank 1 first.</summary>
    [CrmPluginRegistration("Create", "sbx_note", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", "sbx: note rank 2", 2, IsolationModeEnum.Sandbox)]
    [CrmPluginRegistration("Create", "sbx_note", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", "sbx: note rank 1", 1, IsolationModeEnum.Sandbox)]
    public sealed class SbxNoteRanked : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Ctx.Of(serviceProvider);
            trace.Trace("user {0} initiating {1} depth {2} parent {3}", context.UserId, context.InitiatingUserId, context.Depth, context.ParentContext?.MessageName ?? "none");
        }
    }

    /// <summary>Fires on sbx_count only, with a pre image of sbx_count and a post image of everything.</summary>
    [CrmPluginRegistration("Update", "sbx_widget", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "sbx_count", "sbx: widget count changed", 1, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "sbx_count",
        Image2Name = "post", Image2Type = ImageTypeEnum.PostImage, Image2Attributes = "")]
    public sealed class SbxWidgetCountChanged : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Ctx.Of(serviceProvider);
            var pre = context.PreEntityImages["pre"];
            var post = context.PostEntityImages["post"];
            trace.Trace("count {0} -> {1}; pre has name {2}; post name {3}",
                pre.GetAttributeValue<int?>("sbx_count"), post.GetAttributeValue<int?>("sbx_count"), pre.Contains("sbx_name"), post.GetAttributeValue<string>("sbx_name"));
        }
    }

    /// <summary>Updates its own row on every sbx_loop change, without a Depth check: the platform stops it.</summary>
    [CrmPluginRegistration("Update", "sbx_widget", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "sbx_loop", "sbx: widget loop", 1, IsolationModeEnum.Sandbox)]
    public sealed class SbxWidgetLoop : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, factory) = Ctx.Of(serviceProvider);
            var target = (Entity)context.InputParameters["Target"];
            trace.Trace("depth {0}", context.Depth);
            factory.CreateOrganizationService(null).Update(new Entity("sbx_widget", target.Id) { ["sbx_loop"] = target.GetAttributeValue<int>("sbx_loop") + 1 });
        }
    }

    /// <summary>Asynchronous post-operation: runs after commit, when the test drains the queue.</summary>
    [CrmPluginRegistration("Create", "sbx_widget", StageEnum.PostOperation, ExecutionModeEnum.Asynchronous, "", "sbx: widget async", 1, IsolationModeEnum.Sandbox)]
    public sealed class SbxWidgetAsync : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, factory) = Ctx.Of(serviceProvider);
            trace.Trace("mode {0} inTransaction {1}", context.Mode, context.IsInTransaction);
            factory.CreateOrganizationService(null).Update(new Entity("sbx_widget", context.PrimaryEntityId) { ["sbx_log"] = "async ran" });
        }
    }

    /// <summary>Writes notes as SYSTEM, as the calling user and as a given user, to show impersonation.</summary>
    [CrmPluginRegistration("Create", "sbx_widget", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", "sbx: widget impersonation", 5, IsolationModeEnum.Sandbox)]
    public sealed class SbxWidgetImpersonation : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, _, factory) = Ctx.Of(serviceProvider);
            var widget = new EntityReference("sbx_widget", context.PrimaryEntityId);
            factory.CreateOrganizationService(null).Create(new Entity("sbx_note") { ["sbx_name"] = "as system", ["sbx_widgetid"] = widget });
            factory.CreateOrganizationService(Guid.Empty).Create(new Entity("sbx_note") { ["sbx_name"] = "as context user", ["sbx_widgetid"] = widget });
            factory.CreateOrganizationService(context.UserId).Create(new Entity("sbx_note") { ["sbx_name"] = "as caller", ["sbx_widgetid"] = widget });
        }
    }

    /// <summary>The platform's serialised capacity check: touch the lock row, then read-modify-write the counter.</summary>
    [CrmPluginRegistration("Create", "sbx_ticket", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "", "sbx: ticket counter", 1, IsolationModeEnum.Sandbox)]
    public sealed class SbxTicketCounter : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (_, _, factory) = Ctx.Of(serviceProvider);
            var service = factory.CreateOrganizationService(null);
            service.Update(new Entity("sbx_counter", SandboxFixture.LockRowId) { ["sbx_name"] = "lock" });
            var counter = service.Retrieve("sbx_counter", SandboxFixture.CounterRowId, new ColumnSet("sbx_value"));
            int value = counter.GetAttributeValue<int>("sbx_value");
            Thread.Sleep(1); // widen the race window: without the lock row, updates would be lost
            service.Update(new Entity("sbx_counter", SandboxFixture.CounterRowId) { ["sbx_value"] = value + 1 });
        }
    }

    /// <summary>Records its identity and configuration, to prove one cached instance per step.</summary>
    [CrmPluginRegistration("Create", "sbx_ticket", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", "sbx: ticket configured", 1, IsolationModeEnum.Sandbox,
        UnSecureConfiguration = "unsecure-value", SecureConfiguration = "secure-value")]
    public sealed class SbxTicketConfigured : IPlugin
    {
        private readonly string _unsecure;
        private readonly string _secure;

        public SbxTicketConfigured(string unsecure, string secure)
        {
            _unsecure = unsecure;
            _secure = secure;
        }

        public void Execute(IServiceProvider serviceProvider)
        {
            var (_, trace, _) = Ctx.Of(serviceProvider);
            trace.Trace("instance {0} config {1}/{2}", RuntimeHelpers.GetHashCode(this), _unsecure, _secure);
        }
    }

    /// <summary>Writes a column no table has: the sandbox must reject it as Dataverse does.</summary>
    [CrmPluginRegistration("Create", "sbx_ticket", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", "sbx: ticket bad column", 2, IsolationModeEnum.Sandbox)]
    public sealed class SbxTicketBadColumn : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (_, _, factory) = Ctx.Of(serviceProvider);
            factory.CreateOrganizationService(null).Create(new Entity("account") { ["name"] = "x", ["adv_notacolumn"] = "y" });
        }
    }

    /// <summary>Catches a failed nested call and carries on: the platform refuses further work in that transaction.</summary>
    [CrmPluginRegistration("Create", "sbx_ticket", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", "sbx: ticket swallow", 3, IsolationModeEnum.Sandbox)]
    public sealed class SbxTicketSwallowsFault : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (_, trace, factory) = Ctx.Of(serviceProvider);
            var service = factory.CreateOrganizationService(null);
            try
            {
                service.Retrieve("account", Guid.NewGuid(), new ColumnSet(true));
            }
            catch (Exception e)
            {
                trace.Trace("ignored: {0}", e.Message);
            }
            service.Create(new Entity("sbx_note") { ["sbx_name"] = "after ignored fault" });
        }
    }

    /// <summary>Locks two rows in the order its name says, meeting the other transaction in between: a deadlock.</summary>
    [CrmPluginRegistration("Create", "sbx_ticket", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "", "sbx: ticket deadlock", 5, IsolationModeEnum.Sandbox)]
    public sealed class SbxTicketDeadlock : IPlugin
    {
        /// <summary>Set by the one test that uses this step: both transactions hold their first lock before taking the second.</summary>
        public static Barrier? Meeting { get; set; }

        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, _, factory) = Ctx.Of(serviceProvider);
            var service = factory.CreateOrganizationService(null);
            bool ab = ((Entity)context.InputParameters["Target"]).GetAttributeValue<string>("sbx_name") == "AB";
            Guid first = ab ? SandboxFixture.LockRowId : SandboxFixture.CounterRowId;
            Guid second = ab ? SandboxFixture.CounterRowId : SandboxFixture.LockRowId;
            service.Update(new Entity("sbx_counter", first) { ["sbx_name"] = "first" });
            Meeting?.SignalAndWait(TimeSpan.FromSeconds(10));
            service.Update(new Entity("sbx_counter", second) { ["sbx_name"] = "second" });
        }
    }

    [CustomApi("sbx_Echo", "Echo", "Returns its input")]
    [CustomApiParameter("Text", CustomApiFieldType.String, "what to echo")]
    [CustomApiParameter("Times", CustomApiFieldType.Integer, "how often", IsOptional = true)]
    [CustomApiResponse("Echoed", CustomApiFieldType.String, "the echo")]
    public sealed class SbxEchoApi : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Ctx.Of(serviceProvider);
            string text = (string)context.InputParameters["Text"];
            int times = context.InputParameters.TryGetValue("Times", out var t) && t is int n ? n : 1;
            trace.Trace("echo stage {0} message {1}", context.Stage, context.MessageName);
            context.OutputParameters["Echoed"] = string.Concat(System.Linq.Enumerable.Repeat(text, times));
        }
    }
}

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// A note's Delete or Update step for the cascade tests: traces what it saw (message, stage, depth, the parent widget
    /// still there or not, the Target's columns), and fails when the note's name says "refuse".
    /// </summary>
    public sealed class SbxNoteCascadeWitness : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, factory) = Ctx.Of(serviceProvider);
            var service = factory.CreateOrganizationService(null);
            var pre = context.PreEntityImages.TryGetValue("pre", out var image) ? image : null;
            var widget = pre?.GetAttributeValue<Microsoft.Xrm.Sdk.EntityReference>("sbx_widgetid");
            bool widgetThere = widget != null && service.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("sbx_widget")
            {
                Criteria = { Conditions = { new Microsoft.Xrm.Sdk.Query.ConditionExpression("sbx_widgetid", Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, widget.Id) } },
            }).Entities.Count == 1;
            string columns = context.InputParameters.TryGetValue("Target", out var t) && t is Entity target ? string.Join(",", target.Attributes.Keys.OrderBy(k => k, StringComparer.Ordinal)) : "-";
            trace.Trace("{0} {1} stage {2} depth {3} widget-there {4} columns {5} name {6}", context.MessageName, context.PrimaryEntityId, context.Stage, context.Depth,
                widgetThere, columns, pre?.GetAttributeValue<string>("sbx_name"));
            if (pre?.GetAttributeValue<string>("sbx_name") == "refuse")
            {
                throw new InvalidPluginExecutionException("This note cannot go: its step refused it.");
            }
        }
    }
}

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>For the merge tests: traces the message, stage, depth, user and the parameters it saw.</summary>
    public sealed class SbxMergeWitness : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Ctx.Of(serviceProvider);
            string target = context.InputParameters.TryGetValue("Target", out var t) ? t switch
            {
                EntityReference r => r.LogicalName + " " + r.Id,
                Entity e => e.LogicalName + " " + e.Id + " {" + string.Join(",", e.Attributes.Keys.OrderBy(k => k, StringComparer.Ordinal)) + "}",
                _ => "?",
            } : "-";
            trace.Trace("{0} stage {1} depth {2} user {3} target {4} subordinate {5}", context.MessageName, context.Stage, context.Depth, context.UserId, target,
                context.InputParameters.TryGetValue("SubordinateId", out var s) ? s : "-");
        }
    }
}
