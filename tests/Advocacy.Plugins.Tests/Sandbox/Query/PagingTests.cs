using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Sandbox.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox.Query
{
    [TestClass]
    public sealed class PagingTests
    {
        private static (TestTableSource Source, QueryEngine Engine) Big(int count)
        {
            var source = new TestTableSource()
                .Table("account", "accountid", "name", "accountnumber", "revenue", "industrycode", "ownerid")
                .Table("systemuser", "systemuserid", "fullname");
            var owners = Enumerable.Range(0, 10).Select(i => source.Add("systemuser", ("fullname", "User " + i)).Id).ToArray();
            var random = new Random(42);
            for (var i = 0; i < count; i++)
                source.Add("account", ("name", "Account " + random.Next(0, count / 3)), ("accountnumber", i),
                    ("revenue", i % 7 == 0 ? null : new Money(random.Next(0, 100000))), ("industrycode", new OptionSetValue(i % 5)),
                    ("ownerid", new EntityReference("systemuser", owners[i % 10])));
            return (source, new QueryEngine(source, () => DateTime.UtcNow, () => owners[0]));
        }

        private static List<Entity> ReadAll(QueryEngine engine, QueryExpression q, out int pages)
        {
            var all = new List<Entity>();
            pages = 0;
            q.PageInfo = new PagingInfo { PageNumber = 1, Count = q.PageInfo.Count };
            while (true)
            {
                var page = engine.RetrieveMultiple(q);
                pages++;
                all.AddRange(page.Entities);
                if (!page.MoreRecords) break;
                Assert.IsNotNull(page.PagingCookie);
                q.PageInfo.PageNumber++;
                q.PageInfo.PagingCookie = page.PagingCookie;
            }
            return all;
        }

        [TestMethod]
        public void A_page_number_far_past_the_end_is_an_empty_last_page_never_a_wrapped_index()
        {
            var (_, engine) = Big(20);
            // The cookie of a page that ends at the last row: past 50,000 rows a page number needs one (below), and with it
            // the page arithmetic must not wrap either.
            var cookie = engine.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { PageNumber = 1, Count = 20 } }).PagingCookie;
            foreach (var page in new[] { 10, 429_497, 2_147_483_646, int.MaxValue })
            {
                var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { PageNumber = page, Count = 5000, PagingCookie = page > 10 ? cookie : null } };
                var result = engine.RetrieveMultiple(q);
                Assert.IsEmpty(result.Entities, "page " + page);
                Assert.IsFalse(result.MoreRecords, "page " + page + ": a paging loop must end");
            }
            var aggregate = engine.RetrieveMultiple(new FetchExpression(
                "<fetch aggregate='true' count='5000' page='10'><entity name='account'><attribute name='accountid' aggregate='count' alias='n' /><attribute name='industrycode' groupby='true' alias='i' /></entity></fetch>"));
            Assert.IsEmpty(aggregate.Entities);
            Assert.IsFalse(aggregate.MoreRecords);
        }

        [TestMethod]
        public void Simple_paging_stops_at_50000_rows_a_deeper_page_needs_the_paging_cookie()
        {
            // Microsoft Learn, "Page results using FetchXml": simple paging retrieves at most 50,000 rows; the platform's fault
            // for more is OverRetrievalUpperLimitWithoutPagingCookie. Row count does not matter: the page asked for does.
            var (_, engine) = Big(20);
            engine.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { PageNumber = 10, Count = 5000 } });
            engine.RetrieveMultiple(new FetchExpression("<fetch count='50' page='1000'><entity name='account'><attribute name='name' /></entity></fetch>"));
            foreach (var query in new QueryBase[]
            {
                new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { PageNumber = 11, Count = 5000 } },
                new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { PageNumber = 429_497, Count = 5000 } },
                new FetchExpression("<fetch count='50' page='1001'><entity name='account'><attribute name='name' /></entity></fetch>"),
                new FetchExpression("<fetch page='11'><entity name='account'><attribute name='name' /></entity></fetch>"),
                new FetchExpression("<fetch aggregate='true' count='5000' page='" + int.MaxValue + "'><entity name='account'><attribute name='accountid' aggregate='count' alias='n' /><attribute name='industrycode' groupby='true' alias='i' /></entity></fetch>"),
            })
            {
                var fault = Assert.ThrowsExactly<QueryException>(() => engine.RetrieveMultiple(query));
                Assert.AreEqual(unchecked((int)0x8004430A), fault.ErrorCode);
                Assert.AreEqual("Over upper limit of records that can be requested without a paging cookie. A paging cookie is required when retrieving a high page number.", fault.Message);
            }
        }

        [TestMethod]
        public void Filters_nested_past_the_limit_are_refused_with_a_fault_not_a_stack_overflow()
        {
            var (_, engine) = Big(5);
            var root = new FilterExpression();
            var current = root;
            for (var i = 0; i < 100_000; i++)
            {
                var child = new FilterExpression(i % 2 == 0 ? LogicalOperator.Or : LogicalOperator.And);
                current.AddFilter(child);
                current = child;
            }

            current.AddCondition("name", ConditionOperator.NotNull);
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), Criteria = root };
            var e = Assert.ThrowsExactly<QueryException>(() => engine.RetrieveMultiple(q));
            StringAssert.Contains(e.Message, "nests filters more than 100 levels deep");

            var fetch = "<fetch><entity name='account'><attribute name='name' />" + string.Concat(Enumerable.Repeat("<filter>", 5000))
                + "<condition attribute='name' operator='not-null' />" + string.Concat(Enumerable.Repeat("</filter>", 5000)) + "</entity></fetch>";
            var f = Assert.ThrowsExactly<QueryException>(() => engine.RetrieveMultiple(new FetchExpression(fetch)));
            StringAssert.Contains(f.Message, "nests filters more than 100 levels deep");

            var fine = new FilterExpression();
            var at = fine;
            for (var i = 1; i < 100; i++)
            {
                var child = new FilterExpression();
                at.AddFilter(child);
                at = child;
            }

            at.AddCondition("name", ConditionOperator.NotNull);
            Assert.HasCount(5, engine.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name"), Criteria = fine }).Entities, "100 levels are allowed");
        }

        [TestMethod]
        public void Paging_with_cookies_across_12000_rows_with_the_default_page_size()
        {
            var (_, engine) = Big(12000);
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            var all = ReadAll(engine, q, out var pages);
            Assert.AreEqual(3, pages);
            Assert.AreEqual(12000, all.Count);
            Assert.AreEqual(12000, all.Select(e => e.Id).Distinct().Count());
        }

        [TestMethod]
        public void Paging_with_cookies_on_an_ordered_query_with_duplicates_and_nulls()
        {
            var (source, engine) = Big(12000);
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name", "revenue") };
            q.AddOrder("revenue", OrderType.Descending);
            q.AddOrder("name", OrderType.Ascending);
            q.PageInfo.Count = 1000;
            var all = ReadAll(engine, q, out var pages);
            Assert.AreEqual(12, pages);
            Assert.AreEqual(12000, all.Select(e => e.Id).Distinct().Count());
            // The concatenated pages are in order.
            for (var i = 1; i < all.Count; i++)
            {
                var a = all[i - 1].GetAttributeValue<Money>("revenue")?.Value;
                var b = all[i].GetAttributeValue<Money>("revenue")?.Value;
                Assert.IsTrue(a == null ? b == null : b == null || a >= b, $"row {i}");
            }
            Assert.IsNull(all.Last().GetAttributeValue<Money>("revenue"));
        }

        [TestMethod]
        public void Cookie_format_more_records_and_total_count()
        {
            var (_, engine) = Big(12000);
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 5000, PageNumber = 1, ReturnTotalRecordCount = true } };
            var first = engine.RetrieveMultiple(q);
            Assert.IsTrue(first.MoreRecords);
            Assert.AreEqual(5000, first.TotalRecordCount);
            Assert.IsTrue(first.TotalRecordCountLimitExceeded);
            var cookie = XElement.Parse(first.PagingCookie);
            Assert.AreEqual("cookie", cookie.Name.LocalName);
            Assert.AreEqual("1", (string?)cookie.Attribute("page"));
            var id = cookie.Element("accountid")!;
            Assert.AreEqual(first.Entities.Last().Id, Guid.Parse((string)id.Attribute("last")!));
            Assert.AreEqual(first.Entities.First().Id, Guid.Parse((string)id.Attribute("first")!));
            StringAssert.StartsWith((string)id.Attribute("last")!, "{");

            q.PageInfo = new PagingInfo { Count = 5000, PageNumber = 3 };
            var third = engine.RetrieveMultiple(q);
            Assert.AreEqual(2000, third.Entities.Count);
            Assert.IsFalse(third.MoreRecords);
            Assert.AreEqual(-1, third.TotalRecordCount);
        }

        [TestMethod]
        public void Without_paging_at_most_5000_rows_come_back_with_MoreRecords()
        {
            var (_, engine) = Big(6000);
            var result = engine.RetrieveMultiple(new QueryExpression("account"));
            Assert.AreEqual(5000, result.Entities.Count);
            Assert.IsTrue(result.MoreRecords);
        }

        [TestMethod]
        public void Cookie_survives_deletion_of_the_last_row_when_ordered_by_id()
        {
            var (source, engine) = Big(30);
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 10, PageNumber = 1 } };
            var first = engine.RetrieveMultiple(q);
            var rows = (List<Entity>)source.Scan("account");
            rows.RemoveAll(e => e.Id == first.Entities.Last().Id);
            q.PageInfo.PageNumber = 2;
            q.PageInfo.PagingCookie = first.PagingCookie;
            var second = engine.RetrieveMultiple(q);
            Assert.AreEqual(10, second.Entities.Count);
            Assert.IsFalse(second.Entities.Select(e => e.Id).Intersect(first.Entities.Select(e => e.Id)).Any());
            Assert.AreEqual(engine.RetrieveMultiple(new QueryExpression("account")).Entities[9].Id, second.Entities[0].Id);
        }

        [TestMethod]
        public void Filtered_ordered_joined_query_over_100000_rows_returns_the_first_page()
        {
            var (_, engine) = Big(100000);
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name", "revenue") };
            q.Criteria.AddCondition("industrycode", ConditionOperator.In, 1, 2);
            q.Criteria.AddCondition("revenue", ConditionOperator.GreaterThan, 50000m);
            q.AddOrder("name", OrderType.Ascending);
            var link = q.AddLink("systemuser", "ownerid", "systemuserid");
            link.Columns = new ColumnSet("fullname");
            link.EntityAlias = "u";
            // Speed is measured by the sandbox benchmark, not asserted here.
            var result = engine.RetrieveMultiple(q);
            Assert.AreEqual(5000, result.Entities.Count);
            Assert.IsTrue(result.MoreRecords);
        }
    }
}
