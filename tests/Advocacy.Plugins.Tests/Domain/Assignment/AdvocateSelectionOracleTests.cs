using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Advocacy.Plugins.Tests.Domain.Assignment.Pools;

namespace Advocacy.Plugins.Tests.Domain.Assignment
{
    /// <summary>
    /// The selection checked against an oracle written from the policy's words (DESIGN §4 and the README's
    /// "Advocate assignment"), not from <see cref="AdvocateSelection.Compare"/> nor the candidate's own
    /// helpers (IsEligibleFor, IsAtCapacity, IsOutOfOffice, Covers):
    /// eligible = active, has a user, not out of office today, covers the tier, below capacity (capacity ≤ 0
    /// takes nobody); sticky current advocate while active, with a user and covering the tier; among eligible
    /// advocates the needed specialty wins; then lowest utilisation count/capacity, then least recently
    /// assigned (never assigned first), then name (ordinal), then id. Duplicate profiles (AdvocateSelection's
    /// documented rule): of several active profiles of one user only the first by name then id takes new accounts.
    /// </summary>
    [TestClass]
    public sealed class AdvocateSelectionOracleTests
    {
        private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(300);

        private static Arbitrary<Scenario> Scenarios =>
            (from seed in Gen.Choose(0, int.MaxValue - 1)
             from size in Gen.Choose(0, 12)
             select new Scenario(seed, size)).ToArbitrary();

        // ---- the oracle, in the policy's own terms ----

        private static bool AwayOn(AdvocateCandidate a, DateTime today)
        {
            DateTime day = today.Date;
            if (a.OutOfOfficeFrom == null && a.OutOfOfficeTo == null)
            {
                return false;
            }

            bool started = a.OutOfOfficeFrom == null || a.OutOfOfficeFrom.Value.Date <= day;
            bool notEnded = a.OutOfOfficeTo == null || a.OutOfOfficeTo.Value.Date >= day;
            return started && notEnded;
        }

        private static bool CoversTier(AdvocateCandidate a, CustomerTier tier) => a.Tiers.ToList().Contains(tier);

        private static bool HasSpecialty(AdvocateCandidate a, Specialty s) => a.Specialties.ToList().Contains(s);

        private static bool BelowCapacity(AdvocateCandidate a) => a.Capacity > 0 && a.AccountCount < a.Capacity;

        private static bool EligibleOnItsOwn(AdvocateCandidate a, CustomerTier tier, DateTime today) =>
            a.IsActive && a.UserId != null && !AwayOn(a, today) && CoversTier(a, tier) && BelowCapacity(a);

        private static bool IsFirstProfileOfItsUser(AdvocateCandidate a, IEnumerable<AdvocateCandidate> pool) =>
            !pool.Any(b => b != a && b.IsActive && b.UserId == a.UserId
                           && (string.CompareOrdinal(b.Name, a.Name) < 0 || (b.Name == a.Name && b.Id.CompareTo(a.Id) < 0)));

        private static AdvocateCandidate? Expected(SelectionRequest request, List<AdvocateCandidate> pool)
        {
            CustomerTier tier = request.AccountTier!.Value;
            List<AdvocateCandidate> eligible = pool
                .Where(a => EligibleOnItsOwn(a, tier, request.Today) && IsFirstProfileOfItsUser(a, pool))
                .ToList();
            if (request.NeededSpecialty.HasValue && eligible.Any(a => HasSpecialty(a, request.NeededSpecialty.Value)))
            {
                eligible = eligible.Where(a => HasSpecialty(a, request.NeededSpecialty.Value)).ToList();
            }

            // Utilisation as an exact fraction: doubles of equal fractions are equal (division is correctly rounded).
            return eligible
                .OrderBy(a => (double)a.AccountCount / a.Capacity)
                .ThenBy(a => a.LastAssignedOn.HasValue ? 1 : 0)
                .ThenBy(a => a.LastAssignedOn ?? DateTime.MinValue)
                .ThenBy(a => a.Name, StringComparer.Ordinal)
                .ThenBy(a => a.Id)
                .FirstOrDefault();
        }

