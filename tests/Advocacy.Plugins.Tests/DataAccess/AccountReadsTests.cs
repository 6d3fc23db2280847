using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Tests.Scenarios;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Moq;

namespace Advocacy.Plugins.Tests.DataAccess
{
    /// <summary>
    /// The account snapshot (one read of the advocacy columns) and the advocate's account batches and
    /// re-assignment answers used when an advocate leaves.
    /// </summary>
    [TestClass]
    public sealed class AccountReadsTests
    {
        [TestMethod]
        public void The_snapshot_reads_every_advocacy_column_the_follow_up_and_loyalty_steps_use()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso", CustomerTier.Strategic);
            var next = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
            world.Sandbox.NestedService.Update(new Entity("account", account)
            {
                ["adv_nextproactivecontact"] = next,
                ["adv_lastnps"] = 9,
                ["adv_lastcsat"] = 4,
                ["adv_inconvenienceindex"] = 37,
                ["adv_loyaltyrisk"] = Choices.Option(LoyaltyRisk.High),
            });

            var snapshot = AccountSnapshot.Read(world.Sandbox.Service, account);

            Assert.AreEqual(next, snapshot.NextProactiveContact);
            Assert.AreEqual(9, snapshot.LastNps);
            Assert.AreEqual(4, snapshot.LastCsat);
            Assert.AreEqual(37, snapshot.Row.GetAttributeValue<int?>("adv_inconvenienceindex"), "the loyalty step compares the old index");
            Assert.AreEqual(Choices.Option(LoyaltyRisk.High).Value, snapshot.Row.GetAttributeValue<OptionSetValue>("adv_loyaltyrisk").Value, "the loyalty step compares the old risk");
        }

        [TestMethod]
        public void A_snapshot_maps_its_row_and_a_team_owner_makes_facts_owned_by_a_team()
        {
            var id = Guid.NewGuid();
            var team = Guid.NewGuid();
            var snapshot = new AccountSnapshot(new Entity("account", id)
            {
                ["name"] = "Contoso",
                ["ownerid"] = new EntityReference("team", team),
                ["adv_tier"] = Choices.Option(CustomerTier.Key),
                ["adv_lastnps"] = 9,
                ["adv_lastcsat"] = 4,
            });

            var facts = snapshot.Facts();

            Assert.AreEqual(id, facts.AccountId);
            Assert.AreEqual("Contoso", facts.Name);
            Assert.AreEqual(CustomerTier.Key, facts.Tier);
            Assert.AreEqual(Choices.Option(CustomerTier.Key).Value, snapshot.TierValue!.Value);
            Assert.AreEqual(team, facts.OwnerId);
            Assert.IsTrue(facts.OwnerIsTeam);
            Assert.AreEqual(9, snapshot.LastNps);
            Assert.AreEqual(4, snapshot.LastCsat);
        }

        [TestMethod]
        public void A_snapshot_of_a_bare_row_has_an_empty_name_and_facts_owned_by_no_team()
        {
            var snapshot = new AccountSnapshot(new Entity("account", Guid.NewGuid()));

            Assert.AreEqual(string.Empty, snapshot.Name);
            Assert.IsNull(snapshot.TierValue);
            Assert.IsFalse(snapshot.Facts().OwnerIsTeam);
            Assert.AreEqual(Guid.Empty, snapshot.Facts().OwnerId);
            var userOwned = new AccountSnapshot(new Entity("account", Guid.NewGuid()) { ["ownerid"] = new EntityReference("systemuser", Guid.NewGuid()) });
            Assert.IsFalse(userOwned.Facts().OwnerIsTeam);
        }

