using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

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
                    "no advocate assigned: the account has no tier; set its tier (strategic, key or standard) to assign one",
                    null,
                    false);
            }

            CustomerTier tier = request.AccountTier.Value;
            string? leftCurrent = null;
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
                    string why = ExplainNoneEligible(pool, tier, today);
                    if (leftCurrent != null)
                    {
                        why += "; " + leftCurrent;
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
        /// Whose user gets a piece of work for <paramref name="advocate"/>: the advocate, unless the advocate is
        /// out of office today and the work is urgent. Then the backup chain is followed past backups who are
        /// away too; it stops on a loop (A→B→A), a missing, inactive or user-less backup, or an empty link — and
        /// then the work stays with the advocate, because an owner who is away beats a task nobody owns.
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

            string away = advocate.Name + " is " + AwayText(advocate);
            if (!urgent)
            {
                return new TaskOwnerRoute(advocate, false, away + "; the work waits for their return");
            }

            var visited = new List<Guid> { advocate.Id };
            AdvocateCandidate link = advocate;
            AdvocateCandidate? firstAwayBackup = null;
            while (true)
            {
                if (!link.BackupAdvocateId.HasValue)
                {
                    string stop = firstAwayBackup == null
                        ? "no backup advocate is set"
                        : "backup " + firstAwayBackup.Name + " is also away";
                    return StaysWith(advocate, away + " and " + stop);
                }

                AdvocateCandidate? backup = Find(pool, link.BackupAdvocateId.Value);
                if (backup == null)
                {
                    return StaysWith(advocate, away + " and the backup advocate's profile was not found");
                }

                if (visited.Contains(backup.Id))
                {
                    return StaysWith(advocate, away + " and the backup chain loops back to " + backup.Name + " with everyone away");
                }

                if (!backup.IsActive)
                {
                    return StaysWith(advocate, away + " and backup " + backup.Name + " is inactive");
                }

                if (!backup.UserId.HasValue)
                {
                    return StaysWith(advocate, away + " and backup " + backup.Name + " has no user");
                }

                if (!backup.IsOutOfOffice(today))
                {
                    return new TaskOwnerRoute(backup, true, away + "; urgent work goes to backup " + backup.Name);
                }

                firstAwayBackup = firstAwayBackup ?? backup;
                visited.Add(backup.Id);
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

        private static string? WhyCurrentCannotStay(AdvocateCandidate? current, CustomerTier tier)
        {
            if (current == null)
            {
                return "the previous advocate's profile was not found";
            }

            if (!current.IsActive)
            {
                return "previous advocate " + current.Name + " is inactive";
            }

            if (!current.UserId.HasValue)
            {
                return "previous advocate " + current.Name + " has no user";
            }

            if (!current.Covers(tier))
            {
                return "previous advocate " + current.Name + " does not cover " + AdvocacyWords.Tier(tier) + " accounts";
            }

            return null;
        }

        private static AdvocateChoice Keep(AdvocateCandidate current, IReadOnlyList<AdvocateCandidate> pool, DateTime today, bool urgent)
        {
            var reason = new StringBuilder("kept ")
                .Append(current.Name)
                .Append(": current advocate, ")
                .Append(Load(current))
                .Append(" accounts");
            if (current.IsAtCapacity)
            {
                reason.Append(" (at capacity; kept for continuity)");
            }

            TaskOwnerRoute route = RouteTaskOwner(current, pool, today, urgent);
            if (route.Note.Length > 0)
            {
                reason.Append("; ").Append(route.Note);
            }

            return new AdvocateChoice(AssignmentOutcome.Kept, current, false, reason.ToString(), route.Owner, route.IsBackup);
        }

        private static AdvocateChoice Assign(AdvocateCandidate chosen, SelectionRequest request, string? leftCurrent, int duplicatesIgnored)
        {
            var reason = new StringBuilder("chose ").Append(chosen.Name).Append(": ");
            if (request.NeededSpecialty.HasValue)
            {
                string specialty = AdvocacyWords.Specialty(request.NeededSpecialty.Value);
                if (chosen.Specialties.Contains(request.NeededSpecialty.Value))
                {
                    reason.Append(specialty).Append(" specialist, ");
                }
                else
                {
                    reason.Append("no eligible ").Append(specialty).Append(" specialist, ");
                }
            }

            reason.Append("lowest load ").Append(Load(chosen));
            if (leftCurrent != null)
            {
                reason.Append("; ").Append(leftCurrent);
            }

            if (duplicatesIgnored > 0)
            {
                reason.Append("; ignored ")
                    .Append(AdvocacyWords.Count(duplicatesIgnored, "duplicate profile", "duplicate profiles"))
                    .Append(" of the same user");
            }

            // A new advocate is never away (eligibility), so the triggering work is theirs.
            return new AdvocateChoice(AssignmentOutcome.Assigned, chosen, true, reason.ToString(), chosen, false);
        }

        private static string ExplainNoneEligible(IReadOnlyList<AdvocateCandidate> pool, CustomerTier tier, DateTime today)
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

            string tierText = AdvocacyWords.Tier(tier) + " accounts";
            if (covering == 0)
            {
                return "no eligible advocate: no active advocate covers " + tierText;
            }

            var reason = new StringBuilder("no eligible advocate: ")
                .Append(covering.ToString(CultureInfo.InvariantCulture))
                .Append(covering == 1 ? " active advocate covers " : " active advocates cover ")
                .Append(tierText);
            string all = covering == 1 ? ", " : ", all ";
            if (full == covering)
            {
                return reason.Append(all).Append("at capacity").ToString();
            }

            if (away == covering)
            {
                return reason.Append(all).Append("out of office").ToString();
            }

            if (noUser == covering)
            {
                return reason.Append(all).Append("without a user").ToString();
            }

            reason.Append(':');
            string separator = " ";
            AppendPart(reason, ref separator, full, "at capacity");
            AppendPart(reason, ref separator, away, "out of office");
            AppendPart(reason, ref separator, noUser, "without a user");
            AppendPart(reason, ref separator, duplicate, "a duplicate profile");
            return reason.ToString();
        }

        private static void AppendPart(StringBuilder reason, ref string separator, int n, string what)
        {
            if (n == 0)
            {
                return;
            }

            reason.Append(separator).Append(n.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(what);
            separator = ", ";
        }

        private static TaskOwnerRoute StaysWith(AdvocateCandidate advocate, string why) =>
            new TaskOwnerRoute(advocate, false, why + "; urgent work stays with " + advocate.Name);

        internal static string AwayText(AdvocateCandidate advocate) =>
            advocate.OutOfOfficeTo.HasValue
                ? "out of office until " + AdvocacyWords.Date(advocate.OutOfOfficeTo.Value)
                : "out of office (no return date)";

        private static string Load(AdvocateCandidate c) =>
            c.AccountCount.ToString(CultureInfo.InvariantCulture) + "/" + c.Capacity.ToString(CultureInfo.InvariantCulture);
    }
}
