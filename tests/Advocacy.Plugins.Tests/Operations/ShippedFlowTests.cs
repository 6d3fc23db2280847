using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Advocacy.Packaging;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Plugins;
using Advocacy.Plugins.Tests.Packaging;
using Advocacy.Plugins.Tests.Scenarios;
using Advocacy.Plugins.Tests.Scenarios.FollowUp;
using Advocacy.Plugins.Tests.SolutionSchema;
using Advocacy.Registration;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Operations
{
    /// <summary>
    /// The cloud flows shipped in the solution (issue 16, item 2): a daily sweep that loops on the continuation until the
    /// sweep is complete, and a manual recount to run once after import. Both are solution-aware (Category 5), off at
    /// import (StateCode 0 / StatusCode 1, as exports of flows that are off have them) and call the Custom APIs through
    /// the Dataverse connector's "Perform an unbound action" (PerformUnboundAction, parameters as "item/{name}") over the
    /// shipped connection reference.
    /// </summary>
    [TestClass]
    public sealed class ShippedFlowTests
    {
        private const string SweepFlow = "Workflows/AdvocacyDailyProactiveSweep-DC97B8F9-53EB-4C03-8523-39894FA06E24.json";
        private const string RecountFlow = "Workflows/AdvocacyRecountAdvocateLoad-907C05FF-502F-4F3C-9CB9-249BA45CE490.json";
        private const string ConnectionReference = "adv_AdvocacyDataverse";
        private const string DataverseApi = "shared_commondataserviceforapps";

        private static string SolutionRoot => Path.Combine(PackagingTestSupport.RepoRoot, "solution");

        private static JsonObject Flow(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(SolutionRoot, path)))!;

        private static JsonObject Definition(string path) => (JsonObject)Flow(path)["properties"]!["definition"]!;

        private static IEnumerable<string> FlowFiles() =>
            Directory.EnumerateFiles(Path.Combine(SolutionRoot, "Workflows"), "*.json").Select(f => "Workflows/" + Path.GetFileName(f)).Order(StringComparer.Ordinal);

        /// <summary>Every action of a scope and of the loops inside it, by name.</summary>
        private static IEnumerable<KeyValuePair<string, JsonObject>> Actions(JsonObject scope)
        {
            foreach (KeyValuePair<string, JsonNode?> action in (JsonObject)scope["actions"]!)
            {
                yield return new KeyValuePair<string, JsonObject>(action.Key, (JsonObject)action.Value!);
                if (action.Value!["actions"] is JsonObject)
                {
                    foreach (KeyValuePair<string, JsonObject> inner in Actions((JsonObject)action.Value!))
                    {
                        yield return inner;
                    }
                }
            }
        }

        [TestMethod]
        public void Both_flows_are_in_the_zip_as_solution_aware_cloud_flows_that_are_off_at_import()
        {
            XElement customizations = PackedSolution.Customizations.Root!;
            XElement solution = CanonicalXml.Parse(PackedSolution.Entries["solution.xml"]).Root!;
            var workflows = customizations.Element("Workflows")!.Elements("Workflow").ToList();
            CollectionAssert.AreEquivalent(FlowFiles().Select(f => "/" + f).ToArray(), workflows.Select(w => w.Element("JsonFileName")!.Value).ToArray());
            foreach (XElement workflow in workflows)
            {
                string name = (string)workflow.Attribute("Name")!;
                Assert.AreEqual("5", workflow.Element("Category")!.Value, $"{name}: category 5 = modern (cloud) flow");
                Assert.AreEqual("1", workflow.Element("Type")!.Value, name);
                Assert.AreEqual("0", workflow.Element("StateCode")!.Value, $"{name}: off (draft) at import, until the admin sets the connection reference");
                Assert.AreEqual("1", workflow.Element("StatusCode")!.Value, name);
                Assert.IsTrue(PackedSolution.Entries.ContainsKey(workflow.Element("JsonFileName")!.Value.TrimStart('/')), name);
                string id = ((string)workflow.Attribute("WorkflowId")!).Trim('{', '}');
                Assert.IsTrue(solution.Descendants("RootComponent").Any(r => (string?)r.Attribute("type") == "29" && ((string?)r.Attribute("id"))?.Trim('{', '}') == id),
                    $"{name} is a root component (type 29)");
            }
        }

        [TestMethod]
        public void Every_connector_action_goes_through_the_shipped_Dataverse_connection_reference()
        {
            XElement reference = PackedSolution.Customizations.Root!.Element("connectionreferences")!.Elements("connectionreference")
                .Single(r => (string?)r.Attribute("connectionreferencelogicalname") == ConnectionReference);
            Assert.AreEqual("/providers/Microsoft.PowerApps/apis/" + DataverseApi, reference.Element("connectorid")!.Value);

            foreach (string file in FlowFiles())
            {
                JsonObject references = (JsonObject)Flow(file)["properties"]!["connectionReferences"]!;
                foreach (KeyValuePair<string, JsonNode?> entry in references)
                {
                    Assert.AreEqual(ConnectionReference, (string?)entry.Value!["connection"]!["connectionReferenceLogicalName"], file);
                    Assert.AreEqual(DataverseApi, (string?)entry.Value!["api"]!["name"], file);
                }

                foreach (var action in Actions(Definition(file)).Where(a => (string?)a.Value["type"] == "OpenApiConnection"))
                {
                    JsonNode host = action.Value["inputs"]!["host"]!;
                    Assert.IsTrue(references.ContainsKey((string)host["connectionName"]!), $"{file} {action.Key}: its connection is one of the flow's references");
                    Assert.AreEqual("/providers/Microsoft.PowerApps/apis/" + DataverseApi, (string?)host["apiId"], action.Key);
                }
            }
        }

        [TestMethod]
        public void Every_Custom_API_call_names_a_shipped_API_with_its_parameters_and_reads_only_its_outputs()
        {
            Dictionary<string, CustomApiRegistration> apis = RegistrationReader.Read(typeof(AdvocacyPlugin).Assembly).CustomApis.ToDictionary(a => a.UniqueName, StringComparer.Ordinal);
            var called = new List<string>();
            foreach (string file in FlowFiles())
            {
                var calls = Actions(Definition(file)).Where(a => (string?)a.Value["inputs"]?["host"]?["operationId"] == "PerformUnboundAction").ToList();
                foreach (var call in calls)
                {
                    var parameters = (JsonObject)call.Value["inputs"]!["parameters"]!;
                    string apiName = (string)parameters["actionName"]!;
                    Assert.IsTrue(apis.TryGetValue(apiName, out CustomApiRegistration? api), $"{file}: {apiName} is not one of the product's Custom APIs");
                    called.Add(apiName);
                    var given = parameters.Select(p => p.Key).Where(k => k != "actionName").ToList();
                    foreach (string key in given)
                    {
                        StringAssert.StartsWith(key, "item/", $"{call.Key}: the connector passes an action's parameters as item/{{name}}");
                        Assert.IsTrue(api!.RequestParameters.Any(p => p.UniqueName == key["item/".Length..]), $"{call.Key}: {apiName} has no parameter {key}");
                    }

                    foreach (var required in api!.RequestParameters.Where(p => !p.IsOptional))
                    {
                        CollectionAssert.Contains(given, "item/" + required.UniqueName, $"{call.Key} leaves out {apiName}'s required {required.UniqueName}");
                    }

                    string text = Flow(file).ToJsonString();
                    foreach (Match read in Regex.Matches(text, @"outputs\('" + Regex.Escape(call.Key) + @"'\)\?\['body/([^']+)'\]"))
                    {
                        Assert.IsTrue(api.ResponseProperties.Any(p => p.UniqueName == read.Groups[1].Value), $"{file} reads {read.Groups[1].Value}, which {apiName} does not return");
                    }
                }
            }

            CollectionAssert.AreEquivalent(new[] { "adv_RunProactiveSweep", "adv_RecountAdvocateLoad" }, called);
        }

        [TestMethod]
        public void The_sweep_flow_is_triggered_once_a_day_one_run_at_a_time_and_gives_up_before_the_next_day()
        {
            JsonObject definition = Definition(SweepFlow);
            JsonObject trigger = (JsonObject)((JsonObject)definition["triggers"]!).Single().Value!;
            Assert.AreEqual("Recurrence", (string?)trigger["type"]);
            Assert.AreEqual("Day", (string?)trigger["recurrence"]!["frequency"]);
            Assert.AreEqual(1, (int)trigger["recurrence"]!["interval"]!);
            Assert.AreEqual(1, (int)trigger["runtimeConfiguration"]!["concurrency"]!["runs"]!, "a second run waits for the first");

            JsonObject loop = Actions(definition).Single(a => (string?)a.Value["type"] == "Until").Value;
            TimeSpan timeout = System.Xml.XmlConvert.ToTimeSpan((string)loop["limit"]!["timeout"]!);
            Assert.IsTrue(timeout < TimeSpan.FromDays(1), $"the loop ({timeout}) ends before the next day's run starts");
            Assert.IsGreaterThanOrEqualTo(100, (int)loop["limit"]!["count"]!, "enough calls for a large sweep (each call makes progress)");
        }

        [TestMethod]
        public void The_sweep_flow_passes_each_continuation_to_the_next_call_until_one_comes_back_empty()
        {
            var answers = new Queue<(string Next, int Created)>(new[] { ("token-1", 1000), ("token-2", 1000), (string.Empty, 7) });
            var continuations = new List<object?>();
            var runner = new FlowRunner((api, parameters) =>
            {
                Assert.AreEqual("adv_RunProactiveSweep", api);
                continuations.Add(parameters["Continuation"]);
                var (next, created) = answers.Dequeue();
                return new Dictionary<string, object?> { ["Created"] = created, ["Remaining"] = next.Length == 0 ? 0 : -1, ["NextContinuation"] = next, ["Summary"] = "…" };
            });

            runner.Run(Definition(SweepFlow));

            CollectionAssert.AreEqual(new object?[] { string.Empty, "token-1", "token-2" }, continuations, "the first call starts a sweep; each next call continues it");
            Assert.AreEqual(0, answers.Count, "the loop ends at the first empty NextContinuation");
            Assert.AreEqual(2007L, runner.Variables["created"]);
        }

        [TestMethod]
        public void The_sweep_flow_against_the_real_Custom_API_raises_every_due_check_in_and_stops()
        {
            var w = new FollowUpWorld();
            for (int i = 0; i < 6; i++)
            {
                w.SeedAccount("Due " + i, CustomerTier.Key, next: AdvocacyWorld.Now.Date);
            }

            w.SeedAccount("Later", CustomerTier.Key, next: AdvocacyWorld.Now.Date.AddDays(40));
            int calls = 0;
            var runner = new FlowRunner((api, parameters) =>
            {
                calls++;
                var request = new OrganizationRequest(api);
                foreach (var parameter in parameters)
                {
                    request[parameter.Key] = parameter.Value;
                }

                return w.Sandbox.Run(request).Results.ToDictionary(r => r.Key, r => (object?)r.Value);
            });

            runner.Run(Definition(SweepFlow));

            Assert.AreEqual(1, calls, "one call finishes a sweep of this size");
            Assert.AreEqual(6L, runner.Variables["created"]);
            Assert.HasCount(6, w.Tasks(AdvocacyTaskKind.ProactiveCheckIn));

            runner.Run(Definition(SweepFlow));
            Assert.HasCount(6, w.Tasks(AdvocacyTaskKind.ProactiveCheckIn), "the next day's run raises nothing twice");
        }

        [TestMethod]
        public void The_recount_flow_is_a_manual_flow_that_calls_the_recount_once_when_nothing_is_left_to_share()
        {
            JsonObject definition = Definition(RecountFlow);
            JsonObject trigger = (JsonObject)((JsonObject)definition["triggers"]!).Single().Value!;
            Assert.AreEqual("Request", (string?)trigger["type"]);
            Assert.AreEqual("Button", (string?)trigger["kind"], "an instant flow: Run in Power Automate");

            var w = new FollowUpWorld();
            w.SeedAccount("Counted", CustomerTier.Key);
            var called = new List<string>();
            var runner = new FlowRunner((api, parameters) =>
            {
                called.Add(api);
                return w.Sandbox.Run(new OrganizationRequest(api)).Results.ToDictionary(r => r.Key, r => (object?)r.Value);
            });
            runner.Run(definition);

            CollectionAssert.AreEqual(new[] { "adv_RecountAdvocateLoad" }, called);
            Assert.AreEqual(1, w.Sandbox.Get("adv_advocate", w.AdvocateId).GetAttributeValue<int>("adv_accountcount"));
        }

        [TestMethod]
        public void The_recount_flow_calls_again_while_accounts_are_left_to_share_with_their_advocate()
        {
            var w = new FollowUpWorld();
            for (int i = 0; i < Data.AdvocateShareRepair.MaxWritesPerCall + 2; i++)
            {
                w.SeedAccount("Imported " + i, CustomerTier.Key);
            }

            var called = new List<string>();
            var runner = new FlowRunner((api, parameters) =>
            {
                called.Add(api);
                return w.Sandbox.Run(new OrganizationRequest(api)).Results.ToDictionary(r => r.Key, r => (object?)r.Value);
            });
            runner.Run(Definition(RecountFlow));

            CollectionAssert.AreEqual(new[] { "adv_RecountAdvocateLoad", "adv_RecountAdvocateLoad" }, called);
            Assert.AreEqual(Data.AdvocateShareRepair.MaxWritesPerCall + 2, w.Sandbox.Count("principalobjectaccess"), "every imported account is shared with its advocate's user");
        }
    }
}
