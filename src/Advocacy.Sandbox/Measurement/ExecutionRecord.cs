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

        public string TraceText => string.Join(Environment.NewLine, Traces);

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
