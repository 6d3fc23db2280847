using System;
using System.Collections.Generic;
using System.Data.SqlTypes;
using System.Diagnostics;
using System.Threading;
using System.Globalization;
using System.Linq;
using Advocacy.Benchmarks.Assignment;
using Advocacy.Benchmarks.Sandbox;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.Impact;
using Advocacy.Sandbox;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Benchmarks
{
    /// <summary>
    /// `-- table [--quick]`: the product's whole performance table, each figure beside its goal and whether it is met.
    /// Pure code is timed with short Stopwatch loops after warm-up (BenchmarkDotNet's full runs take minutes; its
    /// classes remain for `--filter`). Sandbox figures come from the measured harness: creates are one timed run after a
    /// full-size warm-up run, queries the median of five after a warm-up call, plus load-independent counts (bytes allocated, rows visited) where they exist.
    /// Progress goes to stderr, the table to stdout.
    /// </summary>
    internal static class PerformanceTable
    {
        private sealed record Row(string Measure, string Figure, string Goal, bool? Met, string Note);

        private static readonly CultureInfo En = CultureInfo.InvariantCulture;

        public static int Run(bool quick, string? only = null)
        {
            var total = Stopwatch.StartNew();
            var rows = new List<Row>();
            int bigRows = quick ? 100_000 : 1_000_000;
            var steps = new (string Name, Func<IEnumerable<Row>> Measure)[]
            {
                ("impact scoring", Scoring),
                ("advocate selection", Selection),
                ("sandbox creates", Creates),
                ("sandbox updates", Updates),
                ("sandbox retrieves", Retrieves),
                ("sandbox filtered ordered query", FilteredOrdered),
                ("sandbox count by owner", CountByOwner),
                ("sandbox in / or with 10,000 values", InConditions),
                ($"sandbox {bigRows:N0} rows: bytes per row and cookie paging", () => BigTable(bigRows)),
            };
            if (only != null)
            {
                steps = steps.Where(s => s.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToArray();
            }
            for (var i = 0; i < steps.Length; i++)
            {
                Console.Error.WriteLine($"[{i + 1}/{steps.Length}] {steps[i].Name} … ({total.Elapsed.TotalSeconds:N0} s so far)");
                rows.AddRange(steps[i].Measure());
            }

            Console.WriteLine($"Performance table ({(quick ? "--quick: smaller sizes, goals apply to the full sizes" : "full sizes")}; " +
                              $"{Environment.ProcessorCount} cores, {Environment.Version}; times are one run on a possibly shared machine, counts are load-independent)");
            Console.WriteLine();
            Console.WriteLine("| measure | figure | goal | met | note |");
            Console.WriteLine("|---|---:|---|---|---|");
            foreach (var r in rows)
                Console.WriteLine($"| {r.Measure} | {r.Figure} | {r.Goal} | {(r.Met == null ? "n/a" : r.Met.Value ? "yes" : "NO")} | {r.Note} |");
            var judged = rows.Where(r => r.Met != null).ToList();
            Console.WriteLine();
            Console.WriteLine($"{judged.Count(r => r.Met == true)} of {judged.Count} goals met ({total.Elapsed.TotalSeconds:N0} s).");
            return 0;
        }

        // ------------------------------------------------------------------------------------------------- pure code

        private static IEnumerable<Row> Scoring()
        {
            var now = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
            var facts = Enumerable.Range(0, 64).Select(i => new InconvenienceFacts
            {
                Kind = InconvenienceKind.LateDelivery,
                PromisedOn = now.AddDays(-(i % 30)),
                ResolvedOn = i % 3 == 0 ? null : now.AddDays(-(i % 7)),
                OrderValue = 1000m * i,
                ReportedLoss = i % 5 == 0 ? 250m * i : null,
                BusinessCritical = i % 2 == 0,
                Tier = (CustomerTier)(i % 3),
                OtherRecentCount = i % 4,
            }).ToArray();
            var (perSecond, low, high) = MedianOfThree(() => Loop(TimeSpan.FromSeconds(1), n => { for (var i = 0; i < n; i++) ImpactScorer.Assess(facts[i & 63], now); }).PerSecond);
            yield return new Row("impact scoring (ImpactScorer.Assess with its explanation), one thread",
                $"{perSecond:N0} /s", "≥ 100,000 /s per core (proposed here; no goal was set before)", perSecond >= 100_000,
                $"Stopwatch loop, median of three 1 s rounds after warm-up (rounds {low:N0}–{high:N0} /s)");
        }

        private static IEnumerable<Row> Selection()
        {
            var pool = AssignmentData.Pool(10_000);
            var request = AssignmentData.Request();
            var (perSecond, low, high) = MedianOfThree(() => Loop(TimeSpan.FromSeconds(1), n => { for (var i = 0; i < n; i++) AdvocateSelection.Choose(request, pool); }).PerSecond);
            var micros = 1e6 / perSecond;
            yield return new Row("advocate selection among 10,000 candidates (AdvocateSelection.Choose)",
                $"{micros:N0} µs", "≤ 1 ms (README, assignment)", micros <= 1000,
                $"Stopwatch loop, median of three 1 s rounds after warm-up (rounds {1e6 / high:N0}–{1e6 / low:N0} µs)");
        }

        /// <summary>
        /// The median and range of three measures. One 1-second round after the short warm-up was often still running
        /// the runtime's instrumented (profiling) code: scoring measured 91,000–100,000 a second in a first round and
        /// 230,000–266,000 in the next two, the code unchanged — a single round reported the warm-up, not the code.
        /// </summary>
        private static (double Median, double Low, double High) MedianOfThree(Func<double> measure)
        {
            var rounds = new[] { measure(), measure(), measure() };
            Array.Sort(rounds);
            return (rounds[1], rounds[0], rounds[2]);
        }

        /// <summary>Calls the body with growing counts until it runs for the given time; returns calls per second.</summary>
        private static (double PerSecond, long Calls) Loop(TimeSpan target, Action<int> body)
        {
            body(100); // warm-up (JIT, tiering)
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromMilliseconds(200)) body(100);
            long calls = 0;
            var n = 100;
            watch.Restart();
            while (watch.Elapsed < target)
            {
                body(n);
                calls += n;
                if (n < 100_000) n *= 2;
            }
            return (calls / watch.Elapsed.TotalSeconds, calls);
        }

        // ---------------------------------------------------------------------------------------------------- sandbox

        private static IEnumerable<Row> Creates()
        {
            // A full-size warm-up run in another sandbox, then one timed run of 100,000 (each a Create round trip with
            // schema checks). A small warm-up left the timed run mostly in unoptimized code: the runtime promotes a method
            // to optimized code only after it has been called for a while, and the heap sizes its generations on the way.
            WarmUp();
            var sandbox = SandboxData.NewSandbox();
            var owners = SandboxData.SeedOwners(sandbox);
            Collect();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var pausedBefore = GC.GetTotalPauseDuration();
            var collections = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
            var watch = Stopwatch.StartNew();
            SandboxData.CreateAccounts(sandbox, owners);
            watch.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
            var ms = watch.Elapsed.TotalMilliseconds;
            // The collector's pauses follow the bytes allocated (the number of collections), far more than the rows kept:
            // keeping 100,000 caller-built Entities alone costs one collection.
            yield return new Row("create 100,000 accounts through the service (one round trip each, schema checks)",
                $"{ms:N0} ms", $"≤ {CreateGoalMs} ms (10× FakeXrmEasy v1's {FakeXrmEasyCreateMs:N0} ms)", ms <= CreateGoalMs,
                $"{allocated / (double)SandboxData.Rows:N0} bytes allocated per create; garbage collection paused {paused:N0} ms of it " +
                $"(collections of generation 0/1/2: {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]})");

            // The floors under a row store and a column store, timed the same way (a full-size warm-up, then one run): see CreateFloor.
            var floorOwners = SandboxData.SeedOwners(SandboxData.NewSandbox());
            foreach (var (design, run) in new (string, Func<Guid[], int, int>)[] { ("row store", CreateFloor.Run), ("column store", CreateFloor.RunColumnar) })
            {
                run(floorOwners, SandboxData.Rows);
                Collect();
                before = GC.GetAllocatedBytesForCurrentThread();
                pausedBefore = GC.GetTotalPauseDuration();
                watch.Restart();
                run(floorOwners, SandboxData.Rows);
                watch.Stop();
                var floorMs = watch.Elapsed.TotalMilliseconds;
                yield return new Row($"floor of a {design}: the least it does for the same 100,000 creates (CreateFloor: no pipeline, no checks but column names and the owner)",
                    $"{floorMs:N0} ms", floorMs > CreateGoalMs
                        ? $"n/a; above the create goal's {CreateGoalMs} ms: no {design} can meet that goal on this machine"
                        : $"n/a; below the create goal's {CreateGoalMs} ms: a {design} whose pipeline adds at most {(CreateGoalMs - floorMs) * 1000 / SandboxData.Rows:N1} µs a create could meet it", null,
                    $"{(GC.GetAllocatedBytesForCurrentThread() - before) / (double)SandboxData.Rows:N0} bytes allocated per create (the caller's Entity included); " +
                    $"garbage collection paused {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:N0} ms of it; FakeXrmEasy v1's {FakeXrmEasyCreateMs:N0} ms " +
                    $"is {FakeXrmEasyCreateMs / floorMs:N1}× this floor; ours is {ms / floorMs:N1}× it");
            }

            static void WarmUp()
            {
                var warm = SandboxData.NewSandbox();
                SandboxData.CreateAccounts(warm, SandboxData.SeedOwners(warm));
            }
        }

        /// <summary>
        /// One column changed on each of 100,000 seeded accounts, one Update round trip each (no goal was set; shown so a
        /// change to the write path shows here too). A full-size warm-up in another sandbox first, as for creates.
        /// </summary>
        private static IEnumerable<Row> Updates()
        {
            UpdateAll(SeedAccounts(out var warmIds), warmIds);
            var sandbox = SeedAccounts(out var ids);
            Collect();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var pausedBefore = GC.GetTotalPauseDuration();
            var watch = Stopwatch.StartNew();
            UpdateAll(sandbox, ids);
            watch.Stop();
            yield return new Row("update one column of each of 100,000 accounts through the service (one round trip each, schema checks)",
                $"{watch.Elapsed.TotalMilliseconds:N0} ms", "none set (shown for the write path)", null,
                $"{(GC.GetAllocatedBytesForCurrentThread() - before) / (double)SandboxData.Rows:N0} bytes allocated per update; " +
                $"garbage collection paused {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:N0} ms of it");

            static DataverseSandbox SeedAccounts(out Guid[] ids)
            {
                var sandbox = SandboxData.NewSandbox();
                var owners = SandboxData.SeedOwners(sandbox);
                var rows = Enumerable.Range(0, SandboxData.Rows).Select(i => SandboxData.Account(i, owners)).ToArray();
                sandbox.Seed(rows);
                ids = rows.Select(r => r.Id).ToArray();
                return sandbox;
            }

            static void UpdateAll(DataverseSandbox sandbox, Guid[] ids)
            {
                var service = sandbox.Service;
                for (int i = 0; i < ids.Length; i++)
                {
                    service.Update(new Entity("account", ids[i]) { ["name"] = "Changed " + i.ToString(En) });
                }
            }

        }

        /// <summary>Three columns of each of 100,000 seeded accounts, one Retrieve round trip each (no goal set; shown for the read path).</summary>
        private static IEnumerable<Row> Retrieves()
        {
            var service = Seeded100k().Service;
            var ids = service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet(false), TopCount = 5_000 }).Entities.Select(e => e.Id).ToArray();
            var columns = new ColumnSet("name", "revenue", "ownerid");
            void RetrieveAll()
            {
                for (int i = 0; i < SandboxData.Rows; i++)
                {
                    service.Retrieve("account", ids[i % ids.Length], columns);
                }
            }
            RetrieveAll();
            Collect();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var pausedBefore = GC.GetTotalPauseDuration();
            var watch = Stopwatch.StartNew();
            RetrieveAll();
            watch.Stop();
            yield return new Row("retrieve three columns of an account 100,000 times through the service (one round trip each; 5,000 accounts of the 100,000 in turn)",
                $"{watch.Elapsed.TotalMilliseconds:N0} ms", "none set (shown for the read path)", null,
                $"{(GC.GetAllocatedBytesForCurrentThread() - before) / (double)SandboxData.Rows:N0} bytes allocated per retrieve (the owner's name included); " +
                $"garbage collection paused {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:N0} ms of it");
        }

        private static DataverseSandbox? _seeded;

        private static DataverseSandbox Seeded100k()
        {
            if (_seeded != null) return _seeded;
            _seeded = SandboxData.NewSandbox();
            var owners = SandboxData.SeedOwners(_seeded);
            _seeded.Seed(Enumerable.Range(0, SandboxData.Rows).Select(i => SandboxData.Account(i, owners)).ToArray());
            return _seeded;
        }

        /// <summary>
        /// Times five calls once the code is warm; returns the median ms (a shared machine's load spikes hit single
        /// runs) and the bytes one call allocates. Warm means 40 calls (at least three when they take over 3 s) and a
        /// pause: .NET compiles a method quickly first and optimizes it on a background thread after about 30 calls, and a
        /// single warm-up call used to time the query during that recompilation — the same query took 33 ms or 62–83 ms
        /// depending on where the five calls fell, and 28–43 ms once optimized (1 December 2026, sixth session).
        /// </summary>
        private static (double Ms, long Bytes, T Result) Once<T>(Func<T> call)
        {
            var warming = Stopwatch.StartNew();
            for (int calls = 0; calls < 3 || (calls < 40 && warming.Elapsed < TimeSpan.FromSeconds(3)); calls++)
            {
                call();
            }
            Thread.Sleep(300); // the background compiler finishes what the calls queued
            var times = new List<double>();
            long bytes = 0;
            T result = default!;
            for (var i = 0; i < 5; i++)
            {
                Collect();
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                result = call();
                watch.Stop();
                bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            return (times[2], bytes, result);
        }

        private static IEnumerable<Row> FilteredOrdered()
        {
            var service = Seeded100k().Service;
            var (ms, bytes, result) = Once(() =>
            {
                var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name", "revenue", "ownerid"), TopCount = 5000 };
                query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
                query.Criteria.AddCondition("revenue", ConditionOperator.GreaterEqual, 500000m);
                query.Criteria.AddCondition("numberofemployees", ConditionOperator.GreaterEqual, 100);
                query.AddOrder("name", OrderType.Descending);
                return service.RetrieveMultiple(query);
            });
            yield return new Row("filtered, ordered top-5,000 query over 100,000 accounts",
                $"{ms:N0} ms", $"≤ {FilteredGoalMs} ms (≥ 20× FakeXrmEasy v1: 11/20 of the old engine's 98 ms)", ms <= FilteredGoalMs,
                $"{result.Entities.Count:N0} rows; {bytes / 1e6:N1} MB allocated");
        }

        /// <summary>
        /// The issue measured ours at 11–14× FakeXrmEasy v1 (the query) and 13–28× (count by owner). The engine before
        /// this table existed took 98 ms and 89 ms here (median of five, `table --quick` run back to back with the new one):
        /// 20× FakeXrmEasy therefore means at most 11/20 and 13/20 of those (the stricter end of each range).
        /// </summary>
        private const int FilteredGoalMs = 98 * 11 / 20;

        /// <summary>
        /// FakeXrmEasy v1 creating 100,000 accounts after a full-size warm-up: the median of five rounds of the side-by-side
        /// comparison (README, "Ours vs FakeXrmEasy v1", 1 December 2026). Its 2,034 ms in the issue came from a run with a
        /// 10,000-row warm-up.
        /// </summary>
        private const int FakeXrmEasyCreateMs = 1_857;

        private const int CreateGoalMs = FakeXrmEasyCreateMs / 10;

        private const int CountGoalMs = 89 * 13 / 20;

        private static IEnumerable<Row> CountByOwner()
        {
            var service = Seeded100k().Service;
            var (ms, bytes, result) = Once(() => SandboxQueries.CountByOwner(service));
            yield return new Row("FetchXML count grouped by owner over 100,000 accounts (20 groups)",
                $"{ms:N0} ms", $"≤ {CountGoalMs} ms (≥ 20× FakeXrmEasy v1: 13/20 of the old engine's 89 ms)", ms <= CountGoalMs,
                $"{result.Entities.Count} groups; {bytes / 1e6:N1} MB allocated");
        }

        private static IEnumerable<Row> InConditions()
        {
            var sandbox = SandboxData.NewSandbox();
            var owners = SandboxData.SeedOwners(sandbox);
            var accounts = Enumerable.Range(0, 12_000).Select(i =>
            {
                var e = SandboxData.Account(i, owners);
                e.Id = Guid.NewGuid();
                return e;
            }).ToArray();
            sandbox.Seed(accounts);
            var wanted = accounts.Where((_, i) => i % 2 == 0).Take(10_000).Select(a => (object)a.Id).ToArray();

            var (inMs, _, inResult) = Once(() =>
            {
                var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
                query.Criteria.AddCondition("accountid", ConditionOperator.In, wanted);
                return sandbox.Service.RetrieveMultiple(query);
            });
            yield return new Row("`in` condition with 10,000 values over 12,000 rows",
                $"{inMs:N0} ms", "≤ 50 ms", inMs <= 50, $"{inResult.Entities.Count:N0} rows (one 5,000-row page)");

            var (orMs, _, orResult) = Once(() =>
            {
                var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
                var or = new FilterExpression(LogicalOperator.Or);
                foreach (var id in wanted) or.AddCondition("accountid", ConditionOperator.Equal, id);
                query.Criteria.AddFilter(or);
                return sandbox.Service.RetrieveMultiple(query);
            });
            yield return new Row("10,000 OR'ed equal conditions over 12,000 rows (the issue's measure)",
                $"{orMs:N0} ms", "≤ 50 ms (as `in`)", orMs <= 50, $"{orResult.Entities.Count:N0} rows (one 5,000-row page)");
        }

        private static IEnumerable<Row> BigTable(int count)
        {
            var sandbox = SandboxData.NewSandbox();
            var owners = SandboxData.SeedOwners(sandbox);
            var ids = new Guid[count];
            var before = Heap();
            const int batch = 50_000;
            for (var start = 0; start < count; start += batch)
            {
                var rows = new Entity[Math.Min(batch, count - start)];
                for (var i = 0; i < rows.Length; i++)
                {
                    rows[i] = SandboxData.Account(start + i, owners);
                    rows[i].Id = ids[start + i] = Guid.NewGuid();
                }
                sandbox.Seed(rows);
                Console.Error.WriteLine($"      … seeded {start + rows.Length:N0}");
            }
            var after = Heap();
            var perRow = (after - before) / (double)count;
            yield return new Row($"managed heap per account row at {count:N0} rows",
                $"{perRow:N0} bytes", "≤ 400 bytes at 1,000,000 rows", perRow <= 400,
                "GC.GetTotalMemory(true) after seeding minus before; rows with name, revenue, employees, owner and the platform's columns");

            // Paging: page 1, then pages 2–4 with the cookie; and one page near the end from a cookie naming a row
            // 5,000 rows before the end in the platform's uniqueidentifier order.
            var service = sandbox.Service;
            QueryExpression Page(int number, string? cookie) => new("account")
            {
                ColumnSet = new ColumnSet("name"),
                PageInfo = new PagingInfo { Count = 5000, PageNumber = number, PagingCookie = cookie },
            };
            var first = service.RetrieveMultiple(Page(1, null));
            var cookie = first.PagingCookie;
            var timings = new List<double>();
            for (var p = 2; p <= 4; p++)
            {
                var watch = Stopwatch.StartNew();
                var page = service.RetrieveMultiple(Page(p, cookie));
                timings.Add(watch.Elapsed.TotalMilliseconds);
                cookie = page.PagingCookie;
                Console.Error.WriteLine($"      … page {p}: {watch.Elapsed.TotalMilliseconds:N0} ms");
            }
            var sorted = ids.OrderBy(g => new SqlGuid(g)).ToArray();
            var lateId = sorted[count - 5001];
            var lateCookie = $"<cookie page=\"{count / 5000 - 1}\"><accountid last=\"{lateId.ToString("B").ToUpperInvariant()}\" first=\"{sorted[count - 10000].ToString("B").ToUpperInvariant()}\" /></cookie>";
            var lateWatch = Stopwatch.StartNew();
            var last = service.RetrieveMultiple(Page(count / 5000, lateCookie));
            lateWatch.Stop();
            var mean = timings.Average();
            var worst = Math.Max(timings.Max(), lateWatch.Elapsed.TotalMilliseconds);
            yield return new Row($"cookie page of 5,000 at {count:N0} rows",
                $"{mean:N0} ms (pages 2–4), {lateWatch.Elapsed.TotalMilliseconds:N0} ms (last page)", "≤ 50 ms per page, constant", worst <= 50,
                $"last page: {last.Entities.Count:N0} rows, more = {last.MoreRecords}");
        }

        private static long Heap()
        {
            Collect();
            return GC.GetTotalMemory(true);
        }

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
    }
}