        [TestMethod]
        public void The_choice_is_the_one_the_policy_words_give()
        {
            Prop.ForAll(Scenarios, s =>
            {
                SelectionRequest request = s.Request;
                AdvocateChoice choice = AdvocateSelection.Choose(request, s.Pool);
                if (request.AccountTier == null)
                {
                    Assert.AreEqual(AssignmentOutcome.NoTier, choice.Outcome, s.ToString());
                    Assert.IsNull(choice.Advocate, s.ToString());
                    Assert.IsFalse(choice.Changed, s.ToString());
                    return;
                }

                AdvocateCandidate? current = s.Pool.FirstOrDefault(a => a.Id == request.CurrentAdvocateId);
                if (current != null && current.IsActive && current.UserId != null && CoversTier(current, request.AccountTier.Value))
                {
                    Assert.AreEqual(AssignmentOutcome.Kept, choice.Outcome, s.ToString());
                    Assert.AreSame(current, choice.Advocate, s.ToString());
                    Assert.IsFalse(choice.Changed, s.ToString());
                    StringAssert.StartsWith(choice.Reason, "kept " + current.Name + ": current advocate, " + current.AccountCount + "/" + current.Capacity + " accounts", s.ToString());
                    return;
                }

                AdvocateCandidate? expected = Expected(request, s.Pool);
                if (expected == null)
                {
                    Assert.AreEqual(AssignmentOutcome.Unassigned, choice.Outcome, s.ToString());
                    Assert.IsNull(choice.Advocate, s.ToString());
                    Assert.IsNull(choice.TaskOwner, s.ToString());
                    Assert.AreEqual(request.CurrentAdvocateId.HasValue, choice.Changed, s.ToString());
                    StringAssert.StartsWith(choice.Reason, "no eligible advocate: ", s.ToString());
                    return;
                }

                Assert.AreEqual(AssignmentOutcome.Assigned, choice.Outcome, s.ToString());
                Assert.AreSame(expected, choice.Advocate, s + ": expected " + expected + ", got " + choice.Advocate + " (" + choice.Reason + ")");
                Assert.IsTrue(choice.Changed, s.ToString());
                Assert.AreSame(expected, choice.TaskOwner, s.ToString());
                Assert.IsFalse(choice.TaskOwnerIsBackup, s.ToString());
                string specialtyPart = "";
                if (request.NeededSpecialty.HasValue)
                {
                    string word = request.NeededSpecialty.Value.ToString().ToLowerInvariant();
                    specialtyPart = HasSpecialty(expected, request.NeededSpecialty.Value) ? word + " specialist, " : "no eligible " + word + " specialist, ";
                }

                StringAssert.StartsWith(choice.Reason, "chose " + expected.Name + ": " + specialtyPart + "lowest load " + expected.AccountCount + "/" + expected.Capacity, s.ToString());
            }).Check(Cases);
        }

        [TestMethod]
        [DataRow(Specialty.Logistics)]
        [DataRow(Specialty.Billing)]
        [DataRow(Specialty.Technical)]
        [DataRow(Specialty.Onboarding)]
        public void Each_specialty_beats_a_lower_load(Specialty needed)
        {
            // Every other specialty sits on a less loaded advocate, so only the needed bit can pick the specialist.
            var pool = new List<AdvocateCandidate>();
            int n = 1;
            foreach (Specialty other in Enum.GetValues(typeof(Specialty)).Cast<Specialty>().Where(x => x != needed))
            {
                pool.Add(Advocate(n, "Other " + other, count: n, capacity: 20).WithSpecialty(other));
                n++;
            }

            pool.Add(Advocate(9, "Generalist", count: 0, capacity: 20));
            AdvocateCandidate specialist = Advocate(10, "Specialist", count: 15, capacity: 20).WithSpecialty(needed);
            pool.Add(specialist);

            AdvocateChoice choice = AdvocateSelection.Choose(Request(CustomerTier.Key, specialty: needed), pool);

            Assert.AreSame(specialist, choice.Advocate);
            Assert.AreEqual("chose Specialist: " + needed.ToString().ToLowerInvariant() + " specialist, lowest load 15/20", choice.Reason);

            // The specialist loses the preference (and so the choice) once it cannot take the account.
            specialist.AccountCount = 20;
            AdvocateChoice without = AdvocateSelection.Choose(Request(CustomerTier.Key, specialty: needed), pool);
            Assert.AreEqual("Generalist", without.Advocate!.Name);
            Assert.AreEqual("chose Generalist: no eligible " + needed.ToString().ToLowerInvariant() + " specialist, lowest load 0/20", without.Reason);
        }

        [TestMethod]
        public void Name_decides_between_equal_loads_and_dates_whatever_the_ids_and_order()
        {
            var zoe = Advocate(1, "Zoe", count: 2, capacity: 10);
            var abe = Advocate(2, "Abe", count: 2, capacity: 10);
            zoe.LastAssignedOn = abe.LastAssignedOn = Today.AddDays(-1);

            Assert.AreSame(abe, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { zoe, abe }).Advocate);
            Assert.AreSame(abe, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { abe, zoe }).Advocate);

