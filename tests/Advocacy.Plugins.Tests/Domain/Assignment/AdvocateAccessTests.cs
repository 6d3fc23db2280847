using System;
using System.Linq;
using Advocacy.Plugins.Domain.Assignment;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Assignment
{
    [TestClass]
    public sealed class AdvocateAccessTests
    {
        [TestMethod]
        public void The_advocates_rights_are_the_platforms_read_and_append_to_bits()
        {
            Assert.AreEqual((int)AccessRights.ReadAccess, AdvocateAccess.ReadAccess);
            Assert.AreEqual((int)AccessRights.AppendToAccess, AdvocateAccess.AppendToAccess);
            Assert.AreEqual((int)(AccessRights.ReadAccess | AccessRights.AppendToAccess), AdvocateAccess.Rights);
        }

        [TestMethod]
        [DataRow(0, 17, DisplayName = "no share: read and append to")]
        [DataRow(1, 17, DisplayName = "read only: append to added")]
        [DataRow(2, 19, DisplayName = "write given by hand: kept, the advocate's added")]
        [DataRow(17, null, DisplayName = "already both: nothing to write")]
        [DataRow(17 | 65536, null, DisplayName = "both and delete: nothing to write")]
        public void A_new_advocate_gets_read_and_append_to_beside_what_they_have(int existing, int? expected) =>
            Assert.AreEqual(expected, AdvocateAccess.ForNewAdvocate(existing));

        [TestMethod]
        [DataRow(0, null, DisplayName = "no share: nothing to write")]
        [DataRow(2, null, DisplayName = "only write given by hand: left alone")]
        [DataRow(17, 0, DisplayName = "only the advocacy's: the share goes")]
        [DataRow(1, 0, DisplayName = "read alone: the share goes")]
        [DataRow(19, 2, DisplayName = "with write: write stays")]
        public void A_previous_advocate_loses_read_and_append_to_and_keeps_the_rest(int existing, int? expected) =>
            Assert.AreEqual(expected, AdvocateAccess.ForPreviousAdvocate(existing));

        [TestMethod]
        public void Every_mask_moves_the_advocacy_rights_and_nothing_else()
        {
            for (int existing = 0; existing < 1 << 20; existing += 7919)
            {
                int given = AdvocateAccess.ForNewAdvocate(existing) ?? existing;
                Assert.AreEqual(AdvocateAccess.Rights, given & AdvocateAccess.Rights);
                Assert.AreEqual(existing & ~AdvocateAccess.Rights, given & ~AdvocateAccess.Rights);
                int left = AdvocateAccess.ForPreviousAdvocate(existing) ?? existing;
                Assert.AreEqual(0, left & AdvocateAccess.Rights);
                Assert.AreEqual(existing & ~AdvocateAccess.Rights, left & ~AdvocateAccess.Rights);
            }
        }
    
        private static Func<Guid, ProfileLink?> Profiles(params ProfileLink[] links) =>
            id => links.FirstOrDefault(l => l.Id == id);

        [TestMethod]
        public void An_advocacy_gives_the_account_to_the_advocates_user_and_the_two_stand_ins_behind_them_once_each()
        {
            Guid ann = Guid.NewGuid(), bea = Guid.NewGuid(), cy = Guid.NewGuid(), dee = Guid.NewGuid();
            Guid annUser = Guid.NewGuid(), beaUser = Guid.NewGuid(), cyUser = Guid.NewGuid(), deeUser = Guid.NewGuid();
            var chain = Profiles(new ProfileLink(ann, annUser, bea), new ProfileLink(bea, beaUser, cy), new ProfileLink(cy, cyUser, dee), new ProfileLink(dee, deeUser, null));

            CollectionAssert.AreEqual(new[] { annUser, beaUser, cyUser }, AdvocateAccess.Entitled(ann, chain).ToArray(), "urgent work reaches two backups deep, not Dee");
            Assert.AreEqual(2, AdvocateSelection.StandInDepth, "the depth the routing goes");
            CollectionAssert.AreEqual(new[] { cyUser, deeUser }, AdvocateAccess.Entitled(cy, chain).ToArray(), "Cy's own advocacy");
            CollectionAssert.AreEqual(new[] { annUser }, AdvocateAccess.Entitled(ann, Profiles(new ProfileLink(ann, annUser, bea))).ToArray(), "a backup profile that does not exist ends the chain");
            Assert.IsEmpty(AdvocateAccess.Entitled(ann, Profiles()), "an advocate that does not exist gives nobody the account");
        }

        [TestMethod]
        public void A_stand_in_of_the_same_user_or_a_loop_adds_nobody_twice_and_a_profile_without_a_user_ends_the_chain()
        {
            Guid ann = Guid.NewGuid(), bea = Guid.NewGuid(), cy = Guid.NewGuid();
            Guid annUser = Guid.NewGuid(), cyUser = Guid.NewGuid();

            CollectionAssert.AreEqual(new[] { annUser }, AdvocateAccess.Entitled(ann, Profiles(new ProfileLink(ann, annUser, bea), new ProfileLink(bea, annUser, null))).ToArray(), "a backup profile of the same user");
            CollectionAssert.AreEqual(new[] { annUser }, AdvocateAccess.Entitled(ann, Profiles(new ProfileLink(ann, annUser, bea), new ProfileLink(bea, null, ann))).ToArray(), "A → B → A, B without a user");
            Assert.IsEmpty(AdvocateAccess.Entitled(ann, Profiles(new ProfileLink(ann, null, bea), new ProfileLink(bea, cyUser, null))), "an advocate without a user gets no work, so no stand-in takes it");
            CollectionAssert.AreEqual(new[] { annUser }, AdvocateAccess.Entitled(ann, Profiles(new ProfileLink(ann, annUser, bea), new ProfileLink(bea, null, cy), new ProfileLink(cy, cyUser, null))).ToArray(),
                "routing stops at a backup without a user, and so does the chain");
            CollectionAssert.AreEqual(new[] { annUser }, AdvocateAccess.Entitled(ann, Profiles(new ProfileLink(ann, annUser, ann))).ToArray(), "a profile naming itself");
        }

        [TestMethod]
        public void Moving_an_advocacy_takes_the_rights_from_users_no_longer_entitled_and_gives_them_to_those_entitled_now()
        {
            Guid stays = Guid.NewGuid(), leaves = Guid.NewGuid(), joins = Guid.NewGuid(), handGiven = Guid.NewGuid();
            var existing = new System.Collections.Generic.Dictionary<Guid, int> { [stays] = 17, [leaves] = 17 | 2, [handGiven] = 2 };
            var changes = AdvocateAccess.Move(new[] { stays, leaves, handGiven }, new[] { stays, joins }, u => existing.TryGetValue(u, out int r) ? r : 0);

            Assert.HasCount(2, changes, "the user entitled before and after is left alone; one without the advocacy's rights needs no write");
            Assert.AreEqual(2, changes.Single(c => c.User == leaves).Rights, "their hand-given Write stays");
            Assert.AreEqual(17, changes.Single(c => c.User == joins).Rights);
            Assert.IsEmpty(AdvocateAccess.Move(new[] { stays }, new[] { stays }, u => existing[u]));
        }
    
        [TestMethod]
        public void An_entitlement_changed_only_when_the_users_differ_whatever_their_order()
        {
            Guid a = Guid.NewGuid(), b = Guid.NewGuid();
            Assert.IsFalse(new Entitlement(new[] { a, b }, new[] { b, a }).Changed);
            Assert.IsTrue(new Entitlement(new[] { a }, new[] { a, b }).Changed);
            Assert.IsTrue(new Entitlement(new[] { a, b }, new[] { a }).Changed);
            Assert.IsTrue(new Entitlement(new[] { a }, new[] { b }).Changed);
        }
    }
}
