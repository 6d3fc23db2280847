using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.Assignment
{
    /// <summary>
    /// DESIGN §4: who advocates for an account. Pure: the caller supplies the pool (one candidates query,
    /// including the current advocate even when inactive) and "today".
    /// <para>
    /// Policy, in order: (1) sticky — the current advocate stays while active, backed by a user and covering
    /// the tier, even when out of office or at capacity (the account is already in their count, and continuity
    /// is the point of advocacy); (2) among eligible advocates prefer the needed specialty; (3) lowest
    /// utilisation AccountCount/Capacity, then least recently assigned (never assigned first), then Name
    /// (ordinal), then Id — a total order, so the same inputs always give the same advocate.
    /// </para>
    /// <para>
    /// Duplicate profiles: when several ACTIVE profiles share one user, only the first by Name (ordinal) then
    /// Id may receive new accounts; the others are ignored and the reason says so. Otherwise one person would
    /// get the capacity of two profiles. Sticky still keeps an account on whichever profile it already has.
    /// </para>
    /// <para>
    /// Cost: one linear pass over the pool with no allocation; a second pass only to check the winner is not a
    /// duplicate, and further passes only when duplicates actually win (bounded by the users with duplicates).
    /// </para>
    /// </summary>
    public static class AdvocateSelection
    {
        public static AdvocateChoice Choose(SelectionRequest request, IReadOnlyList<AdvocateCandidate> pool)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            if (pool == null)
            {
                throw new ArgumentNullException(nameof(pool));
            }

            DateTime today = request.Today.Date;
            AdvocateCandidate? current = request.CurrentAdvocateId.HasValue ? Find(pool, request.CurrentAdvocateId.Value) : null;

            if (!request.AccountTier.HasValue || !AdvocacyWords.IsKnown(request.AccountTier.Value))
            {
                // Without a tier the account is not an advocacy account; leave whatever is there untouched
                // rather than guess, and tell the admin what would make it one.
                return new AdvocateChoice(
                    AssignmentOutcome.NoTier,
                    null,
                    false,
                    Phrase.Of(TextKey.ReasonNoTier),
                    null,
                    false);
            }

            CustomerTier tier = request.AccountTier.Value;
            Phrase? leftCurrent = null;
            if (request.CurrentAdvocateId.HasValue)
            {
                leftCurrent = WhyCurrentCannotStay(current, tier);
                if (leftCurrent == null)
                {
                    return Keep(current!, pool, today, request.Urgent);
                }
            }

            Dictionary<Guid, Guid>? canonicalProfileByUser = null;
            int duplicatesIgnored = 0;
            while (true)
            {
                AdvocateCandidate? best = FindBest(pool, tier, request.NeededSpecialty, today, canonicalProfileByUser);
                if (best == null)
                {
                    Phrase why = ExplainNoneEligible(pool, tier, today);
                    if (leftCurrent != null)
                    {
                        why = Phrase.Join("; ", new object[] { why, leftCurrent });
                    }

                    return new AdvocateChoice(AssignmentOutcome.Unassigned, null, request.CurrentAdvocateId.HasValue, why, null, false);
                }

                AdvocateCandidate canonical = CanonicalProfile(pool, best.UserId!.Value);
                if (ReferenceEquals(canonical, best))
                {
                    return Assign(best, request, leftCurrent, duplicatesIgnored);
                }

                canonicalProfileByUser = canonicalProfileByUser ?? new Dictionary<Guid, Guid>();
                canonicalProfileByUser[best.UserId.Value] = canonical.Id;
                duplicatesIgnored += CountDuplicates(pool, best.UserId.Value);
            }
        }

        /// <summary>
        /// How many backups deep urgent work can go while the advocate is away: their backup, then the backup's own
        /// backup (<see cref="RouteTaskOwner"/>). The routing query reads that many profiles behind the advocate, and each of
        /// their users is given the advocate's accounts (<see cref="AdvocateAccess.Entitled"/>), so whoever the work
        /// reaches can open the customer.
        /// </summary>
        public const int StandInDepth = 2;

        /// <summary>
        /// Whose user gets a piece of work for <paramref name="advocate"/>: the advocate, unless the advocate is
        /// out of office today and the work is urgent. Then the backup chain is followed past backups who are
        /// away too, at most <see cref="StandInDepth"/> backups deep; it stops on a loop (A→B→A), a missing, inactive or
        /// user-less backup, or an empty link — and then the work stays with the advocate, because an owner who is away
        /// beats a task nobody owns.
        /// </summary>
        public static TaskOwnerRoute RouteTaskOwner(AdvocateCandidate advocate, IReadOnlyList<AdvocateCandidate> pool, DateTime today, bool urgent)
        {
            if (advocate == null)
            {
                throw new ArgumentNullException(nameof(advocate));
            }

            if (pool == null)
            {
                throw new ArgumentNullException(nameof(pool));
            }

            if (!advocate.IsOutOfOffice(today))
            {
                return new TaskOwnerRoute(advocate, false, string.Empty);
            }

            Phrase away = Phrase.Of(TextKey.RouteAway, advocate.Name, Away(advocate));
            if (!urgent)
            {
                return new TaskOwnerRoute(advocate, false, Phrase.Of(TextKey.RouteWaits, away));
            }

            var visited = new List<Guid> { advocate.Id };
            AdvocateCandidate link = advocate;
            AdvocateCandidate? firstAwayBackup = null;
            while (true)
            {
                if (!link.BackupAdvocateId.HasValue)
                {
                    Phrase stop = firstAwayBackup == null
                        ? Phrase.Of(TextKey.RouteNoBackup)
                        : Phrase.Of(TextKey.RouteBackupAlsoAway, firstAwayBackup.Name);
                    return StaysWith(advocate, away, stop);
                }

                AdvocateCandidate? backup = Find(pool, link.BackupAdvocateId.Value);
                if (backup == null)
                {
                    return StaysWith(advocate, away, Phrase.Of(TextKey.RouteBackupNotFound));
                }

                if (visited.Contains(backup.Id))
                {
                    return StaysWith(advocate, away, Phrase.Of(TextKey.RouteBackupLoop, backup.Name));
                }

                if (!backup.IsActive)
                {
                    return StaysWith(advocate, away, Phrase.Of(TextKey.RouteBackupInactive, backup.Name));
                }

                if (!backup.UserId.HasValue)
                {
                    return StaysWith(advocate, away, Phrase.Of(TextKey.RouteBackupNoUser, backup.Name));
                }

                if (!backup.IsOutOfOffice(today))
                {
                    return new TaskOwnerRoute(backup, true, Phrase.Of(TextKey.RouteToBackup, away, backup.Name));
                }

                firstAwayBackup = firstAwayBackup ?? backup;
                visited.Add(backup.Id);
                if (visited.Count > StandInDepth)
                {
                    return StaysWith(advocate, away, Phrase.Of(TextKey.RouteBackupAlsoAway, firstAwayBackup.Name));
                }

                link = backup;
            }
        }

        /// <summary>Total order used for new assignments: negative when <paramref name="a"/> should be preferred.</summary>
        public static int Compare(AdvocateCandidate a, AdvocateCandidate b, Specialty? neededSpecialty)
        {
            if (neededSpecialty.HasValue)
            {
                int bit = SpecialtySet.BitOf(neededSpecialty.Value);
                bool aMatches = (a.Specialties.Mask & bit) != 0;
                if (aMatches != ((b.Specialties.Mask & bit) != 0))
                {
                    return aMatches ? -1 : 1;
                }
            }

            // Cross-multiplied so equal loads compare equal exactly (no floating point ties that differ by 1 ulp).
            long left = (long)a.AccountCount * Math.Max(b.Capacity, 1);
            long right = (long)b.AccountCount * Math.Max(a.Capacity, 1);
            if (left != right)
            {
                // Stryker disable once Equality : < to <= is equivalent (left and right differ here); this also hides < to >, which the load tests kill
                return left < right ? -1 : 1;
            }

            if (a.LastAssignedOn != b.LastAssignedOn)
            {
                if (!a.LastAssignedOn.HasValue)
                {
                    return -1;
                }

                if (!b.LastAssignedOn.HasValue)
                {
                    return 1;
                }

                // Stryker disable once Equality : < to <= is equivalent (the dates differ here); this also hides < to >, which the tie-break tests kill
                return a.LastAssignedOn.Value < b.LastAssignedOn.Value ? -1 : 1;
            }

            int byName = string.CompareOrdinal(a.Name ?? string.Empty, b.Name ?? string.Empty);
            return byName != 0 ? byName : a.Id.CompareTo(b.Id);
        }

        private static AdvocateCandidate? FindBest(IReadOnlyList<AdvocateCandidate> pool, CustomerTier tier, Specialty? specialty, DateTime today, Dictionary<Guid, Guid>? canonicalProfileByUser)
        {
            AdvocateCandidate? best = null;
            int tierBit = TierSet.BitOf(tier);
            int count = pool.Count;
            for (int i = 0; i < count; i++)
            {
                AdvocateCandidate c = pool[i];

                // The tier bit first: it rejects most of a large pool before any date arithmetic.
                if (c == null || !c.IsActive || (c.Tiers.Mask & tierBit) == 0 || !c.UserId.HasValue || c.IsAtCapacity || c.IsOutOfOffice(today))
                {
                    continue;
                }

                if (canonicalProfileByUser != null && canonicalProfileByUser.TryGetValue(c.UserId.Value, out Guid canonicalId) && canonicalId != c.Id)
                {
                    continue;
                }

                if (best == null ||
                    // Stryker disable once Equality : < to <= is equivalent (Compare is 0 only for the same id, and a pool holds each profile once); this also hides < to >, which the oracle kills
                    Compare(c, best, specialty) < 0)
                {
                    best = c;
                }
            }

            return best;
        }

        private static AdvocateCandidate CanonicalProfile(IReadOnlyList<AdvocateCandidate> pool, Guid userId)
        {
            AdvocateCandidate? first = null;
            for (int i = 0; i < pool.Count; i++)
            {
                AdvocateCandidate c = pool[i];
                if (c != null && c.IsActive && c.UserId == userId && (first == null ||
                    // Stryker disable once Equality : < to <= is equivalent (0 only for the same id, and a pool holds each profile once); this also hides < to >, which the duplicate tests kill
                    ByNameThenId(c, first) < 0))
                {
                    first = c;
                }
            }

            return first!;
        }

        private static int CountDuplicates(IReadOnlyList<AdvocateCandidate> pool, Guid userId)
        {
            int n = -1;
            for (int i = 0; i < pool.Count; i++)
            {
                AdvocateCandidate c = pool[i];
                if (c != null && c.IsActive && c.UserId == userId)
                {
                    n++;
                }
            }

            return n;
        }

        private static int ByNameThenId(AdvocateCandidate a, AdvocateCandidate b)
        {
            int byName = string.CompareOrdinal(a.Name ?? string.Empty, b.Name ?? string.Empty);
            return byName != 0 ? byName : a.Id.CompareTo(b.Id);
        }

        private static AdvocateCandidate? Find(IReadOnlyList<AdvocateCandidate> pool, Guid id)
        {
            for (int i = 0; i < pool.Count; i++)
            {
                AdvocateCandidate c = pool[i];
                if (c != null && c.Id == id)
                {
                    return c;
                }
            }

            return null;
        }

        private static Phrase? WhyCurrentCannotStay(AdvocateCandidate? current, CustomerTier tier)
        {
            if (current == null)
            {
                return Phrase.Of(TextKey.ReasonPreviousNotFound);
            }

            if (!current.IsActive)
            {
                return Phrase.Of(TextKey.ReasonPreviousInactive, current.Name);
            }

            if (!current.UserId.HasValue)
            {
                return Phrase.Of(TextKey.ReasonPreviousNoUser, current.Name);
            }

            if (!current.Covers(tier))
            {
                return Phrase.Of(TextKey.ReasonPreviousNotCovering, current.Name, tier);
            }

            return null;
        }

        private static AdvocateChoice Keep(AdvocateCandidate current, IReadOnlyList<AdvocateCandidate> pool, DateTime today, bool urgent)
        {
            var reason = new List<object> { Phrase.Of(current.IsAtCapacity ? TextKey.ReasonKeptAtCapacity : TextKey.ReasonKept, current.Name, Load(current)) };
            TaskOwnerRoute route = RouteTaskOwner(current, pool, today, urgent);
            if (route.Words != null)
            {
                reason.Add(route.Words);
            }

            return new AdvocateChoice(AssignmentOutcome.Kept, current, false, Phrase.Join("; ", reason), route.Owner, route.IsBackup);
        }

        private static AdvocateChoice Assign(AdvocateCandidate chosen, SelectionRequest request, Phrase? leftCurrent, int duplicatesIgnored)
        {
            Phrase chose;
            if (request.NeededSpecialty.HasValue)
            {
                Specialty specialty = request.NeededSpecialty.Value;
                chose = Phrase.Of(chosen.Specialties.Contains(specialty) ? TextKey.ReasonChoseSpecialist : TextKey.ReasonChoseNoSpecialist,
                    chosen.Name, specialty, Load(chosen));
            }
            else
            {
                chose = Phrase.Of(TextKey.ReasonChose, chosen.Name, Load(chosen));
            }

            var reason = new List<object> { chose };
            if (leftCurrent != null)
            {
                reason.Add(leftCurrent);
            }

            if (duplicatesIgnored > 0)
            {
                reason.Add(Phrase.Of(duplicatesIgnored == 1 ? TextKey.ReasonDuplicateOne : TextKey.ReasonDuplicatesMany, duplicatesIgnored));
            }

            // A new advocate is never away (eligibility), so the triggering work is theirs.
            return new AdvocateChoice(AssignmentOutcome.Assigned, chosen, true, Phrase.Join("; ", reason), chosen, false);
        }

        private static Phrase ExplainNoneEligible(IReadOnlyList<AdvocateCandidate> pool, CustomerTier tier, DateTime today)
        {
            // Only on the failure path, so it may afford a second look at every profile.
            int covering = 0, noUser = 0, full = 0, away = 0, duplicate = 0;
            for (int i = 0; i < pool.Count; i++)
            {
                AdvocateCandidate c = pool[i];
                if (c == null || !c.IsActive || !c.Covers(tier))
                {
                    continue;
                }

                covering++;
                if (!c.UserId.HasValue)
                {
                    noUser++;
                }
                else if (c.IsAtCapacity)
                {
                    full++;
                }
                else if (c.IsOutOfOffice(today))
                {
                    away++;
                }
                else
                {
                    // Eligible on its own, so only the duplicate-profile rule can have excluded it.
                    duplicate++;
                }
            }

            if (covering == 0)
            {
                return Phrase.Of(TextKey.ReasonNoneCovers, tier);
            }

            Phrase cover = Phrase.Of(covering == 1 ? TextKey.ReasonNoneOneCovers : TextKey.ReasonNoneManyCover, covering, tier);
            TextKey all = covering == 1 ? TextKey.ReasonNoneOneState : TextKey.ReasonNoneAllState;
            if (full == covering)
            {
                return Phrase.Of(all, cover, Phrase.Of(TextKey.StateAtCapacity));
            }

            if (away == covering)
            {
                return Phrase.Of(all, cover, Phrase.Of(TextKey.StateOutOfOffice));
            }

            if (noUser == covering)
            {
                return Phrase.Of(all, cover, Phrase.Of(TextKey.StateWithoutUser));
            }

            var parts = new List<object>();
            AddPart(parts, full, TextKey.StateAtCapacity);
            AddPart(parts, away, TextKey.StateOutOfOffice);
            AddPart(parts, noUser, TextKey.StateWithoutUser);
            AddPart(parts, duplicate, TextKey.StateDuplicateProfile);
            return Phrase.Of(TextKey.ReasonNoneMixed, cover, Phrase.Join(", ", parts));
        }

        private static void AddPart(List<object> parts, int n, TextKey what)
        {
            if (n > 0)
            {
                parts.Add(Phrase.Of(TextKey.ReasonNonePart, n, Phrase.Of(what)));
            }
        }

        private static TaskOwnerRoute StaysWith(AdvocateCandidate advocate, Phrase away, Phrase stop) =>
            new TaskOwnerRoute(advocate, false, Phrase.Of(TextKey.RouteStaysWith, Phrase.Of(TextKey.RouteAnd, away, stop), advocate.Name));

        /// <summary>"out of office until Tue 10 Mar 2026", in English; <see cref="Away"/> for other readers.</summary>
        internal static string AwayText(AdvocateCandidate advocate) => Away(advocate).ToString();

        internal static Phrase Away(AdvocateCandidate advocate) =>
            advocate.OutOfOfficeTo.HasValue
                ? Phrase.Of(TextKey.AwayUntil, advocate.OutOfOfficeTo.Value)
                : Phrase.Of(TextKey.AwayNoReturn);

        // A ratio like "3/20" reads the same in every language.
        private static string Load(AdvocateCandidate c) =>
            c.AccountCount.ToString(CultureInfo.InvariantCulture) + "/" + c.Capacity.ToString(CultureInfo.InvariantCulture);
    }
}
