using System;
using System.Collections.Generic;
using System.Linq;

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
        internal IEnumerable<PipelineStep> For(string message, string? entity, PipelineStage stage, bool isAsync) =>
            _steps.Where(s => s.Stage == stage && s.IsAsync == isAsync && s.Matches(message, entity))
                  .OrderBy(s => s.Rank).ThenBy(s => s.Sequence);

        internal bool AnyFor(string message, string? entity) => _steps.Any(s => s.Matches(message, entity));

        public void Clear()
        {
            lock (_gate)
            {
                _steps = Array.Empty<PipelineStep>();
                _apis = new Dictionary<string, CustomApiHandler>(StringComparer.OrdinalIgnoreCase);
            }
        }
    }
}
