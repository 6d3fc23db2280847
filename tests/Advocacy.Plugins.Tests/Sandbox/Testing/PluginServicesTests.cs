using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.PluginTelemetry;

namespace Advocacy.Plugins.Tests.Sandbox.Testing
{
    /// <summary>Post-operation on account Create: writes telemetry through the platform's ILogger.</summary>
    public sealed class TelemetryPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var logger = (ILogger)serviceProvider.GetService(typeof(ILogger))!;
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var account = (Entity)context.InputParameters["Target"];
            logger.LogInformation("Account {Name} scored {Score:0.0} points", account["name"], 12.345m);
            logger.LogWarning(new EventId(7, "late"), "Late by {Days} days", 3);
            logger.LogError(new InvalidOperationException("boom"), "Scoring {0} failed; {{kept}} braces", "Contoso");
            logger.Log(LogLevel.Debug, new EventId(8), ("state", 1), null, (state, _) => "formatted " + state.Item1);
            logger.LogMetric("impact", new Dictionary<string, string> { ["tier"] = "Key" }, 42);
            logger.AddCustomProperty("advocate", "Lee Park");
            int ran = 0;
            logger.Execute("recount", () => ran++);
            using (logger.BeginScope("scope {Id}", 1))
            {
                logger.LogTrace("inside a scope, ran {Ran}", ran);
            }
        }
    }

    /// <summary>Post-operation on account Create: posts its context to a service endpoint and traces the answer.</summary>
    public sealed class EndpointPostPlugin : IPlugin
    {
        public static readonly Guid Endpoint = new("5e1a7ce0-0000-4000-8000-000000000001");

        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Services.Of(serviceProvider);
            var notifications = (IServiceEndpointNotificationService)serviceProvider.GetService(typeof(IServiceEndpointNotificationService))!;
            string answer = notifications.Execute(new EntityReference("serviceendpoint", Endpoint), context);
            trace.Trace("endpoint answered: {0}", answer ?? "(nothing)");
        }
    }

    /// <summary>The services a plug-in gets from its service provider beside the context, tracing and the service factory.</summary>
    [TestClass]
    public sealed class PluginServicesTests
    {
        [TestMethod]
        public void A_plug_ins_telemetry_logger_records_levels_filled_templates_event_ids_exceptions_metrics_and_properties()
        {
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.RegisterStep<TelemetryPlugin>("Create", "account", PipelineStage.PostOperation);

            sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });

            var telemetry = sandbox.Executions.Single().Telemetry;
            CollectionAssert.AreEqual(new[]
            {
                "log Information Account Contoso scored 12.3 points",
                "log Warning Late by 3 days",
                "log Error Scoring Contoso failed; {kept} braces",
                "log Debug formatted state",
                "metric Information impact [tier=Key]",
                "property Information advocate",
                "activity Information recount",
                "log Trace inside a scope, ran 1",
            }, telemetry.Select(t => $"{t.Kind} {t.Level} {t.Message}").ToArray());
            Assert.AreEqual(7, telemetry[1].EventId);
            Assert.AreEqual("boom", telemetry[2].Exception!.Message);
            Assert.AreEqual(("42", "Lee Park"), (telemetry[4].Value, telemetry[5].Value));
            Assert.AreEqual(0, sandbox.Executions.Single().Traces.Count, "telemetry is not the trace log");
        }

        [TestMethod]
        public void A_post_to_a_service_endpoint_is_recorded_with_the_context_as_it_stood_and_answered_by_the_tests_responder()
        {
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.RegisterStep<EndpointPostPlugin>("Create", "account", PipelineStage.PostOperation);

            var first = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });
            sandbox.ServiceEndpointResponder = (endpoint, context) => $"accepted {context.PrimaryEntityName} at {endpoint.Id}";
            sandbox.Service.Create(new Entity("account") { ["name"] = "Fabrikam" });

            var posts = sandbox.ServiceEndpointPosts;
            Assert.AreEqual(2, posts.Count);
            Assert.AreEqual(("serviceendpoint", EndpointPostPlugin.Endpoint, "Create", "account", first),
                (posts[0].Endpoint.LogicalName, posts[0].Endpoint.Id, posts[0].Message, posts[0].Entity, posts[0].EntityId));
            Assert.AreEqual("Fabrikam", ((Entity)posts[1].InputParameters["Target"]).GetAttributeValue<string>("name"));
            CollectionAssert.AreEqual(new[] { "endpoint answered: (nothing)", $"endpoint answered: accepted account at {EndpointPostPlugin.Endpoint}" },
                sandbox.Executions.SelectMany(e => e.Traces).ToArray());
            Assert.AreEqual(0, sandbox.Executions[0].RoundTrips, "a post is not a call into the organization service");
        }

        [TestMethod]
        public void A_post_without_an_endpoint_is_a_clear_fault_for_the_caller()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var context = sandbox.PluginContext("Create", new Entity("account") { ["name"] = "Contoso" });
            var run = sandbox.ExecutePluginWith<PostsWithoutEndpointPlugin>(context);

            StringAssert.Contains(run.Traces.Single(), "Name the service endpoint");
        }
    }

    /// <summary>Posts without naming an endpoint and traces the fault it gets.</summary>
    public sealed class PostsWithoutEndpointPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Services.Of(serviceProvider);
            var notifications = (IServiceEndpointNotificationService)serviceProvider.GetService(typeof(IServiceEndpointNotificationService))!;
            try
            {
                notifications.Execute(null!, context);
            }
            catch (Exception e)
            {
                trace.Trace(e.Message);
            }
        }
    }
}
