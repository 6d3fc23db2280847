using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Tests.Scenarios;
using Advocacy.Plugins.Tests.Scenarios.FollowUp;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Moq;

namespace Advocacy.Plugins.Tests.DataAccess
{
    /// <summary>
    /// ProactiveSweepQueries (built with FetchXml) ask what ProactiveSweep's hand-written strings ask: the
    /// same XML tree once FetchXML's defaults are spelled out, and the same rows from the sandbox.
    /// </summary>
    [TestClass]
    public sealed class ProactiveSweepQueriesTests
    {
        private static readonly DateTime AsOf = new DateTime(2026, 3, 9, 0, 0, 0, DateTimeKind.Utc);

        private static ProactiveSweep Sweep(IOrganizationService service, AdvocacySettings? settings = null) =>
            new ProactiveSweep(service, new Mock<ITracingService>().Object, settings ?? AdvocacySettings.Defaults());

        public static IEnumerable<object?[]> Positions => new[]
        {
            new object?[] { 1, null, 5000 },
            new object?[] { 2, "<cookie page=\"1\"><accountid last=\"{6E2F1C4B-0000-4000-8000-000000000001}\" first=\"{6E2F1C4B-0000-4000-8000-000000000000}\" /></cookie>", 250 },
            new object?[] { 7, "<cookie page=\"6\"><name last=\"O'Brien &amp; &quot;Sons&quot; <Ltd>\" /></cookie>", 1 },
        };

        [TestMethod]
        [DynamicData(nameof(Positions))]
        public void The_page_query_is_the_same_query_as_the_sweeps(int page, string? cookie, int pageSize)
        {
            foreach (int windowDays in new[] { 7, 1, 30 })
            {
                var settings = AdvocacySettingsParser.Parse("{\"followUp\":{\"proactiveWindowDays\":" + windowDays + "}}");
                var sweep = Sweep(new Mock<IOrganizationService>().Object, settings);
                var position = new SweepContinuation(page, cookie, 0, AsOf.AddDays(windowDays));

                AssertSameQuery(sweep.DueAccountsFetch(position, pageSize), ProactiveSweepQueries.DueAccountsFetch(sweep.Plan, position, pageSize));
            }
        }

        [TestMethod]
        public void The_count_query_is_the_same_query_as_the_sweeps()
        {
            foreach (int windowDays in new[] { 7, 1, 30 })
            {
                var settings = AdvocacySettingsParser.Parse("{\"followUp\":{\"proactiveWindowDays\":" + windowDays + "}}");
                var sweep = Sweep(new Mock<IOrganizationService>().Object, settings);

                AssertSameQuery(sweep.DueAccountsCountFetch(AsOf), ProactiveSweepQueries.DueAccountsCountFetch(sweep.Plan, AsOf));
            }
        }

        [TestMethod]
        public void Both_find_the_same_due_accounts_page_by_page_and_count_them_alike()
        {
            var w = new FollowUpWorld();
            Guid[] accounts = SweepTests.SeedAccounts(w, 60);
            // Open check-ins exclude their accounts; a completed one and another kind do not.
            w.Sandbox.Seed(
                Task(accounts[1], AdvocacyTaskKind.ProactiveCheckIn, open: true),
                Task(accounts[2], AdvocacyTaskKind.ProactiveCheckIn, open: false),
                Task(accounts[4], AdvocacyTaskKind.DetractorRecovery, open: true),
                Task(accounts[5], AdvocacyTaskKind.ProactiveCheckIn, open: true));
            var service = w.Sandbox.Service;
            var sweep = Sweep(service);
            DateTime today = AdvocacyWorld.Now.Date;

            List<Guid> Read(Func<SweepContinuation, string> query)
            {
                var ids = new List<Guid>();
                var position = SweepContinuation.Start(today);
                while (true)
                {
                    var result = service.RetrieveMultiple(new FetchExpression(query(position)));
                    ids.AddRange(result.Entities.Select(e => e.Id));
                    if (!result.MoreRecords) return ids;
                    position = new SweepContinuation(position.PageNumber + 1, result.PagingCookie, 0, today);
                }
            }

            var before = Read(p => sweep.DueAccountsFetch(p, 7));
            var after = Read(p => ProactiveSweepQueries.DueAccountsFetch(sweep.Plan, p, 7));

            Assert.IsTrue(before.Count > 20 && before.Count < 60, "the data set has due and not-due accounts (" + before.Count + " due)");
            CollectionAssert.DoesNotContain(before, accounts[1]);
            CollectionAssert.Contains(before, accounts[2]);
            CollectionAssert.AreEqual(before, after);

            int Count(string fetch) => Convert.ToInt32(service.RetrieveMultiple(new FetchExpression(fetch)).Entities.Single().GetAttributeValue<AliasedValue>("due").Value);
            Assert.AreEqual(before.Count, Count(sweep.DueAccountsCountFetch(today)));
            Assert.AreEqual(before.Count, Count(ProactiveSweepQueries.DueAccountsCountFetch(sweep.Plan, today)));
        }

        private static Entity Task(Guid account, AdvocacyTaskKind kind, bool open) => new Entity("task", Guid.NewGuid())
        {
            ["subject"] = kind.ToString(),
            ["regardingobjectid"] = new EntityReference("account", account),
            ["adv_kind"] = Choices.Option(kind),
            ["statecode"] = new OptionSetValue(open ? 0 : 1),
        };

        private static void AssertSameQuery(string expected, string actual) =>
            Assert.AreEqual(Canonical(XElement.Parse(expected)).ToString(), Canonical(XElement.Parse(actual)).ToString(), "as written: " + actual);

        /// <summary>The query with FetchXML's defaults spelled out (filter type and, link-type inner) and attributes sorted.</summary>
        private static XElement Canonical(XElement element)
        {
            var attributes = element.Attributes().ToDictionary(a => a.Name.LocalName, a => a.Value);
            if (element.Name.LocalName == "filter" && !attributes.ContainsKey("type")) attributes["type"] = "and";
            if (element.Name.LocalName == "link-entity" && !attributes.ContainsKey("link-type")) attributes["link-type"] = "inner";
            return new XElement(element.Name.LocalName,
                attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new XAttribute(a.Key, a.Value)),
                element.Elements().Select(Canonical),
                element.HasElements || element.IsEmpty ? null : element.Value);
        }
    }
}
