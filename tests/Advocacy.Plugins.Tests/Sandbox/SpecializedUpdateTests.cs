using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// Microsoft Learn, "Behavior of specialized update operations": "When update requests are processed that include
    /// both state/status fields plus other standard fields, plug-ins registered for the Update message in PreOperation
    /// and/or PostOperation stages execute once for all non-state/status fields, and then once for the state/status
    /// fields." Stage 10 runs once, on the whole request; the two passes share one transaction and the shared variables.
    /// </summary>
    [TestClass]
    public sealed class SpecializedUpdateTests
    {
        private static (DataverseSandbox Sandbox, Guid Task) TaskWithSteps()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var task = sandbox.Service.Create(new Entity("task") { ["subject"] = "Call Contoso" });
            var image = new[] { new StepImage("before", pre: true, post: false, new[] { "subject", "statecode" }) };
            sandbox.RegisterStep<RecordsUpdateTargets>("Update", "task", PipelineStage.PreValidation);
            sandbox.RegisterStep<RecordsUpdateTargets>("Update", "task", PipelineStage.PreOperation, images: image);
            sandbox.RegisterStep<RecordsUpdateTargets>("Update", "task", PipelineStage.PostOperation, images: image);
            return (sandbox, task);
        }

        [TestMethod]
        public void Completing_a_task_and_changing_its_subject_in_one_update_runs_the_steps_of_stages_20_and_40_once_for_each_part()
        {
            var (sandbox, task) = TaskWithSteps();

            sandbox.Service.Update(new Entity("task", task) { ["subject"] = "Called Contoso", ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5) });

            CollectionAssert.AreEqual(new[]
            {
                "stage 10: statecode, statuscode, subject | before: -",
                "stage 20: subject | before: Call Contoso, state 0",
                "stage 40: subject | before: Call Contoso, state 0 | shared from 20",
                "stage 20: statecode, statuscode | before: Called Contoso, state 0 | shared from 20",
                "stage 40: statecode, statuscode | before: Called Contoso, state 0 | shared from 20",
            }, sandbox.Traces(nameof(RecordsUpdateTargets)).ToArray(), string.Join("\n", sandbox.Traces(nameof(RecordsUpdateTargets))));
            var row = sandbox.Get("task", task);
            Assert.AreEqual("Called Contoso", row.GetAttributeValue<string>("subject"));
            Assert.AreEqual(1, row.GetAttributeValue<OptionSetValue>("statecode").Value);
        }

        [TestMethod]
        [DataRow("subject")]
        [DataRow("statecode")]
        public void An_update_of_only_other_fields_or_only_the_state_runs_each_stage_once(string column)
        {
            var (sandbox, task) = TaskWithSteps();
            var update = new Entity("task", task);
            if (column == "subject")
            {
                update["subject"] = "Called Contoso";
            }
            else
            {
                update["statecode"] = new OptionSetValue(1);
            }

            sandbox.Service.Update(update);

            Assert.HasCount(3, sandbox.Traces(nameof(RecordsUpdateTargets)), "stages 10, 20 and 40, once each");
        }

        [TestMethod]
        public void A_step_filtered_on_the_state_runs_only_for_the_state_part_and_one_filtered_on_the_subject_only_for_the_other()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var task = sandbox.Service.Create(new Entity("task") { ["subject"] = "Call Contoso" });
            var onState = sandbox.RegisterStep<RecordsUpdateTargets>("Update", "task", PipelineStage.PostOperation, filteringAttributes: new[] { "statecode" });
            var onSubject = sandbox.RegisterStep<RecordsUpdateTargets>("Update", "task", PipelineStage.PostOperation, filteringAttributes: new[] { "subject" });

            sandbox.Service.Update(new Entity("task", task) { ["subject"] = "Called Contoso", ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5) });

            string[] TracesOf(PipelineStep step) => sandbox.Executions.Where(e => e.Step == step).SelectMany(e => e.Traces).ToArray();
            CollectionAssert.AreEqual(new[] { "stage 40: statecode, statuscode | before: -" }, TracesOf(onState));
            CollectionAssert.AreEqual(new[] { "stage 40: subject | before: -" }, TracesOf(onSubject));
        }

        [TestMethod]
        public void Changing_a_users_title_and_manager_in_one_update_runs_the_steps_once_for_the_title_and_then_once_for_the_owner_field()
        {
            // The page's own example of owner fields: a user's business unit and manager (a business-owned table).
            var sandbox = DataverseSandbox.ForRepository();
            var manager = sandbox.SeedUser("Mia Manager");
            var user = sandbox.SeedUser("Uma User");
            sandbox.RegisterStep<RecordsUpdateTargets>("Update", "systemuser", PipelineStage.PostOperation);

            sandbox.Service.Update(new Entity("systemuser", user) { ["title"] = "Lead", ["parentsystemuserid"] = new EntityReference("systemuser", manager) });
            // A task is user-owned: its owner is not split off (only business-owned tables' owner fields are).
            var task = sandbox.Service.Create(new Entity("task") { ["subject"] = "s" });
            sandbox.RegisterStep<RecordsUpdateTargets>("Update", "task", PipelineStage.PostOperation);
            sandbox.Service.Update(new Entity("task", task) { ["subject"] = "t", ["ownerid"] = new EntityReference("systemuser", manager) });

            CollectionAssert.AreEqual(new[]
            {
                "stage 40: title | before: -",
                "stage 40: parentsystemuserid | before: -",
                "stage 40: ownerid, subject | before: -",
            }, sandbox.Traces(nameof(RecordsUpdateTargets)).ToArray());
            Assert.AreEqual(manager, sandbox.Get("systemuser", user).GetAttributeValue<EntityReference>("parentsystemuserid").Id);
        }

        [TestMethod]
        public void When_the_second_part_fails_the_first_is_rolled_back_with_it()
        {
            var (sandbox, task) = TaskWithSteps();

            // Status reason 5 (Completed) belongs to state 1, not 2 (Canceled): the state pass is refused.
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(
                new Entity("task", task) { ["subject"] = "Called Contoso", ["statecode"] = new OptionSetValue(2), ["statuscode"] = new OptionSetValue(5) }));

            Assert.AreEqual("Call Contoso", sandbox.Get("task", task).GetAttributeValue<string>("subject"));
        }
    }

    /// <summary>Traces the stage, the Target's columns, the pre-image's subject and state, and whether stage 20's shared variable reached it.</summary>
    public sealed class RecordsUpdateTargets : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Ctx.Of(serviceProvider);
            var target = (Entity)context.InputParameters["Target"];
            string before = context.PreEntityImages.TryGetValue("before", out var image)
                ? $"{image.GetAttributeValue<string>("subject")}, state {image.GetAttributeValue<OptionSetValue>("statecode")?.Value}"
                : "-";
            string shared = context.SharedVariables.ContainsKey("from20") ? " | shared from 20" : "";
            if (context.Stage == 20 && !context.SharedVariables.ContainsKey("from20"))
            {
                context.SharedVariables["from20"] = true;
            }
            trace.Trace("stage {0}: {1} | before: {2}{3}", context.Stage, string.Join(", ", target.Attributes.Keys.OrderBy(k => k, StringComparer.Ordinal)), before, shared);
        }
    }
}
