using System;
using System.Linq;
using Advocacy.Sandbox;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Benchmarks.Sandbox
{
    /// <summary>Writing 100,000 rows through the sandbox's organization service (validation, defaults, locks, commit).</summary>
    [MemoryDiagnoser]
    [SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
    public class SandboxCreateBenchmark
    {
        private Guid[] _owners = Array.Empty<Guid>();
        private DataverseSandbox _sandbox = null!;

        [IterationSetup]
        public void Setup()
        {
            _sandbox = SandboxData.NewSandbox();
            _owners = SandboxData.SeedOwners(_sandbox);
        }

        [Benchmark(Description = "Create 100,000 accounts")]
        public int Create100k()
        {
            SandboxData.CreateAccounts(_sandbox, _owners);
            return _sandbox.Count("account");
        }
    }

    /// <summary>Queries over 100,000 seeded accounts.</summary>
    [MemoryDiagnoser]
    public class SandboxQueryBenchmarks
    {
        private DataverseSandbox _sandbox = null!;

        [GlobalSetup]
        public void Setup()
        {
            _sandbox = SandboxData.NewSandbox();
            var owners = SandboxData.SeedOwners(_sandbox);
            _sandbox.Seed(Enumerable.Range(0, SandboxData.Rows).Select(i => SandboxData.Account(i, owners)).ToArray());
        }

        [Benchmark(Description = "Filtered, ordered query (top 50)")]
        public int FilteredOrdered() => SandboxQueries.FilteredOrdered(_sandbox.Service).Entities.Count;

        [Benchmark(Description = "FetchXML count grouped by owner")]
        public int CountByOwner() => SandboxQueries.CountByOwner(_sandbox.Service).Entities.Count;
    }

    internal static class SandboxQueries
    {
        /// <summary>Active accounts with revenue of at least 500,000 and 100+ employees, by name, first 50.</summary>
        public static EntityCollection FilteredOrdered(IOrganizationService service)
        {
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name", "revenue", "ownerid"), TopCount = 50 };
            query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
            query.Criteria.AddCondition("revenue", ConditionOperator.GreaterEqual, 500000m);
            query.Criteria.AddCondition("numberofemployees", ConditionOperator.GreaterEqual, 100);
            query.AddOrder("name", OrderType.Descending);
            return service.RetrieveMultiple(query);
        }

        public static EntityCollection CountByOwner(IOrganizationService service) =>
            service.RetrieveMultiple(new FetchExpression(
                "<fetch aggregate='true'><entity name='account'>" +
                "<attribute name='accountid' alias='n' aggregate='count' />" +
                "<attribute name='ownerid' alias='owner' groupby='true' />" +
                "</entity></fetch>"));
    }
}
