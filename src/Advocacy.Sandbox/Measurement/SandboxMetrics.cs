using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Advocacy.Sandbox
{
    /// <summary>Round trips of one kind: who called (test code or a step name), which message, which table.</summary>
    public sealed class RoundTripCount
    {
        internal long CountValue;
        internal long Ticks;

        internal RoundTripCount(string caller, string message, string? table)
        {
            Caller = caller;
            Message = message;
            Table = table;
        }

        public string Caller { get; }
        public string Message { get; }
        public string? Table { get; }
        public long Count => Interlocked.Read(ref CountValue);
        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref Ticks));

        public override string ToString() => $"{Caller}: {Message} {Table} ×{Count} ({Elapsed.TotalMilliseconds:0.###} ms)";
    }

    /// <summary>
    /// What the sandbox's users did and what it cost: round trips split by caller, rows read and written,
    /// time. Counters, not a log, so a 100,000-row benchmark does not keep 100,000 records.
    /// </summary>
    public sealed class SandboxMetrics
    {
        /// <summary>The caller name used for calls made by test (or demo) code rather than a plug-in step.</summary>
        public const string TestCaller = "test";

        private readonly ConcurrentDictionary<(string, string, string?), RoundTripCount> _roundTrips = new();
        private long _rowsRead;
        private long _rowsWritten;
        private long _operations;

        public IReadOnlyList<RoundTripCount> RoundTrips => _roundTrips.Values.OrderBy(r => r.Caller).ThenBy(r => r.Message).ThenBy(r => r.Table).ToList();

        public long RowsRead => Interlocked.Read(ref _rowsRead);
        public long RowsWritten => Interlocked.Read(ref _rowsWritten);

        /// <summary>Operations run (outer and nested, including each item of an ExecuteMultiple).</summary>
        public long Operations => Interlocked.Read(ref _operations);

        /// <summary>Round trips matching every filter given (null = any).</summary>
        public long RoundTripCount(string? caller = null, string? message = null, string? table = null) =>
            _roundTrips.Values.Where(r =>
                    (caller == null || r.Caller == caller) &&
                    (message == null || string.Equals(r.Message, message, StringComparison.OrdinalIgnoreCase)) &&
                    (table == null || string.Equals(r.Table, table, StringComparison.OrdinalIgnoreCase)))
                .Sum(r => r.Count);

        public void Reset()
        {
            _roundTrips.Clear();
            Interlocked.Exchange(ref _rowsRead, 0);
            Interlocked.Exchange(ref _rowsWritten, 0);
            Interlocked.Exchange(ref _operations, 0);
        }

        internal void RoundTrip(string caller, string message, string? table, TimeSpan elapsed)
        {
            var entry = _roundTrips.GetOrAdd((caller, message, table), k => new RoundTripCount(k.Item1, k.Item2, k.Item3));
            Interlocked.Increment(ref entry.CountValue);
            Interlocked.Add(ref entry.Ticks, elapsed.Ticks);
        }

        internal void Read(long rows) => Interlocked.Add(ref _rowsRead, rows);

        internal void Written(long rows) => Interlocked.Add(ref _rowsWritten, rows);

        internal void Operation() => Interlocked.Increment(ref _operations);

        public override string ToString() =>
            $"{RoundTripCount()} round trips, {Operations} operations, {RowsRead} rows read, {RowsWritten} rows written";
    }
}
