using System;
using System.Linq;
using Advocacy.Plugins.Application.Impact;
using Advocacy.Plugins.Application.Loyalty;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Impact;
using Advocacy.Plugins.Tests.Scenarios.Assignment;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Impact
{
    /// <summary>
    /// What the recurrence count and the inconvenience index may pick up: only this account's rows, only those created
    /// before the one being scored, never the row itself. Each scenario has rows the query must leave out (a second
    /// account, a later inconvenience, the row being re-scored), so a deleted filter changes a figure.
    /// </summary>
    [TestClass]
    public sealed class QueryScopeTests
    {
        private AdvocacyWorld _world = null!;

        [TestInitialize]
        public void CreateWorld() => _world = new AdvocacyWorld();

        [TestMethod]
        public void Another_accounts_inconveniences_count_neither_as_recurrence_nor_in_the_index()
        {
            var mine = _world.SeedAccount("Contoso", CustomerTier.Strategic);
            var other = _world.SeedAccount("Fabrikam", CustomerTier.Strategic);
            _world.Sandbox.Seed(
                Issue(mine, daysAgo: 30, score: 40),
                Issue(other, daysAgo: 10, score: 50),
                Issue(other, daysAgo: 20, score: 60));

            var id = _world.Agent.Create(NewIssue(mine));

            // Kind "other", no promised date, no money, not critical: strategic (+15) and one similar issue (+5).
            var row = _world.Sandbox.Get("adv_inconvenience", id);
            Assert.AreEqual(20, row.GetAttributeValue<int>("adv_impactscore"), row.GetAttributeValue<string>("adv_impactexplanation"));
            StringAssert.Contains(row.GetAttributeValue<string>("adv_impactexplanation"), "1 similar issue in 90 days (+5)");

            // Index: 20 (today) + 40 × 0.5^(30/30) = 40 → medium; Fabrikam's 50 and 60 would push it past 60.
            var account = _world.Sandbox.Get("account", mine);
            Assert.AreEqual(40, account.GetAttributeValue<int?>("adv_inconvenienceindex"));
            Assert.AreEqual(Choices.Option(LoyaltyRisk.Medium), account.GetAttributeValue<OptionSetValue>("adv_loyaltyrisk"));

            var untouched = _world.Sandbox.Get("account", other);
            Assert.IsNull(untouched.GetAttributeValue<int?>("adv_inconvenienceindex"), "the other account is not refreshed");
        }

        [TestMethod]
        public void Refreshing_one_account_reads_only_its_own_inconveniences_whichever_account_comes_first()
        {
            // Both orders of ids, so that a query that forgot the account would meet the other account's row first once.
            foreach (var firstIsMine in new[] { true, false })
            {
                var world = new AdvocacyWorld();
                var low = new Guid("00000000-0000-0000-0000-000000000001");
                var high = new Guid("00000000-0000-0000-0000-000000000002");
                var mine = firstIsMine ? low : high;
                var other = firstIsMine ? high : low;
                world.Sandbox.Seed(Account(world, mine, "Mine"), Account(world, other, "Other"));
                world.Sandbox.Seed(Issue(mine, daysAgo: 30, score: 40), Issue(other, daysAgo: 0, score: 90));

                var tracer = new ListTracer();
                var read = new RefreshAccountLoyalty(new TestHost(world.Sandbox.NestedService, tracer)).AfterInconvenience(mine);

                Assert.AreEqual(mine, read.Row.Id, "the account as read");
                var account = world.Sandbox.Get("account", mine);
                Assert.AreEqual(20, account.GetAttributeValue<int?>("adv_inconvenienceindex"), string.Join("\n", tracer.Lines));
                Assert.AreEqual(Choices.Option(LoyaltyRisk.Low), account.GetAttributeValue<OptionSetValue>("adv_loyaltyrisk"));
                Assert.IsNull(world.Sandbox.Get("account", other).GetAttributeValue<int?>("adv_inconvenienceindex"));
            }
        }

        [TestMethod]
        public void Re_scoring_counts_the_issues_created_before_the_row_not_later_ones_nor_itself()
        {
            var account = _world.SeedAccount("Contoso", CustomerTier.Key);
            var rescored = Issue(account, daysAgo: 30, score: 8);
            _world.Sandbox.Seed(
                rescored,
                Issue(account, daysAgo: 50, score: 30),    // 20 days before it: recurrence
                Issue(account, daysAgo: 10, score: 30),    // created after it: not recurrence for it
                Issue(account, daysAgo: 125, score: 30));  // 95 days before it: outside its window

            _world.Agent.Update(new Entity("adv_inconvenience", rescored.Id) { ["adv_businesscritical"] = true });

            // critical (+20), key (+8), one earlier issue in the 90 days before it (+5).
            var row = _world.Sandbox.Get("adv_inconvenience", rescored.Id);
            Assert.AreEqual(33, row.GetAttributeValue<int>("adv_impactscore"), row.GetAttributeValue<string>("adv_impactexplanation"));
            StringAssert.Contains(row.GetAttributeValue<string>("adv_impactexplanation"), "1 similar issue in 90 days (+5)");
        }

        [TestMethod]
        public void A_new_issue_counts_the_earlier_ones_in_the_window_but_not_one_created_just_as_it_is()
        {
            var account = _world.SeedAccount("Contoso", CustomerTier.Standard);
            _world.Sandbox.Seed(
                Issue(account, daysAgo: 89, score: 10),
                Issue(account, daysAgo: 91, score: 10),
                Issue(account, daysAgo: 0, score: 10));     // created at the same instant: not before it

            var context = new InconvenienceRows(_world.Sandbox.Service).LoadAccount(account, null, AdvocacyWorld.Now, 90);

            Assert.AreEqual(1, context.OtherRecentCount);
            Assert.AreEqual(CustomerTier.Standard, context.Tier);
        }

        [TestMethod]
        public void The_row_itself_is_not_its_own_recurrence_even_when_scored_as_of_a_later_date()
        {
            // The update step falls back to "now" when the pre-image has no created date: the row then lies inside its
            // own window and only its id keeps it out.
            var account = _world.SeedAccount("Contoso", CustomerTier.Standard);
            var itself = Issue(account, daysAgo: 5, score: 10);
            var earlier = Issue(account, daysAgo: 6, score: 10);
            _world.Sandbox.Seed(itself, earlier);

            var rows = new InconvenienceRows(_world.Sandbox.Service);
            Assert.AreEqual(1, rows.LoadAccount(account, itself.Id, AdvocacyWorld.Now, 90).OtherRecentCount);
            Assert.AreEqual(2, rows.LoadAccount(account, null, AdvocacyWorld.Now, 90).OtherRecentCount, "without an id both count");
            Assert.AreEqual(2, rows.LoadAccount(account, Guid.Empty, AdvocacyWorld.Now, 90).OtherRecentCount, "an empty id is no row");

            var assessment = new ScoreInconvenience(new TestHost(_world.Sandbox.NestedService, new ListTracer()))
                .OnSave(new InconvenienceInput { Kind = InconvenienceKind.Other }, account, itself.Id, AdvocacyWorld.Now);
            Assert.AreEqual(5, assessment.Score, assessment.Explanation);
        }

        private Entity Account(AdvocacyWorld world, Guid id, string name) => new Entity("account", id)
        {
            ["name"] = name,
            ["ownerid"] = new EntityReference("systemuser", world.AgentUserId),
            ["adv_tier"] = Choices.Option(CustomerTier.Standard),
        };

        private static Entity NewIssue(Guid accountId) => new Entity("adv_inconvenience")
        {
            ["adv_name"] = "Wrong pallets",
            ["adv_accountid"] = new EntityReference("account", accountId),
            ["adv_kind"] = Choices.Option(InconvenienceKind.Other),
        };

        private static Entity Issue(Guid accountId, int daysAgo, int score) => new Entity("adv_inconvenience", Guid.NewGuid())
        {
            ["adv_name"] = "Issue " + daysAgo + " days ago",
            ["adv_accountid"] = new EntityReference("account", accountId),
            ["adv_kind"] = Choices.Option(InconvenienceKind.Other),
            ["adv_impactscore"] = score,
            ["createdon"] = AdvocacyWorld.Now.AddDays(-daysAgo),
        };
    }
}
