using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Advocacy.Plugins.Tests.Domain.Assignment.Pools;

namespace Advocacy.Plugins.Tests.Domain.Assignment
{
    /// <summary>The sets, words and edges the selection relies on, pinned one by one.</summary>
    [TestClass]
    public sealed class AssignmentEdgeTests
    {
        [TestMethod]
        public void Flag_sets_behave_as_sets()
        {
            var set = new SpecialtySet();
            Assert.AreEqual(0, set.Count);
            Assert.IsFalse(set.IsReadOnly);
            set.Add(Specialty.Billing);
            set.Add(Specialty.Billing);
            Assert.IsTrue(set.Contains(Specialty.Billing), "adding twice keeps it");
            Assert.AreEqual(1, set.Count);
            set.Add(Specialty.Onboarding);
            set.Add(Specialty.Logistics);
            Assert.AreEqual(3, set.Count);
            CollectionAssert.AreEqual(new[] { Specialty.Logistics, Specialty.Billing, Specialty.Onboarding }, set.ToList());

            var copy = new Specialty[5];
            set.CopyTo(copy, 1);
            CollectionAssert.AreEqual(new[] { Specialty.Logistics, Specialty.Logistics, Specialty.Billing, Specialty.Onboarding, Specialty.Logistics }, copy);

            Assert.IsTrue(set.Remove(Specialty.Billing));
            Assert.IsFalse(set.Remove(Specialty.Billing));
            Assert.IsFalse(set.Contains(Specialty.Billing));
            Assert.IsTrue(set.Contains(Specialty.Onboarding), "removing one keeps the others");
            Assert.IsTrue(set.Contains(Specialty.Logistics));
            Assert.AreEqual(2, set.Count);
            set.Clear();
            Assert.AreEqual(0, set.Count);
            Assert.IsFalse(set.Contains(Specialty.Logistics));

            var tiers = new TierSet { CustomerTier.Strategic, CustomerTier.Standard };
            CollectionAssert.AreEqual(new[] { CustomerTier.Standard, CustomerTier.Strategic }, tiers.ToList());
        }

