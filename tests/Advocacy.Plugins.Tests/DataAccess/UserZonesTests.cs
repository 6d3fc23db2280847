using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.Time;
using Advocacy.Plugins.Tests.Scenarios.Assignment;
using Advocacy.Sandbox;
using Advocacy.Sandbox.Regional;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.DataAccess
{
    /// <summary>Users' zones from usersettings and timezonedefinition: one query for many users, UTC (traced) when unknown.</summary>
    [TestClass]
    public sealed class UserZonesTests
    {
        [TestMethod]
        public void Several_users_zones_are_read_in_one_query_and_a_team_or_an_unknown_code_counts_in_utc_with_a_trace()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var kiwi = sandbox.SeedUser("Aroha");
            var angelena = sandbox.SeedUser("Lee");
            var odd = sandbox.SeedUser("Odd");
            sandbox.Regional.SetUserSettings(kiwi, timeZoneCode: TimeZoneCatalog.Auckland);
            sandbox.Regional.SetUserSettings(angelena, timeZoneCode: TimeZoneCatalog.Pacific);
            sandbox.Regional.SetUserSettings(odd, timeZoneCode: 12345);
            var tracer = new ListTracer();
            var zones = new UserZones(sandbox.Service, tracer);
            long before = sandbox.Metrics.RoundTrips.Sum(r => r.Count);

            zones.Load(new[] { kiwi, angelena, odd });
            var noon = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

            Assert.AreEqual(1, sandbox.Metrics.RoundTrips.Sum(r => r.Count) - before, "one query for three users");
            Assert.AreEqual(new DateTime(2026, 3, 11, 1, 0, 0), zones.Of(kiwi).ToLocal(noon));
            Assert.AreEqual(new DateTime(2026, 3, 10, 5, 0, 0), zones.Of(angelena).ToLocal(noon));
            Assert.AreSame(UserZones.Fallback, zones.Of(odd));
            Assert.AreSame(UserZones.Fallback, zones.Of(Guid.NewGuid(), isTeam: true));
            Assert.AreEqual(1, sandbox.Metrics.RoundTrips.Sum(r => r.Count) - before, "cached: no second query");
            Assert.IsTrue(tracer.Lines.Any(l => l.Contains("time zone code 12345", StringComparison.Ordinal)), string.Join("\n", tracer.Lines));
            Assert.IsTrue(tracer.Lines.Any(l => l.Contains("team", StringComparison.Ordinal) && l.Contains("UTC", StringComparison.Ordinal)));
        }

        [TestMethod]
        public void The_due_instant_is_noon_of_the_due_date_in_the_owners_zone_and_overdue_starts_at_the_owners_midnight()
        {
            var honolulu = new ZoneRules(TimeZoneInfo.FindSystemTimeZoneById("Hawaiian Standard Time"));
            var due = LocalDays.DueInstant(honolulu, new DateTime(2026, 3, 10));

            Assert.AreEqual(new DateTime(2026, 3, 10, 22, 0, 0, DateTimeKind.Utc), due);
            Assert.IsFalse(LocalDays.IsOverdue(due, new DateTime(2026, 3, 11, 9, 59, 59, DateTimeKind.Utc)), "23:59:59 on the due day in Honolulu");
            Assert.IsTrue(LocalDays.IsOverdue(due, new DateTime(2026, 3, 11, 10, 0, 1, DateTimeKind.Utc)), "the next day in Honolulu");
        }
    }
}
