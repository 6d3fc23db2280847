using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sdk
{
    [TestClass]
    public sealed class QueryTests
    {
        [TestMethod]
        public void A_new_QueryExpression_selects_no_columns()
        {
            var query = new QueryExpression("account");

            Assert.IsNotNull(query.ColumnSet);
            Assert.IsFalse(query.ColumnSet.AllColumns);
            Assert.IsEmpty(query.ColumnSet.Columns);
            Assert.AreEqual(LogicalOperator.And, query.Criteria.FilterOperator);
            Assert.IsEmpty(query.Criteria.Conditions);
            Assert.IsEmpty(query.LinkEntities);
            Assert.IsEmpty(query.Orders);
            Assert.IsNull(query.TopCount);
            Assert.AreEqual(0, query.PageInfo.Count);
            Assert.AreEqual(0, query.PageInfo.PageNumber);
        }

        [TestMethod]
        public void ColumnSet_true_means_all_columns_and_a_list_means_those_columns()
        {
            Assert.IsTrue(new ColumnSet(true).AllColumns);
            Assert.IsEmpty(new ColumnSet(true).Columns);

            var columns = new ColumnSet("name", "adv_tier");
            columns.AddColumn("adv_advocateid");
            columns.AddColumns("adv_lastnps", "adv_lastcsat");
            Assert.IsFalse(columns.AllColumns);
            CollectionAssert.AreEqual(new[] { "name", "adv_tier", "adv_advocateid", "adv_lastnps", "adv_lastcsat" }, columns.Columns.ToArray());
        }

        [TestMethod]
        public void ConditionExpression_overloads_read_values_as_Microsofts_do()
        {
            var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };

            Assert.HasCount(1, new ConditionExpression("name", ConditionOperator.Equal, "Contoso").Values);
            Assert.HasCount(2, new ConditionExpression("accountid", ConditionOperator.In, ids).Values);
            Assert.HasCount(3, new ConditionExpression("adv_tier", ConditionOperator.In, new List<int> { 1, 2, 3 }).Values);
            Assert.HasCount(2, new ConditionExpression("adv_tier", ConditionOperator.In, 1, 2).Values);
            Assert.HasCount(1, new ConditionExpression("adv_tier", ConditionOperator.Equal, (object)new object[] { 1, 2 }).Values);
            Assert.IsEmpty(new ConditionExpression("adv_advocateid", ConditionOperator.Null).Values);

            var linked = new ConditionExpression("advocate", "statecode", ConditionOperator.Equal, 0);
            Assert.AreEqual("advocate", linked.EntityName);
            Assert.AreEqual("statecode", linked.AttributeName);

            var columns = new ConditionExpression("modifiedon", ConditionOperator.GreaterThan, true, "createdon");
            Assert.IsTrue(columns.CompareColumns);
            Assert.AreEqual("createdon", columns.Values[0]);
        }

        [TestMethod]
        public void FilterExpression_builds_nested_conditions()
        {
            var filter = new FilterExpression();
            filter.AddCondition("statecode", ConditionOperator.Equal, 0);
            filter.AddCondition("advocate", "adv_capacity", ConditionOperator.GreaterThan, 0);
            var either = filter.AddFilter(LogicalOperator.Or);
            either.AddCondition(new ConditionExpression("adv_tier", ConditionOperator.Equal, 1));

            Assert.HasCount(2, filter.Conditions);
            Assert.AreEqual("advocate", filter.Conditions[1].EntityName);
            Assert.AreSame(either, filter.Filters[0]);
            Assert.AreEqual(LogicalOperator.Or, either.FilterOperator);
        }

        [TestMethod]
        public void AddLink_and_AddOrder_fill_the_query()
        {
            var query = new QueryExpression("account");
            var link = query.AddLink("adv_advocate", "adv_advocateid", "adv_advocateid", JoinOperator.LeftOuter);
            link.EntityAlias = "advocate";
            link.Columns.AddColumn("adv_name");
            query.AddOrder("name", OrderType.Descending);

            Assert.AreEqual("account", link.LinkFromEntityName);
            Assert.AreEqual("adv_advocate", link.LinkToEntityName);
            Assert.AreEqual(JoinOperator.LeftOuter, link.JoinOperator);
            Assert.IsNotNull(link.LinkCriteria);
            Assert.AreSame(link, query.LinkEntities[0]);
            Assert.AreEqual(OrderType.Descending, query.Orders[0].OrderType);
            Assert.AreEqual(JoinOperator.Inner, new LinkEntity().JoinOperator);
        }

        [TestMethod]
        public void A_nested_link_gets_the_parent_links_LinkFromEntityName_as_Microsofts_does()
        {
            var parent = new LinkEntity("account", "adv_advocate", "adv_advocateid", "adv_advocateid", JoinOperator.Inner);

            var nested = parent.AddLink("systemuser", "adv_userid", "systemuserid");

            Assert.AreEqual("account", nested.LinkFromEntityName);
            Assert.AreSame(nested, parent.LinkEntities[0]);
        }

        [TestMethod]
        public void Enum_values_are_Microsofts()
        {
            Assert.AreEqual(0, (int)ConditionOperator.Equal);
            Assert.AreEqual(8, (int)ConditionOperator.In);
            Assert.AreEqual(12, (int)ConditionOperator.Null);
            Assert.AreEqual(26, (int)ConditionOperator.OnOrBefore);
            Assert.AreEqual(33, (int)ConditionOperator.LastXDays);
            Assert.AreEqual(89, (int)ConditionOperator.EqualRoleBusinessId);
            Assert.AreEqual(1, (int)JoinOperator.LeftOuter);
            Assert.AreEqual(7, (int)JoinOperator.NotAny);
            Assert.AreEqual(1, (int)LogicalOperator.Or);
            Assert.AreEqual(1, (int)OrderType.Descending);
        }

        [TestMethod]
        public void FetchExpression_holds_the_fetchxml()
        {
            Assert.AreEqual("<fetch />", new FetchExpression("<fetch />").Query);
        }
    }
}
