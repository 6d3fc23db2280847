using System;
using System.Linq;
using Advocacy.Plugins.Domain.Assignment;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Assignment
{
    [TestClass]
    public sealed class AccountMergeTests
    {
        private static readonly Guid Lee = new("00000000-0000-0000-0000-00000000000a");
        private static readonly Guid Kim = new("00000000-0000-0000-0000-00000000000b");
        private static readonly Guid Ana = new("00000000-0000-0000-0000-00000000000c");

        private static AccountAdvocacyState State(Guid? advocate, bool active = true) => new(advocate, active, null, null);

        [TestMethod]
        public void Every_advocate_either_account_named_before_or_after_is_recounted_once()
        {
            CollectionAssert.AreEquivalent(new[] { Lee, Kim, Ana }, AccountMerge.Touched(Lee, Ana, Kim, Kim).ToList());
            CollectionAssert.AreEquivalent(new[] { Lee, Kim }, AccountMerge.Touched(Lee, Lee, null, Kim).ToList(), "the merged account's advocate after the merge too");
            CollectionAssert.AreEquivalent(new[] { Lee }, AccountMerge.Touched(Lee, Lee, Lee, Lee).ToList(), "one advocate of both: once");
            Assert.IsEmpty(AccountMerge.Touched(null, null, null, null));
        }

        [TestMethod]
        public void The_merged_accounts_advocate_and_the_targets_replaced_one_hand_over_but_never_the_targets_advocate_now()
        {
            CollectionAssert.AreEqual(new[] { Kim }, AccountMerge.PreviousAdvocates(Lee, Lee, Kim).ToList());
            CollectionAssert.AreEqual(new[] { Lee }, AccountMerge.PreviousAdvocates(Lee, Kim, Kim).ToList(), "the merge chose the merged account's advocate");
            CollectionAssert.AreEqual(new[] { Kim, Lee }, AccountMerge.PreviousAdvocates(Lee, Ana, Kim).ToList());
            Assert.IsEmpty(AccountMerge.PreviousAdvocates(Lee, Lee, Lee), "the same advocate on both: nothing moves");
            Assert.IsEmpty(AccountMerge.PreviousAdvocates(null, null, null));
            CollectionAssert.AreEqual(new[] { Kim }, AccountMerge.PreviousAdvocates(null, null, Kim).ToList(), "to the account's owner then");
        }

        [TestMethod]
        public void Only_a_different_advocate_on_the_active_target_counts_as_an_assignment()
        {
            Assert.AreEqual(Kim, AccountMerge.NewlyAssigned(Lee, State(Kim)));
            Assert.AreEqual(Kim, AccountMerge.NewlyAssigned(null, State(Kim)));
            Assert.IsNull(AccountMerge.NewlyAssigned(Lee, State(Lee)));
            Assert.IsNull(AccountMerge.NewlyAssigned(Lee, State(null)));
            Assert.IsNull(AccountMerge.NewlyAssigned(Lee, State(Kim, active: false)));
        }
    }
}
