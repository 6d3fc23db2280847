using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Tests.Scenarios;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.DataAccess
{
    /// <summary>
    /// The lock rows' names and ids. An organisation keeps the rows it created (EnsureAll after import), so a
    /// name's id and a key's bucket must never change between versions: otherwise the new version writes
    /// fresh rows, and two first users could race again (or an old and a new plug-in would lock different rows).
    /// </summary>
    [TestClass]
    public sealed class LockRowsIdTests
    {
        [TestMethod]
        public void The_product_uses_the_assignment_and_sweep_locks_and_64_task_buckets_numbered_0_to_63()
        {
            var expected = new List<string> { "assignment", "sweep:proactive" };
            expected.AddRange(Enumerable.Range(0, 64).Select(i => "task:" + i));

            CollectionAssert.AreEqual(expected, LockRows.AllNames().ToList());
        }

        [TestMethod]
        public void Ensure_all_creates_the_66_rows_once_and_reports_how_many_it_created()
        {
            var world = new AdvocacyWorld();

            Assert.AreEqual(66, LockRows.EnsureAll(world.Sandbox.NestedService));
            Assert.AreEqual(0, LockRows.EnsureAll(world.Sandbox.NestedService), "every row exists already");
            Assert.AreEqual(66, world.Sandbox.Rows(LockRows.Table).Count());
        }

        [TestMethod]
        public void A_lock_id_is_a_version_5_name_based_uuid_that_never_changes()
        {
            // SHA-1 of "adv-lock:" + name, version 5, RFC 4122 variant (as computed independently of the plug-in).
            Assert.AreEqual(Guid.Parse("7134d193-08db-5b05-bbc6-36fd275733bc"), LockRows.IdFor("assignment"));
            Assert.AreEqual(Guid.Parse("6ec2edd3-e0f9-51d8-aaf8-704ea3a5fb64"), LockRows.IdFor("sweep:proactive"));
            Assert.AreEqual(Guid.Parse("1f109d0c-ec6a-5d0d-b3d0-428bf9004dca"), LockRows.IdFor("task:0"));
            Assert.AreEqual(Guid.Parse("2206d563-10dd-5a04-b0cc-826bcfc9af9f"), LockRows.IdFor("task:63"));
            foreach (string name in LockRows.AllNames())
            {
                string id = LockRows.IdFor(name).ToString("D");
                Assert.AreEqual('5', id[14], name + ": version");
                StringAssert.Matches(id[19].ToString(), new System.Text.RegularExpressions.Regex("[89ab]"), name + ": variant");
            }
        }

        [TestMethod]
        public void A_task_key_always_falls_in_the_same_bucket_and_every_bucket_is_a_row_the_product_creates()
        {
            Assert.AreEqual("task:1", LockRows.ForTaskKey("checkin:proactive:6e2f1c4b-0000-4000-8000-000000000001:2026-03"));
            Assert.AreEqual("task:47", LockRows.ForTaskKey("review:inconvenience:0a000000-0000-4000-8000-000000000001"));
            Assert.AreEqual("task:48", LockRows.ForTaskKey("a"));
            Assert.AreEqual("task:17", LockRows.ForTaskKey(string.Empty));

            var names = new HashSet<string>(LockRows.AllNames());
            var used = new HashSet<string>();
            for (int i = 0; i < 2000; i++)
            {
                string bucket = LockRows.ForTaskKey("review:inconvenience:" + new Guid(i, 7, 11, 1, 2, 3, 4, 5, 6, 7, 8).ToString("D"));
                Assert.IsTrue(names.Contains(bucket), bucket);
                used.Add(bucket);
            }

            Assert.AreEqual(64, used.Count, "2,000 keys reach every bucket");
        }
    }
}
