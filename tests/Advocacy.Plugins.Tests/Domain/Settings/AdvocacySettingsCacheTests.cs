using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Settings
{
    // The cache is process-wide; flooding it from a parallel test would make "same instance" checks flaky.
    [TestClass]
    [DoNotParallelize]
    public sealed class AdvocacySettingsCacheTests
    {
        [TestMethod]
        public void Same_value_gives_the_same_instance()
        {
            var json = "{\"sweep\": {\"pageSize\": 1234}}";
            var first = AdvocacySettingsCache.Get(json);
            Assert.AreSame(first, AdvocacySettingsCache.Get(new string(json.ToCharArray())));
            Assert.AreEqual(1234, first.Sweep.PageSize);
        }

        [TestMethod]
        public void Different_values_give_different_settings()
        {
            var a = AdvocacySettingsCache.Get("{\"sweep\": {\"pageSize\": 11}}");
            var b = AdvocacySettingsCache.Get("{\"sweep\": {\"pageSize\": 12}}");
            Assert.AreNotSame(a, b);
            Assert.AreEqual(12, b.Sweep.PageSize);
        }

        [TestMethod]
        public void Missing_values_share_the_defaults()
        {
            var none = AdvocacySettingsCache.Get(null);
            Assert.AreSame(none, AdvocacySettingsCache.Get(""));
            Assert.AreSame(none, AdvocacySettingsCache.Get("  "));
            Assert.AreEqual(35, none.Scoring.DelayMaxPoints);
        }

        [TestMethod]
        public void Invalid_values_throw_every_time()
        {
            Assert.ThrowsExactly<AdvocacySettingsException>(() => AdvocacySettingsCache.Get("{\"nope\": 1}"));
            Assert.ThrowsExactly<AdvocacySettingsException>(() => AdvocacySettingsCache.Get("{\"nope\": 1}"));
        }

        [TestMethod]
        public void Changing_values_cannot_grow_the_cache_without_limit()
        {
            for (var i = 1; i <= 100; i++)
            {
                AdvocacySettingsCache.Get("{\"sweep\": {\"batchSize\": " + i + "}}");
                Assert.IsTrue(AdvocacySettingsCache.Count <= AdvocacySettingsCache.MaxEntries);
            }
        }

        [TestMethod]
        public void Concurrent_readers_share_one_instance_per_value()
        {
            var values = Enumerable.Range(1, 4).Select(i => "{\"index\": {\"windowDays\": " + (100 + i) + "}}").ToArray();
            // Two warm-up passes: other tests leave entries behind, and the first pass may hit the eviction.
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var json in values)
                {
                    AdvocacySettingsCache.Get(json);
                }
            }

            var seen = new ConcurrentDictionary<string, ConcurrentBag<AdvocacySettings>>();
            Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                var json = values[i % values.Length];
                seen.GetOrAdd(json, _ => new ConcurrentBag<AdvocacySettings>()).Add(AdvocacySettingsCache.Get(json));
            });

            foreach (var json in values)
            {
                var instances = seen[json].Distinct().ToList();
                Assert.AreEqual(1, instances.Count, json);
                Assert.AreEqual(int.Parse(json.Substring(json.Length - 5, 3)), instances[0].Index.WindowDays);
            }
        }
    }
}
