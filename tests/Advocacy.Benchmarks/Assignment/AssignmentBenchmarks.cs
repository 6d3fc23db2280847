using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Plugins;
using Advocacy.Sandbox;
using BenchmarkDotNet.Attributes;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Benchmarks.Assignment
{
    internal static class AssignmentData
    {
        /// <summary>A deterministic pool: mixed tiers, specialties, loads, some away, some full.</summary>
        public static List<AdvocateCandidate> Pool(int n)
        {
            var random = new Random(7);
            var today = new DateTime(2026, 3, 10);
            var pool = new List<AdvocateCandidate>(n);
            for (int i = 0; i < n; i++)
            {
                var c = new AdvocateCandidate(new Guid(i + 1, 0, 0, new byte[8]), "Advocate " + i.ToString("D5"))
                {
                    UserId = Guid.NewGuid(),
                    Capacity = 20 + random.Next(20),
                    AccountCount = random.Next(40),
                    LastAssignedOn = today.AddDays(-random.Next(100)),
                };
                c.Tiers.Add((CustomerTier)random.Next(3));
                if (random.Next(2) == 0) c.Tiers.Add(CustomerTier.Strategic);
                c.Specialties.Add((Specialty)random.Next(4));
                if (random.Next(10) == 0)
                {
                    c.OutOfOfficeFrom = today.AddDays(-1);
                    c.OutOfOfficeTo = today.AddDays(3);
                }

                pool.Add(c);
            }

            return pool;
        }

        public static SelectionRequest Request() =>
            new SelectionRequest(CustomerTier.Strategic, null, Specialty.Logistics, new DateTime(2026, 3, 10), false);

        public static DataverseSandbox World(int advocates, out Guid[] accounts, int accountCount)
        {
            var sandbox = DataverseSandbox.ForRepository();
            sandbox.Clock.UtcNow = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
            sandbox.RegisterPluginAssembly(typeof(AdvocacyPlugin).Assembly);
            var owner = sandbox.SeedUser("Owner");
            var rows = new List<Entity>();
            for (int i = 0; i < advocates; i++)
            {
                var user = sandbox.SeedUser("U" + i);
                rows.Add(new Entity("adv_advocate", Guid.NewGuid())
                {
                    ["adv_name"] = "Advocate " + i.ToString("D5"),
                    ["adv_userid"] = new EntityReference("systemuser", user),
                    ["adv_capacity"] = 1000,
                    ["adv_accountcount"] = 0,
                    ["adv_tiers"] = new OptionSetValueCollection(new List<OptionSetValue> { Choices.Option(CustomerTier.Key) }),
                });
            }

            accounts = new Guid[accountCount];
            for (int i = 0; i < accountCount; i++)
            {
                accounts[i] = Guid.NewGuid();
                rows.Add(new Entity("account", accounts[i]) { ["name"] = "Account " + i, ["ownerid"] = new EntityReference("systemuser", owner) });
            }

            sandbox.Seed(rows.ToArray());
            return sandbox;
        }
    }

    /// <summary>BenchmarkDotNet: the pure selection over 10,000 candidates (goal ≤ 1 ms).</summary>
    [MemoryDiagnoser]
    public class AssignmentSelectionBenchmark
    {
        private List<AdvocateCandidate> _pool = null!;
        private SelectionRequest _request = null!;

        [Params(1000, 10000)]
        public int Candidates { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _pool = AssignmentData.Pool(Candidates);
            _request = AssignmentData.Request();
        }

        [Benchmark(Description = "AdvocateSelection.Choose")]
        public AdvocateChoice Choose() => AdvocateSelection.Choose(_request, _pool);
    }

    /// <summary>`--measure`: selection among 10,000 candidates, mean of 2,000 calls after warm-up.</summary>
    public sealed class AssignmentSelectionMeasure : IQuickMeasure
    {
        private List<AdvocateCandidate> _pool = null!;

        public string Name => "assignment: select among 10,000 candidates x2000";

        public void Setup()
        {
            _pool = AssignmentData.Pool(10000);
            for (int i = 0; i < 200; i++) AdvocateSelection.Choose(AssignmentData.Request(), _pool);
        }

        public string Run()
        {
            var request = AssignmentData.Request();
            AdvocateChoice? last = null;
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < 2000; i++) last = AdvocateSelection.Choose(request, _pool);
            watch.Stop();
            return $"{watch.Elapsed.TotalMilliseconds * 1000 / 2000:N1} µs per selection; {last!.Reason}";
        }
    }

    /// <summary>
    /// `--measure`: round trips of one assignment through the real pipeline (account tier set → pre-operation step)
    /// next to a naive per-advocate implementation (read the advocates, count each advocate's accounts with its own
    /// query, write the account) run against the same sandbox.
    /// </summary>
    public sealed class AssignmentRoundTripMeasure : IQuickMeasure
    {
        public string Name => "assignment: round trips vs naive (10/100/1,000 advocates)";

        public void Setup()
        {
        }

        public string Run()
        {
            var table = new StringBuilder(Environment.NewLine + "    advocates | ours: assignment (step total incl. settings) | task step | settle-load step | naive per-advocate" + Environment.NewLine);
            foreach (int n in new[] { 10, 100, 1000 })
            {
                var sandbox = AssignmentData.World(n, out var accounts, 2);
                sandbox.ClearExecutions();
                sandbox.Service.Update(new Entity("account", accounts[0]) { ["adv_tier"] = Choices.Option(CustomerTier.Key) });
                var step = sandbox.ExecutionsOf("Advocacy: assign advocate (account update)").Single();
                int assignment = step.Traces.Where(t => t.Contains("round trips for the assignment itself")).Select(t => int.Parse(t.Split(' ')[1])).Single();
                int task = sandbox.RoundTrips("Advocacy: assignment task (account update)");
                int settle = sandbox.RoundTrips("Advocacy: settle advocate load (account update)");
                int naive = Naive(sandbox.Service, accounts[1]);
                table.AppendLine($"    {n,9:N0} | {assignment,5} ({step.RoundTrips})                                | {task,9} | {settle,16} | {naive,6:N0}");
            }

            return table.ToString();
        }

        /// <summary>The obvious implementation: every advocate's load counted with its own query.</summary>
        private static int Naive(IOrganizationService service, Guid accountId)
        {
            int trips = 0;
            var advocates = service.RetrieveMultiple(new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet("adv_name", "adv_capacity") }).Entities;
            trips++;
            Guid best = Guid.Empty;
            double bestLoad = double.MaxValue;
            foreach (var advocate in advocates)
            {
                var count = new QueryExpression("account") { ColumnSet = new ColumnSet("accountid") };
                count.Criteria.AddCondition("adv_advocateid", ConditionOperator.Equal, advocate.Id);
                int n = service.RetrieveMultiple(count).Entities.Count;
                trips++;
                double load = n / (double)Math.Max(1, advocate.GetAttributeValue<int?>("adv_capacity") ?? 25);
                if (load < bestLoad)
                {
                    bestLoad = load;
                    best = advocate.Id;
                }
            }

            var update = new Entity("account", accountId) { ["adv_advocateid"] = new EntityReference("adv_advocate", best) };
            service.Update(update);
            trips++;
            return trips;
        }
    }
}
