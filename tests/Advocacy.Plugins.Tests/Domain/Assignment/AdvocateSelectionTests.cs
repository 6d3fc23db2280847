using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Advocacy.Plugins.Tests.Domain.Assignment.Pools;

namespace Advocacy.Plugins.Tests.Domain.Assignment
{
    [TestClass]
    public sealed class AdvocateSelectionTests
    {
        [TestMethod]
        public void Keeps_the_current_advocate_and_says_so()
        {
            var dana = Advocate(1, "Dana Ruiz", count: 12, capacity: 25);
            var lee = Advocate(2, "Lee Park", count: 0, capacity: 25);

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key, dana.Id), new[] { lee, dana });

            Assert.AreSame(dana, choice.Advocate);
            Assert.AreEqual(AssignmentOutcome.Kept, choice.Outcome);
            Assert.IsFalse(choice.Changed);
            Assert.AreEqual("kept Dana Ruiz: current advocate, 12/25 accounts", choice.Reason);
            Assert.AreSame(dana, choice.TaskOwner);
        }

        [TestMethod]
        public void Sticky_keeps_the_current_advocate_at_capacity()
        {
            var dana = Advocate(1, "Dana Ruiz", count: 26, capacity: 25);

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key, dana.Id), new[] { Advocate(2, "Lee Park"), dana });

            Assert.AreSame(dana, choice.Advocate);
            Assert.AreEqual("kept Dana Ruiz: current advocate, 26/25 accounts (at capacity; kept for continuity)", choice.Reason);
        }

        [TestMethod]
        public void Chooses_the_specialist_with_the_lowest_load()
        {
            var pool = new List<AdvocateCandidate>
            {
                Advocate(1, "Ada Generalist", count: 0, capacity: 20),
                Advocate(2, "Lee Park", count: 3, capacity: 20).WithSpecialty(Specialty.Logistics),
                Advocate(3, "Max Busy", count: 9, capacity: 20).WithSpecialty(Specialty.Logistics),
            };

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Strategic, specialty: Specialty.Logistics), pool);

            Assert.AreSame(pool[1], choice.Advocate);
            Assert.AreEqual(AssignmentOutcome.Assigned, choice.Outcome);
            Assert.IsTrue(choice.Changed);
            Assert.AreEqual("chose Lee Park: logistics specialist, lowest load 3/20", choice.Reason);
        }

        [TestMethod]
        public void Without_an_eligible_specialist_the_reason_says_so()
        {
            var pool = new[] { Advocate(1, "Ada", count: 2, capacity: 10), Advocate(2, "Bo", count: 1, capacity: 10) };

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key, specialty: Specialty.Billing), pool);

            Assert.AreEqual("chose Bo: no eligible billing specialist, lowest load 1/10", choice.Reason);
        }

        [TestMethod]
        public void Utilisation_not_raw_count_decides()
        {
            var small = Advocate(1, "Small", count: 4, capacity: 5);   // 80 %
            var large = Advocate(2, "Large", count: 10, capacity: 40); // 25 %

            Assert.AreSame(large, AdvocateSelection.Choose(Request(CustomerTier.Standard), new[] { small, large }).Advocate);
        }

        [TestMethod]
        public void Ties_go_to_the_least_recently_assigned_then_name_then_id()
        {
            var recent = Advocate(1, "Aaron", count: 1, capacity: 10);
            recent.LastAssignedOn = Today;
            var earlier = Advocate(2, "Zed", count: 1, capacity: 10);
            earlier.LastAssignedOn = Today.AddDays(-3);
            var never = Advocate(3, "Yan", count: 1, capacity: 10);

            Assert.AreSame(never, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { recent, earlier, never }).Advocate);
            Assert.AreSame(earlier, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { recent, earlier }).Advocate);

            var twinA = Advocate(5, "Twin", count: 1, capacity: 10);
            var twinB = Advocate(4, "Twin", count: 1, capacity: 10);
            Assert.AreSame(twinB, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { twinA, twinB }).Advocate);
            Assert.AreSame(recent, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { Advocate(6, "Bea", 1, 10).Also(b => b.LastAssignedOn = Today), recent }).Advocate);
        }

        [TestMethod]
        public void Replaces_an_inactive_current_advocate_and_says_why()
        {
            var dana = Advocate(1, "Dana Ruiz", count: 12);
            dana.IsActive = false;
            var lee = Advocate(2, "Lee Park", count: 3, capacity: 20);

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key, dana.Id), new[] { dana, lee });

            Assert.AreSame(lee, choice.Advocate);
            Assert.IsTrue(choice.Changed);
            Assert.AreEqual("chose Lee Park: lowest load 3/20; previous advocate Dana Ruiz is inactive", choice.Reason);
        }

        [TestMethod]
        public void Replaces_a_current_advocate_who_no_longer_covers_the_tier()
        {
            var dana = Advocate(1, "Dana Ruiz", 1, 25, CustomerTier.Standard);
            var lee = Advocate(2, "Lee Park", 3, 20, CustomerTier.Strategic);

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Strategic, dana.Id), new[] { dana, lee });

            Assert.AreSame(lee, choice.Advocate);
            StringAssert.EndsWith(choice.Reason, "previous advocate Dana Ruiz does not cover strategic accounts");
        }

        [TestMethod]
        public void No_eligible_advocate_all_at_capacity()
        {
            var pool = new[]
            {
                Advocate(1, "A", 25, 25, CustomerTier.Strategic),
                Advocate(2, "B", 30, 25, CustomerTier.Strategic),
                Advocate(3, "C", 0, 0, CustomerTier.Strategic),
                Advocate(4, "D", 5, -1, CustomerTier.Strategic),
                Advocate(5, "E", 0, 25, CustomerTier.Key),
            };

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Strategic), pool);

            Assert.IsNull(choice.Advocate);
            Assert.IsNull(choice.TaskOwner);
            Assert.AreEqual(AssignmentOutcome.Unassigned, choice.Outcome);
            Assert.IsFalse(choice.Changed, "nothing to clear: the account had no advocate");
            Assert.AreEqual("no eligible advocate: 4 active advocates cover strategic accounts, all at capacity", choice.Reason);
        }

        [TestMethod]
        public void No_eligible_advocate_mixed_reasons()
        {
            var userless = Advocate(3, "C", 0, 25, CustomerTier.Key);
            userless.UserId = null;
            var pool = new[]
            {
                Advocate(1, "A", 25, 25, CustomerTier.Key),
                Advocate(2, "B", 1, 25, CustomerTier.Key).Away(Today.AddDays(-1), Today.AddDays(1)),
                userless,
            };

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key), pool);

            Assert.AreEqual("no eligible advocate: 3 active advocates cover key accounts: 1 at capacity, 1 out of office, 1 without a user", choice.Reason);
        }

        [TestMethod]
        public void No_active_advocate_covers_the_tier_and_the_inactive_current_is_cleared()
        {
            var old = Advocate(1, "Old", 1, 25, CustomerTier.Key);
            old.IsActive = false;

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key, old.Id), new[] { old });

            Assert.IsNull(choice.Advocate);
            Assert.IsTrue(choice.Changed, "the inactive advocate must be removed from the account");
            Assert.AreEqual("no eligible advocate: no active advocate covers key accounts; previous advocate Old is inactive", choice.Reason);
        }

        [TestMethod]
        public void Current_advocate_missing_from_the_pool_is_replaced()
        {
            var lee = Advocate(2, "Lee Park", 3, 20);

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key, IdOf(99)), new[] { lee });

            Assert.AreSame(lee, choice.Advocate);
            StringAssert.EndsWith(choice.Reason, "the previous advocate's profile was not found");
        }

        [TestMethod]
        public void Capacity_zero_or_negative_is_never_chosen()
        {
            var zero = Advocate(1, "Zero", 0, 0);
            var negative = Advocate(2, "Negative", 0, -5);

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { zero, negative });

            Assert.IsNull(choice.Advocate);
            Assert.AreEqual("no eligible advocate: 2 active advocates cover key accounts, all at capacity", choice.Reason);
        }

        [TestMethod]
        public void A_profile_without_a_user_is_never_chosen_nor_kept()
        {
            var ghost = Advocate(1, "Ghost", 0, 25);
            ghost.UserId = null;

            AdvocateChoice fresh = AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { ghost });
            AdvocateChoice sticky = AdvocateSelection.Choose(Request(CustomerTier.Key, ghost.Id), new[] { ghost });

            Assert.IsNull(fresh.Advocate);
            Assert.AreEqual("no eligible advocate: 1 active advocate covers key accounts, without a user", fresh.Reason);
            Assert.IsNull(sticky.Advocate);
            StringAssert.EndsWith(sticky.Reason, "previous advocate Ghost has no user");
        }

        [TestMethod]
        public void Duplicate_profiles_of_one_user_only_the_first_by_name_counts()
        {
            // "Dana Ruiz (old)" sorts after "Dana Ruiz" and has the lower load, but is the same person.
            var first = Advocate(1, "Dana Ruiz", 20, 25);
            var duplicate = Advocate(2, "Dana Ruiz (old)", 0, 25);
            duplicate.UserId = first.UserId;
            var lee = Advocate(3, "Lee Park", 10, 25);

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { duplicate, first, lee });

            Assert.AreSame(lee, choice.Advocate);
            Assert.AreEqual("chose Lee Park: lowest load 10/25; ignored 1 duplicate profile of the same user", choice.Reason);
        }

        [TestMethod]
        public void Duplicate_profile_when_the_first_is_full_leaves_the_account_unassigned()
        {
            var first = Advocate(1, "Dana Ruiz", 25, 25);
            var duplicate = Advocate(2, "Dana Ruiz 2", 0, 25);
            duplicate.UserId = first.UserId;

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { duplicate, first });

            Assert.IsNull(choice.Advocate);
            Assert.AreEqual("no eligible advocate: 2 active advocates cover key accounts: 1 at capacity, 1 a duplicate profile", choice.Reason);
        }

        [TestMethod]
        public void An_inactive_old_profile_of_the_same_user_is_no_duplicate()
        {
            var old = Advocate(1, "A Dana old", 0, 25);
            old.IsActive = false;
            var current = Advocate(2, "Dana Ruiz", 5, 25);
            current.UserId = old.UserId;

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { old, current });

            Assert.AreSame(current, choice.Advocate);
            Assert.AreEqual("chose Dana Ruiz: lowest load 5/25", choice.Reason);
        }

        [TestMethod]
        public void Unknown_tier_assigns_nobody_and_changes_nothing()
        {
            var dana = Advocate(1, "Dana Ruiz", 1, 25);

            foreach (CustomerTier? tier in new CustomerTier?[] { null, (CustomerTier)42 })
            {
                AdvocateChoice choice = AdvocateSelection.Choose(Request(tier, dana.Id), new[] { dana });
                Assert.AreEqual(AssignmentOutcome.NoTier, choice.Outcome);
                Assert.IsNull(choice.Advocate);
                Assert.IsFalse(choice.Changed);
                Assert.AreEqual("no advocate assigned: the account has no tier; set its tier (strategic, key or standard) to assign one", choice.Reason);
            }
        }

        [TestMethod]
        public void Away_current_advocate_is_kept_and_urgent_work_goes_to_the_backup()
        {
            var lee = Advocate(2, "Lee Park", 3, 20);
            var dana = Advocate(1, "Dana Ruiz", 12, 25).Away(Today.AddDays(-2), new DateTime(2025, 3, 14)).BackedBy(lee);

            AdvocateChoice urgent = AdvocateSelection.Choose(Request(CustomerTier.Key, dana.Id, urgent: true), new[] { dana, lee });
            AdvocateChoice routine = AdvocateSelection.Choose(Request(CustomerTier.Key, dana.Id, urgent: false), new[] { dana, lee });

            Assert.AreSame(dana, urgent.Advocate);
            Assert.IsFalse(urgent.Changed);
            Assert.AreSame(lee, urgent.TaskOwner);
            Assert.IsTrue(urgent.TaskOwnerIsBackup);
            Assert.AreEqual("kept Dana Ruiz: current advocate, 12/25 accounts; Dana Ruiz is out of office until Fri 14 Mar 2025; urgent work goes to backup Lee Park", urgent.Reason);

            Assert.AreSame(dana, routine.TaskOwner);
            Assert.IsFalse(routine.TaskOwnerIsBackup);
            StringAssert.EndsWith(routine.Reason, "the work waits for their return");
        }

        [TestMethod]
        public void Backup_loop_falls_back_to_the_advocate()
        {
            var dana = Advocate(1, "Dana Ruiz", 12, 25).Away(Today, Today.AddDays(5));
            var lee = Advocate(2, "Lee Park", 3, 20).Away(Today, null);
            dana.BackedBy(lee);
            lee.BackedBy(dana);

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key, dana.Id, urgent: true), new[] { dana, lee });

            Assert.AreSame(dana, choice.TaskOwner);
            Assert.IsFalse(choice.TaskOwnerIsBackup);
            StringAssert.EndsWith(choice.Reason, "the backup chain loops back to Dana Ruiz with everyone away; urgent work stays with Dana Ruiz");
        }

        [TestMethod]
        public void Backup_also_away_falls_back_to_the_advocate()
        {
            var lee = Advocate(2, "Lee Park", 3, 20).Away(Today.AddDays(-1), Today.AddDays(1));
            var dana = Advocate(1, "Dana Ruiz", 12, 25).Away(Today, Today).BackedBy(lee);

            TaskOwnerRoute route = AdvocateSelection.RouteTaskOwner(dana, new[] { dana, lee }, Today, urgent: true);

            Assert.AreSame(dana, route.Owner);
            Assert.AreEqual("Dana Ruiz is out of office until Wed 12 Mar 2025 and backup Lee Park is also away; urgent work stays with Dana Ruiz", route.Note);
        }

        [TestMethod]
        public void Backup_chain_is_followed_past_an_away_backup()
        {
            var kim = Advocate(3, "Kim Ode", 1, 20);
            var lee = Advocate(2, "Lee Park", 3, 20).Away(Today, Today).BackedBy(kim);
            var dana = Advocate(1, "Dana Ruiz", 12, 25).Away(Today, Today).BackedBy(lee);

            TaskOwnerRoute route = AdvocateSelection.RouteTaskOwner(dana, new[] { dana, lee, kim }, Today, urgent: true);

            Assert.AreSame(kim, route.Owner);
            Assert.IsTrue(route.IsBackup);
        }

        [TestMethod]
        public void Inactive_or_missing_or_userless_backup_falls_back()
        {
            var inactive = Advocate(2, "Lee Park", 3, 20);
            inactive.IsActive = false;
            var dana = Advocate(1, "Dana Ruiz", 12, 25).Away(Today, null).BackedBy(inactive);
            StringAssert.Contains(AdvocateSelection.RouteTaskOwner(dana, new[] { dana, inactive }, Today, true).Note, "backup Lee Park is inactive");
            StringAssert.Contains(AdvocateSelection.RouteTaskOwner(dana, new[] { dana }, Today, true).Note, "backup advocate's profile was not found");
            inactive.IsActive = true;
            inactive.UserId = null;
            StringAssert.Contains(AdvocateSelection.RouteTaskOwner(dana, new[] { dana, inactive }, Today, true).Note, "backup Lee Park has no user");
            dana.BackupAdvocateId = null;
            Assert.AreEqual("Dana Ruiz is out of office (no return date) and no backup advocate is set; urgent work stays with Dana Ruiz",
                AdvocateSelection.RouteTaskOwner(dana, new[] { dana }, Today, true).Note);
        }

        [TestMethod]
        public void Out_of_office_dates_are_inclusive_and_open_ended()
        {
            var a = Advocate(1, "A");
            Assert.IsFalse(a.IsOutOfOffice(Today));
            Assert.IsTrue(a.Away(Today, Today).IsOutOfOffice(Today.AddHours(23)));
            Assert.IsFalse(a.Away(Today.AddDays(1), Today.AddDays(3)).IsOutOfOffice(Today));
            Assert.IsFalse(a.Away(Today.AddDays(-3), Today.AddDays(-1)).IsOutOfOffice(Today));
            Assert.IsTrue(a.Away(Today.AddDays(-3), null).IsOutOfOffice(Today.AddYears(1)));
            a.OutOfOfficeFrom = null;
            a.OutOfOfficeTo = Today;
            Assert.IsTrue(a.IsOutOfOffice(Today));
        }

        [TestMethod]
        public void Away_advocate_is_not_chosen_for_a_new_assignment()
        {
            var away = Advocate(1, "Away", 0, 25).Away(Today, Today);
            var there = Advocate(2, "There", 20, 25);

            Assert.AreSame(there, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { away, there }).Advocate);
        }
    }

    internal static class TestExtensions
    {
        public static T Also<T>(this T value, Action<T> change)
        {
            change(value);
            return value;
        }
    }
}
