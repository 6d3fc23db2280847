using System;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk
{
    public interface IOrganizationService
    {
        Guid Create(Entity entity);
        Entity Retrieve(string entityName, Guid id, ColumnSet columnSet);
        void Update(Entity entity);
        void Delete(string entityName, Guid id);
        OrganizationResponse Execute(OrganizationRequest request);
        void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);
        void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);
        EntityCollection RetrieveMultiple(QueryBase query);
    }

    public interface IOrganizationServiceFactory
    {
        // In a plug-in, null means the SYSTEM user and Guid.Empty the context's UserId (Microsoft Learn);
        // in a custom workflow activity every call runs as the workflow's UserId.
        IOrganizationService CreateOrganizationService(Guid? userId);
    }

    public interface ITracingService
    {
        void Trace(string format, params object[] args);
    }

    /// <summary>Posts the execution context to a registered service endpoint (Azure Service Bus, Event Hubs, a webhook).</summary>
    public interface IServiceEndpointNotificationService
    {
        string Execute(EntityReference serviceEndpoint, IExecutionContext context);
    }
}
