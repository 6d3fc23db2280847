using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Advocacy.Sandbox
{
    /// <summary>A Custom API's implementation: the plug-in that runs as the message's main operation.</summary>
    public sealed class CustomApiHandler
    {
        public CustomApiHandler(string uniqueName, PipelineStep step, IEnumerable<string> requiredParameters, string? boundEntity, string? executePrivilegeName = null)
        {
            ExecutePrivilegeName = string.IsNullOrWhiteSpace(executePrivilegeName) ? null : executePrivilegeName;
            UniqueName = uniqueName;
            Step = step;
            RequiredParameters = requiredParameters.ToList();
            BoundEntity = boundEntity;
        }

        public string UniqueName { get; }
        public PipelineStep Step { get; }
        public IReadOnlyList<string> RequiredParameters { get; }
        public string? BoundEntity { get; }

        /// <summary>The privilege a caller must hold (at any level) to call the API, or null (Custom API ExecutePrivilegeName).</summary>
        public string? ExecutePrivilegeName { get; }
    }

    /// <summary>
    /// The registered steps and Custom APIs. Registration happens before a test runs, lookups happen on
    /// every operation from many threads: the lists are replaced, never mutated, so lookups need no lock.
    /// </summary>
    public sealed class StepRegistry
    {
        private readonly object _gate = new();
        private PipelineStep[] _steps = Array.Empty<PipelineStep>();
        private Dictionary<string, CustomApiHandler> _apis = new(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyList<PipelineStep> Steps => _steps;

        public IReadOnlyCollection<CustomApiHandler> CustomApis => _apis.Values;

        public void Add(PipelineStep step)
        {
            lock (_gate)
            {
                step.Sequence = _steps.Length;
                _steps = _steps.Append(step).ToArray();
                _plans = new(PlanKeyComparer.Instance);
            }
        }

        public void AddCustomApi(CustomApiHandler handler)
        {
            lock (_gate)
            {
                _apis = new Dictionary<string, CustomApiHandler>(_apis, StringComparer.OrdinalIgnoreCase) { [handler.UniqueName] = handler };
            }
        }

        public CustomApiHandler? CustomApi(string message) => _apis.TryGetValue(message, out var h) ? h : null;

        public PipelineStep? Find(string name) => _steps.FirstOrDefault(s => s.Name == name);

        /// <summary>The steps of one event, in execution order: rank, then registration order.</summary>
        internal IReadOnlyList<PipelineStep> For(string message, string? entity, PipelineStage stage, bool isAsync) =>
            PlanFor(message, entity).For(stage, isAsync);

        private ConcurrentDictionary<(string Message, string? Entity), StepPlan> _plans = new(PlanKeyComparer.Instance);

        /// <summary>
        /// The steps of one message on one table, sorted once per stage: every operation asks for them several times, and
        /// sorting the whole registry on each ask cost a create more than its own work when no step was registered. The
        /// plans are dropped whenever a step is added or the registry is cleared (steps themselves are immutable).
        /// </summary>
        internal StepPlan PlanFor(string message, string? entity)
        {
            var plans = Volatile.Read(ref _plans);
            var key = (message, entity);
            if (plans.TryGetValue(key, out var plan))
            {
                return plan;
            }
            return plans.GetOrAdd(key, BuildPlan(message, entity));
        }

        // Apart from PlanFor so that the lookup of a known plan makes no closure.
        private StepPlan BuildPlan(string message, string? entity) =>
            new(_steps.Where(s => s.Matches(message, entity)).OrderBy(s => s.Rank).ThenBy(s => s.Sequence).ToArray());

        internal bool AnyFor(string message, string? entity) => _steps.Any(s => s.Matches(message, entity));

        public void Clear()
        {
            lock (_gate)
            {
                _steps = Array.Empty<PipelineStep>();
                _apis = new Dictionary<string, CustomApiHandler>(StringComparer.OrdinalIgnoreCase);
                _plans = new(PlanKeyComparer.Instance);
            }
        }
    }

    /// <summary>The steps one message on one table runs, per stage and mode, in execution order, and which images they need.</summary>
    internal sealed class StepPlan
    {
        private readonly PipelineStep[][] _byStage; // index: stage slot × 2 + async

        public StepPlan(PipelineStep[] ordered)
        {
            _byStage = new PipelineStep[8][];
            for (int slot = 0; slot < 4; slot++)
            {
                var stage = (PipelineStage)((slot + 1) * 10);
                _byStage[slot * 2] = ordered.Where(s => s.Stage == stage && !s.IsAsync).ToArray();
                _byStage[slot * 2 + 1] = ordered.Where(s => s.Stage == stage && s.IsAsync).ToArray();
            }
            PreImageFrom = ordered.Where(s => s.Images.Any(i => i.IsPre)).Select(s => (PipelineStage?)s.Stage).Max();
            NeedsPostImage = ordered.Any(s => s.Stage == PipelineStage.PostOperation && s.Images.Any(i => i.IsPost));
            PreValidationNeedsPreImage = ordered.Any(s => s.Stage == PipelineStage.PreValidation && s.Images.Any(i => i.IsPre));
            var sync = ordered.Where(s => !s.IsAsync).ToArray();
            SyncPreImageFrom = sync.Where(s => s.Images.Any(i => i.IsPre)).Select(s => (PipelineStage?)s.Stage).Max();
            SyncNeedsPostImage = sync.Any(s => s.Stage == PipelineStage.PostOperation && s.Images.Any(i => i.IsPost));
            HasPostOperationSteps = ordered.Any(s => s.Stage == PipelineStage.PostOperation);
            IsEmpty = ordered.Length == 0;
        }

        /// <summary>No step at all for this message and table.</summary>
        public bool IsEmpty { get; }

        /// <summary>The latest stage with a step that wants a pre-image (null: none does).</summary>
        public PipelineStage? PreImageFrom { get; }

        public bool NeedsPostImage { get; }

        /// <summary>A stage-10 step wants a pre-image (read before the transaction exists).</summary>
        public bool PreValidationNeedsPreImage { get; }

        /// <summary>
        /// As <see cref="PreImageFrom"/> and <see cref="NeedsPostImage"/>, for the synchronous steps only: the bulk message's
        /// steps a single Create / Update / Upsert raises are its synchronous ones.
        /// </summary>
        public PipelineStage? SyncPreImageFrom { get; }

        /// <inheritdoc cref="SyncPreImageFrom"/>
        public bool SyncNeedsPostImage { get; }

        /// <summary>A step (synchronous or not) runs after the main operation and is handed its Target.</summary>
        public bool HasPostOperationSteps { get; }

        public IReadOnlyList<PipelineStep> For(PipelineStage stage, bool isAsync)
        {
            int slot = (int)stage / 10 - 1;
            return slot is >= 0 and < 4 ? _byStage[slot * 2 + (isAsync ? 1 : 0)] : Array.Empty<PipelineStep>();
        }
    }

    /// <summary>Message and table names compared as the pipeline matches them: ignoring case.</summary>
    internal sealed class PlanKeyComparer : IEqualityComparer<(string Message, string? Entity)>
    {
        public static readonly PlanKeyComparer Instance = new();

        public bool Equals((string Message, string? Entity) x, (string Message, string? Entity) y) =>
            string.Equals(x.Message, y.Message, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Entity, y.Entity, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Message, string? Entity) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Message), key.Entity == null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(key.Entity));
    }
}
