using System;
using System.Activities;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The workflow context a custom workflow activity gets from <c>GetExtension&lt;IWorkflowContext&gt;()</c>; settable, so
    /// a test hand-makes it (<see cref="CodeActivityTesting.WorkflowContext"/>).
    /// </summary>
    public sealed class SandboxWorkflowContext : SandboxExecutionContext, IWorkflowContext
    {
        public SandboxWorkflowContext()
        {
            Mode = 1; // workflows run asynchronously unless real-time
            Depth = 1;
        }

        public string StageName { get; set; } = "";
        public int WorkflowCategory { get; set; }
        public int WorkflowMode { get; set; }
        public IWorkflowContext ParentContext { get; set; } = null!;
    }

    /// <summary>What one run of a custom workflow activity produced: its out-arguments and its execution record.</summary>
    public sealed class CodeActivityRun
    {
        internal CodeActivityRun(IDictionary<string, object?> outputs, ExecutionRecord execution)
        {
            Outputs = outputs;
            Execution = execution;
        }

        /// <summary>The activity's out-arguments by name.</summary>
        public IDictionary<string, object?> Outputs { get; }

        /// <summary>Traces, round trips and the error, as for a plug-in.</summary>
        public ExecutionRecord Execution { get; }

        public IReadOnlyList<string> Traces => Execution.Traces;
        public int RoundTrips => Execution.RoundTrips;
    }

    /// <summary>
    /// Runs one custom workflow activity (FakeXrmEasy's <c>ExecuteCodeActivity</c>) with the extensions the workflow host
    /// supplies: the workflow context, tracing kept on an execution record, and a service factory into the sandbox.
    /// </summary>
    public static class CodeActivityTesting
    {
        /// <summary>A workflow context as the given user (the administrator by default) on the given row, at the sandbox's time.</summary>
        public static SandboxWorkflowContext WorkflowContext(this DataverseSandbox sandbox, EntityReference? primaryEntity = null, Guid? userId = null)
        {
            Guid user = userId ?? sandbox.AdminUserId;
            return new SandboxWorkflowContext
            {
                UserId = user,
                InitiatingUserId = user,
                BusinessUnitId = sandbox.BusinessUnitOf(null, user),
                OrganizationId = sandbox.OrganizationId,
                OrganizationName = sandbox.OrganizationName,
                PrimaryEntityName = primaryEntity?.LogicalName ?? "none",
                PrimaryEntityId = primaryEntity?.Id ?? Guid.Empty,
                CorrelationId = Guid.NewGuid(),
                OperationId = Guid.NewGuid(),
                RequestId = Guid.NewGuid(),
                OperationCreatedOn = sandbox.Clock.UtcNow,
            };
        }

        /// <summary>Runs a new <typeparamref name="TActivity"/> with the in-arguments given by name, as the administrator.</summary>
        public static CodeActivityRun ExecuteCodeActivity<TActivity>(this DataverseSandbox sandbox, IDictionary<string, object> inputs, SandboxWorkflowContext? context = null)
            where TActivity : Activity, new() =>
            sandbox.ExecuteCodeActivity(new TActivity(), inputs, context);

        /// <summary>
        /// Runs an activity instance. Its calls go through the sandbox's pipeline one by one (a workflow's steps are not one
        /// transaction), counted on the returned record; its exception reaches the test unchanged.
        /// </summary>
        public static CodeActivityRun ExecuteCodeActivity(this DataverseSandbox sandbox, Activity activity, IDictionary<string, object> inputs, SandboxWorkflowContext? context = null)
        {
            ArgumentNullException.ThrowIfNull(activity);
            context ??= sandbox.WorkflowContext();
            var step = new PipelineStep(activity.GetType().FullName!, activity.GetType(), context.MessageName, context.PrimaryEntityName,
                PipelineStage.PostOperation, isAsync: context.Mode == 1, rank: 1);
            var record = new ExecutionRecord(step, context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId, context.Depth, context.UserId, context.InitiatingUserId);
            sandbox.AddExecution(record);
            var host = new WorkflowHost(sandbox, context, record);
            var invoker = new WorkflowInvoker(activity);
            invoker.Extensions.Add<IWorkflowContext>(() => context);
            invoker.Extensions.Add<ITracingService>(() => host);
            invoker.Extensions.Add<IOrganizationServiceFactory>(() => host);
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                var outputs = new Dictionary<string, object?>();
                foreach (var pair in invoker.Invoke(inputs))
                {
                    outputs[pair.Key] = pair.Value;
                }
                return new CodeActivityRun(outputs, record);
            }
            catch (Exception e)
            {
                record.Error = e;
                throw;
            }
            finally
            {
                record.Duration = System.Diagnostics.Stopwatch.GetElapsedTime(start);
            }
        }

        private sealed class WorkflowHost : ITracingService, IOrganizationServiceFactory
        {
            private readonly DataverseSandbox _sandbox;
            private readonly SandboxWorkflowContext _context;
            private readonly ExecutionRecord _record;

            public WorkflowHost(DataverseSandbox sandbox, SandboxWorkflowContext context, ExecutionRecord record)
            {
                _sandbox = sandbox;
                _context = context;
                _record = record;
            }

            public void Trace(string format, params object[] args) =>
                _record.AddTrace(args == null || args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args));

            // Microsoft Learn, IOrganizationServiceFactory.CreateOrganizationService: "When called in a custom workflow
            // activity, all service calls are made in the IWorkflowExecutionContext.UserId context" — whatever id is passed.
            public IOrganizationService CreateOrganizationService(Guid? userId) =>
                new SandboxOrganizationService(_sandbox, new CallerContext(_context.UserId, _context.InitiatingUserId, _context.Depth, null, null, _record, _context.CorrelationId));
        }
    }
}
