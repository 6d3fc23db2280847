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
    
        [TestMethod]
        public void An_advocacy_gives_the_account_to_the_advocates_user_and_their_backups_once_each()
        {
            Guid a = Guid.NewGuid(), b = Guid.NewGuid();
            CollectionAssert.AreEqual(new[] { a, b }, AdvocateAccess.Entitled(a, b).ToArray());
            CollectionAssert.AreEqual(new[] { a }, AdvocateAccess.Entitled(a, a).ToArray(), "a backup profile of the same user");
            CollectionAssert.AreEqual(new[] { b }, AdvocateAccess.Entitled(null, b).ToArray());
            Assert.IsEmpty(AdvocateAccess.Entitled(null, null));
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
