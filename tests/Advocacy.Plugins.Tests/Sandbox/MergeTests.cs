using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// Merge as Microsoft Learn describes it ("Merge table rows using the Web API"): the subordinate's data moves to the
    /// target — UpdateContent's columns onto the target, every row that references the subordinate over to the target
    /// (Cascade is the only merge behaviour of a mergeable table), each through its own pipeline — and the subordinate is
    /// deactivated; the caller needs read and write on both rows, and the merge runs as the system.
    /// </summary>
    [TestClass]
    public sealed class MergeTests
    {
        private sealed class World
        {
            public readonly DataverseSandbox Sandbox = SandboxFixture.Create();
            public readonly Guid Alice;
            public readonly Guid Target;
            public readonly Guid Subordinate;

            public World()
            {
                Alice = Sandbox.SeedUser("Alice");
                var alice = Sandbox.CreateService(Alice);
                Target = alice.Create(new Entity("account") { ["name"] = "Contoso" });
                Subordinate = alice.Create(new Entity("account") { ["name"] = "Contoso Ltd", ["telephone1"] = "555-0100" });
            }

            public OrganizationRequest Merge(Entity? updateContent = null, Guid? subordinate = null, string table = "account", Guid? target = null) =>
                new("Merge")
                {
                    ["Target"] = new EntityReference(table, target ?? Target),
                    ["SubordinateId"] = subordinate ?? Subordinate,
                    ["UpdateContent"] = updateContent ?? new Entity(table),
                    ["PerformParentingChecks"] = false,
                };

            public Guid Task(string subject, Guid regarding, bool closed = false)
            {
                var id = Sandbox.CreateService(Alice).Create(new Entity("task") { ["subject"] = subject, ["regardingobjectid"] = new EntityReference("account", regarding) });
                if (closed)
                {
                    Sandbox.Service.Update(new Entity("task", id) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5) });
                }
                return id;
            }

            public Guid RegardingOf(Guid task) => Sandbox.Get("task", task).GetAttributeValue<EntityReference>("regardingobjectid").Id;
        }

        [TestMethod]
        public void Merging_moves_the_subordinates_rows_to_the_target_sets_the_chosen_columns_and_deactivates_the_subordinate()
        {
            var w = new World();
            var open = w.Task("Call back", w.Subordinate);
            var done = w.Task("Sent brochure", w.Subordinate, closed: true);
            var targets = w.Task("Visit", w.Target);
            var contact = w.Sandbox.Service.Create(new Entity("contact") { ["lastname"] = "Ruiz", ["parentcustomerid"] = new EntityReference("account", w.Subordinate) });
            var child = w.Sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso Branch", ["parentaccountid"] = new EntityReference("account", w.Subordinate) });

            w.Sandbox.CreateService(w.Alice).Execute(w.Merge(new Entity("account") { ["telephone1"] = "555-0100" }));

            Assert.AreEqual(w.Target, w.RegardingOf(open));
            Assert.AreEqual(w.Target, w.RegardingOf(done), "closed activities move too");
            Assert.AreEqual(w.Target, w.RegardingOf(targets));
            Assert.AreEqual(w.Target, w.Sandbox.Get("contact", contact).GetAttributeValue<EntityReference>("parentcustomerid").Id);
            Assert.AreEqual(w.Target, w.Sandbox.Get("account", child).GetAttributeValue<EntityReference>("parentaccountid").Id);
            var target = w.Sandbox.Get("account", w.Target);
            Assert.AreEqual("555-0100", target.GetAttributeValue<string>("telephone1"), "UpdateContent is written to the target");
            Assert.AreEqual(0, target.GetAttributeValue<OptionSetValue>("statecode").Value);
            var subordinate = w.Sandbox.Get("account", w.Subordinate);
            Assert.AreEqual(1, subordinate.GetAttributeValue<OptionSetValue>("statecode").Value, "the subordinate is deactivated");
            Assert.AreEqual(2, subordinate.GetAttributeValue<OptionSetValue>("statuscode").Value);
        }

        [TestMethod]
        public void The_merges_own_steps_see_its_parameters_and_each_moved_row_runs_its_update_steps_as_the_system()
        {
            var w = new World();
            var task = w.Task("Call back", w.Subordinate);
            w.Sandbox.RegisterStep<SbxMergeWitness>("Merge", "account", PipelineStage.PreOperation);
            w.Sandbox.RegisterStep<SbxMergeWitness>("Merge", "account", PipelineStage.PostOperation);
            w.Sandbox.RegisterStep<SbxMergeWitness>("Update", "task", PipelineStage.PreOperation, filteringAttributes: new[] { "regardingobjectid" });
            w.Sandbox.RegisterStep<SbxMergeWitness>("Update", "account", PipelineStage.PreOperation);
            w.Sandbox.ClearExecutions();

            w.Sandbox.CreateService(w.Alice).Execute(w.Merge(new Entity("account") { ["telephone1"] = "555-0100" }));

            var seen = w.Sandbox.Executions.Select(e => e.TraceText).ToArray();
            var all = string.Join(Environment.NewLine, seen);
            Assert.HasCount(3, seen, all);
            StringAssert.StartsWith(seen[0], $"Merge stage 20 depth 1 user {w.Alice} target account {w.Target} subordinate {w.Subordinate}");
            StringAssert.StartsWith(seen[1], $"Update stage 20 depth 1 user {w.Sandbox.SystemUserId} target task {task} {{regardingobjectid}}");
            StringAssert.StartsWith(seen[2], $"Merge stage 40 depth 1 user {w.Alice}");
            Assert.IsFalse(all.Contains("target account", StringComparison.Ordinal) && seen.Any(x => x.StartsWith("Update", StringComparison.Ordinal) && x.Contains("target account", StringComparison.Ordinal)),
                "the target's and subordinate's own writes run no Update steps (not published; a plug-in reacts to Merge)");
        }

        [TestMethod]
        public void The_caller_needs_read_and_write_on_both_records_and_nothing_on_the_rows_that_move()
        {
            var w = new World();
            w.Task("Call back", w.Subordinate);
            var bob = w.Sandbox.SeedUser("Bob");
            w.Sandbox.Security.DefineRole("account editor").Grant(AccessLevel.Global, "prvReadAccount", "prvWriteAccount", "prvReadUser");
            w.Sandbox.Security.DefineRole("account reader").Grant(AccessLevel.Global, "prvReadAccount", "prvReadUser");
            w.Sandbox.Security.AssignRole(w.Alice, "account editor");
            w.Sandbox.Security.AssignRole(bob, "account reader");
            w.Sandbox.Security.Enforce = true;

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.Sandbox.CreateService(bob).Execute(w.Merge()));
            StringAssert.Contains(fault.Message, "prvWriteAccount");
            Assert.AreEqual(0, w.Sandbox.Get("account", w.Subordinate).GetAttributeValue<OptionSetValue>("statecode").Value, "nothing merged");

            w.Sandbox.CreateService(w.Alice).Execute(w.Merge());
            Assert.AreEqual(1, w.Sandbox.Get("account", w.Subordinate).GetAttributeValue<OptionSetValue>("statecode").Value,
                "the task moved as the system: the merging user holds no privilege on activities");
        }

        [TestMethod]
        public void A_merge_with_itself_a_missing_subordinate_or_a_table_the_sandbox_does_not_merge_is_refused_and_changes_nothing()
        {
            var w = new World();
            var task = w.Task("Call back", w.Subordinate);
            var service = w.Sandbox.CreateService(w.Alice);

            StringAssert.Contains(Assert.ThrowsExactly<SandboxFaultException>(() => service.Execute(w.Merge(subordinate: w.Target))).Message, "with itself");
            Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, Assert.ThrowsExactly<SandboxFaultException>(() => service.Execute(w.Merge(subordinate: Guid.NewGuid()))).ErrorCode);
            StringAssert.Contains(Assert.ThrowsExactly<SandboxFaultException>(() => service.Execute(w.Merge(table: "task", target: task, subordinate: Guid.NewGuid()))).Message, "not modelled");

            Assert.AreEqual(w.Subordinate, w.RegardingOf(task));
            Assert.AreEqual(0, w.Sandbox.Get("account", w.Subordinate).GetAttributeValue<OptionSetValue>("statecode").Value);
        }
        [TestMethod]
        public void A_case_merge_runs_as_the_user_ignores_UpdateContent_and_cancels_the_merged_case_as_Merged()
        {
            // Learn: for incident, "The UpdateContent parameter data is not used" and "Merge is performed in the security
            // context of the user": the user needs the privileges of every action, or the merge fails and rolls back.
            var w = new World();
            var alice = w.Sandbox.CreateService(w.Alice);
            var kept = alice.Create(new Entity("incident") { ["title"] = "Pallets damaged", ["customerid"] = new EntityReference("account", w.Target) });
            var merged = alice.Create(new Entity("incident") { ["title"] = "Pallets damaged (again)", ["customerid"] = new EntityReference("account", w.Target) });
            var bob = w.Sandbox.SeedUser("Bob");
            var task = w.Sandbox.CreateService(bob).Create(new Entity("task") { ["subject"] = "Call", ["regardingobjectid"] = new EntityReference("incident", merged) });
            w.Sandbox.Security.DefineRole("case worker").Grant(AccessLevel.Basic,
                "prvReadIncident", "prvWriteIncident", "prvAppendToIncident", "prvReadActivity", "prvWriteActivity", "prvAppendActivity");
            w.Sandbox.Security.Role("case worker")!.Grant(AccessLevel.Global, "prvReadUser");
            w.Sandbox.Security.AssignRole(w.Alice, "case worker");
            w.Sandbox.Security.Enforce = true;
            var request = new OrganizationRequest("Merge")
            {
                ["Target"] = new EntityReference("incident", kept),
                ["SubordinateId"] = merged,
                ["UpdateContent"] = new Entity("incident") { ["title"] = "Not used" },
                ["PerformParentingChecks"] = false,
            };

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => alice.Execute(request));
            StringAssert.Contains(fault.Message, "prvWriteActivity", "Bob's task on the case is beyond Alice's user-level write: the merge fails");
            Assert.AreEqual(0, w.Sandbox.Get("incident", merged).GetAttributeValue<OptionSetValue>("statecode").Value, "rolled back");

            w.Sandbox.Security.Role("case worker")!.Grant(AccessLevel.Global, "prvWriteActivity", "prvAppendActivity");
            alice.Execute(request);
            Assert.AreEqual(kept, w.Sandbox.Get("task", task).GetAttributeValue<EntityReference>("regardingobjectid").Id);
            var cancelled = w.Sandbox.Get("incident", merged);
            Assert.AreEqual(2, cancelled.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.AreEqual(2000, cancelled.GetAttributeValue<OptionSetValue>("statuscode").Value, "Merged");
            Assert.AreEqual("Pallets damaged", w.Sandbox.Get("incident", kept).GetAttributeValue<string>("title"), "UpdateContent is not used for cases");
        }
    }
}
