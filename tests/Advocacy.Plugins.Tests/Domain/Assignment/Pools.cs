using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;

namespace Advocacy.Plugins.Tests.Domain.Assignment
{
    /// <summary>Test data: advocates with readable names and predictable ids.</summary>
    internal static class Pools
    {
        /// <summary>Wednesday.</summary>
        public static readonly DateTime Today = new DateTime(2025, 3, 12, 0, 0, 0, DateTimeKind.Utc);

        public static Guid IdOf(int n) => new Guid(n, 0, 0, new byte[8]);

        public static AdvocateCandidate Advocate(int n, string name, int count = 0, int capacity = 25, params CustomerTier[] tiers)
        {
            var a = new AdvocateCandidate(IdOf(n), name)
            {
                UserId = IdOf(1000 + n),
                Capacity = capacity,
                AccountCount = count,
            };
            foreach (CustomerTier tier in tiers.Length == 0 ? new[] { CustomerTier.Standard, CustomerTier.Key, CustomerTier.Strategic } : tiers)
            {
                a.Tiers.Add(tier);
            }

            return a;
        }

        public static AdvocateCandidate Away(this AdvocateCandidate a, DateTime from, DateTime? to)
        {
            a.OutOfOfficeFrom = from;
            a.OutOfOfficeTo = to;
            return a;
        }

        public static AdvocateCandidate WithSpecialty(this AdvocateCandidate a, Specialty s)
        {
            a.Specialties.Add(s);
            return a;
        }

        public static AdvocateCandidate BackedBy(this AdvocateCandidate a, AdvocateCandidate backup)
        {
            a.BackupAdvocateId = backup.Id;
            return a;
        }

        public static SelectionRequest Request(CustomerTier? tier, Guid? current = null, Specialty? specialty = null, bool urgent = false) =>
            new SelectionRequest(tier, current, specialty, Today, urgent);

        /// <summary>
        /// A random pool (deterministic per seed) small enough to hit every corner: duplicates of a few users,
        /// user-less and inactive profiles, zero and negative capacity, leave that covers today or not.
        /// </summary>
        public static List<AdvocateCandidate> RandomPool(Random r, int size)
        {
            var pool = new List<AdvocateCandidate>(size);
            string[] names = { "Ana", "Ben", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal" };
            for (int i = 0; i < size; i++)
            {
                var a = new AdvocateCandidate(IdOf((r.Next(1000) * 100) + i + 1), names[r.Next(names.Length)]) // ids unique, order random
                {
                    UserId = r.Next(10) == 0 ? (Guid?)null : IdOf(50_000 + r.Next(size + 2)),
                    IsActive = r.Next(6) != 0,
                    Capacity = r.Next(-1, 8),
                    AccountCount = r.Next(0, 9),
                    LastAssignedOn = r.Next(3) == 0 ? (DateTime?)null : Today.AddDays(-r.Next(5)),
                    ManagerUserId = IdOf(90_000 + i),
                };
                for (int t = 0; t < 3; t++)
                {
                    if (r.Next(3) != 0)
                    {
                        a.Tiers.Add((CustomerTier)t);
                    }
                }

                for (int s = 0; s < 4; s++)
                {
                    if (r.Next(3) == 0)
                    {
                        a.Specialties.Add((Specialty)s);
                    }
                }

                switch (r.Next(5))
                {
                    case 0: a.Away(Today.AddDays(-r.Next(3)), Today.AddDays(r.Next(-1, 3))); break;
                    case 1: a.Away(Today.AddDays(r.Next(-2, 3)), null); break;
                    default: break;
                }

                pool.Add(a);
            }

            for (int i = 0; i < size; i++)
            {
                if (r.Next(2) == 0)
                {
                    pool[i].BackupAdvocateId = pool[r.Next(size)].Id;
                }
            }

            return pool;
        }
    }
}
