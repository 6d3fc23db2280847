using System;

namespace Advocacy.Sandbox
{
    /// <summary>The state of a queued asynchronous step (a system job).</summary>
    public enum AsyncJobStatus
    {
        Waiting,
        Succeeded,
        Failed,
    }

    /// <summary>
    /// An asynchronous step queued by a committed operation. The context is captured when the operation
    /// runs (as the platform serializes it into the system job); the step runs later, outside any
    /// transaction, when the test drains the queue.
    /// </summary>
    public sealed class AsyncJob
    {
        internal AsyncJob(PipelineStep step, SandboxPluginExecutionContext context)
        {
            Step = step;
            Context = context;
        }

        public PipelineStep Step { get; }
        public SandboxPluginExecutionContext Context { get; }
        public AsyncJobStatus Status { get; internal set; } = AsyncJobStatus.Waiting;
        public string? Error { get; internal set; }
        public ExecutionRecord? Execution { get; internal set; }

        public override string ToString() => $"{Step.Name} on {Context.MessageName} {Context.PrimaryEntityName} {Context.PrimaryEntityId}: {Status}{(Error != null ? " — " + Error : "")}";
    }
}
