using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The helpers a plug-in project's unit tests need, as short as FakeXrmEasy's <c>XrmFakedContext</c> and named like it
    /// where the idea is the same: seed rows, register a step in code and run a message through the pipeline, or run one
    /// plug-in with a hand-made context (<see cref="ExecutePluginWithTarget{TPlugin}(DataverseSandbox, Entity, string, PipelineStage)"/>,
    /// <see cref="ExecutePluginWith{TPlugin}"/>), then read its traces and round trips from the returned record.
    /// </summary>
    public static class PluginTesting
    {
        /// <summary>Seeds rows (FakeXrmEasy's <c>Initialize</c>): no pipeline, no round trip; values checked against the metadata.</summary>
        public static DataverseSandbox Seed(this DataverseSandbox sandbox, IEnumerable<Entity> rows) => sandbox.Seed(rows.ToArray());

        /// <summary>
        /// Registers one step in code, for plug-ins without spkl's <c>[CrmPluginRegistration]</c> attributes (those are read
        /// by <see cref="DataverseSandbox.RegisterPlugins"/>). <paramref name="entity"/> null = any table. Images name their
        /// columns; none = every column.
        /// </summary>
        public static PipelineStep RegisterStep<TPlugin>(this DataverseSandbox sandbox, string message, string? entity, PipelineStage stage,
            bool isAsync = false, int rank = 1, IEnumerable<string>? filteringAttributes = null, IEnumerable<StepImage>? images = null,
            string? unsecureConfiguration = null, string? secureConfiguration = null)
            where TPlugin : IPlugin
        {
            if (stage == PipelineStage.MainOperation)
            {
                throw new ArgumentException("Stage 30 is the platform's own operation: register on 10, 20 or 40.", nameof(stage));
            }
            if (isAsync && stage != PipelineStage.PostOperation)
            {
                throw new ArgumentException("Only post-operation (40) steps can run asynchronously, as on the platform.", nameof(isAsync));
            }
            var step = new PipelineStep($"{typeof(TPlugin).FullName}: {message} of {entity ?? "any table"}", typeof(TPlugin), message, entity, stage,
                isAsync, rank, filteringAttributes, images, unsecureConfiguration, secureConfiguration);
            sandbox.Steps.Add(step);
            return step;
        }

        /// <summary>
        /// A hand-made execution context (FakeXrmEasy's <c>GetDefaultPluginContext</c>) for one plug-in run: depth 1, the
        /// administrator as user, initiating and authenticated user, the sandbox's organisation and business unit, the sandbox clock's time,
        /// and, when given, the target as <c>Target</c> (an <see cref="Entity"/> or an <see cref="EntityReference"/>) with
        /// its table and id as the primary entity. Change any property before running it.
        /// </summary>
        public static SandboxPluginExecutionContext PluginContext(this DataverseSandbox sandbox, string message = "Create", object? target = null,
            PipelineStage stage = PipelineStage.PostOperation, Guid? userId = null)
        {
            Guid user = userId ?? sandbox.AdminUserId;
            var context = new SandboxPluginExecutionContext
            {
                Depth = 1,
                MessageName = message,
                Stage = (int)stage,
                UserId = user,
                InitiatingUserId = user,
                AuthenticatedUserId = user,
                BusinessUnitId = sandbox.BusinessUnitOf(null, user),
                OrganizationId = sandbox.OrganizationId,
                OrganizationName = sandbox.OrganizationName,
                CorrelationId = Guid.NewGuid(),
                OperationId = Guid.NewGuid(),
                RequestId = Guid.NewGuid(),
                OperationCreatedOn = sandbox.Clock.UtcNow,
                // Stage 10 runs before the platform opens the transaction; 20 and 40 (synchronous) run inside it.
                IsInTransaction = stage != PipelineStage.PreValidation,
            };
            switch (target)
            {
                case Entity entity:
                    context.InputParameters["Target"] = entity;
                    context.PrimaryEntityName = entity.LogicalName;
                    context.PrimaryEntityId = entity.Id;
                    break;
                case EntityReference reference:
                    context.InputParameters["Target"] = reference;
                    context.PrimaryEntityName = reference.LogicalName;
                    context.PrimaryEntityId = reference.Id;
                    break;
                case null:
                    break;
                default:
                    throw new ArgumentException("A target is an Entity or an EntityReference.", nameof(target));
            }
            return context;
        }

        /// <summary>
        /// Runs one plug-in (FakeXrmEasy's <c>ExecutePluginWithTarget</c>) with a default context whose Target is
        /// <paramref name="target"/> — the same object, so a pre-operation plug-in's changes to it can be asserted.
        /// </summary>
        public static ExecutionRecord ExecutePluginWithTarget<TPlugin>(this DataverseSandbox sandbox, Entity target, string message = "Create",
            PipelineStage stage = PipelineStage.PostOperation)
            where TPlugin : IPlugin =>
            sandbox.ExecutePluginWith<TPlugin>(sandbox.PluginContext(message, target, stage));

        /// <summary>Runs one plug-in with an <see cref="EntityReference"/> Target (Delete, Assign, SetState …).</summary>
        public static ExecutionRecord ExecutePluginWithTarget<TPlugin>(this DataverseSandbox sandbox, EntityReference target, string message = "Delete",
            PipelineStage stage = PipelineStage.PostOperation)
            where TPlugin : IPlugin =>
            sandbox.ExecutePluginWith<TPlugin>(sandbox.PluginContext(message, target, stage));

        /// <summary>
        /// Runs one plug-in with a hand-made context (FakeXrmEasy's <c>ExecutePluginWith</c> and
        /// <c>ExecutePluginWithConfigurations</c>), constructed as the platform constructs it: (unsecure, secure), else
        /// (unsecure), else parameterless. Only this plug-in runs for the context; its own calls into
        /// <see cref="IOrganizationService"/> go through the pipeline (registered steps fire, metadata is checked, round
        /// trips are counted). When the context says <see cref="IExecutionContext.IsInTransaction"/> its writes form one
        /// transaction that commits when it returns and rolls back when it throws, as on the platform. The plug-in's
        /// exception reaches the test unchanged (e.g. <see cref="InvalidPluginExecutionException"/>).
        /// </summary>
        public static ExecutionRecord ExecutePluginWith<TPlugin>(this DataverseSandbox sandbox, SandboxPluginExecutionContext context,
            string? unsecureConfiguration = null, string? secureConfiguration = null)
            where TPlugin : IPlugin
        {
            ArgumentNullException.ThrowIfNull(context);
            var step = new PipelineStep(typeof(TPlugin).FullName!, typeof(TPlugin), context.MessageName, context.PrimaryEntityName,
                StageOf(context.Stage), context.Mode == 1, 1, unsecureConfiguration: unsecureConfiguration, secureConfiguration: secureConfiguration);
            var record = new ExecutionRecord(step, context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId, context.Depth, context.UserId, context.InitiatingUserId);
            sandbox.AddExecution(record);
            var tx = context.IsInTransaction ? new Transaction() : null;
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                step.Instance.Execute(new PluginServiceProvider(sandbox, context, record, tx));
                if (tx != null)
                {
                    if (tx.Doomed)
                    {
                        // A call inside failed and the plug-in caught it: the platform still fails the whole operation.
                        throw Faults.NoActiveTransaction();
                    }
                    sandbox.Store.Commit(tx);
                    sandbox.EnqueueAsync(tx.PendingAsync);
                }
                return record;
            }
            catch (Exception e)
            {
                record.Error = e;
                if (tx != null)
                {
                    sandbox.Store.Rollback(tx);
                }
                throw;
            }
            finally
            {
                record.Duration = System.Diagnostics.Stopwatch.GetElapsedTime(start);
            }
        }

        private static PipelineStage StageOf(int stage) => stage switch
        {
            10 => PipelineStage.PreValidation,
            20 => PipelineStage.PreOperation,
            40 => PipelineStage.PostOperation,
            _ => throw new ArgumentException($"A plug-in runs at stage 10, 20 or 40, not {stage}.", nameof(stage)),
        };
    }
}
