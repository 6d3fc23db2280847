using System;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Assignment
{
    /// <summary>DESIGN §4's triggers, as truth tables: when an account or case save calls for a selection.</summary>
    [TestClass]
    public sealed class AssignmentTriggersTests
    {
        private static readonly Guid Ann = new Guid("aaaaaaaa-0000-4000-8000-000000000001");
        private const int Key = 104520001;

        private static AccountAdvocacyState State(Guid? advocate, bool active, int? tierValue) =>
            new AccountAdvocacyState(advocate, active, tierValue, tierValue == Key ? CustomerTier.Key : tierValue == 104520000 ? CustomerTier.Strategic : (CustomerTier?)null);

        [TestMethod]
        public void Create_selects_for_an_active_tiered_account_unless_the_user_chose_the_advocate()
        {
            Assert.IsTrue(AssignmentTriggers.ForAccountSave(null, State(null, true, Key)).Select);
            Assert.IsFalse(AssignmentTriggers.ForAccountSave(null, State(Ann, true, Key)).Select, "the user's choice is respected");
            Assert.IsFalse(AssignmentTriggers.ForAccountSave(null, State(null, false, Key)).Select, "inactive");
            Assert.IsFalse(AssignmentTriggers.ForAccountSave(null, State(null, true, null)).Select, "no tier");
            Assert.AreEqual(CustomerTier.Key, AssignmentTriggers.ForAccountSave(null, State(null, true, Key)).Tier);
            Assert.IsNull(AssignmentTriggers.ForAccountSave(null, State(null, true, Key)).ExcludedAdvocateId);
        }

        [TestMethod]
        public void Update_selects_on_a_tier_change_a_cleared_advocate_or_a_reactivation_without_one()
        {
            Assert.IsTrue(AssignmentTriggers.ForAccountSave(State(Ann, true, 104520000), State(Ann, true, Key)).Select, "tier changed");
            Assert.IsFalse(AssignmentTriggers.ForAccountSave(State(Ann, true, Key), State(Ann, true, Key)).Select, "nothing changed");
            var cleared = AssignmentTriggers.ForAccountSave(State(Ann, true, Key), State(null, true, Key));
            Assert.IsTrue(cleared.Select, "advocate cleared");
            Assert.AreEqual(Ann, cleared.ExcludedAdvocateId, "the removed advocate is not chosen again");
            Assert.IsTrue(AssignmentTriggers.ForAccountSave(State(null, false, Key), State(null, true, Key)).Select, "reactivated without an advocate");
            Assert.IsFalse(AssignmentTriggers.ForAccountSave(State(Ann, false, Key), State(Ann, true, Key)).Select, "reactivated with its advocate");
            Assert.IsFalse(AssignmentTriggers.ForAccountSave(State(null, true, Key), State(null, true, Key)).Select, "active, unchanged, unadvocated: not a trigger");
            Assert.IsFalse(AssignmentTriggers.ForAccountSave(State(null, true, Key), State(null, false, 104520000)).Select, "deactivated in the same save");
            Assert.IsFalse(AssignmentTriggers.ForAccountSave(State(Ann, true, Key), State(Ann, true, null)).Select, "tier removed");
            Assert.IsNull(AssignmentTriggers.ForAccountSave(State(Ann, true, 104520000), State(Ann, true, Key)).ExcludedAdvocateId, "nobody removed");
        }

        [TestMethod]
        public void An_unknown_tier_value_selects_nobody_and_says_which_value()
        {
            var skipped = AssignmentTriggers.ForAccountSave(State(null, true, null), new AccountAdvocacyState(null, true, 104520009, null));
            Assert.IsFalse(skipped.Select);
            Assert.AreEqual("no advocate assigned: the account's tier value 104520009 is not one of the solution's tiers (strategic, key, standard); fix the tier to assign one", skipped.SkippedReason);
            Assert.AreEqual("no advocate assigned: the account has no tier", AssignmentTriggers.UnknownTierReason(null));
            Assert.IsNull(AssignmentTriggers.ForAccountSave(null, State(null, true, Key)).SkippedReason);
        }

        [TestMethod]
        public void A_case_save_triggers_on_escalation_or_a_raise_to_high_priority()
        {
            Assert.AreEqual("case escalated", AssignmentTriggers.ForCaseSave(false, true, false, null, null));
            Assert.AreEqual("case escalated", AssignmentTriggers.ForCaseSave(false, true, null, null, null));
            Assert.IsNull(AssignmentTriggers.ForCaseSave(false, true, true, null, null), "already escalated");
            Assert.IsNull(AssignmentTriggers.ForCaseSave(false, false, false, null, null));
            Assert.AreEqual("case set to high priority", AssignmentTriggers.ForCaseSave(false, null, null, 1, 2));
            Assert.IsNull(AssignmentTriggers.ForCaseSave(false, null, null, 1, 1), "already high");
            Assert.AreEqual("case set to high priority", AssignmentTriggers.ForCaseSave(true, null, null, 1, 1), "created high");
            Assert.IsNull(AssignmentTriggers.ForCaseSave(true, null, null, 2, null));
        }

        [TestMethod]
        public void The_needed_specialty_comes_from_the_settings_maps()
        {
            var settings = new AssignmentSettings();
            Assert.AreEqual(Specialty.Logistics, AssignmentTriggers.NeededFor(InconvenienceKind.LateDelivery, settings));
            Assert.IsNull(AssignmentTriggers.NeededFor(InconvenienceKind.Other, settings));
            Assert.IsNull(AssignmentTriggers.NeededFor(InconvenienceKind.LateDelivery, null!));
            Assert.AreEqual(Specialty.Billing, AssignmentTriggers.NeededForSubject("  invoice ", settings), "trimmed, case-insensitive");
            Assert.IsNull(AssignmentTriggers.NeededForSubject("Gardening", settings));
            Assert.IsNull(AssignmentTriggers.NeededForSubject("", settings));
            Assert.IsNull(AssignmentTriggers.NeededForSubject(null, settings));
            Assert.IsNull(AssignmentTriggers.NeededForSubject("Billing", null!));
        }
    }
}
