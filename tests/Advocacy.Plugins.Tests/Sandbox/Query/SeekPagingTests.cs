using System;
using System.Collections.Generic;
using System.Data.SqlTypes;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox.Query
{
    /// <summary>
    /// Paging by cookie in the sandbox's store: a query ordered by the primary id (or not ordered) seeks to the
    /// cookie's last id, so a page reads about a page of rows however deep it is, and returns exactly the rows the
    /// platform's order gives (uniqueidentifier order, SqlGuid's).
    /// </summary>
    [TestClass]
    public sealed class SeekPagingTests
    {
        private static (DataverseSandbox Sandbox, Guid[] Ids) Accounts(int count)
        {
            var sandbox = new DataverseSandbox((string?)null);
            var rows = Enumerable.Range(0, count).Select(i => new Entity("account", Guid.NewGuid())
            {
                ["name"] = "Account " + i,
                ["numberofemployees"] = i % 3,
            }).ToArray();
            sandbox.Seed(rows);
            return (sandbox, rows.Select(r => r.Id).ToArray());
        }

        private static QueryExpression Query(int pageSize, bool filtered, bool orderById)
        {
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = pageSize, PageNumber = 1 } };
            if (filtered) q.Criteria.AddCondition("numberofemployees", ConditionOperator.NotEqual, 1);
            if (orderById) q.AddOrder("accountid", OrderType.Ascending);
            return q;
        }

        private static List<Guid> ReadAll(IOrganizationService service, QueryExpression q, Action<int>? afterPage = null)
        {
            var ids = new List<Guid>();
            for (int pages = 1; ; pages++)
            {
                // A paging loop that does not end is a failure here, not a hung test run.
                Assert.IsLessThanOrEqualTo(10_000, pages, "paging does not end");
                var page = service.RetrieveMultiple(q);
                ids.AddRange(page.Entities.Select(e => e.Id));
                afterPage?.Invoke(q.PageInfo.PageNumber);
                if (!page.MoreRecords) return ids;
                q.PageInfo.PageNumber++;
                q.PageInfo.PagingCookie = page.PagingCookie;
            }
        }

        [TestMethod]
        public void A_query_by_primary_id_reads_only_those_rows_and_answers_as_a_full_scan_would()
        {
            var (sandbox, ids) = Accounts(1_000);
            var random = new Random(15);
            for (int round = 0; round < 50; round++)
            {
                // Existing ids (some twice), ids of no row, and another condition that drops some of them.
                var wanted = ids.OrderBy(_ => random.Next()).Take(random.Next(1, 12)).ToList();
                var asked = wanted.Concat(wanted.Take(2)).Append(Guid.NewGuid()).Cast<object>().ToArray();
                var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 3, PageNumber = 1 } };
                q.Criteria.AddCondition("accountid", asked.Length == 1 ? ConditionOperator.Equal : ConditionOperator.In, asked);
                q.Criteria.AddCondition("numberofemployees", ConditionOperator.NotEqual, 1);

                var before = sandbox.Store.RowsVisited;
                var got = ReadAll(sandbox.Service, q);

                var expected = sandbox.Rows("account")
                    .Where(r => wanted.Contains(r.Id) && r.GetAttributeValue<int>("numberofemployees") != 1)
                    .Select(r => r.Id).OrderBy(id => new SqlGuid(id)).ToList();
                CollectionAssert.AreEqual(expected, got, "the rows a full scan finds, in uniqueidentifier order, each once, over pages of 3");
                Assert.IsLessThanOrEqualTo(wanted.Count * 2L, sandbox.Store.RowsVisited - before, "only the asked rows are read (once a page)");
            }
        }

        [TestMethod]
        public void A_FetchXML_query_by_primary_id_reads_only_that_row()
        {
            var (sandbox, ids) = Accounts(1_000);
            foreach (var text in new[] { ids[7].ToString(), ids[7].ToString("B").ToUpperInvariant() })
            {
                var before = sandbox.Store.RowsVisited;
                var rows = sandbox.Service.RetrieveMultiple(new FetchExpression(
                    $"<fetch><entity name='account'><attribute name='name' /><filter><condition attribute='accountid' operator='eq' value='{text}' /></filter></entity></fetch>"));

                Assert.AreEqual(ids[7], rows.Entities.Single().Id, text);
                Assert.AreEqual(1L, sandbox.Store.RowsVisited - before, text);
            }
        }

        [TestMethod]
        public void A_query_by_primary_id_inside_a_transaction_sees_its_own_created_and_deleted_rows()
        {
            var (sandbox, ids) = Accounts(100); // the asked ids are few enough against the table to be read one by one
            var created = Guid.NewGuid();
            var requests = new OrganizationRequestCollection
            {
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("account", created) { ["name"] = "new" } },
                new Microsoft.Xrm.Sdk.Messages.DeleteRequest { Target = new EntityReference("account", ids[0]) },
            };
            sandbox.RegisterStep<QueriesByIdAfterDelete>("Delete", "account", PipelineStage.PostOperation);

            sandbox.Service.Execute(new OrganizationRequest("ExecuteTransaction") { ["Requests"] = requests });

            // 100 seeded, one deleted, one created: asked by id, the created row and two others are found, the deleted one not.
            Assert.AreEqual("100 rows; by id: the created one True, the deleted one False, 3 found", sandbox.Traces(nameof(QueriesByIdAfterDelete)).Single());
        }

        [TestMethod]
        public void Paging_by_cookie_returns_every_matching_row_once_in_uniqueidentifier_order()
        {
            var (sandbox, ids) = Accounts(1_000);
            foreach (var orderById in new[] { false, true })
            {
                var all = ReadAll(sandbox.Service, Query(70, filtered: true, orderById));
                var expected = ids.Where((_, i) => i % 3 != 1).OrderBy(id => new SqlGuid(id)).ToList();
                CollectionAssert.AreEqual(expected, all, "ordered by id: " + orderById);
            }
        }

        [TestMethod]
        public void Each_cookie_page_reads_about_one_page_of_rows_however_deep_it_is()
        {
            var (sandbox, _) = Accounts(20_000);
            var q = Query(500, filtered: false, orderById: false);
            var visited = new List<long>();
            var before = sandbox.Store.RowsVisited;
            ReadAll(sandbox.Service, q, _ =>
            {
                visited.Add(sandbox.Store.RowsVisited - before);
                before = sandbox.Store.RowsVisited;
            });
            Assert.HasCount(40, visited);
            // A page plus the one row that tells whether there are more: not the 20,000 a rescan reads.
            Assert.IsTrue(visited.All(n => n <= 501), string.Join(", ", visited));
        }

        [TestMethod]
        public void Rows_added_or_deleted_between_pages_are_seen_as_the_platform_would_see_them()
        {
            var (sandbox, ids) = Accounts(300);
            var q = Query(100, filtered: false, orderById: false);
            var first = sandbox.Service.RetrieveMultiple(q);
            var sorted = ids.OrderBy(id => new SqlGuid(id)).ToList();
            CollectionAssert.AreEqual(sorted.Take(100).ToList(), first.Entities.Select(e => e.Id).ToList());

            // Delete the page's last row (the cookie's) and the next one; add a row that sorts after the cookie.
            sandbox.Service.Delete("account", sorted[99]);
            sandbox.Service.Delete("account", sorted[100]);
            Guid added;
            do added = Guid.NewGuid(); while (new SqlGuid(added).CompareTo(new SqlGuid(sorted[99])) <= 0);
            sandbox.Seed(new Entity("account", added) { ["name"] = "Late", ["numberofemployees"] = 0 });

            q.PageInfo.PageNumber = 2;
            q.PageInfo.PagingCookie = first.PagingCookie;
            var rest = ReadAll(sandbox.Service, q);
            var expected = sorted.Skip(101).Append(added).OrderBy(id => new SqlGuid(id)).ToList();
            CollectionAssert.AreEqual(expected, rest);
        }
    }

    /// <summary>
    /// After a delete in a transaction, reads every account the transaction sees with a full scan, then asks by primary id
    /// for the one created in the transaction (named "new"), two others and the deleted one, and traces what it finds.
    /// </summary>
    public sealed class QueriesByIdAfterDelete : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(context.UserId);
            var scanned = service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities;
            var created = scanned.Single(e => e.GetAttributeValue<string>("name") == "new").Id;
            var asked = scanned.Where(e => e.Id != created).Take(2).Select(e => e.Id).Append(created).Append(context.PrimaryEntityId).ToList();
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            q.Criteria.AddCondition("accountid", ConditionOperator.In, asked.Cast<object>().ToArray());
            var byId = service.RetrieveMultiple(q).Entities.Select(e => e.Id).ToHashSet();
            ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace(
                $"{scanned.Count} rows; by id: the created one {byId.Contains(created)}, the deleted one {byId.Contains(context.PrimaryEntityId)}, {byId.Count} found");
        }
    }
}
