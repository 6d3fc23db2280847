using System;
using System.Collections.Generic;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Moq;

namespace Advocacy.Plugins.Tests.DataAccess
{
    /// <summary>
    /// How a row of the sweep's page query (the account with its advocate's columns under the "adv" link) becomes
    /// a due account, and how the remaining count reads its aggregate.
    /// </summary>
    [TestClass]
    public sealed class DueAccountsReadTests
    {
        private static readonly DateTime Today = new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);

        private static DueAccounts Reader(EntityCollection answer) =>
            new DueAccounts(Service(answer), new ProactiveSweepPlan(new SweepSettings(), new FollowUpSettings()));

        private static IOrganizationService Service(EntityCollection answer)
        {
            var service = new Mock<IOrganizationService>(MockBehavior.Strict);
            service.Setup(s => s.RetrieveMultiple(It.IsAny<FetchExpression>())).Returns(answer);
            return service.Object;
        }

        [TestMethod]
        public void A_page_row_maps_the_account_its_team_owner_and_its_inactive_advocate()
        {
            var account = Guid.NewGuid();
            var team = Guid.NewGuid();
            var advocate = Guid.NewGuid();
            var advocateUser = Guid.NewGuid();
            var row = new Entity("account", account)
            {
                ["name"] = "Contoso",
                ["adv_tier"] = Choices.Option(CustomerTier.Strategic),
                ["ownerid"] = new EntityReference("team", team),
                ["adv_cadencedays"] = 14,
                ["adv_nextproactivecontact"] = Today.AddDays(-2),
                ["adv_advocateid"] = new EntityReference("adv_advocate", advocate),
                ["adv.adv_name"] = new AliasedValue("adv_advocate", "adv_name", "Dana Ruiz"),
                ["adv.adv_userid"] = new AliasedValue("adv_advocate", "adv_userid", new EntityReference("systemuser", advocateUser)),
                ["adv.statecode"] = new AliasedValue("adv_advocate", "statecode", new OptionSetValue(1)),
            };

            var page = Reader(new EntityCollection(new List<Entity> { row }) { MoreRecords = true, PagingCookie = "<cookie page=\"1\" />" })
                .ReadPage(SweepContinuation.Start(Today));

            Assert.IsTrue(page.MoreRecords);
            Assert.AreEqual("<cookie page=\"1\" />", page.PagingCookie);
            var due = page.Accounts[0];
            Assert.AreEqual(account, due.Facts.AccountId);
            Assert.AreEqual("Contoso", due.Facts.Name);
            Assert.AreEqual(CustomerTier.Strategic, due.Facts.Tier);
            Assert.AreEqual(team, due.Facts.OwnerId);
            Assert.IsTrue(due.Facts.OwnerIsTeam);
            Assert.AreEqual(14, due.CadenceDays);
            Assert.AreEqual(Today.AddDays(-2), due.NextContact);
            Assert.AreEqual(advocate, due.AdvocateId);
            Assert.AreEqual("Dana Ruiz", due.AdvocateName);
            Assert.AreEqual(advocateUser, due.AdvocateUserId);
            Assert.IsFalse(due.AdvocateActive, "the advocate's profile is deactivated");
        }

        [TestMethod]
        public void A_page_row_without_name_advocate_or_owner_reads_as_empty_and_a_user_owner_is_no_team()
        {
            var user = Guid.NewGuid();
            var bare = new Entity("account", Guid.NewGuid());
            var userOwned = new Entity("account", Guid.NewGuid()) { ["ownerid"] = new EntityReference("systemuser", user) };

            var page = Reader(new EntityCollection(new List<Entity> { bare, userOwned })).ReadPage(SweepContinuation.Start(Today));

            var first = page.Accounts[0];
            Assert.AreEqual("this account", first.Facts.Name, "a row without a name gets the facts' wording for a nameless account");
            Assert.IsNull(first.Facts.Tier);
            Assert.AreEqual(Guid.Empty, first.Facts.OwnerId);
            Assert.IsFalse(first.Facts.OwnerIsTeam);
            Assert.IsNull(first.CadenceDays);
            Assert.IsNull(first.AdvocateId);
            Assert.AreEqual(string.Empty, first.AdvocateName);
            Assert.IsNull(first.AdvocateUserId);
            Assert.IsTrue(first.AdvocateActive, "no profile state read: not treated as inactive");
            Assert.AreEqual(user, page.Accounts[1].Facts.OwnerId);
            Assert.IsFalse(page.Accounts[1].Facts.OwnerIsTeam);
            Assert.IsFalse(page.MoreRecords);
        }

        [TestMethod]
        public void The_remaining_count_is_the_aggregate_or_0_when_no_row_or_no_value_comes_back()
        {
            var counted = new Entity("account") { ["due"] = new AliasedValue("account", "accountid", 42) };

            Assert.AreEqual(42, Reader(new EntityCollection(new List<Entity> { counted })).CountRemaining(Today));
            Assert.AreEqual(0, Reader(new EntityCollection()).CountRemaining(Today));
            Assert.AreEqual(0, Reader(new EntityCollection(new List<Entity> { new Entity("account") })).CountRemaining(Today));
        }
    }
}
