using System;
using System.Linq;
using Advocacy.Plugins.Application.Assignment;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
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
