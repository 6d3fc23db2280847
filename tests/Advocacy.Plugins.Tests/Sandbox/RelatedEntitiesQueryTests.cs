using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// RetrieveRequest.RelatedEntitiesQuery: a row and, per relationship, the related rows that meet a query — children,
    /// parent or associated rows — in Entity.RelatedEntities, held to the caller's read access.
    /// </summary>
    [TestClass]
    public sealed class RelatedEntitiesQueryTests
    {
        private static Entity Retrieve(IOrganizationService service, string table, Guid id, params (Relationship Relationship, QueryExpression Query)[] related)
        {
            var queries = new RelationshipQueryCollection();
            foreach (var (relationship, query) in related) queries.Add(relationship, query);
            return ((RetrieveResponse)service.Execute(new RetrieveRequest
            {
                Target = new EntityReference(table, id), ColumnSet = new ColumnSet(table == "task" ? "subject" : "name"), RelatedEntitiesQuery = queries,
            })).Entity;
        }

        private static QueryExpression OpenTasks()
        {
            var query = new QueryExpression("task") { ColumnSet = new ColumnSet("subject") };
            query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
            query.AddOrder("subject", OrderType.Ascending);
            return query;
        }

        [TestMethod]
        public void An_accounts_open_tasks_come_with_it_in_the_querys_order_and_the_callers_query_is_left_as_it_was()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });
            var other = sandbox.Service.Create(new Entity("account") { ["name"] = "Fabrikam" });
            foreach (var (subject, regarding) in new[] { ("b call", account), ("a visit", account), ("c other account", other) })
                sandbox.Service.Create(new Entity("task") { ["subject"] = subject, ["regardingobjectid"] = new EntityReference("account", regarding) });
            var done = sandbox.Service.Create(new Entity("task") { ["subject"] = "0 done", ["regardingobjectid"] = new EntityReference("account", account) });
            sandbox.Service.Execute(new OrganizationRequest("SetState") { ["EntityMoniker"] = new EntityReference("task", done), ["State"] = new OptionSetValue(1), ["Status"] = new OptionSetValue(-1) });
            var query = OpenTasks();

            var row = Retrieve(sandbox.Service, "account", account, (new Relationship("Account_Tasks"), query));

            Assert.AreEqual("Contoso", row.GetAttributeValue<string>("name"));
            var tasks = row.RelatedEntities[new Relationship("Account_Tasks")].Entities;
            CollectionAssert.AreEqual(new[] { "a visit", "b call" }, tasks.Select(t => t.GetAttributeValue<string>("subject")).ToArray());
            Assert.AreEqual(1, query.Criteria.Conditions.Count, "the caller's query gains no condition");
        }

        [TestMethod]
        public void A_row_gets_its_parent_over_the_other_side_and_a_self_referential_relationship_goes_by_the_role()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var parent = sandbox.Service.Create(new Entity("account") { ["name"] = "Group" });
            var child = sandbox.Service.Create(new Entity("account") { ["name"] = "Subsidiary", ["parentaccountid"] = new EntityReference("account", parent) });
            var task = sandbox.Service.Create(new Entity("task") { ["subject"] = "call", ["regardingobjectid"] = new EntityReference("account", child) });
            var accounts = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };

            var fromTask = Retrieve(sandbox.Service, "task", task, (new Relationship("Account_Tasks"), accounts));
            var children = Retrieve(sandbox.Service, "account", parent, (new Relationship("account_parent_account") { PrimaryEntityRole = EntityRole.Referenced }, accounts));
            var up = Retrieve(sandbox.Service, "account", child, (new Relationship("account_parent_account") { PrimaryEntityRole = EntityRole.Referencing }, accounts));

            Assert.AreEqual("Subsidiary", fromTask.RelatedEntities[new Relationship("Account_Tasks")].Entities.Single().GetAttributeValue<string>("name"));
            Assert.AreEqual("Subsidiary", children.RelatedEntities.Single().Value.Entities.Single().GetAttributeValue<string>("name"));
            Assert.AreEqual("Group", up.RelatedEntities.Single().Value.Entities.Single().GetAttributeValue<string>("name"));
        }

        [TestMethod]
        public void A_many_to_many_relationship_brings_the_associated_rows_and_none_when_there_are_none()
        {
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.Metadata.AddRelationship(new ManyToManyMetadata("new_account_contact", "account", "contact"));
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });
            var lonely = sandbox.Service.Create(new Entity("account") { ["name"] = "Nobody's" });
            var ngata = sandbox.Service.Create(new Entity("contact") { ["lastname"] = "Ngata" });
            sandbox.Service.Create(new Entity("contact") { ["lastname"] = "Not associated" });
            sandbox.Service.Associate("account", account, new Relationship("new_account_contact"), new EntityReferenceCollection { new EntityReference("contact", ngata) });
            var contacts = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };

            var row = Retrieve(sandbox.Service, "account", account, (new Relationship("new_account_contact"), contacts));
            var none = Retrieve(sandbox.Service, "account", lonely, (new Relationship("new_account_contact"), contacts));

            Assert.AreEqual("Ngata", row.RelatedEntities.Single().Value.Entities.Single().GetAttributeValue<string>("lastname"));
            Assert.AreEqual(0, none.RelatedEntities.Single().Value.Entities.Count);
        }

        [TestMethod]
        public void Related_rows_are_held_to_the_callers_read_access_and_a_wrong_relationship_or_query_is_refused()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var reader = sandbox.SeedUser("Rae Reader");
            var stranger = sandbox.SeedUser("Sid Stranger");
            var account = new Entity("account", Guid.NewGuid()) { ["name"] = "Contoso", ["ownerid"] = new EntityReference("systemuser", reader) };
            sandbox.Seed(account,
                new Entity("task", Guid.NewGuid()) { ["subject"] = "mine", ["regardingobjectid"] = account.ToEntityReference(), ["ownerid"] = new EntityReference("systemuser", reader) },
                new Entity("task", Guid.NewGuid()) { ["subject"] = "theirs", ["regardingobjectid"] = account.ToEntityReference(), ["ownerid"] = new EntityReference("systemuser", stranger) });
            sandbox.Security.DefineRole("reads own tasks").Grant(AccessLevel.Global, "prvReadAccount").Grant(AccessLevel.Basic, "prvReadActivity");
            sandbox.Security.AssignRole(reader, "reads own tasks");
            sandbox.Security.Enforce = true;
            var tasks = new QueryExpression("task") { ColumnSet = new ColumnSet("subject") };

            var row = Retrieve(sandbox.CreateService(reader), "account", account.Id, (new Relationship("Account_Tasks"), tasks));

            CollectionAssert.AreEqual(new[] { "mine" }, row.RelatedEntities.Single().Value.Entities.Select(t => t.GetAttributeValue<string>("subject")).ToArray());
            sandbox.Security.Enforce = false;
            StringAssert.Contains(Assert.ThrowsExactly<SandboxFaultException>(() =>
                Retrieve(sandbox.Service, "account", account.Id, (new Relationship("Account_Tasks"), new QueryExpression("contact")))).Message, "does not relate account to contact");
            var fetch = new RelationshipQueryCollection { { new Relationship("Account_Tasks"), new FetchExpression("<fetch><entity name='task' /></fetch>") } };
            StringAssert.Contains(Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Execute(new RetrieveRequest
            {
                Target = account.ToEntityReference(), ColumnSet = new ColumnSet("name"), RelatedEntitiesQuery = fetch,
            })).Message, "QueryExpression");
        }
    }
}
