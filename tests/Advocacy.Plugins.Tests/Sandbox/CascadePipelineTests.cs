using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// The rows a cascade reaches are written through their own pipeline, as Microsoft Learn describes Dataverse's cascades
    /// ("Asynchronous processing of cascading transactions": "the single-record update or delete, along with all associated
    /// plug-ins for that record, run synchronously"; a plug-in exception fails the cascading operation; so does the caller's
    /// missing privilege on one of the rows): a child's Delete steps run when its parent's delete cascades to it, its Update
    /// steps when its parent's new owner cascades to it — in the parent's transaction, at the request's depth.
    /// </summary>
    [TestClass]
    public sealed class CascadePipelineTests
    {
        private sealed class World
        {
            public readonly DataverseSandbox Sandbox = SandboxFixture.Create();
            public readonly Guid Alice;
            public readonly Guid Bob;
            public readonly Guid Widget;

            public World(CascadeDelete onDelete = CascadeDelete.Cascade, CascadeAssign onAssign = CascadeAssign.Cascade)
            {
                Sandbox.Metadata.AddRelationship(new OneToManyMetadata("sbx_widget_notes", SandboxFixture.Widget, SandboxFixture.Note, "sbx_widgetid", onDelete) { OnAssign = onAssign });
                var pre = new[] { new StepImage("pre", pre: true, post: false, new[] { "sbx_name", "sbx_widgetid", "ownerid" }) };
                Sandbox.RegisterStep<SbxNoteCascadeWitness>("Delete", SandboxFixture.Note, PipelineStage.PreOperation, images: pre);
                Sandbox.RegisterStep<SbxNoteCascadeWitness>("Delete", SandboxFixture.Note, PipelineStage.PostOperation, images: pre);
                Sandbox.RegisterStep<SbxNoteCascadeWitness>("Update", SandboxFixture.Note, PipelineStage.PreOperation, filteringAttributes: new[] { "ownerid" }, images: pre);
                Alice = Sandbox.SeedUser("Alice");
                Bob = Sandbox.SeedUser("Bob");
                Widget = Sandbox.CreateService(Alice).Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "w" });
            }

            public Guid Note(string name) =>
                Sandbox.CreateService(Alice).Create(new Entity(SandboxFixture.Note) { ["sbx_name"] = name, ["sbx_widgetid"] = new EntityReference(SandboxFixture.Widget, Widget) });

            public string[] Witnessed() => Sandbox.Executions.Where(e => e.Step.PluginType == typeof(SbxNoteCascadeWitness)).Select(e => e.TraceText).ToArray();
        }

        [TestMethod]
        public void Deleting_a_row_runs_the_delete_steps_of_every_row_its_cascade_deletes_while_the_row_is_still_there()
        {
            var w = new World();
            var first = w.Note("first");
            var second = w.Note("second");
            w.Sandbox.ClearExecutions();

            w.Sandbox.Service.Delete(SandboxFixture.Widget, w.Widget);

            var seen = w.Witnessed();
            Assert.HasCount(4, seen, string.Join(Environment.NewLine, seen));
            foreach (var note in new[] { first, second })
            {
                Assert.IsTrue(seen.Any(s => s.StartsWith($"Delete {note} stage 20 depth 1 widget-there True", StringComparison.Ordinal)), string.Join(Environment.NewLine, seen));
                Assert.IsTrue(seen.Any(s => s.StartsWith($"Delete {note} stage 40 depth 1 widget-there True", StringComparison.Ordinal)),
                    "a child's post-operation step still finds its parent: the parent goes after its children");
            }
            Assert.IsFalse((w.Sandbox.Row(SandboxFixture.Note, first) != null));
            Assert.IsFalse((w.Sandbox.Row(SandboxFixture.Widget, w.Widget) != null));
        }

        [TestMethod]
        public void A_child_step_that_refuses_its_delete_fails_the_parents_delete_and_nothing_is_deleted()
        {
            var w = new World();
            var kept = w.Note("kept");
            w.Note("refuse");

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.Sandbox.Service.Delete(SandboxFixture.Widget, w.Widget));

            StringAssert.Contains(fault.Message, "its step refused it");
            Assert.IsTrue((w.Sandbox.Row(SandboxFixture.Widget, w.Widget) != null));
            Assert.IsTrue((w.Sandbox.Row(SandboxFixture.Note, kept) != null), "the cascade rolls back with the delete");
        }

        [TestMethod]
        public void A_new_owner_runs_the_update_steps_of_every_row_its_cascade_gives_to_that_owner_with_only_the_owner_in_the_Target()
        {
            var w = new World();
            var note = w.Note("n");
            w.Sandbox.ClearExecutions();

            w.Sandbox.Service.Update(new Entity(SandboxFixture.Widget, w.Widget) { ["ownerid"] = new EntityReference("systemuser", w.Bob) });

            var seen = w.Witnessed();
            Assert.HasCount(1, seen, string.Join(Environment.NewLine, seen));
            Assert.IsTrue(seen[0].StartsWith($"Update {note} stage 20 depth 1 widget-there True columns ownerid name n", StringComparison.Ordinal), seen[0]);
            Assert.AreEqual(w.Bob, w.Sandbox.Get(SandboxFixture.Note, note).GetAttributeValue<EntityReference>("ownerid").Id);
        }

        [TestMethod]
        public void A_child_step_that_refuses_its_new_owner_fails_the_parents_assignment()
        {
            var w = new World();
            var note = w.Note("refuse");

            Assert.ThrowsExactly<SandboxFaultException>(() => w.Sandbox.Service.Execute(new OrganizationRequest("Assign")
            {
                ["Target"] = new EntityReference(SandboxFixture.Widget, w.Widget),
                ["Assignee"] = new EntityReference("systemuser", w.Bob),
            }));

            Assert.AreEqual(w.Alice, w.Sandbox.Get(SandboxFixture.Widget, w.Widget).GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(w.Alice, w.Sandbox.Get(SandboxFixture.Note, note).GetAttributeValue<EntityReference>("ownerid").Id);
        }

        [TestMethod]
        public void Rows_a_delete_unlinks_and_rows_no_cascade_reaches_run_no_steps()
        {
            var w = new World(CascadeDelete.RemoveLink, CascadeAssign.NoCascade);
            var note = w.Note("n");
            w.Sandbox.Service.Update(new Entity(SandboxFixture.Widget, w.Widget) { ["ownerid"] = new EntityReference("systemuser", w.Bob) });
            w.Sandbox.Service.Delete(SandboxFixture.Widget, w.Widget);

            Assert.IsEmpty(w.Witnessed(), "whether the platform runs Update steps for an unlinked row is not published; the sandbox runs none");
            Assert.IsNull(w.Sandbox.Get(SandboxFixture.Note, note).GetAttributeValue<EntityReference>("sbx_widgetid"));
        }

        [TestMethod]
        public void Bypassing_custom_logic_on_the_parents_delete_holds_for_its_cascade()
        {
            var w = new World();
            var note = w.Note("refuse");

            w.Sandbox.Service.Execute(new DeleteRequest { Target = new EntityReference(SandboxFixture.Widget, w.Widget), ["BypassCustomPluginExecution"] = true });

            Assert.IsEmpty(w.Witnessed());
            Assert.IsFalse((w.Sandbox.Row(SandboxFixture.Note, note) != null));
        }

        [TestMethod]
        public void Under_security_the_caller_needs_delete_on_each_row_the_cascade_deletes()
        {
            var w = new World();
            w.Note("n");
            w.Sandbox.Security.DefineRole("widget keeper").Grant(AccessLevel.Global, "prvReadsbx_widget", "prvDeletesbx_widget", "prvReadsbx_note", "prvReadUser");
            w.Sandbox.Security.AssignRole(w.Alice, "widget keeper");
            w.Sandbox.Security.Enforce = true;

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.Sandbox.CreateService(w.Alice).Delete(SandboxFixture.Widget, w.Widget));
            StringAssert.Contains(fault.Message, "prvDeletesbx_note");
            Assert.IsTrue((w.Sandbox.Row(SandboxFixture.Widget, w.Widget) != null));

            w.Sandbox.Security.Role("widget keeper")!.Grant(AccessLevel.Global, "prvDeletesbx_note");
            w.Sandbox.CreateService(w.Alice).Delete(SandboxFixture.Widget, w.Widget);
            Assert.IsFalse((w.Sandbox.Row(SandboxFixture.Widget, w.Widget) != null));
        }

        [TestMethod]
        public void Under_security_the_caller_needs_assign_on_each_row_the_cascade_gives_away()
        {
            var w = new World();
            w.Note("n");
            w.Sandbox.Security.DefineRole("widget keeper").Grant(AccessLevel.Global,
                "prvReadsbx_widget", "prvWritesbx_widget", "prvAssignsbx_widget", "prvReadsbx_note", "prvReadUser");
            w.Sandbox.Security.AssignRole(w.Alice, "widget keeper");
            w.Sandbox.Security.AssignRole(w.Bob, "widget keeper");
            w.Sandbox.Security.Enforce = true;
            var assign = new Entity(SandboxFixture.Widget, w.Widget) { ["ownerid"] = new EntityReference("systemuser", w.Bob) };

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.Sandbox.CreateService(w.Alice).Update(assign));
            StringAssert.Contains(fault.Message, "prvAssignsbx_note");

            w.Sandbox.Security.Role("widget keeper")!.Grant(AccessLevel.Global, "prvAssignsbx_note");
            w.Sandbox.CreateService(w.Alice).Update(assign);
            Assert.AreEqual(w.Bob, w.Sandbox.Get(SandboxFixture.Widget, w.Widget).GetAttributeValue<EntityReference>("ownerid").Id);
        }
    }
}
