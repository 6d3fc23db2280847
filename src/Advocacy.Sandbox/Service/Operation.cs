using System;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// One message being processed: the state its steps share (parameters, shared variables, images) and
    /// the transaction it runs in.
    /// </summary>
    internal sealed class Operation
    {
        public Operation(OrganizationRequest request, CallerContext caller, int depth, DateTime createdOn)
        {
            Request = request;
            Message = request.RequestName;
            MessageKey = MessageKeys.Of(Message);
            Caller = caller;
            Depth = depth;
            CreatedOn = createdOn;
            (Entity, EntityId) = MessageEngine.PrimaryOf(Message, request.Parameters);
        }

        public OrganizationRequest Request { get; }
        public string Message { get; }

        /// <summary>The message name in lower case, for switches (the known messages' names are not allocated again).</summary>
        public string MessageKey { get; }

        /// <summary>The steps this operation runs, once looked up.</summary>
        internal StepPlan? Plan { get; set; }

        private BusinessLogicBypass? _bypass;

        /// <summary>The custom logic the caller asked to bypass (read from the request once; an inner operation carries its parent's).</summary>
        internal BusinessLogicBypass Bypass
        {
            get => _bypass ??= BusinessLogicBypass.Of(Request);
            set => _bypass = value;
        }

        /// <summary>The steps of this row's bulk message (CreateMultiple for a Create), once looked up.</summary>
        internal StepPlan? BulkPlan { get; set; }
        public CallerContext Caller { get; }
        public int Depth { get; }
        public DateTime CreatedOn { get; }
        // Made when first asked for (a step's context, a trace): most operations of a bulk load never need one.
        public Guid OperationId => _operationId ??= Guid.NewGuid();
        private Guid? _operationId;
        public string? Entity { get; set; }
        public Guid EntityId { get; set; }
        /// <summary>
        /// The pipeline's own copy of the request's parameters, made when first asked for: the platform serializes the
        /// request, so steps (and the writes they see) never touch the caller's objects. An operation no step sees never
        /// needs one; it reads the caller's parameters through <see cref="Given"/>.
        /// </summary>
        public ParameterCollection Input
        {
            get
            {
                if (_input == null)
                {
                    var copy = new ParameterCollection();
                    foreach (var pair in Request.Parameters)
                    {
                        copy[pair.Key] = EntityCloner.CloneValue(pair.Value);
                    }
                    _input = copy;
                }
                return _input;
            }
        }

        private ParameterCollection? _input;

        /// <summary>Whether <see cref="Input"/> has been made (a step, or a reader that needed the copy, has asked for it).</summary>
        public bool HasOwnInput => _input != null;

        /// <summary>
        /// The parameters as they stand, for reading only (nothing read here may be kept or changed): the pipeline's copy
        /// once there is one, else the caller's own — the same values, since only a step could have changed them.
        /// </summary>
        public ParameterCollection Given => _input ?? Request.Parameters;

        /// <summary>The Target as it stands, for reading only (see <see cref="Given"/>).</summary>
        public Entity? GivenTarget => Given.TryGetValue("Target", out var t) ? t as Entity : null;
        public ParameterCollection Output { get; } = new();
        /// <summary>The steps' shared variables; a pass of a split Update is given the whole operation's.</summary>
        public ParameterCollection Shared
        {
            get => _shared ??= new ParameterCollection();
            init => _shared = value;
        }

        private ParameterCollection? _shared;
        public Transaction? Transaction { get; set; }
        public Entity? PreImage { get; set; }
        public Entity? PostImage { get; set; }

        /// <summary>
        /// A write the platform makes itself as part of another message (CloseIncident's change of the case's state): the
        /// checks that refuse such a write from a caller (<see cref="CoreOperations.BeforePreOperation"/>) let it through.
        /// </summary>
        public bool PlatformWrite { get; init; }

        /// <summary>
        /// How many cascade steps below the request this operation is (0: the request itself or a plug-in's call): a row a
        /// relationship's CascadeDelete or CascadeAssign reached, written through its own pipeline.
        /// </summary>
        public int CascadeLevel { get; init; }

        /// <summary>A row of a CreateMultiple/UpdateMultiple/UpsertMultiple: its bulk message's steps ran once for all rows.</summary>
        public bool InBulk { get; set; }

        /// <summary>A CreateMultiple/UpdateMultiple/UpsertMultiple: each Target's row before the operation (null: none), read only for a step's pre-image.</summary>
        public Entity?[]? BulkPreImages { get; set; }

        /// <summary>A bulk message: each Target's row after the operation, read only for a step's post-image.</summary>
        public Entity?[]? BulkPostImages { get; set; }

        /// <summary>A bulk message after its main operation: the id of each Target's row, in Target order.</summary>
        public Guid[]? BulkIds { get; set; }

        public Guid CorrelationId => Caller.CorrelationId == Guid.Empty ? OperationId : Caller.CorrelationId;

        public Entity? Target => Input.TryGetValue("Target", out var t) ? t as Entity : null;
    }

    /// <summary>The messages the sandbox knows, and their lower-case names without allocating one per call.</summary>
    internal static class MessageKeys
    {
        private static readonly System.Collections.Generic.Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Create"] = "create", ["Update"] = "update", ["Delete"] = "delete", ["Retrieve"] = "retrieve", ["RetrieveMultiple"] = "retrievemultiple",
            ["Associate"] = "associate", ["Disassociate"] = "disassociate", ["SetState"] = "setstate", ["SetStateDynamicEntity"] = "setstatedynamicentity",
            ["Upsert"] = "upsert", ["CreateMultiple"] = "createmultiple", ["UpdateMultiple"] = "updatemultiple", ["UpsertMultiple"] = "upsertmultiple",
            ["RetrieveEntity"] = "retrieveentity", ["RetrieveAttribute"] = "retrieveattribute", ["Assign"] = "assign", ["Merge"] = "merge",
            ["CloseIncident"] = "closeincident", ["GrantAccess"] = "grantaccess", ["ModifyAccess"] = "modifyaccess", ["RevokeAccess"] = "revokeaccess",
            ["RetrievePrincipalAccess"] = "retrieveprincipalaccess", ["RetrieveSharedPrincipalsAndAccess"] = "retrievesharedprincipalsandaccess",
        };

        public static string Of(string message) => Known.TryGetValue(message, out var key) ? key : message.ToLowerInvariant();

        /// <summary>A message the sandbox itself carries out (every other one needs a Custom API or a step).</summary>
        public static bool IsBuiltIn(string message) => Known.ContainsKey(message);

        // Answered before any pipeline: the batches run their requests through it, the others have no steps here.
        private static readonly System.Collections.Generic.HashSet<string> Direct = new(StringComparer.OrdinalIgnoreCase)
        {
            "ExecuteMultiple", "ExecuteTransaction", "WhoAmI", "LocalTimeFromUtcTime", "UtcTimeFromLocalTime", "RetrieveEnvironmentVariableValue",
        };

        /// <summary>A message the sandbox answers itself, in or before the pipeline: a handler of its own could never run.</summary>
        public static bool IsAnsweredBySandbox(string message) => Known.ContainsKey(message) || Direct.Contains(message);
    }
}
