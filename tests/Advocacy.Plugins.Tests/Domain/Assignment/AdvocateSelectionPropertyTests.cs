using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Advocacy.Plugins.Tests.Domain.Assignment.Pools;

namespace Advocacy.Plugins.Tests.Domain.Assignment
{
    [TestClass]
    public sealed class AdvocateSelectionPropertyTests
    {
        private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(300);

        /// <summary>A scenario is a seed and a pool size; the pool and request are built from them (see Pools).</summary>
        private static Arbitrary<Scenario> Scenarios =>
            (from seed in Gen.Choose(0, int.MaxValue - 1)
             from size in Gen.Choose(0, 14)
             select new Scenario(seed, size)).ToArbitrary();

        [TestMethod]
        public void Never_an_ineligible_advocate_except_a_sticky_current_one()
        {
            Prop.ForAll(Scenarios, s =>
            {
                AdvocateChoice choice = AdvocateSelection.Choose(s.Request, s.Pool);
                switch (choice.Outcome)
                {
                    case AssignmentOutcome.Assigned:
                        return choice.Advocate!.IsEligibleFor(s.Request.AccountTier!.Value, Today);
                    case AssignmentOutcome.Kept:
                        // The documented exception: the current advocate may be away or at capacity.
                        AdvocateCandidate kept = choice.Advocate!;
                        return kept.Id == s.Request.CurrentAdvocateId && kept.IsActive && kept.UserId.HasValue && kept.Covers(s.Request.AccountTier!.Value);
                    default:
                        return choice.Advocate == null;
                }
            }).Check(Quick);
        }

        [TestMethod]
        public void A_new_assignment_never_exceeds_capacity()
        {
            Prop.ForAll(Scenarios, s =>
            {
                AdvocateChoice choice = AdvocateSelection.Choose(s.Request, s.Pool);
                return choice.Outcome != AssignmentOutcome.Assigned
                    || (choice.Advocate!.Capacity > 0 && choice.Advocate.AccountCount + 1 <= choice.Advocate.Capacity);
            }).Check(Quick);
        }

        [TestMethod]
        public void Deterministic_and_independent_of_pool_order()
        {
            Prop.ForAll(Scenarios, s =>
            {
                AdvocateChoice first = AdvocateSelection.Choose(s.Request, s.Pool);
                AdvocateChoice again = AdvocateSelection.Choose(s.Request, s.Pool);
                var reversed = new List<AdvocateCandidate>(s.Pool);
                reversed.Reverse();
                AdvocateChoice flipped = AdvocateSelection.Choose(s.Request, reversed);
                return ReferenceEquals(first.Advocate, again.Advocate) && first.Reason == again.Reason
                    && ReferenceEquals(first.Advocate, flipped.Advocate) && first.Outcome == flipped.Outcome;
            }).Check(Quick);
        }

        [TestMethod]
        public void Sticky_while_the_current_advocate_stays_eligible()
        {
            Prop.ForAll(Scenarios, s =>
            {
                AdvocateChoice choice = AdvocateSelection.Choose(s.Request, s.Pool);
                AdvocateCandidate? current = s.Pool.FirstOrDefault(a => a.Id == s.Request.CurrentAdvocateId);
                bool stays = current != null && s.Request.AccountTier.HasValue && current.IsActive && current.UserId.HasValue && current.Covers(s.Request.AccountTier.Value);
                return !stays || (choice.Outcome == AssignmentOutcome.Kept && ReferenceEquals(choice.Advocate, current) && !choice.Changed);
            }).Check(Quick);
        }

        [TestMethod]
        public void Chooses_the_best_by_a_brute_force_reference()
        {
            Prop.ForAll(Scenarios, s =>
            {
                SelectionRequest request = s.Request;
                request.CurrentAdvocateId = null;
                AdvocateChoice choice = AdvocateSelection.Choose(request, s.Pool);
                if (!request.AccountTier.HasValue)
                {
                    return choice.Outcome == AssignmentOutcome.NoTier;
                }

                // Reference: canonical profile per user = first active by name then id; sort the eligible ones.
                AdvocateCandidate? expected = s.Pool
                    .Where(a => a.IsEligibleFor(request.AccountTier.Value, Today))
                    .Where(a => s.Pool.Where(b => b.IsActive && b.UserId == a.UserId)
                        .OrderBy(b => b.Name, StringComparer.Ordinal).ThenBy(b => b.Id).First() == a)
                    .OrderBy(a => a, Comparer<AdvocateCandidate>.Create((x, y) => AdvocateSelection.Compare(x, y, request.NeededSpecialty)))
                    .FirstOrDefault();
                return ReferenceEquals(expected, choice.Advocate)
                    && (expected == null) == (choice.Outcome == AssignmentOutcome.Unassigned);
            }).Check(Quick);
        }

