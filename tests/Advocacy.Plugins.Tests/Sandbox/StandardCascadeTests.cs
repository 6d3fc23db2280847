using System;
using System.IO;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// The standard relationships among the standard tables cascade deletes and assignments as Microsoft's table
    /// reference publishes them (Account_Tasks, Contact_Tasks, Incident_Tasks, Incident_IncidentResolutions: Assign and Delete Cascade;
    /// incident_customer_accounts: Cascade/Cascade; account_parent_account: Assign Cascade, Delete RemoveLink;
    /// order_customer_accounts and subject_incidents: Delete Restrict), and a polymorphic lookup only answers to the
    /// relationship of the table it names.
    /// </summary>
    [TestClass]
    public sealed class StandardCascadeTests
    {
        private sealed class World
        {
            public readonly DataverseSandbox Sandbox;
            public readonly Guid Alice;
            public readonly Guid Bob;

            public World(DataverseSandbox? sandbox = null)
            {
                Sandbox = sandbox ?? SandboxFixture.Create();
                Alice = Sandbox.SeedUser("Alice");
                Bob = Sandbox.SeedUser("Bob");
            }

            public Guid Account(string name, Guid? id = null, Guid? parent = null)
            {
                var row = new Entity("account", id ?? Guid.NewGuid()) { ["name"] = name };
                if (parent != null)
                {
                    row["parentaccountid"] = new EntityReference("account", parent.Value);
                }
                return Sandbox.CreateService(Alice).Create(row);
            }

            public Guid Case(string title, Guid account, Guid? id = null) =>
                Sandbox.CreateService(Alice).Create(new Entity("incident", id ?? Guid.NewGuid()) { ["title"] = title, ["customerid"] = new EntityReference("account", account) });

            public Guid Task(string subject, string regardingTable, Guid regarding, bool completed = false)
            {
                var id = Sandbox.CreateService(Alice).Create(new Entity("task") { ["subject"] = subject, ["regardingobjectid"] = new EntityReference(regardingTable, regarding) });
                if (completed)
                {
                    Sandbox.CreateService(Alice).Update(new Entity("task", id) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5) });
                }
                return id;
            }

            public Guid Resolution(Guid incident) =>
                Sandbox.CreateService(Alice).Create(new Entity("incidentresolution") { ["subject"] = "fixed", ["incidentid"] = new EntityReference("incident", incident) });

            public void Assign(string table, Guid id, Guid user) => Sandbox.Service.Execute(new OrganizationRequest("Assign")
            {
                ["Target"] = new EntityReference(table, id),
                ["Assignee"] = new EntityReference("systemuser", user),
            });

            public bool Exists(string table, Guid id) => Sandbox.Row(table, id) != null;

            public Guid OwnerOf(string table, Guid id) => Sandbox.Get(table, id).GetAttributeValue<EntityReference>("ownerid").Id;
        }

        [TestMethod]
        public void Deleting_an_account_deletes_its_tasks_but_not_tasks_regarding_a_case_or_custom_row_with_the_same_id()
        {
            var w = new World();
            var shared = Guid.NewGuid();
            var other = w.Account("Fabrikam");
            var account = w.Account("Contoso", shared);
            w.Case("same id, other table", other, id: shared);
            w.Sandbox.Seed(new Entity(SandboxFixture.Widget, shared) { ["sbx_name"] = "same id, custom table" });
            var accountTask = w.Task("call Contoso", "account", account);
            var caseTask = w.Task("work the case", "incident", shared);
            var widgetTask = w.Task("look at the widget", SandboxFixture.Widget, shared);

            w.Sandbox.Service.Delete("account", account);

            Assert.IsFalse(w.Exists("task", accountTask), "Account_Tasks: Delete Cascade");
            Assert.IsTrue(w.Exists("task", caseTask), "a task regarding the case is not the account's, whatever its id");
            Assert.IsTrue(w.Exists("task", widgetTask), "nor is one regarding a custom table's row");
            Assert.IsTrue(w.Exists("incident", shared));
        }

        [TestMethod]
        public void Cascades_in_a_transaction_reach_the_rows_it_created_and_changed_itself()
        {
            // The cascades read each referencing row where it is held: committed, or written earlier in the same
            // transaction (a created row, an updated one).
            var world = new World();
            var kept = world.Account("Kept");
            var committedTask = world.Task("committed", "account", kept);
            var gone = Guid.NewGuid();
            var newTask = Guid.NewGuid();
            var movedTask = Guid.NewGuid();
            var requests = new OrganizationRequestCollection
            {
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("account", gone) { ["name"] = "Gone" } },
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("task", newTask) { ["subject"] = "new", ["regardingobjectid"] = new EntityReference("account", gone) } },
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("task", movedTask) { ["subject"] = "moved", ["regardingobjectid"] = new EntityReference("account", kept) } },
                new Microsoft.Xrm.Sdk.Messages.UpdateRequest { Target = new Entity("task", movedTask) { ["regardingobjectid"] = new EntityReference("account", gone) } },
                new Microsoft.Xrm.Sdk.Messages.UpdateRequest { Target = new Entity("account", kept) { ["ownerid"] = new EntityReference("systemuser", world.Bob) } },
                new Microsoft.Xrm.Sdk.Messages.DeleteRequest { Target = new EntityReference("account", gone) },
            };

            world.Sandbox.Service.Execute(new OrganizationRequest("ExecuteTransaction") { ["Requests"] = requests });

            Assert.IsFalse(world.Exists("task", newTask), "created in the transaction, deleted with its account");
            Assert.IsFalse(world.Exists("task", movedTask), "moved to the deleted account in the transaction");
            Assert.AreEqual(world.Bob, world.OwnerOf("task", committedTask), "assigned with its account");
            Assert.IsTrue(world.Exists("account", kept));
        }

        [TestMethod]
        public void Deleting_a_case_deletes_its_resolutions_and_tasks_and_leaves_another_cases()
        {
            var w = new World();
            var account = w.Account("Contoso");
            var incident = w.Case("late delivery", account);
            var otherCase = w.Case("billing", account);
            var resolution = w.Resolution(incident);
            var task = w.Task("check in", "incident", incident);
            var otherResolution = w.Resolution(otherCase);
            var otherTask = w.Task("other", "incident", otherCase);

            w.Sandbox.Service.Delete("incident", incident);

            Assert.IsFalse(w.Exists("incidentresolution", resolution), "Incident_IncidentResolutions: Delete Cascade");
            Assert.IsFalse(w.Exists("task", task), "Incident_Tasks: Delete Cascade");
            Assert.IsTrue(w.Exists("incidentresolution", otherResolution));
            Assert.IsTrue(w.Exists("task", otherTask));
        }

        [TestMethod]
        public void Deleting_an_account_deletes_its_cases_with_their_tasks_and_unlinks_its_child_accounts()
        {
            var w = new World();
            var account = w.Account("Contoso");
            var child = w.Account("Contoso Europe", parent: account);
            var incident = w.Case("late delivery", account);
            var caseTask = w.Task("work the case", "incident", incident);
            var childTask = w.Task("call Europe", "account", child);

            w.Sandbox.Service.Delete("account", account);

            Assert.IsFalse(w.Exists("incident", incident), "incident_customer_accounts: Delete Cascade");
            Assert.IsFalse(w.Exists("task", caseTask), "and the case's own cascade");
            Assert.IsTrue(w.Exists("account", child), "account_parent_account: Delete RemoveLink");
            Assert.IsNull(w.Sandbox.Get("account", child).GetAttributeValue<EntityReference>("parentaccountid"));
            Assert.IsTrue(w.Exists("task", childTask));
        }

        [TestMethod]
        public void Deleting_a_contact_deletes_its_tasks_and_cases_and_unlinks_the_contacts_and_accounts_naming_it()
        {
            var w = new World();
            var contact = w.Sandbox.CreateService(w.Alice).Create(new Entity("contact") { ["lastname"] = "Ruiz" });
            var colleague = w.Sandbox.CreateService(w.Alice).Create(new Entity("contact") { ["lastname"] = "Park", ["parentcustomerid"] = new EntityReference("contact", contact) });
            var account = w.Sandbox.CreateService(w.Alice).Create(new Entity("account") { ["name"] = "Contoso", ["primarycontactid"] = new EntityReference("contact", contact) });
            var incident = w.Sandbox.CreateService(w.Alice).Create(new Entity("incident") { ["title"] = "broken", ["customerid"] = new EntityReference("contact", contact) });
            var task = w.Task("call Ruiz", "contact", contact);

            w.Sandbox.Service.Delete("contact", contact);

            Assert.IsFalse(w.Exists("task", task), "Contact_Tasks: Delete Cascade");
            Assert.IsFalse(w.Exists("incident", incident), "incident_customer_contacts: Delete Cascade");
            Assert.IsNull(w.Sandbox.Get("contact", colleague).GetAttributeValue<EntityReference>("parentcustomerid"), "contact_customer_contacts: Delete RemoveLink");
            Assert.IsNull(w.Sandbox.Get("account", account).GetAttributeValue<EntityReference>("primarycontactid"), "account_primary_contact: Delete RemoveLink");
        }

        [TestMethod]
        public void Assigning_an_account_gives_all_its_tasks_open_and_completed_and_its_cases_to_the_new_owner()
        {
            var w = new World();
            var account = w.Account("Contoso");
            var other = w.Account("Fabrikam");
            var open = w.Task("open", "account", account);
            var completed = w.Task("done", "account", account, completed: true);
            var incident = w.Case("late delivery", account);
            var caseTask = w.Task("work the case", "incident", incident);
            var resolution = w.Resolution(incident);
            var otherTask = w.Task("elsewhere", "account", other);

            w.Assign("account", account, w.Bob);

            // Account_Tasks publishes Assign: Cascade (all), not Active: a completed task moves as well.
            Assert.AreEqual(w.Bob, w.OwnerOf("task", open));
            Assert.AreEqual(w.Bob, w.OwnerOf("task", completed));
            Assert.AreEqual(w.Bob, w.OwnerOf("incident", incident), "incident_customer_accounts: Assign Cascade");
            Assert.AreEqual(w.Bob, w.OwnerOf("task", caseTask), "Incident_Tasks: Assign Cascade, one level further");
            Assert.AreEqual(w.Bob, w.OwnerOf("incidentresolution", resolution));
            Assert.AreEqual(w.Alice, w.OwnerOf("task", otherTask));
        }

        [TestMethod]
        public void Assigning_a_case_does_not_move_the_tasks_of_an_account_with_the_same_id()
        {
            var w = new World();
            var shared = Guid.NewGuid();
            var other = w.Account("Fabrikam");
            var account = w.Account("Contoso", shared);
            var incident = w.Case("late delivery", other, id: shared);
            var accountTask = w.Task("call Contoso", "account", account);
            var caseTask = w.Task("work the case", "incident", incident);

            w.Assign("incident", incident, w.Bob);

            Assert.AreEqual(w.Bob, w.OwnerOf("task", caseTask));
            Assert.AreEqual(w.Alice, w.OwnerOf("task", accountTask));
        }

        [TestMethod]
        public void Deleting_an_account_with_an_order_is_refused_and_nothing_is_deleted()
        {
            var w = new World();
            var account = w.Account("Contoso");
            var task = w.Task("call", "account", account);
            var incident = w.Case("late delivery", account);
            w.Sandbox.CreateService(w.Alice).Create(new Entity("salesorder") { ["name"] = "PO-1", ["customerid"] = new EntityReference("account", account) });

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.Sandbox.Service.Delete("account", account));

            StringAssert.Contains(fault.Message, "order_customer_accounts");
            Assert.IsTrue(w.Exists("account", account));
            Assert.IsTrue(w.Exists("task", task), "the cascades already applied roll back with the refused delete");
            Assert.IsTrue(w.Exists("incident", incident));
        }

        [TestMethod]
        public void Deleting_a_subject_that_a_case_uses_is_refused()
        {
            var w = new World();
            var subject = w.Sandbox.Service.Create(new Entity("subject") { ["title"] = "Deliveries" });
            var account = w.Account("Contoso");
            var incident = w.Case("late delivery", account);
            w.Sandbox.Service.Update(new Entity("incident", incident) { ["subjectid"] = new EntityReference("subject", subject) });

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.Sandbox.Service.Delete("subject", subject));

            StringAssert.Contains(fault.Message, "subject_incidents");
            Assert.IsTrue(w.Exists("subject", subject));
        }

        [TestMethod]
        public void A_solutions_relationship_of_the_same_schema_name_replaces_the_standard_one()
        {
            var folder = Support.TestRunFolders.New("sbx-stdcascade-");
            Directory.CreateDirectory(Path.Combine(folder, "Other", "Relationships"));
            try
            {
                File.WriteAllText(Path.Combine(folder, "Other", "Relationships", "Account.xml"), @"<EntityRelationships>
  <EntityRelationship Name='Account_Tasks'>
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <ReferencingEntityName>Task</ReferencingEntityName>
    <ReferencedEntityName>Account</ReferencedEntityName>
    <CascadeAssign>NoCascade</CascadeAssign>
    <CascadeDelete>RemoveLink</CascadeDelete>
    <ReferencingAttributeName>RegardingObjectId</ReferencingAttributeName>
  </EntityRelationship>
</EntityRelationships>");
                var w = new World(new DataverseSandbox(SandboxMetadata.FromSolution(folder)));
                var account = w.Account("Contoso");
                var task = w.Task("call", "account", account);

                w.Assign("account", account, w.Bob);
                Assert.AreEqual(w.Alice, w.OwnerOf("task", task), "the solution's NoCascade, not the standard Cascade");

                w.Sandbox.Service.Delete("account", account);
                Assert.IsTrue(w.Exists("task", task), "the solution's RemoveLink, not the standard Cascade");
                Assert.IsNull(w.Sandbox.Get("task", task).GetAttributeValue<EntityReference>("regardingobjectid"));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [TestMethod]
        public void A_deleted_rows_removelink_rows_are_unlinked_before_its_pre_operation_steps_run_and_its_cascade_rows_are_not()
        {
            // Jonas Rapp, "CRM 2011: Multiple Cascade Delete – part 1": the lookup is nulled between stages 10 and 20.
            var w = new World();
            var account = w.Account("Contoso");
            var child = w.Account("Contoso Europe", parent: account);
            var incident = w.Case("late delivery", account);
            w.Sandbox.RegisterStep<CountsWhatNamesTheAccount>("Delete", "account", PipelineStage.PreValidation);
            w.Sandbox.RegisterStep<CountsWhatNamesTheAccount>("Delete", "account", PipelineStage.PreOperation);

            w.Sandbox.Service.Delete("account", account);

            CollectionAssert.AreEqual(
                new[] { "stage 10: 1 child accounts, 1 cases", "stage 20: 0 child accounts, 1 cases" },
                w.Sandbox.Traces(nameof(CountsWhatNamesTheAccount)).ToArray(),
                "account_parent_account (RemoveLink) is applied before stage 20; incident_customer_accounts (Cascade) in the main operation");
            Assert.IsNull(w.Sandbox.Get("account", child).GetAttributeValue<EntityReference>("parentaccountid"));
            Assert.IsFalse(w.Exists("incident", incident));
        }

        [TestMethod]
        public void A_delete_a_restrict_row_refuses_fails_before_its_pre_operation_steps_run_and_a_failed_delete_keeps_the_links()
        {
            var w = new World();
            var account = w.Account("Contoso");
            var child = w.Account("Contoso Europe", parent: account);
            w.Sandbox.CreateService(w.Alice).Create(new Entity("salesorder") { ["name"] = "PO-1", ["customerid"] = new EntityReference("account", account) });
            w.Sandbox.RegisterStep<CountsWhatNamesTheAccount>("Delete", "account", PipelineStage.PreValidation);
            w.Sandbox.RegisterStep<CountsWhatNamesTheAccount>("Delete", "account", PipelineStage.PreOperation);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.Sandbox.Service.Delete("account", account));

            StringAssert.Contains(fault.Message, "order_customer_accounts");
            CollectionAssert.AreEqual(new[] { "stage 10: 1 child accounts, 0 cases" }, w.Sandbox.Traces(nameof(CountsWhatNamesTheAccount)).ToArray(),
                "Restrict is checked before stage 20: the pre-operation step never runs");
            Assert.AreEqual(account, w.Sandbox.Get("account", child).GetAttributeValue<EntityReference>("parentaccountid").Id, "the unlink rolls back with the refused delete");
        }

        [TestMethod]
        public void Deleting_a_row_that_is_not_there_fails_before_the_pre_operation_steps()
        {
            var w = new World();
            var missing = Guid.NewGuid();
            w.Sandbox.RegisterStep<CountsWhatNamesTheAccount>("Delete", "account", PipelineStage.PreOperation);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.Sandbox.Service.Delete("account", missing));

            Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, fault.ErrorCode);
            Assert.AreEqual("account With Id = " + missing + " Does Not Exist", fault.Message);
            Assert.IsEmpty(w.Sandbox.Traces(nameof(CountsWhatNamesTheAccount)));
        }

        [TestMethod]
        public void Every_standard_relationship_names_a_column_the_standard_tables_declare()
        {
            var metadata = new SandboxMetadata();

            CollectionAssert.AreEquivalent(
                StandardRelationships.All().Select(r => r.SchemaName).ToList(),
                StandardRelationships.Declared(metadata).Select(r => r.SchemaName).ToList());
            Assert.AreEqual(CascadeDelete.Restrict, metadata.ReferencingRelationships("account").Single(r => r.SchemaName == "order_customer_accounts").OnDelete);
        }
    }

    /// <summary>Traces how many accounts name the deleted account as parent and how many cases it has, at its stage.</summary>
    public sealed class CountsWhatNamesTheAccount : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
            var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(null);
            int Count(string table, string lookup)
            {
                var query = new QueryExpression(table) { ColumnSet = new ColumnSet(false) };
                query.Criteria.AddCondition(lookup, ConditionOperator.Equal, context.PrimaryEntityId);
                return service.RetrieveMultiple(query).Entities.Count;
            }
            trace.Trace($"stage {context.Stage}: {Count("account", "parentaccountid")} child accounts, {Count("incident", "customerid")} cases");
        }
    }
}
