using System;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    [TestClass]
    public sealed class OwnerStandInTests
    {
        private static readonly Guid Owner = new("00000000-0000-0000-0000-0000000000a1");
        private static readonly Guid Manager = new("00000000-0000-0000-0000-0000000000b2");

        [TestMethod]
        [DataRow(false, true, false, false, DisplayName = "an enabled owner keeps their work")]
        [DataRow(true, true, false, true, DisplayName = "a disabled owner's enabled manager stands in")]
        [DataRow(true, true, true, false, DisplayName = "a disabled manager does not")]
        [DataRow(true, false, false, false, DisplayName = "nor does a manager who is not there")]
        public void Only_an_enabled_manager_stands_in_and_only_for_a_disabled_owner(bool ownerDisabled, bool hasManager, bool managerDisabled, bool standsIn)
        {
            var facts = new AccountFacts(Guid.NewGuid(), "Contoso", null, Owner).WithOwnerUser(ownerDisabled, "Alex Agent", hasManager ? Manager : null, managerDisabled);

            Assert.AreEqual(standsIn ? Manager : Owner, facts.WorkOwnerId);
            Assert.AreEqual(standsIn, facts.StandIn != null);
            Assert.AreEqual(ownerDisabled, facts.OwnerDisabled);
            Assert.AreEqual(Owner, facts.OwnerId, "the account's owner is still the owner");
            Assert.IsTrue(facts.OwnerUserRead, "nothing to read again");
            Assert.IsFalse(new AccountFacts(Guid.NewGuid(), "Contoso", null, Owner).OwnerUserRead, "facts from an image do not know the owner's user");
        }

        [TestMethod]
        public void A_team_owner_has_no_stand_in()
        {
            var facts = new AccountFacts(Guid.NewGuid(), "Contoso", null, Owner, ownerIsTeam: true).WithOwnerUser(true, "Team", Manager, false);

            Assert.IsNull(facts.StandIn);
            Assert.AreEqual(Owner, facts.WorkOwnerId);
            Assert.IsTrue(facts.WorkOwnerIsTeam);
            Assert.IsFalse(facts.OwnerDisabled);
        }
    }
}
