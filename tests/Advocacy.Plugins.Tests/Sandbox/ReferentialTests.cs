using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Tests.Scenarios;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// Lookups name rows that exist, and deleting a referenced row applies the relationship's delete behaviour from
    /// the solution's metadata (Cascade, RemoveLink, Restrict), as Dataverse does. Without these the sandbox kept
    /// references Dataverse never keeps, and the product's tests saw failures that cannot happen there (and missed
    /// the ones that can).
    /// </summary>
    [TestClass]
    public sealed class ReferentialTests
    {
        [TestMethod]
        public void A_save_whose_lookup_names_a_missing_row_is_refused_with_the_platforms_fault_and_writes_nothing()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });
            var nowhere = Guid.NewGuid();

            var create = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("adv_feedback")
            {
                ["adv_accountid"] = new EntityReference("account", nowhere),
                ["adv_nps"] = 9,
            }));
            Assert.AreEqual("account With Id = " + nowhere + " Does Not Exist", create.Message);
            Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, create.ErrorCode);
            Assert.IsEmpty(sandbox.Rows("adv_feedback"));

            var update = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity("account", account)
            {
                ["parentaccountid"] = new EntityReference("account", nowhere),
            }));
            Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, update.ErrorCode);
            Assert.IsFalse(sandbox.Rows("account").Single().Contains("parentaccountid") && sandbox.Rows("account").Single()["parentaccountid"] != null);

            sandbox.Service.Update(new Entity("account", account) { ["parentaccountid"] = new EntityReference("account", account) });
            Assert.AreEqual(account, sandbox.Rows("account").Single().GetAttributeValue<EntityReference>("parentaccountid").Id, "a row may name itself");
        }

        [TestMethod]
        public void A_custom_lookup_takes_its_target_table_from_its_relationship_and_refuses_any_other()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });
            CollectionAssert.AreEqual(new[] { "account" }, sandbox.Metadata.Table("adv_feedback")!.Column("adv_accountid")!.Targets.ToArray());
            CollectionAssert.AreEqual(new[] { "systemuser" }, sandbox.Metadata.Table("adv_advocate")!.Column("adv_userid")!.Targets.ToArray());

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("adv_advocate")
            {
                ["adv_name"] = "Lee",
                ["adv_userid"] = new EntityReference("account", account),
            }));

            StringAssert.Contains(fault.Message, "The lookup 'adv_userid' of 'adv_advocate' cannot point at a 'account' record; allowed: systemuser.");
            Assert.IsEmpty(sandbox.Rows("adv_advocate"));
        }

        [TestMethod]
        public void Seeding_keeps_a_given_createdby_and_modifiedby()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var ada = sandbox.SeedUser("Ada");
            var bo = sandbox.SeedUser("Bo");
            var id = Guid.NewGuid();
            var plain = Guid.NewGuid();

            sandbox.Seed(
                new Entity("account", id) { ["name"] = "Contoso", ["createdby"] = new EntityReference("systemuser", ada), ["modifiedby"] = new EntityReference("systemuser", bo) },
                new Entity("account", plain) { ["name"] = "Fabrikam", ["createdby"] = new EntityReference("systemuser", ada) });

            var row = sandbox.Rows("account").Single(r => r.Id == id);
            Assert.AreEqual(ada, row.GetAttributeValue<EntityReference>("createdby").Id);
            Assert.AreEqual(bo, row.GetAttributeValue<EntityReference>("modifiedby").Id);
            Assert.AreEqual(ada, sandbox.Rows("account").Single(r => r.Id == plain).GetAttributeValue<EntityReference>("modifiedby").Id, "modified by whoever created it");
        }

        [TestMethod]
        public void A_column_without_a_value_is_not_returned_and_a_retrieve_without_a_column_set_is_refused()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso", ["telephone1"] = "555" });
            sandbox.Service.Update(new Entity("account", account) { ["telephone1"] = null });

            var retrieved = sandbox.Service.Retrieve("account", account, new Microsoft.Xrm.Sdk.Query.ColumnSet("name", "telephone1"));
            Assert.IsFalse(retrieved.Contains("telephone1"), "updated to null: gone from the result, as on Dataverse");
            Assert.AreEqual("Contoso", retrieved.GetAttributeValue<string>("name"));
            var queried = sandbox.Service.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("account") { ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet("telephone1") }).Entities.Single();
            Assert.IsFalse(queried.Contains("telephone1"));

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Retrieve("account", account, null!));
            Assert.AreEqual("Required field 'ColumnSet' is missing", fault.Message);
        }

        [TestMethod]
        public void ExecuteTransaction_is_all_or_nothing_and_names_the_request_that_failed()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var requests = new OrganizationRequestCollection
            {
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("account") { ["name"] = "One" } },
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("account") { ["name"] = "Two" } },
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("account") { ["name"] = "Three", ["parentaccountid"] = new EntityReference("account", Guid.NewGuid()) } },
            };
            var failing = new OrganizationRequest("ExecuteTransaction") { ["Requests"] = requests, ["ReturnResponses"] = true };

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Execute(failing));
            Assert.AreEqual(2, fault.FaultedRequestIndex);
            // As Microsoft's ExecuteTransaction sample reads it: the platform's fault type, with an ExecuteTransactionFault as its Detail.
            System.ServiceModel.FaultException<OrganizationServiceFault> platformFault = fault;
            Assert.AreEqual(2, ((ExecuteTransactionFault)platformFault.Detail).FaultedRequestIndex);
            Assert.AreEqual(fault.ErrorCode, platformFault.Detail.ErrorCode);
            Assert.IsEmpty(sandbox.Rows("account"), "the two creates before it rolled back with it");

            requests.RemoveAt(2);
            var response = sandbox.Service.Execute(new OrganizationRequest("ExecuteTransaction") { ["Requests"] = requests, ["ReturnResponses"] = true });
            Assert.HasCount(2, (OrganizationResponseCollection)response.Results["Responses"]);
            Assert.HasCount(2, sandbox.Rows("account"));
        }

        [TestMethod]
        public void Assign_changes_the_owner_as_an_update_of_ownerid()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var bo = sandbox.SeedUser("Bo");
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });

            sandbox.Service.Execute(new OrganizationRequest("Assign") { ["Target"] = new EntityReference("account", account), ["Assignee"] = new EntityReference("systemuser", bo) });

            Assert.AreEqual(bo, sandbox.Rows("account").Single().GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Execute(new OrganizationRequest("Assign") { ["Target"] = new EntityReference("account", account) }));
        }

        [TestMethod]
        public void A_create_with_related_entities_creates_the_children_linked_to_the_new_parent_in_one_transaction()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var account = new Entity("account") { ["name"] = "Contoso" };
            account.RelatedEntities[new Relationship("adv_account_adv_feedback_accountid")] = new EntityCollection
            {
                Entities = { new Entity("adv_feedback") { ["adv_nps"] = 9 }, new Entity("adv_feedback") { ["adv_nps"] = 10 } },
            };

            var id = sandbox.Service.Create(account);

            Assert.HasCount(2, sandbox.Rows("adv_feedback"));
            Assert.IsTrue(sandbox.Rows("adv_feedback").All(f => f.GetAttributeValue<EntityReference>("adv_accountid").Id == id));

            var bad = new Entity("account") { ["name"] = "Fabrikam" };
            bad.RelatedEntities[new Relationship("adv_account_adv_feedback_accountid")] = new EntityCollection
            {
                Entities = { new Entity("adv_feedback") { ["adv_nps"] = 9 }, new Entity("adv_feedback") { ["adv_nope"] = 1 } },
            };
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(bad));
            Assert.HasCount(1, sandbox.Rows("account"), "a failing child rolls back the parent and its siblings");
            Assert.HasCount(2, sandbox.Rows("adv_feedback"));
        }

        [TestMethod]
        public void Dates_before_1753_and_money_beyond_the_platforms_range_are_refused()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var early = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Early", ["adv_promisedon"] = new DateTime(1752, 12, 31, 0, 0, 0, DateTimeKind.Utc),
            }));
            StringAssert.Contains(early.Message, "adv_promisedon is invalid, or value is outside the supported range");
            Assert.AreEqual(unchecked((int)0x80040239), early.ErrorCode, "InvalidDateTime (Microsoft Learn, \"Web service error codes\")");
            var rich = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Rich", ["adv_ordervalue"] = new Money(922337203685478m),
            }));
            StringAssert.Contains(rich.Message, "Accepted Values: Between -922337203685477 and 922337203685477");
            Assert.AreEqual(unchecked((int)0x80040317), rich.ErrorCode, "MoneySizeExceeded");
            Assert.IsEmpty(sandbox.Rows("adv_inconvenience"));

            sandbox.Service.Create(new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Limits", ["adv_promisedon"] = new DateTime(1753, 1, 1, 0, 0, 0, DateTimeKind.Utc), ["adv_ordervalue"] = new Money(-922337203685477m),
            });
            Assert.HasCount(1, sandbox.Rows("adv_inconvenience"), "the limits themselves are accepted");
        }

        [TestMethod]
        public void An_owned_rows_owner_cannot_be_cleared()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity("account", account) { ["ownerid"] = null }));

            StringAssert.Contains(fault.Message, "cannot be cleared");
            Assert.IsNotNull(sandbox.Rows("account").Single().GetAttributeValue<EntityReference>("ownerid"));
        }

        [TestMethod]
        public void Deleting_an_account_cascades_to_its_feedback_and_inconveniences()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso");
            var other = world.SeedAccount("Fabrikam");
            world.Sandbox.Seed(
                new Entity("adv_feedback", Guid.NewGuid()) { ["adv_accountid"] = new EntityReference("account", account), ["adv_nps"] = 9 },
                new Entity("adv_inconvenience", Guid.NewGuid()) { ["adv_name"] = "Late", ["adv_accountid"] = new EntityReference("account", account) },
                new Entity("adv_inconvenience", Guid.NewGuid()) { ["adv_name"] = "Other's", ["adv_accountid"] = new EntityReference("account", other) });

            world.Sandbox.Service.Delete("account", account);

            Assert.IsEmpty(world.Sandbox.Rows("adv_feedback"), "adv_account_adv_feedback_accountid: Cascade");
            Assert.AreEqual("Other's", world.Sandbox.Rows("adv_inconvenience").Single().GetAttributeValue<string>("adv_name"), "only the deleted account's rows go");
        }

        [TestMethod]
        public void Deleting_a_case_clears_the_inconveniences_link_and_deleting_an_advocate_clears_the_cases_link()
        {
            var world = new AdvocacyWorld();
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Key });
            var account = world.SeedAccount("Contoso", CustomerTier.Key, lee);
            var caseId = Guid.NewGuid();
            var inconvenience = Guid.NewGuid();
            world.Sandbox.Seed(
                new Entity("incident", caseId) { ["title"] = "Late", ["customerid"] = new EntityReference("account", account) },
                new Entity("adv_inconvenience", inconvenience) { ["adv_name"] = "Late", ["adv_accountid"] = new EntityReference("account", account), ["adv_caseid"] = new EntityReference("incident", caseId) });

            world.Sandbox.Service.Delete("incident", caseId);
            Assert.IsNull(world.Sandbox.Get("adv_inconvenience", inconvenience).GetAttributeValue<EntityReference>("adv_caseid"), "RemoveLink");

            // An advocate who still advocates accounts cannot be deleted (Restrict, AdvocateDeletionTests); once the
            // account is given to nobody, the cases that named the advocate are unlinked.
            var other = Guid.NewGuid();
            world.Sandbox.Seed(new Entity("incident", other) { ["title"] = "Other", ["customerid"] = new EntityReference("account", account), ["adv_advocateid"] = new EntityReference("adv_advocate", lee) });
            world.Sandbox.SeedChange(new Entity("account", account) { ["adv_advocateid"] = null });
            world.Sandbox.Service.Delete("adv_advocate", lee);
            Assert.IsNull(world.Sandbox.Get("incident", other).GetAttributeValue<EntityReference>("adv_advocateid"), "RemoveLink");
        }

        [TestMethod]
        public void Deleting_a_user_who_has_an_advocate_profile_is_refused_and_changes_nothing()
        {
            var world = new AdvocacyWorld();
            var user = world.SeedUser("Lee");
            world.SeedAdvocate("Lee Park", user, new[] { CustomerTier.Key });

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.Sandbox.Service.Delete("systemuser", user));

            Assert.AreEqual(ErrorCodes.ReferencedByRestrict, fault.ErrorCode);
            StringAssert.Contains(fault.Message, "adv_systemuser_adv_advocate_userid");
            Assert.IsTrue(world.Sandbox.Rows("systemuser").Any(r => r.Id == user));
            Assert.HasCount(1, world.Sandbox.Rows("adv_advocate"));
        }
    }
}
