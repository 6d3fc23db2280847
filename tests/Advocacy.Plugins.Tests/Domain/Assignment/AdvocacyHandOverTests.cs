using System;
using Advocacy.Plugins.Domain.Words;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Assignment
{
    [TestClass]
    public sealed class AdvocacyHandOverTests
    {
        private static readonly Guid Owner = new Guid("00000000-0000-0000-0000-0000000000a1");
        private static readonly Guid NewUser = new Guid("00000000-0000-0000-0000-0000000000b2");

        [TestMethod]
        public void Only_the_previous_advocates_introduction_is_closed_every_other_kind_of_work_moves()
        {
            foreach (var kind in Enum.GetValues(typeof(AdvocacyTaskKind)).Cast<AdvocacyTaskKind>())
            {
                Assert.AreEqual(kind == AdvocacyTaskKind.Introduction ? HandOverAction.Close : HandOverAction.Move, AdvocacyHandOver.For(kind), kind.ToString());
            }
        }

        [TestMethod]
        public void Work_goes_to_the_new_advocates_user_else_to_the_accounts_owner_user_or_team_else_nowhere()
        {
            var userOwned = new AccountFacts(Guid.NewGuid(), "Contoso", CustomerTier.Key, Owner);
            var teamOwned = new AccountFacts(Guid.NewGuid(), "Contoso", CustomerTier.Key, Owner, ownerIsTeam: true);
            var ownerless = new AccountFacts(Guid.NewGuid(), "Contoso", CustomerTier.Key, Guid.Empty);

            var toAdvocate = AdvocacyHandOver.Recipient(NewUser, teamOwned)!;
            Assert.AreEqual(NewUser, toAdvocate.Id);
            Assert.IsFalse(toAdvocate.IsTeam, "an advocate is a user");

            var toUser = AdvocacyHandOver.Recipient(null, userOwned)!;
            Assert.AreEqual(Owner, toUser.Id);
            Assert.IsFalse(toUser.IsTeam);
            var toTeam = AdvocacyHandOver.Recipient(Guid.Empty, teamOwned)!;
            Assert.AreEqual(Owner, toTeam.Id, "an empty user id is no user");
            Assert.IsTrue(toTeam.IsTeam);

            Assert.IsNull(AdvocacyHandOver.Recipient(null, ownerless));
            Assert.IsNull(AdvocacyHandOver.Recipient(null, null!));
        }

        [TestMethod]
        public void The_closing_note_names_the_new_advocate_when_there_is_one()
        {
            Assert.AreEqual("the account's advocate is now Bob Diaz", AdvocacyHandOver.ClosedBecause("Bob Diaz").In(Language.English));
            Assert.AreEqual("the account no longer has this advocate", AdvocacyHandOver.ClosedBecause(null).In(Language.English));
            Assert.AreEqual("the account no longer has this advocate", AdvocacyHandOver.ClosedBecause("  ").In(Language.English));
            Assert.AreEqual("Kundenfürsprecher der Firma ist jetzt Bob Diaz", AdvocacyHandOver.ClosedBecause("Bob Diaz").In(Language.For(1031, 1031)), "worded for its reader");
        }
    }
}