        [TestMethod]
        public void A_batch_holds_the_advocates_active_tiered_accounts_in_id_order_after_the_last_one()
        {
            var world = new AdvocacyWorld();
            var advocate = world.SeedAdvocate("Dana", world.AgentUserId, new[] { CustomerTier.Key });
            var other = world.SeedAdvocate("Eli", world.ManagerUserId, new[] { CustomerTier.Key });
            var mine = Enumerable.Range(0, 5).Select(i => world.SeedAccount("Mine " + i, CustomerTier.Key, advocate)).ToList();
            world.SeedAccount("No tier", null, advocate);
            world.SeedAccount("Someone else's", CustomerTier.Key, other);
            var inactive = world.SeedAccount("Inactive", CustomerTier.Key, advocate);
            world.Sandbox.Service.Update(new Entity("account", inactive) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            // Dataverse orders ids as SQL Server does (the last six bytes first).
            var sorted = mine.OrderBy(g => new System.Data.SqlTypes.SqlGuid(g)).ToList();
            var reader = new AdvocateAccounts(world.Sandbox.Service);

            var first = reader.NextBatch(advocate, null, 3);
            var rest = reader.NextBatch(advocate, first[2], 3);

            CollectionAssert.AreEqual(sorted.Take(3).ToList(), first);
            CollectionAssert.AreEqual(sorted.Skip(3).ToList(), rest);
        }

        /// <summary>The batches are key-set pages ("after the last id"), so the query must order by id itself: Dataverse does not promise an order otherwise (the sandbox happens to return id order).</summary>
        [TestMethod]
        public void A_batch_query_asks_for_the_account_id_only_in_id_order_after_the_last_one()
        {
            QueryExpression? sent = null;
            var service = new Mock<IOrganizationService>(MockBehavior.Strict);
            service.Setup(s => s.RetrieveMultiple(It.IsAny<QueryBase>())).Returns((QueryBase q) =>
            {
                sent = (QueryExpression)q;
                return new EntityCollection();
            });

            var after = Guid.NewGuid();
            new AdvocateAccounts(service.Object).NextBatch(Guid.NewGuid(), after, 10);

            CollectionAssert.AreEqual(new[] { "accountid" }, sent!.ColumnSet.Columns.ToList());
            Assert.AreEqual(10, sent.TopCount);
            Assert.HasCount(1, sent.Orders);
            Assert.AreEqual("accountid", sent.Orders[0].AttributeName);
            Assert.AreEqual(OrderType.Ascending, sent.Orders[0].OrderType);
            var keyset = sent.Criteria.Conditions.Single(c => c.AttributeName == "accountid");
            Assert.AreEqual(ConditionOperator.GreaterThan, keyset.Operator);
            Assert.AreEqual(after, keyset.Values[0]);
        }

        private static AssignAdvocateResponse Answer(ParameterCollection results)
        {
            var service = new Mock<IOrganizationService>(MockBehavior.Strict);
            service.Setup(s => s.Execute(It.Is<OrganizationRequest>(r => r.RequestName == AssignAdvocateNames.Message))).Returns(new OrganizationResponse { Results = results });
            return new AdvocateAccounts(service.Object).Reassign(Guid.NewGuid());
        }

        [TestMethod]
        public void A_reassignment_answer_gives_the_advocate_reason_and_change()
        {
            var advocate = new EntityReference("adv_advocate", Guid.NewGuid());

            var answer = Answer(new ParameterCollection
            {
                { AssignAdvocateNames.Advocate, advocate },
                { AssignAdvocateNames.Reason, "chose Dana: least loaded" },
                { AssignAdvocateNames.Changed, true },
            });

            Assert.AreEqual(advocate, answer.Advocate);
            Assert.AreEqual("chose Dana: least loaded", answer.Reason);
            Assert.IsTrue(answer.Changed);
        }

        [TestMethod]
        public void A_reassignment_answer_without_outputs_or_with_a_null_reason_reads_as_no_advocate_and_an_empty_reason()
        {
            var empty = Answer(new ParameterCollection());
            Assert.IsNull(empty.Advocate);
            Assert.AreEqual(string.Empty, empty.Reason);
            Assert.IsFalse(empty.Changed);

            var nullReason = Answer(new ParameterCollection { { AssignAdvocateNames.Reason, null! } });
            Assert.AreEqual(string.Empty, nullReason.Reason);
        }
    }
}