            // Ordinal, not culture: "Zed" (Z = 90) sorts before "abe" (a = 97).
            var lower = Advocate(3, "abe", count: 2, capacity: 10);
            var upper = Advocate(4, "Zed", count: 2, capacity: 10);
            Assert.AreSame(upper, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { lower, upper }).Advocate);
            Assert.AreSame(upper, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { upper, lower }).Advocate);
        }

        [TestMethod]
        public void Utilisation_is_compared_as_a_fraction()
        {
            // 2/10 = 0.2 beats 1/4 = 0.25 although its raw count is higher; 3/15 = 2/10 ties and goes to the name.
            var a = Advocate(1, "Bo", count: 2, capacity: 10);
            var b = Advocate(2, "Al", count: 1, capacity: 4);
            Assert.AreSame(a, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { b, a }).Advocate);
            var c = Advocate(3, "Ann", count: 3, capacity: 15);
            Assert.AreSame(c, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { a, c }).Advocate);
            Assert.AreSame(c, AdvocateSelection.Choose(Request(CustomerTier.Key), new[] { c, a }).Advocate);
        }

        [TestMethod]
        [Timeout(10000)]
        public void Backup_chain_that_loops_past_the_advocate_with_everyone_away_ends()
        {
            // A → B → C → B: the loop does not pass through A; the routing depth (two backups) ends it before it comes round.
            var c = Advocate(3, "Cy", 1, 20).Away(Today, null);
            var b = Advocate(2, "Bea", 1, 20).Away(Today.AddDays(-2), Today.AddDays(2)).BackedBy(c);
            c.BackedBy(b);
            var a = Advocate(1, "Ann", 1, 20).Away(Today, Today).BackedBy(b);

            TaskOwnerRoute route = AdvocateSelection.RouteTaskOwner(a, new[] { a, b, c }, Today, urgent: true);

            Assert.AreSame(a, route.Owner);
            Assert.IsFalse(route.IsBackup);
            Assert.AreEqual("Ann is out of office until Wed 12 Mar 2025 and backup Bea is also away; urgent work stays with Ann", route.Note);
        }

        [TestMethod]
        public void Urgent_work_goes_at_most_two_backups_deep_because_only_they_are_given_the_advocates_accounts()
        {
            // A → B → C → D with A, B and C away: D is there, but D's user is not given A's accounts (AdvocateAccess.Entitled).
            var d = Advocate(4, "Dee", 1, 20);
            var c = Advocate(3, "Cy", 1, 20).Away(Today, null).BackedBy(d);
            var b = Advocate(2, "Bea", 1, 20).Away(Today, Today).BackedBy(c);
            var a = Advocate(1, "Ann", 1, 20).Away(Today, null).BackedBy(b);

            TaskOwnerRoute route = AdvocateSelection.RouteTaskOwner(a, new[] { a, b, c, d }, Today, urgent: true);

            Assert.AreSame(a, route.Owner);
            Assert.AreEqual("Ann is out of office (no return date) and backup Bea is also away; urgent work stays with Ann", route.Note);
            var cyThere = Advocate(3, "Cy", 1, 20).BackedBy(d);
            Assert.AreSame(cyThere, AdvocateSelection.RouteTaskOwner(a, new[] { a, b, cyThere, d }, Today, urgent: true).Owner, "the second backup, when there");
        }

        [TestMethod]
        public void Backup_chain_reports_the_first_away_backup_when_the_chain_ends()
        {
            var c = Advocate(3, "Cy", 1, 20).Away(Today, null);
            var b = Advocate(2, "Bea", 1, 20).Away(Today, Today).BackedBy(c);
            var a = Advocate(1, "Ann", 1, 20).Away(Today, null).BackedBy(b);

            TaskOwnerRoute route = AdvocateSelection.RouteTaskOwner(a, new[] { a, b, c }, Today, urgent: true);

            Assert.AreSame(a, route.Owner);
            Assert.AreEqual("Ann is out of office (no return date) and backup Bea is also away; urgent work stays with Ann", route.Note);

            var alone = Advocate(4, "Dee", 1, 20).Away(Today, null);
            Assert.AreEqual("Dee is out of office (no return date) and no backup advocate is set; urgent work stays with Dee",
                AdvocateSelection.RouteTaskOwner(alone, new[] { alone }, Today, urgent: true).Note);
            Assert.AreEqual("Dee is out of office (no return date); the work waits for their return",
                AdvocateSelection.RouteTaskOwner(alone, new[] { alone }, Today, urgent: false).Note);
            Assert.AreEqual("", AdvocateSelection.RouteTaskOwner(c, new[] { c }, Today.AddDays(-1), urgent: true).Note);
        }

        public sealed class Scenario
        {
            public Scenario(int seed, int size)
            {
                Seed = seed;
                Size = size;
                var r = new Random(seed);
                Pool = RandomPool(r, size);
                int tier = r.Next(5);
                Guid? current = null;
                switch (r.Next(4))
                {
                    case 0 when size > 0: current = Pool[r.Next(size)].Id; break;
                    case 1: current = IdOf(77_777); break;
                    default: break;
                }

                Request = new SelectionRequest(
                    tier == 4 ? (CustomerTier?)null : (CustomerTier)(tier % 3),
                    current,
                    r.Next(5) == 4 ? (Specialty?)null : (Specialty)r.Next(4),
                    Today.AddHours(r.Next(24)),
                    r.Next(2) == 0);
            }

            public int Seed { get; }

            public int Size { get; }

            public List<AdvocateCandidate> Pool { get; }

            public SelectionRequest Request { get; }

            public override string ToString() => "seed " + Seed + ", size " + Size;
        }
    }
}
