using System;
using System.Linq;
using Advocacy.Sandbox.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox.Query
{
    [TestClass]
    public sealed class LinkAndOrderTests
    {
        private readonly Crm _crm = new();

        [TestMethod]
        public void ColumnSet_returns_asked_columns_plus_the_id_and_clones()
        {
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name", "revenue", "description") };
            q.Criteria.AddCondition("accountid", ConditionOperator.Equal, _crm.Contoso);
            var e = _crm.Engine.RetrieveMultiple(q).Entities.Single();
            Assert.AreEqual(_crm.Contoso, e.Id);
            CollectionAssert.AreEquivalent(new[] { "name", "revenue", "accountid" }, e.Attributes.Keys.ToArray()); // null description omitted
            Assert.AreEqual("$1,000.00", e.FormattedValues["revenue"]);
            e.GetAttributeValue<Money>("revenue").Value = 1m;
            var again = _crm.Engine.RetrieveMultiple(q).Entities.Single();
            Assert.AreEqual(1000m, again.GetAttributeValue<Money>("revenue").Value);
        }

        [TestMethod]
        public void AllColumns_and_formatted_values()
        {
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet(true) };
            q.Criteria.AddCondition("accountid", ConditionOperator.Equal, _crm.Contoso);
            var e = _crm.Engine.RetrieveMultiple(q).Entities.Single();
            Assert.AreEqual(50, e.GetAttributeValue<int>("numberofemployees"));
            Assert.AreEqual("Accounting", e.FormattedValues["industrycode"]);
            Assert.AreEqual("Alice Smith", e.FormattedValues["ownerid"]);
            Assert.AreEqual("Do Not Allow", e.FormattedValues["donotphone"]);
            Assert.AreEqual("5/14/2024 2:30 PM", e.FormattedValues["createdon"]);
        }

        [TestMethod]
        public void Inner_link_with_alias_returns_aliased_values()
        {
            var q = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
            var account = q.AddLink("account", "parentcustomerid", "accountid");
            account.EntityAlias = "acc";
            account.Columns = new ColumnSet("name", "industrycode");
            q.AddOrder("fullname", OrderType.Ascending);
            var rows = _crm.Engine.RetrieveMultiple(q).Entities;
            Assert.AreEqual(3, rows.Count);
            var maria = rows[0];
            Assert.AreEqual("Maria Campbell", maria["fullname"]);
            var name = (AliasedValue)maria["acc.name"];
            Assert.AreEqual("account", name.EntityLogicalName);
            Assert.AreEqual("name", name.AttributeLogicalName);
            Assert.AreEqual("Fabrikam, Inc.", name.Value);
            Assert.AreEqual(2, ((OptionSetValue)maria.GetAttributeValue<AliasedValue>("acc.industrycode").Value).Value);
            Assert.AreEqual("Consulting", maria.FormattedValues["acc.industrycode"]);
        }

        [TestMethod]
        public void Link_without_alias_uses_the_table_name_and_a_number()
        {
            var q = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
            q.AddLink("account", "parentcustomerid", "accountid").Columns = new ColumnSet("name");
            var e = _crm.Engine.RetrieveMultiple(q).Entities.First();
            Assert.IsTrue(e.Contains("account1.name"));
        }

        [TestMethod]
        public void Left_outer_link_keeps_unmatched_rows_without_attributes()
        {
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            var contact = q.AddLink("contact", "primarycontactid", "contactid", JoinOperator.LeftOuter);
            contact.EntityAlias = "pc";
            contact.Columns = new ColumnSet("fullname");
            q.AddOrder("name", OrderType.Ascending);
            var rows = _crm.Engine.RetrieveMultiple(q).Entities;
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso", "Fabrikam, Inc.", "litware" }, rows.Select(r => (string)r["name"]).ToArray());
            Assert.IsFalse(rows[0].Contains("pc.fullname"));
            Assert.AreEqual("Nancy Anderson", rows[1].GetAttributeValue<AliasedValue>("pc.fullname").Value);

            // Outer join + null test on the linked table: accounts without a primary contact.
            q.Criteria.AddCondition("pc", "contactid", ConditionOperator.Null);
            CollectionAssert.AreEqual(new[] { "A. Datum", "litware" }, _crm.Engine.RetrieveMultiple(q).Entities.Select(r => (string)r["name"]).ToArray());
        }

        [TestMethod]
        public void One_to_many_inner_link_multiplies_rows_and_distinct_collapses_them()
        {
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            q.AddLink("contact", "accountid", "parentcustomerid");
            Assert.AreEqual(3, _crm.Engine.RetrieveMultiple(q).Entities.Count);
            q.Distinct = true;
            var rows = _crm.Engine.RetrieveMultiple(q).Entities;
            CollectionAssert.AreEquivalent(new[] { "Contoso", "Fabrikam, Inc." }, rows.Select(r => (string)r["name"]).ToArray());
        }

        [TestMethod]
        public void Link_criteria_nested_links_and_conditions_on_linked_columns()
        {
            // Tasks regarding an account owned by Alice, whose own owner is enabled.
            var q = new QueryExpression("task") { ColumnSet = new ColumnSet("subject") };
            var account = q.AddLink("account", "regardingobjectid", "accountid");
            account.EntityAlias = "a";
            account.LinkCriteria.AddCondition("industrycode", ConditionOperator.Equal, 1);
            var owner = account.AddLink("systemuser", "ownerid", "systemuserid");
            owner.EntityAlias = "o";
            owner.Columns = new ColumnSet("fullname");
            q.Criteria.AddCondition("o", "fullname", ConditionOperator.BeginsWith, "Alice");
            q.AddOrder("subject", OrderType.Descending);
            var rows = _crm.Engine.RetrieveMultiple(q).Entities;
            CollectionAssert.AreEqual(new[] { "Visit Contoso", "Email Contoso", "Call Contoso" }, rows.Select(r => (string)r["subject"]).ToArray());
            Assert.AreEqual("Alice Smith", rows[0].GetAttributeValue<AliasedValue>("o.fullname").Value);
        }

        [TestMethod]
        public void Exists_and_NotAny_links_filter_without_columns()
        {
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            var tasks = q.AddLink("task", "accountid", "regardingobjectid", JoinOperator.Exists);
            tasks.LinkCriteria.AddCondition("prioritycode", ConditionOperator.Equal, 1);
            CollectionAssert.AreEquivalent(new[] { "Contoso", "Fabrikam, Inc." }, _crm.Engine.RetrieveMultiple(q).Entities.Select(r => (string)r["name"]).ToArray());
            tasks.JoinOperator = JoinOperator.NotAny;
            CollectionAssert.AreEquivalent(new[] { "A. Datum", "litware" }, _crm.Engine.RetrieveMultiple(q).Entities.Select(r => (string)r["name"]).ToArray());
        }

        [TestMethod]
        public void Orders_multiple_with_nulls_first_ascending()
        {
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            q.AddOrder("numberofemployees", OrderType.Ascending);
            CollectionAssert.AreEqual(new[] { "litware", "A. Datum", "Contoso", "Fabrikam, Inc." }, Names(q));
            q.Orders.Clear();
            q.AddOrder("numberofemployees", OrderType.Descending);
            CollectionAssert.AreEqual(new[] { "Fabrikam, Inc.", "Contoso", "A. Datum", "litware" }, Names(q));
            q.Orders.Clear();
            q.AddOrder("industrycode", OrderType.Ascending); // by label: Accounting, Brokers, Consulting
            q.AddOrder("name", OrderType.Descending);
            CollectionAssert.AreEqual(new[] { "litware", "Contoso", "A. Datum", "Fabrikam, Inc." }, Names(q));
            q.Orders.Clear();
            q.AddOrder("ownerid", OrderType.Descending); // lookups order by name
            q.AddOrder("name", OrderType.Ascending);
            CollectionAssert.AreEqual(new[] { "A. Datum", "Fabrikam, Inc.", "Contoso", "litware" }, Names(q));
        }

        [TestMethod]
        public void Order_on_a_linked_column()
        {
            var q = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
            var acc = q.AddLink("account", "parentcustomerid", "accountid");
            acc.EntityAlias = "acc";
            acc.Orders.Add(new OrderExpression("name", OrderType.Descending)); // ties: by contactid
            var rows = _crm.Engine.RetrieveMultiple(q).Entities.Select(e => (string)e["fullname"]).ToArray();
            CollectionAssert.AreEqual(new[] { "Maria Campbell", "Nancy Anderson", "Sidney Higa" }, rows);
        }

        [TestMethod]
        public void TopCount_and_its_conflict_with_paging()
        {
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), TopCount = 2 };
            q.AddOrder("name", OrderType.Ascending);
            var result = _crm.Engine.RetrieveMultiple(q);
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso" }, result.Entities.Select(e => (string)e["name"]).ToArray());
            Assert.IsFalse(result.MoreRecords);
            q.PageInfo = new PagingInfo { Count = 2, PageNumber = 1 };
            var e = Assert.ThrowsExactly<QueryException>(() => _crm.Engine.RetrieveMultiple(q));
            StringAssert.Contains(e.Message, "Top Count and Paging Info");
        }

        private string[] Names(QueryExpression q) => _crm.Engine.RetrieveMultiple(q).Entities.Select(e => (string)e["name"]).ToArray();
    }
}
