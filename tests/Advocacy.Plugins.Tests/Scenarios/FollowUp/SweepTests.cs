using Advocacy.Plugins.Application.FollowUp;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Advocacy.Plugins.CustomApis.FollowUp;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.FollowUp
{
    [TestClass]
    public sealed class SweepTests
    {
        private const string Api = RunProactiveSweepApi.MessageName;

        /// <summary>Accounts seeded in one call: i % 4 == 3 not due (next contact in 60 days), the rest due
        /// (a third of them never scheduled), every 10th without an advocate.</summary>
        internal static Guid[] SeedAccounts(FollowUpWorld w, int count)
        {
            var rows = new Entity[count];
            var today = AdvocacyWorld.Now.Date;
            for (int i = 0; i < count; i++)
            {
                var row = new Entity("account", Guid.NewGuid())
                {
                    ["name"] = "Account " + i,
                    ["ownerid"] = new EntityReference("systemuser", w.World.AgentUserId),
                    ["adv_tier"] = Choices.Option((CustomerTier)(i % 3)),
                };
                if (i % 10 != 0) row["adv_advocateid"] = new EntityReference("adv_advocate", w.AdvocateId);
                if (i % 4 == 3) row["adv_nextproactivecontact"] = today.AddDays(60);
                else if (i % 3 != 0) row["adv_nextproactivecontact"] = today.AddDays((i % 9) - 2); // −2 … +6 days
                rows[i] = row;
            }

            w.Sandbox.Seed(rows);
            return rows.Select(r => r.Id).ToArray();
        }

        private static OrganizationResponse Sweep(DataverseSandbox sandbox, string? continuation = null, int? maxTasks = null)
        {
            var request = new OrganizationRequest(Api);
            if (continuation != null) request["Continuation"] = continuation;
            if (maxTasks.HasValue) request["MaxTasks"] = maxTasks.Value;
            return sandbox.Run(request);
        }

        [TestMethod]
        public void Twenty_thousand_accounts_one_read_per_5000_scanned_and_one_write_batch_per_1000_tasks()
        {
            var w = new FollowUpWorld();
            var watch = Stopwatch.StartNew();
            SeedAccounts(w, 20000);
            var seeding = watch.Elapsed;
            w.Sandbox.Metrics.Reset();
            w.Sandbox.ClearExecutions();

            watch.Restart();
            var response = Sweep(w.Sandbox);
            var sweeping = watch.Elapsed;

            int due = 15000;
            Assert.AreEqual(due, response["Created"]);
            Assert.AreEqual(0, response["Remaining"]);
            Assert.AreEqual(string.Empty, response["NextContinuation"]);
            Assert.HasCount(due, w.Tasks(AdvocacyTaskKind.ProactiveCheckIn));

            var execution = w.Sandbox.ExecutionsOf(Api).Single();
            var trips = w.Sandbox.Metrics.RoundTrips.Where(r => r.Caller != SandboxMetrics.TestCaller).ToList();
            long accountReads = trips.Where(r => r.Message == "RetrieveMultiple" && r.Table == "account").Sum(r => r.Count);
            long otherReads = trips.Where(r => r.Message == "RetrieveMultiple" && r.Table != "account").Sum(r => r.Count);
            long batches = trips.Where(r => r.Message == "ExecuteMultiple").Sum(r => r.Count);
            long upserts = trips.Where(r => r.Message == "Upsert").Sum(r => r.Count);
            Console.WriteLine("seed 20,000: {0:0} ms; sweep: {1:0} ms; {2} round trips by the step; {3}", seeding.TotalMilliseconds, sweeping.TotalMilliseconds, execution.RoundTrips,
                string.Join("; ", trips.Select(t => t.ToString())));

            Assert.IsLessThanOrEqualTo(Math.Ceiling(due / 5000.0), accountReads, "1 read per 5,000 due accounts scanned");
            Assert.IsLessThanOrEqualTo(Math.Ceiling(20000 / 5000.0), accountReads, "and so ≤ 1 per 5,000 accounts in the table");
            Assert.AreEqual((long)Math.Ceiling(due / 1000.0), batches, "1 ExecuteMultiple per 1,000 tasks");
            Assert.AreEqual(2L, otherReads, "the settings variable and the task owners' user settings (time zones and languages: one usersettings query per 1,000 owners, cached for the call)");
            Assert.AreEqual(1L, upserts, "the sweep's lock row");
            Assert.AreEqual(accountReads + batches + otherReads + upserts, execution.RoundTrips, "nothing else");

            // A second sweep finds nothing left to do: every due account has its open check-in.
            var again = Sweep(w.Sandbox);
            Assert.AreEqual(0, again["Created"]);
            Assert.HasCount(due, w.Tasks(AdvocacyTaskKind.ProactiveCheckIn));
        }

        [TestMethod]
        public void Max_tasks_stops_early_with_remaining_and_a_continuation_that_finishes_the_sweep_without_duplicates()
        {
            var w = new FollowUpWorld();
            w.Sandbox.SetAdvocacySettings("{\"sweep\":{\"pageSize\":40,\"batchSize\":15}}");
            SeedAccounts(w, 120); // 90 due

            var first = Sweep(w.Sandbox, maxTasks: 50);
            Assert.AreEqual(50, first["Created"]);
            Assert.AreEqual(40, first["Remaining"]);
            var token = (string)first["NextContinuation"];
            Assert.IsFalse(string.IsNullOrEmpty(token));
            StringAssert.Contains((string)first["Summary"], "call again with the continuation token");

            var second = Sweep(w.Sandbox, token, 30);
            var third = Sweep(w.Sandbox, (string)second["NextContinuation"]);

            Assert.AreEqual(30, second["Created"]);
            Assert.AreEqual(10, third["Created"]);
            Assert.AreEqual(0, third["Remaining"]);
            Assert.AreEqual(string.Empty, third["NextContinuation"]);
            StringAssert.Contains((string)third["Summary"], "(90 in this sweep); the sweep is complete.");
            var tasks = w.Tasks(AdvocacyTaskKind.ProactiveCheckIn);
            Assert.HasCount(90, tasks);
            Assert.AreEqual(90, tasks.Select(t => t.GetAttributeValue<EntityReference>("regardingobjectid").Id).Distinct().Count());
        }

        [TestMethod]
        public void The_time_budget_stops_the_sweep_before_the_next_batch_and_reports_what_remains()
        {
            var w = new FollowUpWorld();
            SeedAccounts(w, 40); // 30 due
            var settings = new AdvocacySettings();
            settings.Sweep.BatchSize = 10;
            settings.Sweep.TimeBudgetSeconds = 10;
            var fakeTime = TimeSpan.Zero;
            var traces = new List<string>();
            var tracing = new Moq.Mock<ITracingService>();
            tracing.Setup(t => t.Trace(Moq.It.IsAny<string>(), Moq.It.IsAny<object[]>())).Callback((string f, object[] a) => traces.Add(string.Format(f, a)));
            // Every call of the clock advances 2 s: a batch "takes" 4 s, so the third one would overrun 10 s.
            var sweep = new RunProactiveSweep(new TestHost(w.Sandbox.NestedService, tracing.Object, settings), () => fakeTime += TimeSpan.FromSeconds(2));

            var result = sweep.Run(null, null);

            Assert.IsFalse(result.Finished);
            Assert.IsLessThan(30, result.Created);
            Assert.AreEqual(30 - result.Created, result.Remaining);
            StringAssert.Contains(string.Join("\n", traces), "time budget");
            var rest = new RunProactiveSweep(new TestHost(w.Sandbox.NestedService, tracing.Object)).Run(result.Continuation, null);
            Assert.IsTrue(rest.Finished);
            Assert.AreEqual(30, result.Created + rest.Created);
        }

        [TestMethod]
        public void Accounts_with_an_open_check_in_inactive_or_outside_advocacy_are_not_swept_and_no_advocate_means_the_owner()
        {
            var w = new FollowUpWorld();
            var today = AdvocacyWorld.Now.Date;
            var covered = w.SeedAccount("Covered", CustomerTier.Key, next: today);
            w.Sandbox.Seed(new Entity("task") { ["subject"] = "open", ["regardingobjectid"] = new EntityReference("account", covered), ["adv_kind"] = Choices.Option(AdvocacyTaskKind.ProactiveCheckIn) });
            var inactive = w.SeedAccount("Inactive", CustomerTier.Key, next: today);
            w.Sandbox.Service.Update(new Entity("account", inactive) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            w.World.SeedAccount("Not in advocacy"); // no tier, no advocate, no date
            var later = w.SeedAccount("Later", CustomerTier.Key, next: today.AddDays(8));
            var edge = w.SeedAccount("Edge", CustomerTier.Key, next: today.AddDays(7));
            var orphan = w.SeedAccount("Orphan", CustomerTier.Standard, withAdvocate: false, next: today.AddDays(-3));

            var response = Sweep(w.Sandbox);

            Assert.AreEqual(2, response["Created"]);
            var swept = w.Tasks(AdvocacyTaskKind.ProactiveCheckIn).Select(t => t.GetAttributeValue<EntityReference>("regardingobjectid").Id).ToList();
            CollectionAssert.Contains(swept, edge);
            CollectionAssert.Contains(swept, orphan);
            CollectionAssert.DoesNotContain(swept, later);
            CollectionAssert.DoesNotContain(swept, inactive);
            var orphanTask = w.TasksFor(AdvocacyTaskKind.ProactiveCheckIn, orphan).Single();
            Assert.AreEqual(w.World.AgentUserId, orphanTask.GetAttributeValue<EntityReference>("ownerid").Id);
            StringAssert.Contains(orphanTask.GetAttributeValue<string>("description"), "No advocate is assigned");
            Assert.AreEqual("proactive:" + orphan.ToString("N") + ":20260307", orphanTask.GetAttributeValue<string>("adv_sourcekey"));
        }

        [TestMethod]
        [DataRow("not base64!")]
        [DataRow("aGVsbG8=")] // "hello"
        [DataRow("YWR2LXN3ZWVwLzIKMQowCjIwMjYwMzEwCg==")] // version 2
        public void A_malformed_continuation_is_rejected_with_a_message_and_nothing_is_created(string token)
        {
            var w = new FollowUpWorld();
            SeedAccounts(w, 8);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => Sweep(w.Sandbox, token));

            StringAssert.Contains(fault.Message, SweepContinuationException.UserMessage);
            Assert.IsEmpty(w.Tasks(AdvocacyTaskKind.ProactiveCheckIn));
        }

        [TestMethod]
        public void Negative_max_tasks_is_rejected()
        {
            var w = new FollowUpWorld();
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => Sweep(w.Sandbox, maxTasks: -5));
            StringAssert.Contains(fault.Message, "MaxTasks cannot be negative");
        }

        [TestMethod]
        public void Two_sweeps_racing_create_each_check_in_once()
        {
            var w = new FollowUpWorld();
            SeedAccounts(w, 400); // 300 due
            // After import the admin runs adv_RecountAdvocateLoad once: it creates the lock rows, so two first sweeps
            // racing do not both try to create the same one.
            w.World.Sandbox.Run(new OrganizationRequest("adv_RecountAdvocateLoad")); // creates the lock rows, as after import

            var results = new OrganizationResponse[2];
            Parallel.For(0, 2, i => results[i] = Sweep(w.Sandbox));

            Assert.AreEqual(300, (int)results[0]["Created"] + (int)results[1]["Created"]);
            var tasks = w.Tasks(AdvocacyTaskKind.ProactiveCheckIn);
            Assert.HasCount(300, tasks);
            Assert.AreEqual(300, tasks.Select(t => t.GetAttributeValue<string>("adv_sourcekey")).Distinct().Count());
        }
    }
}
