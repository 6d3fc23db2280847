using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Plugins;
using Advocacy.Sandbox;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Benchmarks.FollowUp
{
    /// <summary>A sandbox with the product installed and 20,000 accounts, 15,000 of them due for a check-in.</summary>
    internal static class SweepData
    {
        public const int Accounts = 20000;
        public const int Due = 15000;
        public static readonly DateTime Now = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);

        public static DataverseSandbox NewWorld()
        {
            var sandbox = DataverseSandbox.ForRepository();
            sandbox.Clock.UtcNow = Now;
            sandbox.RegisterPluginAssembly(typeof(AdvocacyPlugin).Assembly);
            var manager = sandbox.SeedUser("Morgan Manager");
            var agent = sandbox.SeedUser("Alex Agent", manager);
            var advocateUser = sandbox.SeedUser("Dana Ruiz", manager);
            var advocate = new Entity("adv_advocate", Guid.NewGuid())
            {
                ["adv_name"] = "Dana Ruiz",
                ["adv_userid"] = new EntityReference("systemuser", advocateUser),
            };
            sandbox.Seed(advocate);
            var rows = new Entity[Accounts];
            for (int i = 0; i < Accounts; i++)
            {
                var row = new Entity("account", Guid.NewGuid())
                {
                    ["name"] = "Account " + i,
                    ["ownerid"] = new EntityReference("systemuser", agent),
                    ["adv_tier"] = Choices.Option((CustomerTier)(i % 3)),
                };
                if (i % 10 != 0) row["adv_advocateid"] = new EntityReference("adv_advocate", advocate.Id);
                if (i % 4 == 3) row["adv_nextproactivecontact"] = Now.Date.AddDays(60);
                else if (i % 3 != 0) row["adv_nextproactivecontact"] = Now.Date.AddDays((i % 9) - 2);
                rows[i] = row;
            }

            sandbox.Seed(rows);
            sandbox.Metrics.Reset();
            return sandbox;
        }

        /// <summary>The product: one call of adv_RunProactiveSweep.</summary>
        public static int Optimised(DataverseSandbox sandbox) => (int)sandbox.Run(new OrganizationRequest("adv_RunProactiveSweep"))["Created"];

        /// <summary>
        /// What a first attempt looks like: page through all accounts, and per account check for an open
        /// check-in, read the advocate, and create the task through the task factory (lock, find, create).
        /// </summary>
        public static int Naive(DataverseSandbox sandbox)
        {
            var service = sandbox.NestedService; // as the product's own code: only it may write task keys
            var writer = new AdvocacyTaskWriter(service, new NullTracing());
            var planner = new AdvocacyTaskPlanner(AdvocacySettingsDefaults);
            var today = Now.Date;
            int created = 0;
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name", "ownerid", "adv_tier", "adv_advocateid", "adv_nextproactivecontact", "statecode"), PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 } };
            query.AddOrder("accountid", OrderType.Ascending);
            while (true)
            {
                var page = service.RetrieveMultiple(query);
                foreach (var account in page.Entities)
                {
                    var next = account.GetAttributeValue<DateTime?>("adv_nextproactivecontact");
                    var tier = Choices.Tier(account.GetAttributeValue<OptionSetValue>("adv_tier"));
                    if (next.HasValue ? next.Value.Date > today.AddDays(7) : !tier.HasValue) continue;
                    var open = new QueryExpression("task") { ColumnSet = new ColumnSet("activityid"), TopCount = 1 };
                    open.Criteria.AddCondition("regardingobjectid", ConditionOperator.Equal, account.Id);
                    open.Criteria.AddCondition("adv_kind", ConditionOperator.Equal, Choices.Option(AdvocacyTaskKind.ProactiveCheckIn).Value);
                    open.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
                    if (service.RetrieveMultiple(open).Entities.Count > 0) continue;
                    AdvocateRouting? routing = null;
                    var advocateRef = account.GetAttributeValue<EntityReference>("adv_advocateid");
                    if (advocateRef != null)
                    {
                        var advocate = service.Retrieve("adv_advocate", advocateRef.Id, new ColumnSet("adv_name", "adv_userid"));
                        routing = new AdvocateRouting(advocate.Id, advocate.GetAttributeValue<string>("adv_name"), advocate.GetAttributeValue<EntityReference>("adv_userid").Id);
                    }

                    var owner = account.GetAttributeValue<EntityReference>("ownerid");
                    var facts = new AccountFacts(account.Id, account.GetAttributeValue<string>("name"), tier, owner.Id);
                    if (writer.Ensure(planner.PlanProactiveCheckIn(facts, routing, next ?? today, today)).Created) created++;
                }

                if (!page.MoreRecords) break;
                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }

            return created;
        }

        private static readonly Advocacy.Plugins.Domain.Settings.AdvocacySettings AdvocacySettingsDefaults = Advocacy.Plugins.Domain.Settings.AdvocacySettings.Defaults();

        private sealed class NullTracing : ITracingService
        {
            public void Trace(string format, params object[] args)
            {
            }
        }
    }

    /// <summary>The sweep over 20,000 accounts: the product's sweep next to a naive per-account loop.</summary>
    [MemoryDiagnoser]
    [SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
    public class ProactiveSweepBenchmarks
    {
        private DataverseSandbox _sandbox = null!;

        [IterationSetup]
        public void Setup() => _sandbox = SweepData.NewWorld();

        [Benchmark(Baseline = true, Description = "Naive per-account sweep, 20,000 accounts")]
        public int Naive() => SweepData.Naive(_sandbox);

        [Benchmark(Description = "adv_RunProactiveSweep, 20,000 accounts")]
        public int Optimised() => SweepData.Optimised(_sandbox);
    }

    /// <summary>`--measure`: adv_RunProactiveSweep over 20,000 accounts.</summary>
    public sealed class ProactiveSweepMeasure : IQuickMeasure
    {
        private DataverseSandbox _sandbox = null!;

        public string Name => "follow-up: adv_RunProactiveSweep over 20,000 accounts";

        public void Setup() => _sandbox = SweepData.NewWorld();

        public string Run()
        {
            int created = SweepData.Optimised(_sandbox);
            return $"{created:N0} tasks, {_sandbox.Metrics.RoundTripCount():N0} round trips (" + string.Join("; ", _sandbox.Metrics.RoundTrips.Select(r => r.ToString())) + ")";
        }
    }

    /// <summary>`--measure`: the naive per-account sweep over the same 20,000 accounts.</summary>
    public sealed class NaiveSweepMeasure : IQuickMeasure
    {
        private DataverseSandbox _sandbox = null!;

        public string Name => "follow-up: naive per-account sweep over 20,000 accounts";

        public void Setup() => _sandbox = SweepData.NewWorld();

        public string Run()
        {
            int created = SweepData.Naive(_sandbox);
            return $"{created:N0} tasks, {_sandbox.Metrics.RoundTripCount():N0} round trips";
        }
    }
}
