using System;
using System.Collections.Generic;
using System.Linq;
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

namespace Advocacy.Plugins.Tests.DataAccess
{
    /// <summary>
    /// The sweep's query states <see cref="ProactiveSweepPlan.IsDue"/> in FetchXML. The oracle here is the domain
    /// rule applied row by row to every account (plus "active" and "no open proactive check-in", the query's own
    /// parts), so the two cannot drift apart unnoticed — as CadencePlanner.IsDue once did from the real filter.
    /// </summary>
    [TestClass]
    public sealed class ProactiveSweepQueriesTests
    {
        [TestMethod]
        [DataRow(7)]
        [DataRow(1)]
        [DataRow(30)]
        public void The_due_query_finds_exactly_the_accounts_the_due_rule_names_page_by_page_and_counts_them(int windowDays)
        {
            var w = new FollowUpWorld();
            DateTime today = AdvocacyWorld.Now.Date;
            var accounts = SweepTests.SeedAccounts(w, 60).ToList();
            // The edges the rule speaks of: the last day of the window (late in the day) and the day after, no date
            // with neither tier nor advocate, an inactive account, and open/closed/other-kind tasks.
            accounts.Add(Seed(w, "Window end", CustomerTier.Key, today.AddDays(windowDays).AddHours(23)));
            accounts.Add(Seed(w, "After window", CustomerTier.Key, today.AddDays(windowDays + 1)));
            accounts.Add(Seed(w, "Outside advocacy", null, null));
            accounts.Add(w.World.SeedAccount("Advocate but no tier, never scheduled", null, w.AdvocateId));
            accounts.Add(Seed(w, "Overdue outside advocacy", null, today.AddDays(-3)));
            var inactive = Seed(w, "Inactive", CustomerTier.Key, today);
            w.Sandbox.Service.Update(new Entity("account", inactive) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            accounts.Add(inactive);
            w.Sandbox.Seed(
                Task(accounts[1], AdvocacyTaskKind.ProactiveCheckIn, open: true),
                Task(accounts[2], AdvocacyTaskKind.ProactiveCheckIn, open: false),
                Task(accounts[4], AdvocacyTaskKind.DetractorRecovery, open: true),
                Task(accounts[5], AdvocacyTaskKind.ProactiveCheckIn, open: true));

            var plan = new ProactiveSweepPlan(new SweepSettings(), new FollowUpSettings { ProactiveWindowDays = windowDays });
            var service = w.Sandbox.Service;
            var expected = new List<Guid>();
            foreach (var id in accounts)
            {
                var row = service.Retrieve("account", id, new ColumnSet("statecode", "adv_tier", "adv_advocateid", "adv_nextproactivecontact"));
                var openCheckIn = service.RetrieveMultiple(OpenCheckInsOf(id)).Entities.Count > 0;
                bool active = row.GetAttributeValue<OptionSetValue>("statecode")?.Value == 0;
                if (active && !openCheckIn && plan.IsDue(row.GetAttributeValue<DateTime?>("adv_nextproactivecontact"), row.Contains("adv_tier"), row.Contains("adv_advocateid"), today))
                {
                    expected.Add(id);
                }
            }

            var found = new List<Guid>();
            var position = SweepContinuation.Start(today);
            while (true)
            {
                var page = service.RetrieveMultiple(new FetchExpression(ProactiveSweepQueries.DueAccountsFetch(plan, position, 7)));
                found.AddRange(page.Entities.Select(e => e.Id));
                if (!page.MoreRecords) break;
                position = position.NextPage(page.PagingCookie, 0);
            }

            Assert.IsTrue(expected.Count > 20 && expected.Count < accounts.Count, "the data set has due and not-due accounts (" + expected.Count + " due)");
            CollectionAssert.AreEquivalent(expected, found);
            Assert.AreEqual(found.Count, found.Distinct().Count(), "no account on two pages");
            var count = service.RetrieveMultiple(new FetchExpression(ProactiveSweepQueries.DueAccountsCountFetch(plan, today))).Entities.Single();
            Assert.AreEqual(expected.Count, Convert.ToInt32(count.GetAttributeValue<AliasedValue>("due").Value));
        }

        private static Guid Seed(FollowUpWorld w, string name, CustomerTier? tier, DateTime? next)
        {
            var id = w.World.SeedAccount(name, tier, null);
            if (next.HasValue)
            {
                w.Sandbox.NestedService.Update(new Entity("account", id) { ["adv_nextproactivecontact"] = next.Value });
            }

            return id;
        }

        private static QueryExpression OpenCheckInsOf(Guid account)
        {
            var query = new QueryExpression("task") { ColumnSet = new ColumnSet(false) };
            query.Criteria.AddCondition("regardingobjectid", ConditionOperator.Equal, account);
            query.Criteria.AddCondition("adv_kind", ConditionOperator.Equal, Choices.Option(AdvocacyTaskKind.ProactiveCheckIn).Value);
            query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
            return query;
        }

        private static Entity Task(Guid account, AdvocacyTaskKind kind, bool open) => new Entity("task", Guid.NewGuid())
        {
            ["subject"] = kind.ToString(),
            ["regardingobjectid"] = new EntityReference("account", account),
            ["adv_kind"] = Choices.Option(kind),
            ["statecode"] = new OptionSetValue(open ? 0 : 1),
        };
    }
}
