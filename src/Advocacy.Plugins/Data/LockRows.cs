using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Serialises work inside the platform's transaction: writing a row takes its lock until the transaction
    /// ends, so whoever writes the same adv_assignmentlock row second waits for the first to commit and then
    /// reads what it wrote. The row's id is derived from the lock's name, and an Upsert by id creates it on
    /// first use, so no setup step is needed and two first users cannot create two rows.
    /// </summary>
    public static class LockRows
    {
        public const string Table = "adv_assignmentlock";

        /// <summary>Serialises advocate assignments and load counts.</summary>
        public const string Assignment = "assignment";

        /// <summary>Serialises proactive sweeps.</summary>
        public const string ProactiveSweep = "sweep:proactive";

        /// <summary>How many rows the task source keys are spread over.</summary>
        public const int TaskBuckets = 64;

        /// <summary>The lock row that guards one task source key.</summary>
        public static string ForTaskKey(string sourceKey) => Bucket("task", sourceKey, TaskBuckets);

        /// <summary>Every lock row the product uses.</summary>
        public static IReadOnlyList<string> AllNames()
        {
            var names = new List<string> { Assignment, ProactiveSweep };
            for (var i = 0; i < TaskBuckets; i++)
            {
                names.Add("task:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return names;
        }

        /// <summary>
        /// Creates every lock row that does not exist yet. Two transactions that create the same lock row for
        /// the first time at the same moment collide on its key (the platform would fail one of them too), so
        /// an admin runs this once after import — adv_RecountAdvocateLoad does — and first use never races.
        /// </summary>
        public static int EnsureAll(IOrganizationService service)
        {
            var created = 0;
            foreach (var name in AllNames())
            {
                var row = new Entity(Table, IdFor(name));
                row["adv_name"] = name;
                var response = (UpsertResponse)service.Execute(new UpsertRequest { Target = row });
                if (response.RecordCreated) created++;
            }

            return created;
        }

        /// <summary>Takes the named lock for the rest of the current transaction (one round trip).</summary>
        public static void Take(IOrganizationService service, string name)
        {
            var row = new Entity(Table, IdFor(name));
            row["adv_name"] = name;
            service.Execute(new UpsertRequest { Target = row });
        }

        /// <summary>
        /// Many keys share few rows: enough spread that unrelated work rarely waits, few enough that the table
        /// stays tiny.
        /// </summary>
        public static string Bucket(string prefix, string key, int buckets)
        {
            var hash = 17;
            foreach (var c in key)
            {
                hash = unchecked((hash * 31) + c);
            }

            return prefix + ":" + ((hash & 0x7fffffff) % buckets).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>A name-based id (SHA-1 of a fixed namespace and the name), stable across organisations.</summary>
        public static Guid IdFor(string name)
        {
            using (var sha = SHA1.Create())
            {
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes("adv-lock:" + name));
                var bytes = new byte[16];
                Array.Copy(hash, bytes, 16);
                bytes[7] = (byte)((bytes[7] & 0x0f) | 0x50);
                bytes[8] = (byte)((bytes[8] & 0x3f) | 0x80);
                return new Guid(bytes);
            }
        }
    }
}
