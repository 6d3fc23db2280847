using System;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// Who issues a call and from where: the user it runs as, the depth and context of the calling step
    /// (none for test code), and the transaction it joins (none for test code and for stage-10 steps of an
    /// outer call, whose writes commit on their own as on the platform).
    /// </summary>
    internal sealed class CallerContext
    {
        public CallerContext(Guid userId, Guid initiatingUserId, int depth, SandboxPluginExecutionContext? parent,
            Transaction? transaction, ExecutionRecord? step, Guid correlationId)
        {
            UserId = userId;
            InitiatingUserId = initiatingUserId;
            Depth = depth;
            Parent = parent;
            Transaction = transaction;
            Step = step;
            CorrelationId = correlationId;
        }

        public static CallerContext ForTest(Guid userId) => new(userId, userId, 0, null, null, null, Guid.Empty);

        public Guid UserId { get; }
        public Guid InitiatingUserId { get; }
        public int Depth { get; }
        public SandboxPluginExecutionContext? Parent { get; }
        public Transaction? Transaction { get; }
        public ExecutionRecord? Step { get; }
        public Guid CorrelationId { get; }

        public string CallerName => Step?.StepName ?? SandboxMetrics.TestCaller;

        /// <summary>The same caller inside another transaction (Upsert's inner Create/Update join the operation's).</summary>
        public CallerContext Within(Transaction? tx, int depth, SandboxPluginExecutionContext? parent) =>
            new(UserId, InitiatingUserId, depth, parent ?? Parent, tx, Step, CorrelationId);
    }
}