        [TestMethod]
        public void Task_owner_is_the_advocate_unless_urgent_and_away()
        {
            Prop.ForAll(Scenarios, s =>
            {
                AdvocateChoice choice = AdvocateSelection.Choose(s.Request, s.Pool);
                if (choice.Advocate == null)
                {
                    return choice.TaskOwner == null;
                }

                if (!s.Request.Urgent || !choice.Advocate.IsOutOfOffice(Today))
                {
                    return ReferenceEquals(choice.TaskOwner, choice.Advocate) && !choice.TaskOwnerIsBackup;
                }

                AdvocateCandidate owner = choice.TaskOwner!;
                return choice.TaskOwnerIsBackup
                    ? owner.IsActive && owner.UserId.HasValue && !owner.IsOutOfOffice(Today) && !ReferenceEquals(owner, choice.Advocate)
                    : ReferenceEquals(owner, choice.Advocate);
            }).Check(Quick);
        }

        [TestMethod]
        public void Fair_over_1000_assignments_to_equal_advocates()
        {
            var pool = Enumerable.Range(1, 7).Select(i => Advocate(i, "Advocate " + i, 0, 1000)).ToList();
            DateTime clock = Today;
            for (int i = 0; i < 1000; i++)
            {
                AdvocateCandidate chosen = AdvocateSelection.Choose(Request(CustomerTier.Key), pool).Advocate!;
                chosen.AccountCount++;
                chosen.LastAssignedOn = clock = clock.AddMinutes(1);
            }

            Assert.IsTrue(pool.Max(a => a.AccountCount) - pool.Min(a => a.AccountCount) <= 1, string.Join(",", pool.Select(a => a.AccountCount)));
            Assert.AreEqual(1000, pool.Sum(a => a.AccountCount));
        }

        [TestMethod]
        public void Fair_for_any_number_of_equal_advocates_and_starting_load()
        {
            Arbitrary<Fairness> cases =
                (from advocates in Gen.Choose(1, 12)
                 from assignments in Gen.Choose(0, 300)
                 from start in Gen.Choose(0, 5)
                 select new Fairness(advocates, assignments, start)).ToArbitrary();
            Prop.ForAll(cases, c =>
            {
                var pool = Enumerable.Range(1, c.Advocates).Select(i => Advocate(i, "A" + (c.Advocates - i), c.Start, 1000)).ToList();
                for (int i = 0; i < c.Assignments; i++)
                {
                    AdvocateCandidate chosen = AdvocateSelection.Choose(Request(CustomerTier.Standard), pool).Advocate!;
                    chosen.AccountCount++;
                    chosen.LastAssignedOn = Today.AddSeconds(i);
                }

                return pool.Max(a => a.AccountCount) - pool.Min(a => a.AccountCount) <= 1;
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
        }

        [TestMethod]
        public void Ten_thousand_candidates_take_at_most_a_millisecond_without_allocating_per_candidate()
        {
            var r = new Random(7);
            var pool = new List<AdvocateCandidate>(10_000);
            for (int i = 0; i < 10_000; i++)
            {
                var a = Advocate(i + 1, "Advocate " + i.ToString("D5"), r.Next(0, 30), 25, (CustomerTier)(i % 3));
                a.UserId = Guid.NewGuid();
                if (i % 4 == 0)
                {
                    a.Specialties.Add((Specialty)(i % 4));
                }

                if (i % 10 == 0)
                {
                    a.Away(Today.AddDays(-1), Today.AddDays(1));
                }

                a.LastAssignedOn = i % 5 == 0 ? (DateTime?)null : Today.AddMinutes(-i);
                pool.Add(a);
            }

            SelectionRequest request = Request(CustomerTier.Key, specialty: Specialty.Logistics);
            for (int i = 0; i < 50; i++)
            {
                AdvocateSelection.Choose(request, pool);
            }

            long fastest = long.MaxValue;
            long allocated = long.MaxValue;
            for (int i = 0; i < 30; i++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                long t0 = Stopwatch.GetTimestamp();
                AdvocateSelection.Choose(request, pool);
                long ticks = Stopwatch.GetTimestamp() - t0;
                allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
                fastest = Math.Min(fastest, ticks);
            }

            // Time is reported, not asserted: the 1 ms goal lives in the benchmark (a timed assertion would
            // fail on a busy machine for reasons that have nothing to do with the code).
            Console.WriteLine("selection among 10,000: fastest " + (fastest * 1000.0 / Stopwatch.Frequency).ToString("0.000") + " ms");
            Assert.IsTrue(allocated < 4096, "selection allocated " + allocated + " bytes");
        }

        public sealed class Fairness
        {
            public Fairness(int advocates, int assignments, int start)
            {
                Advocates = advocates;
                Assignments = assignments;
                Start = start;
            }

            public int Advocates { get; }

            public int Assignments { get; }

            public int Start { get; }

            public override string ToString() => Advocates + " advocates, " + Assignments + " assignments from " + Start;
        }

        public sealed class Scenario
        {
            public Scenario(int seed, int size)
            {
                Seed = seed;
                Size = size;
                var r = new Random(seed);
                Pool = RandomPool(r, size);
                int tier = r.Next(4);
                Request = new SelectionRequest(
                    tier == 3 ? (CustomerTier?)null : (CustomerTier)tier,
                    size > 0 && r.Next(3) != 0 ? Pool[r.Next(size)].Id : (r.Next(4) == 0 ? IdOf(77_777) : (Guid?)null),
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