        [TestMethod]
        public void Flag_sets_refuse_values_outside_the_enum()
        {
            var set = new SpecialtySet();
            ArgumentOutOfRangeException above = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => set.Add((Specialty)4));
            Assert.AreEqual("item", above.ParamName);
            StringAssert.StartsWith(above.Message, "Not a value this set can hold.");
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => set.Add((Specialty)(-1)));
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TierSet().Add((CustomerTier)3));
            Assert.AreEqual(0, set.Count);
            set.Add(Specialty.Onboarding);
            Assert.IsTrue(set.Contains(Specialty.Onboarding), "the last value is inside");
        }

        [TestMethod]
        public void Words_for_every_value_and_for_unknown_ones()
        {
            Assert.AreEqual("standard", AdvocacyWords.Tier(CustomerTier.Standard));
            Assert.AreEqual("key", AdvocacyWords.Tier(CustomerTier.Key));
            Assert.AreEqual("strategic", AdvocacyWords.Tier(CustomerTier.Strategic));
            Assert.AreEqual("tier 7", AdvocacyWords.Tier((CustomerTier)7));
            Assert.AreEqual("logistics", AdvocacyWords.Specialty(Specialty.Logistics));
            Assert.AreEqual("billing", AdvocacyWords.Specialty(Specialty.Billing));
            Assert.AreEqual("technical", AdvocacyWords.Specialty(Specialty.Technical));
            Assert.AreEqual("onboarding", AdvocacyWords.Specialty(Specialty.Onboarding));
            Assert.AreEqual("specialty 9", AdvocacyWords.Specialty((Specialty)9));
            Assert.AreEqual("low", AdvocacyWords.Band(ImpactBand.Low));
            Assert.AreEqual("moderate", AdvocacyWords.Band(ImpactBand.Moderate));
            Assert.AreEqual("high", AdvocacyWords.Band(ImpactBand.High));
            Assert.AreEqual("severe", AdvocacyWords.Band(ImpactBand.Severe));
            Assert.AreEqual("band 5", AdvocacyWords.Band((ImpactBand)5));
            Assert.AreEqual("1 advocate", AdvocacyWords.Count(1, "advocate", "advocates"));
            Assert.AreEqual("0 advocates", AdvocacyWords.Count(0, "advocate", "advocates"));
            Assert.AreEqual("Wed 12 Mar 2025", AdvocacyWords.Date(Today.AddHours(23)));
            Assert.IsFalse(AdvocacyWords.IsKnown((CustomerTier)3));
        }

        [TestMethod]
        public void Candidate_defaults_and_capacity_zero_is_always_full()
        {
            Assert.AreEqual("", new AdvocateCandidate().Name);
            Assert.AreEqual("", new AdvocateCandidate(IdOf(1), null!).Name);
            Assert.AreEqual("Ann (00000001-0000-0000-0000-000000000000)", new AdvocateCandidate(IdOf(1), "Ann").ToString());

            // A drifted count below zero must not open a seat on a profile that takes no accounts.
            var none = new AdvocateCandidate(IdOf(2), "Bo") { Capacity = 0, AccountCount = -1 };
            Assert.IsTrue(none.IsAtCapacity);
            var one = new AdvocateCandidate(IdOf(3), "Cy") { Capacity = 1, AccountCount = 0 };
            Assert.IsFalse(one.IsAtCapacity);
        }

        [TestMethod]
        public void Load_deltas_and_routes_read_well()
        {
            Assert.AreEqual("00000001-0000-0000-0000-000000000000 +1", new AdvocateLoadDelta(IdOf(1), +1).ToString());
            Assert.AreEqual("00000001-0000-0000-0000-000000000000 -1", new AdvocateLoadDelta(IdOf(1), -1).ToString());
            Assert.AreEqual("", new TaskOwnerRoute(Advocate(1, "Ann"), false, (string)null!).Note);
        }

        [TestMethod]
        public void Missing_arguments_are_refused_by_name()
        {
            var ann = Advocate(1, "Ann");
            Assert.AreEqual("request", Assert.ThrowsExactly<ArgumentNullException>(() => AdvocateSelection.Choose(null!, new[] { ann })).ParamName);
            Assert.AreEqual("pool", Assert.ThrowsExactly<ArgumentNullException>(() => AdvocateSelection.Choose(Request(CustomerTier.Key), null!)).ParamName);
            Assert.AreEqual("advocate", Assert.ThrowsExactly<ArgumentNullException>(() => AdvocateSelection.RouteTaskOwner(null!, new[] { ann }, Today, true)).ParamName);
            Assert.AreEqual("pool", Assert.ThrowsExactly<ArgumentNullException>(() => AdvocateSelection.RouteTaskOwner(ann, null!, Today, true)).ParamName);
        }

        [TestMethod]
        public void Without_an_advocate_nobody_stands_in_as_backup()
        {
            var away = Advocate(1, "Ann").Away(Today, null);
            AdvocateChoice noTier = AdvocateSelection.Choose(Request(null, urgent: true), new[] { away });
            Assert.IsFalse(noTier.TaskOwnerIsBackup);
            Assert.IsNull(noTier.TaskOwner);

            AdvocateChoice unassigned = AdvocateSelection.Choose(Request(CustomerTier.Key, urgent: true), new[] { away });
            Assert.AreEqual(AssignmentOutcome.Unassigned, unassigned.Outcome);
            Assert.IsFalse(unassigned.TaskOwnerIsBackup);
            Assert.AreEqual("no eligible advocate: 1 active advocate covers key accounts, out of office", unassigned.Reason);
            Assert.AreEqual(unassigned.Reason, unassigned.ToString());

            var alsoAway = Advocate(2, "Bo").Away(Today.AddDays(-3), Today);
            Assert.AreEqual("no eligible advocate: 2 active advocates cover key accounts, all out of office",
                AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { away, alsoAway }).Reason);
        }

        [TestMethod]
        public void A_missing_name_sorts_as_an_empty_name()
        {
            // Equal loads and dates: the name decides, and no name is "" (before "A"), never a null quirk.
            var nameless = Advocate(9, "A");
            nameless.Name = null!;
            var empty = Advocate(5, "");
            var ann = Advocate(1, "Ann");
            Assert.AreSame(nameless, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { ann, nameless }).Advocate);
            Assert.AreSame(nameless, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { nameless, ann }).Advocate);
            Assert.AreSame(empty, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { nameless, empty }).Advocate, "\"\" and no name tie, so the lower id wins");
            Assert.AreSame(empty, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { empty, nameless }).Advocate);
        }

        [TestMethod]
        public void A_missing_name_sorts_first_among_duplicate_profiles_too()
        {
            var named = Advocate(1, "Ann", count: 0);
            var nameless = Advocate(2, "x", count: 5);
            nameless.Name = null!;
            nameless.UserId = named.UserId;
            var bo = Advocate(3, "Bo", count: 3);

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { named, nameless, bo });

            Assert.AreSame(bo, choice.Advocate, "the nameless profile is the user's first, and it is busier than Bo");
            Assert.AreEqual("chose Bo: lowest load 3/25; ignored 1 duplicate profile of the same user", choice.Reason);
            Assert.AreSame(bo, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { nameless, named, bo }).Advocate);
        }

        [TestMethod]
        public void Inactive_profiles_of_the_same_user_are_not_counted_as_ignored_duplicates()
        {
            var first = Advocate(1, "Dana", 20, 25);
            var duplicate = Advocate(2, "Dana 2", 0, 25);
            var retired = Advocate(3, "Dana 3", 0, 25);
            var retired2 = Advocate(4, "Dana 4", 0, 25);
            duplicate.UserId = retired.UserId = retired2.UserId = first.UserId;
            retired.IsActive = retired2.IsActive = false;
            var lee = Advocate(5, "Lee", 10, 25);

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { retired, duplicate, retired2, first, lee });

            Assert.AreSame(lee, choice.Advocate);
            Assert.AreEqual("chose Lee: lowest load 10/25; ignored 1 duplicate profile of the same user", choice.Reason);

            var third = Advocate(6, "Dana 5", 0, 25);
            third.UserId = first.UserId;
            Assert.AreEqual("chose Lee: lowest load 10/25; ignored 2 duplicate profiles of the same user",
                AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { retired, duplicate, third, first, lee }).Reason);
        }
    }
}
