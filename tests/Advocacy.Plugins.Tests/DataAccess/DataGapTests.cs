using System;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Tests.Scenarios;
using Advocacy.Plugins.Tests.Scenarios.Assignment;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.DataAccess
{
    /// <summary>Data-access paths no scenario reached: missing rows, vanished advocates, the builder's unused parts.</summary>
    [TestClass]
    public sealed class DataGapTests
    {
        [TestMethod]
        public void A_missing_account_is_reported_by_name_of_what_could_not_be_done()
        {
            var world = new AdvocacyWorld();
            var missing = Guid.NewGuid();

            var loyalty = Assert.ThrowsExactly<MissingRecordException>(() => new AccountLoyaltyReader(world.Sandbox.Service).Read(missing, AdvocacyWorld.Now.AddDays(-180)));
            Assert.AreEqual("Account " + missing.ToString("D") + " does not exist, so its loyalty figures cannot be updated.", loyalty.Message);

            var scoring = Assert.ThrowsExactly<AdvocacyInputException>(() => new InconvenienceRows(world.Sandbox.Service).LoadAccount(missing, null, AdvocacyWorld.Now, 90));
            Assert.AreEqual("The account of this inconvenience (" + missing.ToString("D") + ") does not exist or you cannot see it. Choose an existing account.", scoring.Message);
        }

        [TestMethod]
        public void Routing_for_an_unknown_advocate_or_one_without_a_user_is_none_and_the_owner_gets_the_work()
        {
            var world = new AdvocacyWorld();
            var userless = new Entity("adv_advocate", Guid.NewGuid()) { ["adv_name"] = "No user" };
            world.Sandbox.Seed(userless);
            var directory = new AdvocateDirectory(world.Sandbox.Service, 25);

            Assert.IsNull(directory.RoutingFor(Guid.NewGuid(), AdvocacyWorld.Now.Date), "not found");
            Assert.IsNull(directory.RoutingFor(userless.Id, AdvocacyWorld.Now.Date), "no user");

            var account = world.SeedAccount("Contoso", CustomerTier.Key, userless.Id);
            var tracer = new ListTracer();
            var followUp = new FollowUpAccounts(world.Sandbox.Service, tracer, new AdvocacySettings()).Load(account, AdvocacyWorld.Now.Date);
            Assert.IsNull(followUp.Routing);
            CollectionAssert.Contains(tracer.Lines, "Account " + account + ": advocate " + userless.Id + " was not found or has no user; the account owner " + world.AgentUserId + " gets the work.");
        }

        [TestMethod]
        public void Settling_an_advocate_that_no_longer_exists_writes_nothing_for_it()
        {
            var world = new AdvocacyWorld();
            var kept = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Key }, accountCount: 3);
            world.SeedAccount("Contoso", advocateId: kept);
            var gone = Guid.NewGuid();
            var tracer = new ListTracer();

            var result = new AdvocateLoadRecount(world.Sandbox.NestedService, tracer).Settle(new[] { gone, kept }, kept, AdvocacyWorld.Now);

            CollectionAssert.Contains(tracer.Lines, "Load: advocate " + gone + " no longer exists; nothing to count for it.");
            Assert.AreEqual(1, world.CountOf(kept), "the stored 3 is replaced by the one active account that names Lee");
            Assert.AreEqual(AdvocacyWorld.Now, world.Sandbox.Get("adv_advocate", kept).GetAttributeValue<DateTime>("adv_lastassignedon"));
            Assert.AreEqual(1, result.AdvocatesChecked);
            Assert.IsFalse(world.Sandbox.Rows("adv_advocate").Any(r => r.Id == gone));
        }

        [TestMethod]
        public void Snapshot_and_choice_readers_map_what_the_row_holds()
        {
            var next = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
            var snapshot = new AccountSnapshot(new Entity("account", Guid.NewGuid()) { ["adv_nextproactivecontact"] = next });
            Assert.AreEqual(next, snapshot.NextProactiveContact);
            Assert.IsNull(new AccountSnapshot(new Entity("account", Guid.NewGuid())).NextProactiveContact);

            Assert.IsNull(Choices.Risk(null));
            Assert.AreEqual(LoyaltyRisk.High, Choices.Risk(Choices.Option(LoyaltyRisk.High)));
            Assert.IsNull(Choices.Risk(new OptionSetValue(1)), "a value the solution does not define");
        }

        [TestMethod]
        public void Every_aggregate_and_an_alias_order_read_as_fetchxml()
        {
            var fetch = XElement.Parse(FetchXml.For("account").Aggregate()
                .Aggregate(FetchAggregate.Count, "accountid", "a")
                .Aggregate(FetchAggregate.CountColumn, "name", "b")
                .Aggregate(FetchAggregate.Sum, "revenue", "c")
                .Aggregate(FetchAggregate.Avg, "revenue", "d")
                .Aggregate(FetchAggregate.Min, "revenue", "e")
                .Aggregate(FetchAggregate.Max, "revenue", "f")
                .OrderByAlias("c", descending: true)
                .OrderByAlias("d")
                .Filter(f => f.NotEqual("statecode", 1))
                .ToString());

            CollectionAssert.AreEqual(new[] { "count", "countcolumn", "sum", "avg", "min", "max" },
                fetch.Descendants("attribute").Select(a => (string)a.Attribute("aggregate")!).ToList());
            var orders = fetch.Descendants("order").ToList();
            Assert.AreEqual("<order alias=\"c\" descending=\"true\" />", orders[0].ToString());
            Assert.AreEqual("<order alias=\"d\" />", orders[1].ToString());
            Assert.AreEqual("<condition attribute=\"statecode\" operator=\"ne\" value=\"1\" />", fetch.Descendants("condition").Single().ToString());
        }

        [TestMethod]
        public void The_builder_refuses_what_fetchxml_cannot_say()
        {
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => FetchXml.For("account").Aggregate((FetchAggregate)99, "name", "x"));
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => FetchXml.For("account").Link("contact", "parentcustomerid", "accountid", (FetchLinkType)99));
            Assert.ThrowsExactly<ArgumentException>(() => FetchXml.For("account").OrderByAlias(" "));
            var odd = Assert.ThrowsExactly<ArgumentException>(() => FetchXml.For("account").Filter(f => f.Equal("name", new Uri("https://contoso.com"))));
            StringAssert.StartsWith(odd.Message, "FetchXML has no text for a Uri.");
            Assert.ThrowsExactly<ArgumentNullException>(() => FetchXml.For("account").Filter(f => f.Condition("name", "in", new object?[] { null }!)));
        }
    }
}
