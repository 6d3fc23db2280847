using System;
using System.Diagnostics;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The organization service of the sandbox, bound to a caller: a test's user, or a plug-in step (then
    /// calls are nested operations in the step's transaction, one level deeper). Every method is one
    /// round trip and goes through the same message pipeline as <see cref="Execute"/>.
    /// </summary>
    public sealed class SandboxOrganizationService : IOrganizationService
    {
        private readonly DataverseSandbox _sandbox;
        private readonly CallerContext _caller;

        internal SandboxOrganizationService(DataverseSandbox sandbox, CallerContext caller)
        {
            _sandbox = sandbox;
            _caller = caller;
        }

        /// <summary>The user the calls run as.</summary>
        public Guid UserId => _caller.UserId;

        public Guid Create(Entity entity) =>
            ((CreateResponse)Execute(new CreateRequest { Target = entity })).id;

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) =>
            ((RetrieveResponse)Execute(new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet })).Entity;

        public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

        public void Delete(string entityName, Guid id) => Execute(new DeleteRequest { Target = new EntityReference(entityName, id) });

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            Execute(new AssociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            Execute(new DisassociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

        public EntityCollection RetrieveMultiple(QueryBase query) =>
            ((RetrieveMultipleResponse)Execute(new RetrieveMultipleRequest { Query = query })).EntityCollection;

        /// <summary>
        /// The classes this caller gets rows back as: a plug-in's (or workflow activity's) calls are early-bound when its
        /// assembly carries <c>[assembly: ProxyTypesAssembly]</c>, as on the platform; a test's when it enabled proxy types.
        /// </summary>
        private EarlyBoundTypes EarlyBound()
        {
            return _caller.Step is { } record ? EarlyBoundTypes.ForPlugin(record.Step.PluginType.Assembly) : _sandbox.ProxyTypes;
        }

        public OrganizationResponse Execute(OrganizationRequest request)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }
            _caller.Step?.CountRoundTrip();
            long start = Stopwatch.GetTimestamp();
            try
            {
                var response = _sandbox.Engine.Execute(request, _caller, nested: _caller.Step != null);
                EarlyBound().Apply(response);
                return response;
            }
            finally
            {
                _sandbox.Metrics.RoundTrip(_caller.CallerName, request.RequestName ?? "?", MessageEngine.TableOf(request), Stopwatch.GetElapsedTime(start));
            }
        }
    }
}
