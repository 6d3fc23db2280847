using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>Counts the calls one assignment makes, so its cost is traced in production as in tests.</summary>
    internal sealed class CountingService : IOrganizationService
    {
        private readonly IOrganizationService _inner;

        public CountingService(IOrganizationService inner)
        {
            _inner = inner;
        }

        public int Count { get; private set; }

        public Guid Create(Entity entity)
        {
            Count++;
            return _inner.Create(entity);
        }

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet)
        {
            Count++;
            return _inner.Retrieve(entityName, id, columnSet);
        }

        public void Update(Entity entity)
        {
            Count++;
            _inner.Update(entity);
        }

        public void Delete(string entityName, Guid id)
        {
            Count++;
            _inner.Delete(entityName, id);
        }

        public OrganizationResponse Execute(OrganizationRequest request)
        {
            Count++;
            return _inner.Execute(request);
        }

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
        {
            Count++;
            _inner.Associate(entityName, entityId, relationship, relatedEntities);
        }

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
        {
            Count++;
            _inner.Disassociate(entityName, entityId, relationship, relatedEntities);
        }

        public EntityCollection RetrieveMultiple(QueryBase query)
        {
            Count++;
            return _inner.RetrieveMultiple(query);
        }
    }
}
