using System;
using Advocacy.Sandbox;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Benchmarks.Sandbox
{
    /// <summary>The data set the sandbox benchmarks share: accounts spread over a few owners.</summary>
    internal static class SandboxData
    {
        public const int Rows = 100_000;
        public const int Owners = 20;

        public static DataverseSandbox NewSandbox()
        {
            var sandbox = new DataverseSandbox((string?)null)
            {
                // The platform refuses aggregates over more than 50,000 rows; the benchmark measures the engine.
                AggregateRecordLimit = int.MaxValue,
            };
            sandbox.Clock.UtcNow = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
            return sandbox;
        }

        public static Guid[] SeedOwners(DataverseSandbox sandbox)
        {
            var owners = new Guid[Owners];
            for (int i = 0; i < owners.Length; i++)
            {
                owners[i] = sandbox.SeedUser("Owner " + i);
            }
            return owners;
        }

        /// <summary>Creates the rows through the organization service (the full pipeline path), one call each.</summary>
        public static void CreateAccounts(DataverseSandbox sandbox, Guid[] owners, int rows = Rows)
        {
            var service = sandbox.Service;
            for (int i = 0; i < rows; i++)
            {
                service.Create(Account(i, owners));
            }
        }

        public static Entity Account(int i, Guid[] owners) => new("account")
        {
            ["name"] = "Account " + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
            ["revenue"] = new Money(i % 1000 * 1000m),
            ["numberofemployees"] = i % 500,
            ["ownerid"] = new EntityReference("systemuser", owners[i % owners.Length]),
        };
    }
}
