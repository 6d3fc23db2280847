using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.Assignment;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Advocacy.Plugins.Tests.Domain.Assignment.Pools;

namespace Advocacy.Plugins.Tests.Domain.Assignment
{
    [TestClass]
    public sealed class LoadLedgerTests
    {
        private static readonly Guid A = IdOf(1);
        private static readonly Guid B = IdOf(2);

        private static string Show(IReadOnlyList<AdvocateLoadDelta> deltas) =>
            string.Join(" ", deltas.Select(d => (d.AdvocateId == A ? "A" : "B") + (d.Delta > 0 ? "+1" : "-1")));

        [TestMethod]
        public void Assign_unassign_reassign()
        {
            Assert.AreEqual("A+1", Show(LoadLedger.ForAdvocateChange(null, A, true)));
            Assert.AreEqual("A-1", Show(LoadLedger.ForAdvocateChange(A, null, true)));
            Assert.AreEqual("A-1 B+1", Show(LoadLedger.ForAdvocateChange(A, B, true)));
            Assert.AreEqual("", Show(LoadLedger.ForAdvocateChange(A, A, true)));
            Assert.AreEqual("", Show(LoadLedger.ForAdvocateChange(null, null, true)));
        }

        [TestMethod]
        public void Inactive_accounts_do_not_count()
        {
            Assert.AreEqual("", Show(LoadLedger.ForAdvocateChange(A, B, false)));
            Assert.AreEqual("A-1", Show(LoadLedger.ForStateChange(A, true, false)));
            Assert.AreEqual("A+1", Show(LoadLedger.ForStateChange(A, false, true)));
            Assert.AreEqual("", Show(LoadLedger.ForStateChange(null, true, false)));
            Assert.AreEqual("A-1 B+1", Show(LoadLedger.Changes(A, true, B, true)));
            Assert.AreEqual("B+1", Show(LoadLedger.Changes(A, false, B, true)));
            Assert.AreEqual("A-1", Show(LoadLedger.Changes(A, true, null, false)), "delete");
        }

        [TestMethod]
        public void Deltas_keep_counts_equal_to_a_recount()
        {
            // Any sequence of changes to a set of accounts keeps the maintained counts equal to a recount.
            Arbitrary<int[]> ops = Gen.Choose(0, 8).ArrayOf().ToArbitrary();
            Prop.ForAll(ops, steps =>
            {
                Guid?[] options = { null, A, B };
                var accounts = new List<KeyValuePair<Guid?, bool>>();
                var counts = new Dictionary<Guid, int> { { A, 0 }, { B, 0 } };
                foreach (int step in steps)
                {
                    if (step < 3 || accounts.Count == 0)
                    {
                        accounts.Add(new KeyValuePair<Guid?, bool>(options[step % 3], true));
                        Apply(counts, LoadLedger.Changes(null, false, options[step % 3], true));
                        continue;
                    }

                    int i = step % accounts.Count;
                    KeyValuePair<Guid?, bool> before = accounts[i];
                    KeyValuePair<Guid?, bool> after = step < 6
                        ? new KeyValuePair<Guid?, bool>(options[step - 3], before.Value)
                        : new KeyValuePair<Guid?, bool>(before.Key, !before.Value);
                    accounts[i] = after;
                    Apply(counts, LoadLedger.Changes(before.Key, before.Value, after.Key, after.Value));
                }

                return counts[A] == accounts.Count(a => a.Value && a.Key == A) && counts[B] == accounts.Count(a => a.Value && a.Key == B);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
        }

        private static void Apply(Dictionary<Guid, int> counts, IReadOnlyList<AdvocateLoadDelta> deltas)
        {
            foreach (AdvocateLoadDelta d in deltas)
            {
                counts[d.AdvocateId] += d.Delta;
            }
        }
    }
}
