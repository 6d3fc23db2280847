using System;
using System.Linq;
using Advocacy.Plugins.Application.Assignment;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Assignment
{
    /// <summary>
    /// The recount reads the advocate profiles 5,000 a page (the platform's most). Profiles on the second page are
    /// checked and corrected too; seeded in one call, so the test stays quick.
    /// </summary>
    [TestClass]
    public sealed class RecountPagingTests
    {
        private const int Profiles = 5003;

        // Ids in the order the recount reads them (by adv_advocateid): the wrong counts sit on page 2.
        private static Guid Ordered(int n) => new Guid("00000000-0000-0000-0000-" + n.ToString("D12"));

        [TestMethod]
        public void Profiles_on_the_second_page_are_checked_and_corrected()
        {
            var world = new AdvocacyWorld();
            var user = world.SeedUser("Shared user");
            world.Sandbox.Seed(Enumerable.Range(1, Profiles).Select(n => Profile(n, user, count: 0)).ToArray());
            var onPageTwo = Ordered(Profiles - 1);
            var last = Ordered(Profiles);
            world.Sandbox.SeedChange(new Entity("adv_advocate", onPageTwo) { ["adv_accountcount"] = 7 });
            world.Sandbox.SeedChange(new Entity("adv_advocate", last) { ["adv_accountcount"] = null });
            world.SeedAccount("Named by the last profile", CustomerTier.Key, last);
            world.SeedAccount("Also named by it", CustomerTier.Key, last);

            var tracer = new ListTracer();
            var result = new RecountAdvocateLoad(new TestHost(world.Sandbox.NestedService, tracer)).Run().Counts;

            Assert.AreEqual(Profiles, result.AdvocatesChecked, "every profile, on both pages");
            Assert.AreEqual(2, result.AdvocatesCorrected, string.Join("\n", tracer.Lines.Where(l => l.StartsWith("Recount"))));
            Assert.AreEqual(2, result.AccountsCounted);
            Assert.AreEqual(0, world.Sandbox.Get("adv_advocate", onPageTwo).GetAttributeValue<int?>("adv_accountcount"));
            Assert.AreEqual(2, world.Sandbox.Get("adv_advocate", last).GetAttributeValue<int?>("adv_accountcount"));
            CollectionAssert.Contains(tracer.Lines, "Recount: " + Profiles + " advocates checked, 2 corrected, 2 active accounts counted.");
        }

        [TestMethod]
        public void Accounts_and_their_shares_on_second_pages_are_read_so_only_the_missing_share_is_written_with_one_query_each()
        {
            var world = new AdvocacyWorld();
            var user = world.SeedUser("Advocate user");
            var advocate = world.SeedAdvocate("Advocate", user, new[] { CustomerTier.Key });
            const int accounts = 5003;
            var ids = Enumerable.Range(1, accounts).Select(n => new Guid("00000000-0000-0000-0001-" + n.ToString("D12"))).ToArray();
            world.Sandbox.Seed(ids.Select(id => new Entity("account", id)
            {
                ["name"] = "Imported " + id,
                ["ownerid"] = new EntityReference("systemuser", world.AgentUserId),
                ["adv_advocateid"] = new EntityReference("adv_advocate", advocate),
            }).ToArray());
            // Every account but the one the accounts' second page ends with is shared already: 5,002 shares, two pages.
            world.Sandbox.Seed(ids.Take(accounts - 1).Select(id => new Entity("principalobjectaccess", Guid.NewGuid())
            {
                ["objectid"] = id,
                ["objecttypecode"] = "account",
                ["principalid"] = user,
                ["principaltypecode"] = "systemuser",
                ["accessrightsmask"] = AdvocateAccess.Rights,
            }).ToArray());

            world.Sandbox.Metrics.Reset();
            var outcome = new RecountAdvocateLoad(new TestHost(world.Sandbox.NestedService, new ListTracer())).Run();

            Assert.AreEqual(1, outcome.Shares.Shared, "only the last account lacked its share");
            Assert.AreEqual(0, outcome.Shares.Left);
            Assert.AreEqual(accounts, world.Sandbox.Count("principalobjectaccess"));
            var metrics = world.Sandbox.Metrics;
            Assert.AreEqual(2L, metrics.RoundTripCount(message: "RetrieveMultiple", table: "principalobjectaccess"), "the shares: one query, two pages");
            Assert.AreEqual(4L, metrics.RoundTripCount(caller: "test", message: "RetrieveMultiple", table: "account"), "two pages to count, two to share");
            Assert.AreEqual(0L, metrics.RoundTripCount(message: "RetrieveSharedPrincipalsAndAccess"), "no read per account");
            Assert.AreEqual(1L, metrics.RoundTripCount(message: "GrantAccess"));
        }

        [TestMethod]
        public void A_profile_without_a_stored_count_and_no_accounts_gets_zero_written()
        {
            var world = new AdvocacyWorld();
            var user = world.SeedUser("Shared user");
            var row = Profile(1, user, count: null);
            world.Sandbox.Seed(row);

            var result = new RecountAdvocateLoad(new TestHost(world.Sandbox.NestedService, new ListTracer())).Run().Counts;

            Assert.AreEqual(1, result.AdvocatesChecked);
            Assert.AreEqual(1, result.AdvocatesCorrected, "an empty count is written as 0");
            Assert.AreEqual(0, world.Sandbox.Get("adv_advocate", row.Id).GetAttributeValue<int?>("adv_accountcount"));
        }

        [TestMethod]
        public void A_profile_change_reads_every_profile_page_by_page_and_moves_an_advocacy_whose_backup_is_on_the_second_page()
        {
            var world = new AdvocacyWorld();
            var user = world.SeedUser("Shared user");
            world.Sandbox.Seed(Enumerable.Range(1, Profiles).Select(n => Profile(n, user, count: 0)).ToArray());
            // The last profile (page 2) backs up an advocate of page 1, whose account is shared with both users.
            var backupUser = world.SeedUser("Backup user");
            var backup = Ordered(Profiles);
            var advocate = Ordered(1);
            world.Sandbox.SeedChange(new Entity("adv_advocate", backup) { ["adv_userid"] = new EntityReference("systemuser", backupUser) });
            world.Sandbox.SeedChange(new Entity("adv_advocate", advocate) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", backup) });
            var account = world.SeedAccount("Advocated", CustomerTier.Key, advocate);
            new RecountAdvocateLoad(new TestHost(world.Sandbox.NestedService, new ListTracer())).Run();
            var successor = world.SeedUser("Successor");
            world.Sandbox.Metrics.Reset();

            var writes = new MoveAdvocateShares(new TestHost(world.Sandbox.NestedService, new ListTracer())).AfterProfileChange(backup, backupUser, null, successor, null);

            Assert.AreEqual(2, writes, "the backup's previous user loses the share, its new user gets it");
            Assert.AreEqual(2L, world.Sandbox.Metrics.RoundTripCount(message: "RetrieveMultiple", table: "adv_advocate"), "two pages of profiles, one query each");
            var shared = world.Sandbox.Rows("principalobjectaccess").Where(r => r.GetAttributeValue<Guid>("objectid") == account).Select(r => r.GetAttributeValue<Guid>("principalid")).ToList();
            CollectionAssert.Contains(shared, successor);
            CollectionAssert.DoesNotContain(shared, backupUser);
        }

        [TestMethod]
        public void The_entitled_users_of_given_advocates_are_read_for_those_advocates_only()
        {
            var world = new AdvocacyWorld();
            var user = world.SeedUser("Shared user");
            world.Sandbox.Seed(Enumerable.Range(1, 3).Select(n => Profile(n, user, count: 0)).ToArray());

            var entitled = AdvocacyUsers.Of(world.Sandbox.NestedService, new[] { Ordered(2), Ordered(2) });

            CollectionAssert.AreEqual(new[] { Ordered(2) }, entitled.Keys.ToArray());
            CollectionAssert.AreEqual(new[] { user }, entitled[Ordered(2)].ToArray());
        }

        private static Entity Profile(int n, Guid userId, int? count)
        {
            var row = new Entity("adv_advocate", Ordered(n))
            {
                ["adv_name"] = "Advocate " + n,
                ["adv_userid"] = new EntityReference("systemuser", userId),
                ["adv_tiers"] = new OptionSetValueCollection { Choices.Option(CustomerTier.Key) },
            };
            if (count.HasValue) row["adv_accountcount"] = count.Value;
            return row;
        }
    }
}
