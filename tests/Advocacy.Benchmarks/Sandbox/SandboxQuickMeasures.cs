using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Benchmarks.Sandbox
{
    /// <summary>`--measure`: create 100,000 accounts through the service, once.</summary>
    public sealed class SandboxCreateMeasure : IQuickMeasure
    {
        private DataverseSandbox _sandbox = null!;
        private Guid[] _owners = Array.Empty<Guid>();

        public string Name => "sandbox: create 100,000 accounts";

        public void Setup()
        {
            _sandbox = SandboxData.NewSandbox();
            _owners = SandboxData.SeedOwners(_sandbox);
        }

        public string Run()
        {
            SandboxData.CreateAccounts(_sandbox, _owners);
            return $"{_sandbox.Count("account"):N0} rows, {_sandbox.Metrics.RoundTripCount():N0} round trips";
        }
    }

    /// <summary>Shared seeded data for the query measures (seeded once per process).</summary>
    internal static class SeededSandbox
    {
        private static readonly Lazy<DataverseSandbox> Instance = new(() =>
        {
            var sandbox = SandboxData.NewSandbox();
            var owners = SandboxData.SeedOwners(sandbox);
            sandbox.Seed(Enumerable.Range(0, SandboxData.Rows).Select(i => SandboxData.Account(i, owners)).ToArray());
            return sandbox;
        });

        public static DataverseSandbox Value => Instance.Value;
    }

    /// <summary>`--measure`: a filtered, ordered query over 100,000 accounts.</summary>
    public sealed class SandboxFilteredQueryMeasure : IQuickMeasure
    {
        public string Name => "sandbox: filtered ordered query over 100,000";

        public void Setup() => _ = SeededSandbox.Value;

        public string Run()
        {
            var rows = SandboxQueries.FilteredOrdered(SeededSandbox.Value.Service);
            return $"{rows.Entities.Count} rows returned, first {rows.Entities.FirstOrDefault()?.GetAttributeValue<string>("name")}";
        }
    }

    /// <summary>`--measure`: FetchXML count grouped by owner over 100,000 accounts.</summary>
    public sealed class SandboxCountByOwnerMeasure : IQuickMeasure
    {
        public string Name => "sandbox: count by owner (FetchXML) over 100,000";

        public void Setup() => _ = SeededSandbox.Value;

        public string Run()
        {
            var rows = SandboxQueries.CountByOwner(SeededSandbox.Value.Service);
            long total = rows.Entities.Sum(e => Convert.ToInt64(((AliasedValue)e["n"]).Value, System.Globalization.CultureInfo.InvariantCulture));
            return $"{rows.Entities.Count} groups, {total:N0} rows counted";
        }
    }
}
