using System;
using System.Linq;
using Advocacy.Sandbox.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox.Query
{
    [TestClass]
    public sealed class FetchXmlTests
    {
        private readonly Crm _crm = new();

        private DataCollection<Entity> Fetch(string xml) => _crm.Engine.RetrieveMultiple(new FetchExpression(xml)).Entities;

        [TestMethod]
        public void Filters_with_nested_or_and_in_values()
        {
            var rows = Fetch(@"<fetch>
  <entity name='account'>
    <attribute name='name' />
    <order attribute='name' />
    <filter type='and'>
      <condition attribute='createdon' operator='last-x-days' value='30' />
      <filter type='or'>
        <condition attribute='industrycode' operator='in'><value>3</value><value>2</value></condition>
        <condition attribute='name' operator='like' value='CONT%' />
      </filter>
    </filter>
  </entity>
</fetch>");
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso", "Fabrikam, Inc." }, rows.Select(r => (string)r["name"]).ToArray());
            Assert.IsFalse(rows[0].Contains("revenue"));
        }

        [TestMethod]
        public void Operators_by_their_fetch_names()
        {
            string[] Names(string condition) => Fetch($"<fetch><entity name='account'><attribute name='name' /><order attribute='name' /><filter>{condition}</filter></entity></fetch>")
                .Select(r => (string)r["name"]).ToArray();
            CollectionAssert.AreEqual(new[] { "Contoso", "litware" }, Names($"<condition attribute='ownerid' operator='eq' value='{{{_crm.Alice}}}' />"));
            CollectionAssert.AreEqual(new[] { "Contoso", "litware" }, Names("<condition attribute='ownerid' operator='eq-userid' />"));
            CollectionAssert.AreEqual(new[] { "A. Datum", "Fabrikam, Inc." }, Names("<condition attribute='ownerid' operator='ne-userid' />"));
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso" }, Names("<condition attribute='description' operator='null' />"));
            CollectionAssert.AreEqual(new[] { "litware" }, Names("<condition attribute='description' operator='ne' value='big customer' />"));
            CollectionAssert.AreEqual(new[] { "Fabrikam, Inc." }, Names("<condition attribute='revenue' operator='gt' value='1000' />"));
            CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam, Inc." }, Names("<condition attribute='numberofemployees' operator='between'><value>20</value><value>200</value></condition>"));
            CollectionAssert.AreEqual(new[] { "Contoso" }, Names("<condition attribute='createdon' operator='on' value='2024-05-14' />"));
            CollectionAssert.AreEqual(new[] { "A. Datum" }, Names("<condition attribute='createdon' operator='today' />"));
            CollectionAssert.AreEqual(new[] { "litware" }, Names("<condition attribute='createdon' operator='last-month' />"));
            CollectionAssert.AreEqual(new[] { "Fabrikam, Inc.", "litware" }, Names("<condition attribute='createdon' operator='olderthan-x-days' value='5' />"));
            CollectionAssert.AreEqual(new[] { "litware" }, Names("<condition attribute='name' operator='begins-with' value='lit' />"));
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso", "litware" }, Names("<condition attribute='name' operator='not-like' value='%inc%' />"));
            CollectionAssert.AreEqual(new[] { "Contoso" }, Names("<condition attribute='donotphone' operator='ne' value='0' />"));
        }

        [TestMethod]
        public void Link_entities_with_aliases_outer_joins_and_conditions_on_links()
        {
            var rows = Fetch(@"<fetch>
  <entity name='account'>
    <attribute name='name' />
    <order attribute='name' />
    <link-entity name='contact' from='contactid' to='primarycontactid' link-type='outer' alias='pc'>
      <attribute name='fullname' />
      <attribute name='jobtitle' alias='title' />
    </link-entity>
    <link-entity name='systemuser' from='systemuserid' to='ownerid' alias='owner'>
      <attribute name='fullname' />
      <filter><condition attribute='isdisabled' operator='eq' value='0' /></filter>
    </link-entity>
  </entity>
</fetch>");
            CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam, Inc.", "litware" }, rows.Select(r => (string)r["name"]).ToArray());
            Assert.AreEqual("Nancy Anderson", rows[0].GetAttributeValue<AliasedValue>("pc.fullname").Value);
            Assert.AreEqual("CEO", rows[0].GetAttributeValue<AliasedValue>("title").Value);
            Assert.AreEqual("Alice Smith", rows[0].GetAttributeValue<AliasedValue>("owner.fullname").Value);
            Assert.IsFalse(rows[2].Contains("pc.fullname"));

            var withoutContact = Fetch(@"<fetch>
  <entity name='account'>
    <attribute name='name' />
    <link-entity name='contact' from='contactid' to='primarycontactid' link-type='outer' alias='pc' />
    <filter><condition entityname='pc' attribute='contactid' operator='null' /></filter>
  </entity>
</fetch>");
            CollectionAssert.AreEquivalent(new[] { "A. Datum", "litware" }, withoutContact.Select(r => (string)r["name"]).ToArray());
        }

        [TestMethod]
        public void Entity_without_attributes_returns_all_columns_and_top_limits()
        {
            var rows = Fetch("<fetch top='2'><entity name='account'><order attribute='numberofemployees' descending='true' /></entity></fetch>");
            Assert.AreEqual(2, rows.Count);
            Assert.AreEqual("Fabrikam, Inc.", rows[0]["name"]);
            Assert.IsTrue(rows[0].Contains("revenue"));
        }

        [TestMethod]
        public void Fetch_paging_with_cookie()
        {
            var first = _crm.Engine.RetrieveMultiple(new FetchExpression("<fetch count='2' page='1'><entity name='task'><attribute name='subject' /><order attribute='subject' /></entity></fetch>"));
            Assert.IsTrue(first.MoreRecords);
            var cookie = System.Security.SecurityElement.Escape(first.PagingCookie);
            var second = _crm.Engine.RetrieveMultiple(new FetchExpression($"<fetch count='2' page='2' paging-cookie='{cookie}'><entity name='task'><attribute name='subject' /><order attribute='subject' /></entity></fetch>"));
            var third = _crm.Engine.RetrieveMultiple(new FetchExpression($"<fetch count='2' page='3' paging-cookie='{System.Security.SecurityElement.Escape(second.PagingCookie)}'><entity name='task'><attribute name='subject' /><order attribute='subject' /></entity></fetch>"));
            var all = first.Entities.Concat(second.Entities).Concat(third.Entities).Select(e => (string)e["subject"]).ToArray();
            CollectionAssert.AreEqual(new[] { "Call Contoso", "Call Fabrikam", "Email Contoso", "Unrelated", "Visit Contoso" }, all);
            Assert.IsFalse(third.MoreRecords);
        }

        [TestMethod]
        public void Aggregates_without_groupby()
        {
            var row = Fetch(@"<fetch aggregate='true'>
  <entity name='account'>
    <attribute name='numberofemployees' alias='avg' aggregate='avg' />
    <attribute name='numberofemployees' alias='count' aggregate='count' />
    <attribute name='numberofemployees' alias='countcolumn' aggregate='countcolumn' />
    <attribute name='industrycode' alias='distinctindustries' aggregate='countcolumn' distinct='true' />
    <attribute name='numberofemployees' alias='max' aggregate='max' />
    <attribute name='numberofemployees' alias='min' aggregate='min' />
    <attribute name='numberofemployees' alias='sum' aggregate='sum' />
    <attribute name='revenue' alias='revenue' aggregate='sum' />
    <attribute name='revenue' alias='avgrevenue' aggregate='avg' />
  </entity>
</fetch>").Single();
            object V(string alias) => row.GetAttributeValue<AliasedValue>(alias).Value;
            Assert.AreEqual(260m / 3, V("avg"));
            Assert.AreEqual(4, V("count"));
            Assert.AreEqual(3, V("countcolumn"));
            Assert.AreEqual(3, V("distinctindustries"));
            Assert.AreEqual(200, V("max"));
            Assert.AreEqual(10, V("min"));
            Assert.AreEqual(260, V("sum"));
            Assert.AreEqual(4000.50m, ((Money)V("revenue")).Value);
            Assert.AreEqual(4000.50m / 3, ((Money)V("avgrevenue")).Value);
            Assert.AreEqual("$4,000.50", row.FormattedValues["revenue"]);
        }

        [TestMethod]
        public void Count_of_tasks_grouped_by_owner_and_by_a_linked_column()
        {
            var byOwner = Fetch(@"<fetch aggregate='true'>
  <entity name='task'>
    <attribute name='activityid' alias='tasks' aggregate='count' />
    <attribute name='ownerid' alias='owner' groupby='true' />
    <order alias='tasks' descending='true' />
  </entity>
</fetch>");
            Assert.AreEqual(3, byOwner.Count);
            var top = byOwner[0];
            Assert.AreEqual(2, top.GetAttributeValue<AliasedValue>("tasks").Value);
            Assert.IsInstanceOfType<EntityReference>(top.GetAttributeValue<AliasedValue>("owner").Value);
            Assert.AreEqual(1, byOwner[2].GetAttributeValue<AliasedValue>("tasks").Value);

            // Grouped by the owner's name, reached through a link.
            var byName = Fetch(@"<fetch aggregate='true'>
  <entity name='task'>
    <attribute name='activityid' alias='tasks' aggregate='count' />
    <link-entity name='systemuser' from='systemuserid' to='ownerid' alias='u'>
      <attribute name='fullname' alias='owner' groupby='true' />
    </link-entity>
    <order alias='owner' />
  </entity>
</fetch>");
            CollectionAssert.AreEqual(new[] { "Alice Smith", "Bob Jones", "Carol White" }, byName.Select(r => (string)r.GetAttributeValue<AliasedValue>("owner").Value).ToArray());
            CollectionAssert.AreEqual(new[] { 2, 2, 1 }, byName.Select(r => (int)r.GetAttributeValue<AliasedValue>("tasks").Value).ToArray());
            Assert.AreEqual("systemuser", byName[0].GetAttributeValue<AliasedValue>("owner").EntityLogicalName);
        }

        [TestMethod]
        public void Sum_of_money_grouped_by_a_choice()
        {
            var rows = Fetch(@"<fetch aggregate='true'>
  <entity name='account'>
    <attribute name='revenue' alias='total' aggregate='sum' />
    <attribute name='industrycode' alias='industry' groupby='true' />
    <order alias='industry' />
  </entity>
</fetch>");
            // Ordered by label: Accounting (1), Brokers (3), Consulting (2).
            CollectionAssert.AreEqual(new[] { 1, 3, 2 }, rows.Select(r => ((OptionSetValue)r.GetAttributeValue<AliasedValue>("industry").Value).Value).ToArray());
            Assert.AreEqual(1500m, ((Money)rows[0].GetAttributeValue<AliasedValue>("total").Value).Value);
            Assert.IsNull(rows[1].GetAttributeValue<AliasedValue>("total").Value); // A. Datum has no revenue: SUM of nothing is null, the alias is still there
            Assert.AreEqual(2500.50m, ((Money)rows[2].GetAttributeValue<AliasedValue>("total").Value).Value);
            Assert.AreEqual("Accounting", rows[0].FormattedValues["industry"]);
        }

        [TestMethod]
        public void Groupby_with_date_grouping()
        {
            var rows = Fetch(@"<fetch aggregate='true'>
  <entity name='account'>
    <attribute name='accountid' alias='n' aggregate='count' />
    <attribute name='createdon' alias='month' groupby='true' dategrouping='month' />
    <order alias='month' />
  </entity>
</fetch>");
            CollectionAssert.AreEqual(new[] { 4, 5 }, rows.Select(r => (int)r.GetAttributeValue<AliasedValue>("month").Value).ToArray());
            CollectionAssert.AreEqual(new[] { 1, 3 }, rows.Select(r => (int)r.GetAttributeValue<AliasedValue>("n").Value).ToArray());
        }

        [TestMethod]
        public void Aggregate_record_limit()
        {
            var engine = new QueryEngine(_crm.Source, () => Crm.Now, () => _crm.Alice) { AggregateRecordLimit = 3 };
            var e = Assert.ThrowsExactly<QueryException>(() => engine.RetrieveMultiple(new FetchExpression(
                "<fetch aggregate='true'><entity name='account'><attribute name='accountid' alias='n' aggregate='count' /></entity></fetch>")));
            Assert.AreEqual(QueryErrorCodes.AggregateQueryRecordLimit, e.ErrorCode);
        }

        [TestMethod]
        public void Malformed_fetch_is_rejected_with_a_clear_message()
        {
            void Rejects(string xml, string fragment)
            {
                var e = Assert.ThrowsExactly<QueryException>(() => Fetch(xml));
                StringAssert.Contains(e.Message, fragment);
            }
            Rejects("<fetch><entity name='account'>", "Invalid XML");
            Rejects("<fetsh><entity name='account' /></fetsh>", "'fetch'");
            Rejects("<fetch><entity /></fetch>", "'name'");
            Rejects("<fetch><entity name='account'><filter><condition attribute='name' operator='sounds-like' value='x' /></filter></entity></fetch>", "sounds-like");
            Rejects("<fetch><entity name='account'><filter type='xor' /></entity></fetch>", "Unsupported filter type");
            Rejects("<fetch top='5' count='5'><entity name='account' /></fetch>", "top");
            Rejects("<fetch><entity name='account'><attribute name='name' aggregate='sum' alias='x' /></entity></fetch>", "aggregate='true'");
            Rejects("<fetch aggregate='true'><entity name='account'><attribute name='name' /></entity></fetch>", "groupby");
            Rejects("<fetch aggregate='true'><entity name='account'><attribute name='revenue' aggregate='sum' /></entity></fetch>", "alias");
            Rejects("<fetch><entity name='account'><attribute name='nope' /></entity></fetch>", "doesn't contain attribute with Name = 'nope'");
            Rejects("<fetch><entity name='account'><link-entity name='contact' from='contactid' /></entity></fetch>", "'to'");
            Rejects("<fetch><entity name='account' bogus='1' /></fetch>", "bogus");
        }

        /// <summary>
        /// Queries the platform's query builder refuses get its fault: the code and the words Microsoft Learn's "Web service
        /// error codes" lists for it (QueryBuilder…), so a test that asserts on either sees what Dataverse would say.
        /// </summary>
        [TestMethod]
        [DataRow("<fetch><entity name='account'><filter type='xor' /></entity></fetch>",
            0x80041122, "Unsupported filter type. Valid values are 'and', or 'or'.")]
        [DataRow("<fetch><entity name='account'><link-entity name='contact' from='parentcustomerid' to='accountid' link-type='left' /></entity></fetch>",
            0x80041117, "The only valid values for link-type attribute are 'natural', 'inner','in','exists','matchfirstrowusingcrossapply' and 'outer'.")]
        [DataRow("<fetch aggregate='true'><entity name='account'><attribute name='createdon' alias='d' groupby='true' dategrouping='fortnight' /></entity></fetch>",
            0x80041135, "An invalid value was specified for dategrouping.")]
        [DataRow("<fetch aggregate='true'><entity name='account'><attribute name='revenue' alias='r' aggregate='sum' groupby='true' /></entity></fetch>",
            0x80041137, "An attribute can either be an aggregate or a Group By but not both")]
        [DataRow("<fetch><entity name='account'><attribute name='name' alias='n' /><link-entity name='contact' from='parentcustomerid' to='accountid' alias='n' /></entity></fetch>",
            0x80041130, "FetchXML should have unique aliases.")]
        [DataRow("<fetch aggregate='true'><entity name='account'><attribute name='accountid' alias='c' aggregate='count' /><attribute name='industrycode' alias='i' groupby='true' /><order attribute='industrycode' /></entity></fetch>",
            0x80041131, "An attribute cannot be specified for an order clause for an aggregate Query. Use an alias.")]
        [DataRow("<fetch><entity name='account'><attribute name='name' alias='n' /><order alias='n' /></entity></fetch>",
            0x80041132, "An alias cannot be specified for an order clause for a non-aggregate Query. Use an attribute.")]
        [DataRow("<fetch distinct='yes'><entity name='account' /></fetch>",
            0x80041115, "The only valid values for distinct attribute are 'true', 'false', '1', and '0'.")]
        [DataRow("<fetch no-lock='maybe'><entity name='account' /></fetch>",
            0x80041118, "The only valid values for no-lock attribute are 'true', 'false', '1', and '0'.")]
        [DataRow("<fetch><entity name='account'><order attribute='name' descending='down' /></entity></fetch>",
            0x80041119, "The only valid values for descending attribute are 'true', 'false', '1', and '0'.")]
        [DataRow("<fetch aggregate='true'><entity name='account'><attribute name='industrycode' alias='i' groupby='yes' /></entity></fetch>",
            0x8004112E, "The only valid values for groupby attribute are 'true', 'false', '1', and '0'.")]
        [DataRow("<fetch useraworderby='2'><entity name='account' /></fetch>",
            0x800410FD, "The only valid values for useraworderby attribute are 'true', 'false', '1', and '0'.")]
        public void A_query_the_platform_refuses_gets_the_platforms_code_and_words(string xml, long code, string message)
        {
            var e = Assert.ThrowsExactly<QueryException>(() => Fetch(xml));
            Assert.AreEqual(message, e.Message);
            Assert.AreEqual(unchecked((int)code), e.ErrorCode);
        }

        [TestMethod]
        public void An_aggregate_query_orders_by_its_aliases_and_another_query_by_attributes()
        {
            // The accepted forms of the order rules above: both run.
            Fetch("<fetch aggregate='true'><entity name='account'><attribute name='accountid' alias='c' aggregate='count' /><attribute name='industrycode' alias='i' groupby='true' /><order alias='c' descending='true' /></entity></fetch>");
            Fetch("<fetch><entity name='account'><attribute name='name' /><order attribute='name' descending='1' /></entity></fetch>");
            var alias = Assert.ThrowsExactly<QueryException>(() => Fetch("<fetch aggregate='true'><entity name='account'><attribute name='accountid' alias='c' aggregate='count' /><order descending='true' /></entity></fetch>"));
            Assert.AreEqual(unchecked((int)0x80041134), alias.ErrorCode, "QueryBuilderAliasRequiredForAggregateOrderBy");
        }
    }
}
