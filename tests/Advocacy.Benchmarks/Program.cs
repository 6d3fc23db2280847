using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Running;

namespace Advocacy.Benchmarks
{
    /// <summary>
    /// A figure that can be taken quickly, once, with a Stopwatch: BenchmarkDotNet's full run takes minutes,
    /// `--measure` takes seconds. Implement it (public, parameterless constructor) anywhere in this assembly
    /// and Program finds it; no change to Program is needed.
    /// </summary>
    public interface IQuickMeasure
    {
        /// <summary>Shown in the output and matched by the optional filter argument.</summary>
        string Name { get; }

        /// <summary>Prepares state outside the timed part (e.g. seeds rows).</summary>
        void Setup();

        /// <summary>The timed part; returns a short note (e.g. rows returned) for the output.</summary>
        string Run();
    }

    internal static class Program
    {
        // Usage:
        //   dotnet run -c Release --project tests/Advocacy.Benchmarks -- table [--quick] [--only creates]   (the whole table, goals beside)
        //   dotnet run -c Release --project tests/Advocacy.Benchmarks -- --measure [name-filter]
        //   dotnet run -c Release --project tests/Advocacy.Benchmarks -- --filter '*Sandbox*'   (BenchmarkDotNet)
        private static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "table")
            {
                int only = Array.IndexOf(args, "--only");
                return PerformanceTable.Run(args.Contains("--quick"), only > 0 && only + 1 < args.Length ? args[only + 1] : null);
            }
            if (args.Length > 0 && args[0] == "--measure")
            {
                return Measure(args.Length > 1 ? args[1] : null);
            }
            if (args.Length > 0 && args[0] == "--list")
            {
                foreach (var m in QuickMeasures(null))
                {
                    Console.WriteLine(m.Name);
                }
                return 0;
            }
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }

        private static int Measure(string? filter)
        {
            var measures = QuickMeasures(filter).ToList();
            if (measures.Count == 0)
            {
                Console.Error.WriteLine($"no quick measure matches '{filter}'");
                return 1;
            }
            for (var i = 0; i < measures.Count; i++)
            {
                var measure = measures[i];
                // Progress on stderr (the figures on stdout stay a clean table): which measure runs, and a line every
                // 5 s while one takes long (the naive sweep takes close to a minute).
                Console.Error.WriteLine($"[{i + 1}/{measures.Count}] {measure.Name} …");
                var started = Stopwatch.StartNew();
                using var heartbeat = new System.Threading.Timer(
                    _ => Console.Error.WriteLine($"      … still running {measure.Name} ({started.Elapsed.TotalSeconds:N0} s)"),
                    null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
                measure.Setup();
                var watch = Stopwatch.StartNew();
                string note = measure.Run();
                watch.Stop();
                heartbeat.Change(System.Threading.Timeout.Infinite, System.Threading.Timeout.Infinite);
                Console.WriteLine($"{measure.Name,-50} {watch.Elapsed.TotalMilliseconds,12:N1} ms  {note}");
            }
            return 0;
        }

        private static System.Collections.Generic.IEnumerable<IQuickMeasure> QuickMeasures(string? filter) =>
            typeof(Program).Assembly.GetTypes()
                .Where(t => typeof(IQuickMeasure).IsAssignableFrom(t) && t.IsClass && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) != null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (IQuickMeasure)Activator.CreateInstance(t)!)
                .Where(m => filter == null || m.Name.Contains(filter, StringComparison.OrdinalIgnoreCase));
    }
}
