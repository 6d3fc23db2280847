using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Advocacy.Sandbox.Query;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// Runs one message the way the platform's event pipeline does: stage 10 outside the transaction,
    /// then 20, the main operation (30) and 40 inside it, asynchronous steps queued until commit. A failure
    /// anywhere inside rolls back every write of the transaction, including those of nested operations.
    /// </summary>
    internal sealed partial class MessageEngine
    {
        private static readonly HashSet<string> ReadMessages = new(StringComparer.OrdinalIgnoreCase) { "Retrieve", "RetrieveMultiple", "RetrieveEntity", "RetrieveAttribute", "RetrievePrincipalAccess", "RetrieveSharedPrincipalsAndAccess" };

        private readonly DataverseSandbox _sandbox;
        private readonly CoreOperations _core;

        public MessageEngine(DataverseSandbox sandbox)
        {
            _sandbox = sandbox;
            _core = new CoreOperations(sandbox);
            _resolveId = _core.ResolveId;
        }

        private readonly Func<Transaction?, Entity, Guid> _resolveId;

        public OrganizationResponse Execute(OrganizationRequest request, CallerContext caller, bool nested)
        {
            string message = request.RequestName ?? throw new SandboxFaultException(ErrorCodes.InvalidArgument, "The request has no RequestName.");
            if (message.Equals("ExecuteMultiple", StringComparison.OrdinalIgnoreCase))
            {
                return ExecuteMultiple(request, caller);
            }
            if (message.Equals("ExecuteTransaction", StringComparison.OrdinalIgnoreCase))
            {
                return ExecuteTransaction(request, caller);
            }
            if (_sandbox.Regional.TryExecute(request) is { } regional)
            {
                _sandbox.Metrics.Operation();
                return regional;
            }
            if (message.Equals("WhoAmI", StringComparison.OrdinalIgnoreCase))
            {
                // The calling user (the impersonated one when a step calls as another), their business unit and the organization.
                _sandbox.Metrics.Operation();
                var whoAmI = ResponseTypes.For(request, "WhoAmI");
                whoAmI.Results["UserId"] = caller.UserId;
                whoAmI.Results["BusinessUnitId"] = _sandbox.BusinessUnitOf(caller.Transaction, caller.UserId);
                whoAmI.Results["OrganizationId"] = _sandbox.OrganizationId;
                return whoAmI;
            }
            if (message.Equals("RetrieveEnvironmentVariableValue", StringComparison.OrdinalIgnoreCase))
            {
                _sandbox.Metrics.Operation();
                return EnvironmentVariableValue(request, caller);
            }
            if (message.Equals("Assign", StringComparison.OrdinalIgnoreCase))
            {
                // Microsoft: Assign is deprecated in favour of an Update of ownerid; the sandbox runs it as that Update
                // (Update steps fire; steps registered on the Assign message itself do not).
                var target = request.Parameters.TryGetValue("Target", out var t) ? t as EntityReference : null;
                var assignee = request.Parameters.TryGetValue("Assignee", out var a) ? a as EntityReference : null;
                if (target == null || assignee == null)
                {
                    throw new SandboxFaultException(ErrorCodes.InvalidArgument, "Assign needs Target and Assignee.");
                }

                Execute(new UpdateRequest { Target = new Entity(target.LogicalName, target.Id) { ["ownerid"] = assignee } }, caller, nested);
                return ResponseTypes.For(request, "Assign");
            }
            int depth = caller.Depth + 1;
            if (depth > _sandbox.MaxDepth)
            {
                caller.Transaction?.MarkDoomed();
                throw Faults.InfiniteLoop();
            }
            if (!MessageKeys.IsBuiltIn(message) && _sandbox.Steps.CustomApi(message) == null && !_sandbox.Steps.AnyFor(message, null))
            {
                throw new SandboxFaultException(ErrorCodes.UnsupportedMessage, $"Request not supported: the sandbox has no handler for the message '{message}' (register its Custom API plug-in).");
            }
            try
            {
                var op = new Operation(request, caller, depth, _sandbox.Clock.UtcNow);
                CoreOperations.RequireMessageSupported(op, _sandbox.Metadata);
                return Run(op);
            }
            catch (QueryException e)
            {
                caller.Transaction?.MarkDoomed();
                throw new SandboxFaultException(e.ErrorCode, e.Message, e);
            }
            catch (Exception e) when (e is InvalidCastException or ArgumentException or KeyNotFoundException or NullReferenceException)
            {
                // A malformed request (wrong parameter type, missing Target): the platform answers with a fault.
                caller.Transaction?.MarkDoomed();
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"{message}: {e.Message}", e);
            }
        }

        /// <summary>
        /// Microsoft Learn, "RetrieveEnvironmentVariableValue Function": the value of the variable whose definition has the
        /// schema name <c>DefinitionSchemaName</c>, as <c>Value</c> — its current value (the environmentvariablevalue row)
        /// when it has one, else the definition's default value (null when it has neither). The variable is read as it
        /// stands in the caller's transaction. Not privilege-checked under <see cref="SandboxSecurity.Enforce"/>.
        /// </summary>
        private OrganizationResponse EnvironmentVariableValue(OrganizationRequest request, CallerContext caller)
        {
            string? name = request.Parameters.TryGetValue("DefinitionSchemaName", out var n) ? n as string : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, "RetrieveEnvironmentVariableValue needs DefinitionSchemaName: the schema name of the environment variable.");
            }
            // Schema names compare as the platform's collation does: without regard to case.
            var definition = _sandbox.Store.Scan(caller.Transaction, "environmentvariabledefinition")
                .FirstOrDefault(d => string.Equals(d.GetAttributeValue<string>("schemaname"), name, StringComparison.OrdinalIgnoreCase))
                ?? throw new SandboxFaultException(ErrorCodes.ObjectDoesNotExist,
                    $"No environment variable has the schema name '{name}': import the solution that defines it or create its definition.");
            string? current = _sandbox.Store.Scan(caller.Transaction, "environmentvariablevalue")
                .Where(v => v.GetAttributeValue<EntityReference>("environmentvariabledefinitionid")?.Id == definition.Id)
                .Select(v => v.GetAttributeValue<string>("value"))
                .FirstOrDefault(v => !string.IsNullOrEmpty(v));
            var response = ResponseTypes.For(request, "RetrieveEnvironmentVariableValue");
            response.Results["Value"] = current ?? definition.GetAttributeValue<string>("defaultvalue");
            return response;
        }

        private OrganizationResponse Run(Operation op)
        {
            _sandbox.Metrics.Operation();
            op.Transaction = op.Caller.Transaction;
            if (op.Transaction is { Doomed: true })
            {
                throw Faults.NoActiveTransaction();
            }
            bool owns = false;
            try
            {
                // A Custom API's execute privilege is checked before any of its steps runs (opt-in security).
                _sandbox.Security.BeforePipeline(op);

                // Stage 10 of an outer call runs before the transaction exists: its own writes commit alone.
                LoadPreImageIfNeeded(op, PipelineStage.PreValidation);
                RunSyncSteps(op, PipelineStage.PreValidation);

                if (op.Transaction == null && !ReadMessages.Contains(op.Message))
                {
                    op.Transaction = new Transaction();
                    owns = true;
                }
                OrganizationResponse response;
                if (op.MessageKey == "update" && !op.InBulk && op.GivenTarget is { } target
                    && SpecializedUpdate.Parts(target, _sandbox.Metadata) is { } parts)
                {
                    response = RunParts(op, parts);
                }
                else
                {
                    response = RunCore(op);
                }

                if (owns)
                {
                    if (op.Transaction!.Doomed)
                    {
                        throw Faults.NoActiveTransaction();
                    }
                    _sandbox.Store.Commit(op.Transaction);
                    if (op.Transaction.HasPendingAsync)
                    {
                        _sandbox.EnqueueAsync(op.Transaction.PendingAsync);
                    }
                }
                return response;
            }
            catch
            {
                if (owns)
                {
                    _sandbox.Store.Rollback(op.Transaction!);
                }
                else
                {
                    // The platform dooms the whole transaction when any call in it fails, even if the
                    // plug-in catches the error: later calls fail with "There is no active transaction".
                    op.Transaction?.MarkDoomed();
                }
                throw;
            }
        }

        /// <summary>Stages 20 to 40 of one operation (or one pass of a split Update), inside its transaction.</summary>
        private OrganizationResponse RunCore(Operation op)
        {
            LockTarget(op);
            // What the platform checks and applies between stages 10 and 20 (PlatformChecks).
            _core.BeforePreOperation(op);
            LoadPreImageIfNeeded(op, PipelineStage.PreOperation);
            RunSyncSteps(op, PipelineStage.PreOperation);

            // Security (opt-in): the privilege and access checks run here, inside the transaction, after
            // stage 20 (whose changes to Target count) and before the main operation; a refusal fails the
            // operation like any fault. A query reads only the rows the caller may read.
            _sandbox.Security.BeforeCore(op, _resolveId);
            var response = MainOperation(op);
            _sandbox.Security.AfterCore(op);
            CreateRelatedEntities(op);

            LoadPostImageIfNeeded(op);
            RunSyncSteps(op, PipelineStage.PostOperation);
            QueueAsyncSteps(op);
            return response;
        }

        /// <summary>
        /// An Update the platform splits (<see cref="SpecializedUpdate"/>): each part's stages 20 to 40 in turn, in the one
        /// transaction, with the operation's depth and shared variables. The first part sees the pre-image read for the
        /// whole operation; each later part names the row the first one wrote and reads its pre-image afresh.
        /// </summary>
        private OrganizationResponse RunParts(Operation op, IReadOnlyList<Entity> parts)
        {
            OrganizationResponse? response = null;
            Guid id = Guid.Empty;
            for (int i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                if (i > 0)
                {
                    part.Id = id;
                    part.KeyAttributes.Clear();
                }
                var pass = new Operation(new UpdateRequest { Target = part }, op.Caller, op.Depth, op.CreatedOn)
                {
                    Bypass = op.Bypass,
                    Transaction = op.Transaction,
                    PreImage = i == 0 ? op.PreImage : null,
                    Shared = op.Shared,
                };
                response = RunCore(pass);
                id = pass.EntityId;
            }
            return response!;
        }

        private OrganizationResponse MainOperation(Operation op)
        {
            OrganizationResponse response = op.MessageKey switch
            {
                "create" => _core.Create(op, new CreateResponse(), this),
                "update" => _core.Update(op, new UpdateResponse(), this),
                "delete" => _core.Delete(op, new DeleteResponse(), this),
                "retrieve" => _core.Retrieve(op, new RetrieveResponse()),
                "retrievemultiple" => _core.RetrieveMultiple(op, new RetrieveMultipleResponse()),
                "associate" => _core.Associate(op, new AssociateResponse(), associate: true),
                "disassociate" => _core.Associate(op, new DisassociateResponse(), associate: false),
                "setstate" or "setstatedynamicentity" => _core.SetState(op, ResponseTypes.For(op.Request, op.Message)),
                "upsert" => _core.Upsert(op, new UpsertResponse(), this),
                "createmultiple" or "updatemultiple" or "upsertmultiple" => Multiple(op),
                "retrieveentity" => RetrieveEntity(op),
                "retrieveattribute" => RetrieveAttribute(op),
                "closeincident" => _core.CloseIncident(op, ResponseTypes.For(op.Request, op.Message), this),
                "merge" => _core.Merge(op, ResponseTypes.For(op.Request, op.Message), this),
                "grantaccess" => Sharing.Grant(_sandbox, op, ResponseTypes.For(op.Request, op.Message), replace: false),
                "modifyaccess" => Sharing.Grant(_sandbox, op, ResponseTypes.For(op.Request, op.Message), replace: true),
                "revokeaccess" => Sharing.Revoke(_sandbox, op, ResponseTypes.For(op.Request, op.Message)),
                "retrieveprincipalaccess" => Sharing.PrincipalAccessOf(_sandbox, op, ResponseTypes.For(op.Request, op.Message)),
                "retrievesharedprincipalsandaccess" => Sharing.SharedPrincipals(_sandbox, op, ResponseTypes.For(op.Request, op.Message)),
                _ => CustomApi(op),
            };
            response.ResponseName = op.Message;
            return response;
        }

        private OrganizationResponse CustomApi(Operation op)
        {
            var response = ResponseTypes.For(op.Request, op.Message);
            response.Results = op.Output;
            var api = _sandbox.Steps.CustomApi(op.Message);
            if (api == null)
            {
                return response; // a custom message with steps only: nothing happens at stage 30
            }
            foreach (string name in api.RequiredParameters.Where(p => !op.Input.Contains(p) || op.Input[p] == null))
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"The required parameter '{name}' of '{op.Message}' is missing.");
            }
            RunStep(BuildContext(op, api.Step, PipelineStage.MainOperation), api.Step, op.Transaction);
            return response;
        }

        /// <summary>Runs Upsert's inner Create or Update as a child operation of the same transaction and depth.</summary>
        internal OrganizationResponse ExecuteInner(Operation parent, OrganizationRequest inner, bool inBulk = false) =>
            ExecuteInner(parent, inner, inBulk, out _);

        /// <inheritdoc cref="ExecuteInner(Operation, OrganizationRequest, bool)"/>
        /// <param name="id">The row the inner operation wrote (an Update's Target may name it by alternate key).</param>
        /// <param name="asUser">The user the inner operation runs as, when not the parent's caller (a merge's rows: the system).</param>
        internal OrganizationResponse ExecuteInner(Operation parent, OrganizationRequest inner, bool inBulk, out Guid id, bool platformWrite = false, int cascadeLevel = 0, Guid? asUser = null)
        {
            var caller = asUser is Guid user
                ? new CallerContext(user, parent.Caller.InitiatingUserId, parent.Depth - 1, parent.Caller.Parent, parent.Transaction, parent.Caller.Step, parent.Caller.CorrelationId)
                : parent.Caller.Within(parent.Transaction, parent.Depth - 1, null);
            // A bulk message's rows, Upsert's inner write and a cascade's rows are the same call: its bypass holds for them.
            var op = new Operation(inner, caller, parent.Depth, parent.CreatedOn) { InBulk = inBulk, PlatformWrite = platformWrite, Bypass = parent.Bypass, CascadeLevel = cascadeLevel };
            var response = Run(op);
            id = op.EntityId;
            return response;
        }

        /// <summary>ExecuteMultiple's batch limit: "a limit of 1000 requests is typical" (Microsoft Learn).</summary>
        private const int MaxBatchSize = 1000;

        private OrganizationResponse ExecuteMultiple(OrganizationRequest request, CallerContext caller)
        {
            var requests = request.Parameters.TryGetValue("Requests", out var r) ? r as OrganizationRequestCollection : null;
            var settings = request.Parameters.TryGetValue("Settings", out var s) ? s as ExecuteMultipleSettings : null;
            if (requests == null || settings == null)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, "ExecuteMultiple needs Requests and Settings.");
            }
            if (requests.Count > MaxBatchSize)
            {
                // Microsoft Learn, "Execute multiple requests using the Organization service": the fault comes "before the first
                // request is ever executed", and "the maximum batch size is returned in the fault" — its ErrorDetails carry
                // MaxBatchSize, which the page's own sample reads to resize the batch.
                var fault = new SandboxFaultException(ErrorCodes.InvalidArgument, $"The number of requests ({requests.Count}) exceeds the ExecuteMultiple limit of {MaxBatchSize}.");
                fault.Detail.ErrorDetails["MaxBatchSize"] = MaxBatchSize;
                throw fault;
            }
            var items = new ExecuteMultipleResponseItemCollection();
            bool faulted = false;
            for (int i = 0; i < requests.Count; i++)
            {
                try
                {
                    if (string.Equals(requests[i].RequestName, "ExecuteMultiple", StringComparison.OrdinalIgnoreCase))
                    {
                        // "No recursion is allowed … An ExecuteMultipleRequest found in the request collection will generate
                        // a fault for that request item" (Microsoft Learn, "Execute multiple requests"): that item's fault, the
                        // others run as the settings say. The fault's code and words are not published.
                        throw new SandboxFaultException(ErrorCodes.InvalidArgument, "ExecuteMultiple cannot contain ExecuteMultiple.");
                    }

                    // Each item is its own operation with its own pipeline (and, from test code, its own transaction).
                    var response = Execute(requests[i], caller, nested: caller.Step != null);
                    if (settings.ReturnResponses)
                    {
                        items.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Response = response });
                    }
                }
                catch (SandboxFaultException e)
                {
                    faulted = true;
                    // The request's own fault (its TraceText included), stamped by the sandbox's clock.
                    e.Detail.Timestamp = _sandbox.Clock.UtcNow;
                    items.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Fault = e.Detail });
                    if (!settings.ContinueOnError)
                    {
                        break;
                    }
                }
            }
            var result = new ExecuteMultipleResponse { ResponseName = "ExecuteMultiple" };
            result.Results["Responses"] = items;
            result.Results["IsFaulted"] = faulted;
            return result;
        }

        /// <summary>
        /// ExecuteTransaction: every request in one transaction, all or nothing (at most 1,000; no nested
        /// ExecuteMultiple or ExecuteTransaction). A failure rolls back the ones before it and is rethrown with its
        /// FaultedRequestIndex, as ExecuteTransactionFault carries it. Inside a plug-in the requests join the step's
        /// transaction.
        /// </summary>
        private OrganizationResponse ExecuteTransaction(OrganizationRequest request, CallerContext caller)
        {
            var requests = request.Parameters.TryGetValue("Requests", out var r) ? r as OrganizationRequestCollection : null;
            if (requests == null)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, "ExecuteTransaction needs Requests.");
            }
            if (requests.Count > 1000)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"The number of requests ({requests.Count}) exceeds the ExecuteTransaction limit of 1000.");
            }
            bool returnResponses = request.Parameters.TryGetValue("ReturnResponses", out var rr) && rr is true;
            bool owns = caller.Transaction == null;
            var transaction = caller.Transaction ?? new Transaction();
            var inner = owns ? caller.Within(transaction, caller.Depth, null) : caller;
            var responses = new OrganizationResponseCollection();
            try
            {
                for (int i = 0; i < requests.Count; i++)
                {
                    var name = requests[i].RequestName;
                    if (string.Equals(name, "ExecuteMultiple", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "ExecuteTransaction", StringComparison.OrdinalIgnoreCase))
                    {
                        throw SandboxFaultException.InTransaction(ErrorCodes.InvalidArgument, $"ExecuteTransaction cannot contain {name}.", i);
                    }
                    try
                    {
                        var response = Execute(requests[i], inner, nested: true);
                        if (returnResponses)
                        {
                            responses.Add(response);
                        }
                    }
                    catch (SandboxFaultException e) when (e.FaultedRequestIndex == null)
                    {
                        throw SandboxFaultException.InTransaction(e.ErrorCode, e.Message, i, e);
                    }
                }
                if (owns)
                {
                    if (transaction.Doomed)
                    {
                        throw Faults.NoActiveTransaction();
                    }
                    _sandbox.Store.Commit(transaction);
                    _sandbox.EnqueueAsync(transaction.PendingAsync);
                }
            }
            catch
            {
                if (owns)
                {
                    _sandbox.Store.Rollback(transaction);
                }
                throw;
            }

            var result = new OrganizationResponse { ResponseName = "ExecuteTransaction" };
            result.Results["Responses"] = responses;
            return result;
        }

        /// <summary>
        /// Deep insert: a Create whose Target carries RelatedEntities creates each child in the same transaction,
        /// through its own pipeline, with its lookup to the new parent set from the one-to-many relationship the
        /// collection is keyed by (Microsoft: "Create related table rows in one operation"). A relationship the
        /// metadata does not know as one-to-many from this table is refused.
        /// </summary>
        private void CreateRelatedEntities(Operation op)
        {
            if (!string.Equals(op.Message, "Create", StringComparison.OrdinalIgnoreCase) || op.Entity is not { } table
                || !(op.Request.Parameters.TryGetValue("Target", out var given) && given is Entity original) || original.RelatedEntities.Count == 0)
            {
                return;
            }

            var inner = op.Caller.Within(op.Transaction, op.Caller.Depth, null);
            // The caller's Target (the pipeline works on a copy of its attributes).
            foreach (var pair in original.RelatedEntities)
            {
                var relationship = _sandbox.Metadata.ReferencingRelationships(table)
                    .FirstOrDefault(r => string.Equals(r.SchemaName, pair.Key.SchemaName, StringComparison.OrdinalIgnoreCase))
                    ?? throw new SandboxFaultException(ErrorCodes.InvalidArgument,
                        $"The relationship '{pair.Key.SchemaName}' is not a one-to-many relationship from '{table}' the sandbox knows; related rows cannot be created through it.");
                foreach (var child in pair.Value.Entities)
                {
                    if (!string.Equals(child.LogicalName, relationship.ReferencingEntity, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new SandboxFaultException(ErrorCodes.InvalidArgument,
                            $"The relationship '{relationship.SchemaName}' relates '{relationship.ReferencingEntity}' rows, not '{child.LogicalName}'.");
                    }

                    var row = new Entity(child.LogicalName, child.Id);
                    foreach (var attribute in child.Attributes)
                    {
                        row[attribute.Key] = attribute.Value;
                    }

                    row[relationship.ReferencingAttribute] = new EntityReference(table, op.EntityId);
                    Execute(new CreateRequest { Target = row }, inner, nested: true);
                }
            }
        }

        private void LockTarget(Operation op)
        {
            // Locking before the pre-image is read keeps the image consistent with the row being changed.
            if (op.Transaction != null && op.Entity != null && op.EntityId != Guid.Empty &&
                op.Message is "Update" or "Delete" or "SetState" or "SetStateDynamicEntity")
            {
                _sandbox.Store.Lock(op.Transaction, op.Entity, op.EntityId);
            }
        }

        private void LoadPreImageIfNeeded(Operation op, PipelineStage stage)
        {
            if (op.MessageKey is "updatemultiple" or "upsertmultiple")
            {
                LoadBulkPreImagesIfNeeded(op, stage);
                return;
            }
            if (op.PreImage != null || op.Entity == null || op.EntityId == Guid.Empty || op.Message is "Create" or "Retrieve" or "RetrieveMultiple")
            {
                return;
            }
            // The bulk message's steps this row raises see the same row before the operation as its own steps.
            if ((PlanOf(op).PreImageFrom is { } last && last >= stage) || (BulkPlanOf(op)?.SyncPreImageFrom is { } bulkLast && bulkLast >= stage))
            {
                op.PreImage = ReadImageRow(op.Transaction, op.Entity, op.EntityId);
            }
        }

        private void LoadPostImageIfNeeded(Operation op)
        {
            if (op.BulkIds != null)
            {
                if (PlanOf(op).NeedsPostImage)
                {
                    op.BulkPostImages = ReadImageRows(op, op.BulkIds);
                }
                return;
            }
            if (op.Entity == null || op.EntityId == Guid.Empty || op.Message is "Delete" or "Retrieve" or "RetrieveMultiple")
            {
                return;
            }
            if (PlanOf(op).NeedsPostImage || BulkPlanOf(op)?.SyncNeedsPostImage == true)
            {
                op.PostImage = ReadImageRow(op.Transaction, op.Entity, op.EntityId);
            }
        }

        /// <summary>
        /// UpdateMultiple / UpsertMultiple: each Target's row before the operation, for the bulk steps' pre-images. Read
        /// at stage 10 only for a stage-10 step (there is no transaction yet), and again at stage 20 inside the transaction,
        /// after locking the rows, for the steps of stages 20 and 40, so their images are the rows the operation changes.
        /// A Target that names no existing row (an Upsert that creates it) has no pre-image. CreateMultiple has none, as
        /// Create has none (Learn, "Register a plug-in": "Availability of images").
        /// </summary>
        private void LoadBulkPreImagesIfNeeded(Operation op, PipelineStage stage)
        {
            var plan = PlanOf(op);
            bool wanted = stage == PipelineStage.PreValidation ? plan.PreValidationNeedsPreImage : plan.PreImageFrom >= stage;
            if (!wanted || op.Entity == null || !(op.Input.TryGetValue("Targets", out var t) && t is EntityCollection targets))
            {
                return; // a missing or malformed Targets is refused by the main operation
            }
            var rows = new Entity?[targets.Entities.Count];
            for (int i = 0; i < rows.Length; i++)
            {
                var target = targets.Entities[i];
                if (target == null || !string.Equals(target.LogicalName, op.Entity, StringComparison.OrdinalIgnoreCase) || _core.FindId(op.Transaction, target) is not { } id)
                {
                    continue;
                }
                if (op.Transaction != null)
                {
                    _sandbox.Store.Lock(op.Transaction, op.Entity, id);
                }
                rows[i] = ReadImageRow(op.Transaction, op.Entity, id);
            }
            op.BulkPreImages = rows;
        }

        private Entity?[] ReadImageRows(Operation op, Guid[] ids)
        {
            var rows = new Entity?[ids.Length];
            for (int i = 0; i < ids.Length; i++)
            {
                rows[i] = ReadImageRow(op.Transaction, op.Entity!, ids[i]);
            }
            return rows;
        }

        /// <summary>Rows read to make entity images, single-row and bulk (a cost test's structural check: none without a step that wants one).</summary>
        internal long ImageRowsRead => Interlocked.Read(ref _imageRowsRead);

        private long _imageRowsRead;

        private Entity? ReadImageRow(Transaction? tx, string table, Guid id)
        {
            Interlocked.Increment(ref _imageRowsRead);
            return _sandbox.Store.Read(tx, table, id);
        }

        private void RunSyncSteps(Operation op, PipelineStage stage)
        {
            if (op.Bypass.Sync)
            {
                return;
            }

            foreach (var step in PlanOf(op).For(stage, isAsync: false))
            {
                if (step.PassesFilter(op.Message, op.Target))
                {
                    RunStep(BuildContext(op, step, stage), step, op.Transaction);
                }
            }
            RunBulkStepsOfSingleRow(op, stage);
        }

        /// <summary>
        /// A step can still see — and change — the operation's Target after its main operation: a post-operation step of the
        /// message, or of the bulk message a single row raises (whose Targets hold that same Entity).
        /// </summary>
        internal bool StepsSeeTargetAfterMain(Operation op) => PlanOf(op).HasPostOperationSteps || BulkPlanOf(op)?.HasPostOperationSteps == true;

        /// <summary>The operation's steps, looked up once per operation (a step registered meanwhile joins the next one).</summary>
        private StepPlan PlanOf(Operation op) => op.Plan ??= _sandbox.Steps.PlanFor(op.Message, op.Entity);

        private void QueueAsyncSteps(Operation op)
        {
            if (op.Bypass.Async)
            {
                return;
            }

            foreach (var step in PlanOf(op).For(PipelineStage.PostOperation, isAsync: true))
            {
                if (!step.PassesFilter(op.Message, op.Target))
                {
                    continue;
                }
                var context = BuildContext(op, step, PipelineStage.PostOperation);
                // The system job carries its own copy of the parameters: later steps cannot change them.
                context.InputParameters = CloneParameters(op.Input);
                context.OutputParameters = CloneParameters(op.Output);
                context.SharedVariables = CloneParameters(op.Shared);
                context.IsInTransaction = false;
                context.Mode = 1;
                var job = new AsyncJob(step, context);
                if (op.Transaction != null)
                {
                    op.Transaction.PendingAsync.Add(job);
                }
                else
                {
                    _sandbox.EnqueueAsync(new[] { job });
                }
            }
        }

        /// <param name="singleRowImages">
        /// False for a bulk message's step that a single row raises: its images go in the per-Target collections instead.
        /// </param>
        internal SandboxPluginExecutionContext BuildContext(Operation op, PipelineStep step, PipelineStage stage, bool singleRowImages = true)
        {
            var context = new SandboxPluginExecutionContext
            {
                Mode = step.IsAsync ? 1 : 0,
                Depth = op.Depth,
                MessageName = op.Message,
                PrimaryEntityName = op.Entity ?? "none",
                RequestId = op.Request.RequestId ?? op.OperationId,
                InputParameters = op.Input,
                OutputParameters = stage >= PipelineStage.MainOperation ? op.Output : new ParameterCollection(),
                SharedVariables = op.Shared,
                UserId = op.Caller.UserId,
                InitiatingUserId = op.Caller.InitiatingUserId,
                AuthenticatedUserId = op.Caller.InitiatingUserId, // nobody signs in as one user and calls as another here
                BusinessUnitId = _sandbox.BusinessUnitOf(op.Transaction, op.Caller.UserId),
                OrganizationId = _sandbox.OrganizationId,
                OrganizationName = _sandbox.OrganizationName,
                PrimaryEntityId = op.EntityId,
                CorrelationId = op.CorrelationId,
                IsInTransaction = op.Transaction != null,
                OperationId = op.OperationId,
                OperationCreatedOn = op.CreatedOn,
                Stage = (int)stage,
                ParentContext = op.Caller.Parent!,
            };
            if (op.MessageKey is "createmultiple" or "updatemultiple" or "upsertmultiple")
            {
                int count = op.Input.TryGetValue("Targets", out var t) && t is EntityCollection targets ? targets.Entities.Count : 0;
                context.PreEntityImagesCollection = ImagesPerTarget(step, op.BulkPreImages, count, pre: true);
                context.PostEntityImagesCollection = ImagesPerTarget(step, stage == PipelineStage.PostOperation ? op.BulkPostImages : null, count, pre: false);
                return context;
            }
            if (!singleRowImages)
            {
                return context;
            }
            foreach (var image in step.Images)
            {
                if (image.IsPre && op.PreImage != null)
                {
                    context.PreEntityImages[image.Alias] = ImageOf(op.PreImage, image);
                }
                if (image.IsPost && op.PostImage != null && stage == PipelineStage.PostOperation)
                {
                    context.PostEntityImages[image.Alias] = ImageOf(op.PostImage, image);
                }
            }
            return context;
        }

        /// <summary>
        /// A bulk message's step: one collection per Target, in Targets' order, with the step's images of that kind
        /// (Learn, "Write plug-ins for CreateMultiple and UpdateMultiple": the images come as arrays of
        /// EntityImageCollection through IPluginExecutionContext4, synchronized with the Targets collection). An entry
        /// is empty where the row has no image (no row read, or none before an Upsert created it).
        /// </summary>
        internal EntityImageCollection[] ImagesPerTarget(PipelineStep step, Entity?[]? rows, int count, bool pre)
        {
            var collections = new EntityImageCollection[count];
            for (int i = 0; i < count; i++)
            {
                collections[i] = ImagesOf(step, rows != null && i < rows.Length ? rows[i] : null, pre);
            }
            return collections;
        }

        internal EntityImageCollection ImagesOf(PipelineStep step, Entity? row, bool pre)
        {
            var images = new EntityImageCollection();
            if (row == null)
            {
                return images;
            }
            foreach (var image in step.Images)
            {
                if (pre ? image.IsPre : image.IsPost)
                {
                    images[image.Alias] = ImageOf(row, image);
                }
            }
            return images;
        }

        private Entity ImageOf(Entity row, StepImage image)
        {
            var filter = image.Attributes.Count == 0 ? ColumnFilter.All : ColumnFilter.Of(image.Attributes.Append(_sandbox.Metadata.PrimaryIdAttribute(row.LogicalName)));
            return EntityCloner.Clone(row, filter);
        }

        /// <summary>Runs one step; any exception becomes the fault the platform would return.</summary>
        internal ExecutionRecord RunStep(SandboxPluginExecutionContext context, PipelineStep step, Transaction? tx)
        {
            var record = new ExecutionRecord(step, context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId, context.Depth, context.UserId, context.InitiatingUserId);
            _sandbox.AddExecution(record);
            var provider = new PluginServiceProvider(_sandbox, context, record, tx);
            long start = Stopwatch.GetTimestamp();
            try
            {
                step.Instance.Execute(provider);
                return record;
            }
            catch (SandboxFaultException e)
            {
                record.Error = e;
                throw; // a nested call's fault (or the loop limit) reaches the caller unchanged
            }
            catch (InvalidPluginExecutionException e)
            {
                record.Error = e;
                int code = e.ErrorCode != e.HResult ? e.ErrorCode : ErrorCodes.IsvAborted;
                throw new SandboxFaultException(code, e.Message, e, TraceOf(record, e));
            }
            catch (Exception e)
            {
                record.Error = e;
                throw new SandboxFaultException(ErrorCodes.PluginUnexpected,
                    $"Unexpected exception from plug-in (Execute): {step.PluginType.FullName}: {e.GetType().FullName}: {e.Message}", e, TraceOf(record, e));
            }
            finally
            {
                record.Duration = Stopwatch.GetElapsedTime(start);
            }
        }

        /// <summary>
        /// A failed step's trace lines as Dataverse keeps them (the last 10 KB, <see cref="ExecutionRecord.TraceLog"/>), then its
        /// exception: the fault's TraceText, what the error dialog's log and a failed system job show.
        /// </summary>
        private static string TraceOf(ExecutionRecord record, Exception e) =>
            record.Traces.Count == 0 ? SandboxFaultException.Describe(e) : record.TraceLog + Environment.NewLine + SandboxFaultException.Describe(e);

        private static ParameterCollection CloneParameters(ParameterCollection source)
        {
            var copy = new ParameterCollection();
            foreach (var pair in source)
            {
                copy[pair.Key] = EntityCloner.CloneValue(pair.Value);
            }
            return copy;
        }

        /// <summary>The table and row a request is about, as the platform fills PrimaryEntityName/Id.</summary>
        internal static (string? Entity, Guid Id) PrimaryOf(string message, ParameterCollection input)
        {
            object? target = input.TryGetValue("Target", out var t) ? t : input.TryGetValue("EntityMoniker", out var m) ? m : null;
            switch (target)
            {
                case Entity e:
                    return (e.LogicalName, e.Id);
                case EntityReference r:
                    return (r.LogicalName, r.Id);
            }
            // CloseIncident names its case in the resolution it creates.
            if (input.TryGetValue("IncidentResolution", out var ir) && ir is Entity resolution && resolution.GetAttributeValue<EntityReference>("incidentid") is { } incident)
            {
                return (incident.LogicalName, incident.Id);
            }
            if (input.TryGetValue("Targets", out var ts) && ts is EntityCollection targets)
            {
                return (targets.EntityName, Guid.Empty);
            }
            if (input.TryGetValue("Query", out var q) && q is QueryBase query)
            {
                return (QueryEntity(query), Guid.Empty);
            }
            return (null, Guid.Empty);
        }

        /// <summary>The table of a request, for the round-trip counters.</summary>
        internal static string? TableOf(OrganizationRequest request) => PrimaryOf(request.RequestName ?? "", request.Parameters).Entity;

        private static string? QueryEntity(QueryBase query) => query switch
        {
            QueryExpression qe => qe.EntityName,
            QueryByAttribute qa => qa.EntityName,
            FetchExpression fe => FetchEntity().Match(fe.Query ?? "") is { Success: true } match ? match.Groups[1].Value : null,
            _ => null,
        };

        [GeneratedRegex("<entity[^>]*\\sname\\s*=\\s*[\"']([^\"']+)[\"']", RegexOptions.IgnoreCase)]
        private static partial Regex FetchEntity();
    }
}
