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
            Caller = caller;
            Depth = depth;
            CreatedOn = createdOn;
            // The platform serializes the request: plug-ins never touch the caller's objects.
            foreach (var pair in request.Parameters)
            {
                Input[pair.Key] = EntityCloner.CloneValue(pair.Value);
            }
            (Entity, EntityId) = MessageEngine.PrimaryOf(Message, Input);
        }

        public OrganizationRequest Request { get; }
        public string Message { get; }
        public CallerContext Caller { get; }
        public int Depth { get; }
        public DateTime CreatedOn { get; }
        public Guid OperationId { get; } = Guid.NewGuid();
        public string? Entity { get; set; }
        public Guid EntityId { get; set; }
        public ParameterCollection Input { get; } = new();
        public ParameterCollection Output { get; } = new();
        public ParameterCollection Shared { get; } = new();
        public Transaction? Transaction { get; set; }
        public Entity? PreImage { get; set; }
        public Entity? PostImage { get; set; }

        /// <summary>A row of a CreateMultiple/UpdateMultiple/UpsertMultiple: its bulk message's steps ran once for all rows.</summary>
        public bool InBulk { get; set; }

        public Guid CorrelationId => Caller.CorrelationId == Guid.Empty ? OperationId : Caller.CorrelationId;

        public Entity? Target => Input.TryGetValue("Target", out var t) ? t as Entity : null;
    }
}
