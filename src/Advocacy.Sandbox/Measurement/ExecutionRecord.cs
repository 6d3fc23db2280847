using System;
using System.Collections.Generic;
using System.Threading;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// One execution of one step: what a test or benchmark reads to check traces, cost (round trips issued
    /// by this step) and time. Filled while the step runs; complete once <see cref="Duration"/> is set.
    /// </summary>
    public sealed class ExecutionRecord
    {
        private readonly List<string> _traces = new();
        private int _roundTrips;

        internal ExecutionRecord(PipelineStep step, string message, string? entity, Guid entityId, int depth, Guid userId, Guid initiatingUserId)
        {
            Step = step;
            Message = message;
            Entity = entity;
            EntityId = entityId;
            Depth = depth;
            UserId = userId;
            InitiatingUserId = initiatingUserId;
        }

        public PipelineStep Step { get; }
        public string StepName => Step.Name;
        public PipelineStage Stage => Step.Stage;
        public bool IsAsync => Step.IsAsync;
        public string Message { get; }
        public string? Entity { get; }
        public Guid EntityId { get; }
        public int Depth { get; }
        public Guid UserId { get; }
        public Guid InitiatingUserId { get; }

        /// <summary>Calls this step made into IOrganizationService (ExecuteMultiple counts once).</summary>
        public int RoundTrips => Volatile.Read(ref _roundTrips);

        public TimeSpan Duration { get; internal set; }

        /// <summary>The exception the step threw, if any (the operation then failed).</summary>
        public Exception? Error { get; internal set; }

        public IReadOnlyList<string> Traces
        {
            get
            {
                lock (_traces)
                {
                    return _traces.ToArray();
                }
            }
        }

        /// <summary>Every line the step traced, in order (the sandbox keeps them all; see <see cref="TraceLog"/> for what Dataverse keeps).</summary>
        public string TraceText => string.Join(Environment.NewLine, Traces);

        /// <summary>The most trace text Dataverse keeps of one execution, in characters (see <see cref="TraceLog"/>).</summary>
        public const int TraceLogLimit = 10_240;

        /// <summary>
        /// What Dataverse keeps of this execution's traces — in the plug-in trace log's message block, and in the trace a failed
        /// step's fault carries: "Only 10kb of text can be written. Older trace lines will be removed to meet this limit so
        /// that only the most recent lines will be saved" (Microsoft Learn, "Tracing and logging"). The most recent whole lines
        /// that fit in <see cref="TraceLogLimit"/> characters (10 KB read as 10,240 characters: the page does not say whether
        /// it counts characters or bytes); a last line longer than that alone keeps its end. So a step that traces one line
        /// per row loses its first lines on a long run, and what a support engineer must see has to come last.
        /// </summary>
        public string TraceLog => KeptOf(Traces);

        internal static string KeptOf(IReadOnlyList<string> lines)
        {
            int length = 0, first = lines.Count;
            while (first > 0)
            {
                int next = length + lines[first - 1].Length + (first < lines.Count ? Environment.NewLine.Length : 0);
                if (next > TraceLogLimit)
                {
                    break;
                }
                length = next;
                first--;
            }
            if (first == lines.Count && lines.Count > 0)
            {
                var last = lines[lines.Count - 1];
                return last.Substring(last.Length - TraceLogLimit);
            }
            return string.Join(Environment.NewLine, System.Linq.Enumerable.Skip(lines, first));
        }

        internal void AddTrace(string line)
        {
            lock (_traces)
            {
                _traces.Add(line);
            }
        }

        /// <summary>
        /// What the step wrote to its telemetry logger (<c>Microsoft.Xrm.Sdk.PluginTelemetry.ILogger</c>, Application Insights
        /// on the platform, not the trace log): entries, metrics and custom properties in the order they were made.
        /// </summary>
        public IReadOnlyList<TelemetryEntry> Telemetry
        {
            get
            {
                lock (_traces)
                {
                    return _telemetry?.ToArray() ?? Array.Empty<TelemetryEntry>();
                }
            }
        }

        // Made on the first entry: most steps log none, and a bulk load runs many steps.
        private List<TelemetryEntry>? _telemetry;

        internal void AddTelemetry(TelemetryEntry entry)
        {
            lock (_traces)
            {
                (_telemetry ??= new List<TelemetryEntry>()).Add(entry);
            }
        }

        internal void CountRoundTrip() => Interlocked.Increment(ref _roundTrips);

        public override string ToString() => $"{StepName} ({Message} {Entity}, depth {Depth}): {RoundTrips} round trips, {Duration.TotalMilliseconds:0.###} ms{(Error != null ? ", failed: " + Error.Message : "")}";
    }
}
