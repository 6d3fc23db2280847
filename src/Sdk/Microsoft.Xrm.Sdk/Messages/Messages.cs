using System;
using Microsoft.Xrm.Sdk.Query;

// The typed messages are views over OrganizationRequest.Parameters / OrganizationResponse.Results with
// Microsoft's keys and request names, so code may use either form and a service (the platform or the sandbox)
// can answer a generic request with a typed response. As Microsoft's, a new request already holds its keys
// (with null values); a typed response reads a missing result as default instead of throwing, and a new
// response has no ResponseName until a service sets it.
namespace Microsoft.Xrm.Sdk.Messages
{
    public sealed class CreateRequest : OrganizationRequest
    {
        public CreateRequest()
        {
            RequestName = "Create";
            Parameters["Target"] = null;
        }

        public Entity Target
        {
            get { return Get<Entity>("Target"); }
            set { Parameters["Target"] = value; }
        }
    }

    public sealed class CreateResponse : OrganizationResponse
    {
        // Lower-case "id" is Microsoft's spelling of both the property and the result key.
        public Guid id => Get<Guid>("id");
    }

    public sealed class UpdateRequest : OrganizationRequest
    {
        public UpdateRequest()
        {
            RequestName = "Update";
            Parameters["Target"] = null;
        }

        public Entity Target
        {
            get { return Get<Entity>("Target"); }
            set { Parameters["Target"] = value; }
        }
    }

    public sealed class UpdateResponse : OrganizationResponse
    {
    }

    public sealed class DeleteRequest : OrganizationRequest
    {
        public DeleteRequest()
        {
            RequestName = "Delete";
            Parameters["Target"] = null;
        }

        public EntityReference Target
        {
            get { return Get<EntityReference>("Target"); }
            set { Parameters["Target"] = value; }
        }
    }

    public sealed class DeleteResponse : OrganizationResponse
    {
    }

    public sealed class RetrieveRequest : OrganizationRequest
    {
        public RetrieveRequest()
        {
            RequestName = "Retrieve";
            Parameters["Target"] = null;
            Parameters["ColumnSet"] = null;
        }

        public EntityReference Target
        {
            get { return Get<EntityReference>("Target"); }
            set { Parameters["Target"] = value; }
        }

        public ColumnSet ColumnSet
        {
            get { return Get<ColumnSet>("ColumnSet"); }
            set { Parameters["ColumnSet"] = value; }
        }

        public RelationshipQueryCollection RelatedEntitiesQuery
        {
            get { return Get<RelationshipQueryCollection>("RelatedEntitiesQuery"); }
            set { Parameters["RelatedEntitiesQuery"] = value; }
        }
    }

    public sealed class RetrieveResponse : OrganizationResponse
    {
        public Entity Entity => Get<Entity>("Entity");
    }

    public sealed class RetrieveMultipleRequest : OrganizationRequest
    {
        public RetrieveMultipleRequest()
        {
            RequestName = "RetrieveMultiple";
            Parameters["Query"] = null;
        }

        public QueryBase Query
        {
            get { return Get<QueryBase>("Query"); }
            set { Parameters["Query"] = value; }
        }
    }

    public sealed class RetrieveMultipleResponse : OrganizationResponse
    {
        public EntityCollection EntityCollection => Get<EntityCollection>("EntityCollection");
    }

    public sealed class UpsertRequest : OrganizationRequest
    {
        public UpsertRequest()
        {
            RequestName = "Upsert";
            Parameters["Target"] = null;
        }

        public Entity Target
        {
            get { return Get<Entity>("Target"); }
            set { Parameters["Target"] = value; }
        }
    }

    public sealed class UpsertResponse : OrganizationResponse
    {
        public bool RecordCreated => Get<bool>("RecordCreated");

        public EntityReference Target => Get<EntityReference>("Target");
    }

    public sealed class AssociateRequest : OrganizationRequest
    {
        public AssociateRequest()
        {
            RequestName = "Associate";
            Parameters["Target"] = null;
            Parameters["Relationship"] = null;
            Parameters["RelatedEntities"] = null;
        }

        public EntityReference Target
        {
            get { return Get<EntityReference>("Target"); }
            set { Parameters["Target"] = value; }
        }

        public Relationship Relationship
        {
            get { return Get<Relationship>("Relationship"); }
            set { Parameters["Relationship"] = value; }
        }

        public EntityReferenceCollection RelatedEntities
        {
            get { return Get<EntityReferenceCollection>("RelatedEntities"); }
            set { Parameters["RelatedEntities"] = value; }
        }
    }

    public sealed class AssociateResponse : OrganizationResponse
    {
    }

    public sealed class DisassociateRequest : OrganizationRequest
    {
        public DisassociateRequest()
        {
            RequestName = "Disassociate";
            Parameters["Target"] = null;
            Parameters["Relationship"] = null;
            Parameters["RelatedEntities"] = null;
        }

        public EntityReference Target
        {
            get { return Get<EntityReference>("Target"); }
            set { Parameters["Target"] = value; }
        }

        public Relationship Relationship
        {
            get { return Get<Relationship>("Relationship"); }
            set { Parameters["Relationship"] = value; }
        }

        public EntityReferenceCollection RelatedEntities
        {
            get { return Get<EntityReferenceCollection>("RelatedEntities"); }
            set { Parameters["RelatedEntities"] = value; }
        }
    }

    public sealed class DisassociateResponse : OrganizationResponse
    {
    }

    public sealed class ExecuteMultipleRequest : OrganizationRequest
    {
        public ExecuteMultipleRequest()
        {
            RequestName = "ExecuteMultiple";
            Parameters["Requests"] = null;
            Parameters["Settings"] = null;
        }

        public OrganizationRequestCollection Requests
        {
            get { return Get<OrganizationRequestCollection>("Requests"); }
            set { Parameters["Requests"] = value; }
        }

        public ExecuteMultipleSettings Settings
        {
            get { return Get<ExecuteMultipleSettings>("Settings"); }
            set { Parameters["Settings"] = value; }
        }
    }

    public sealed class ExecuteMultipleResponse : OrganizationResponse
    {
        public bool IsFaulted => Get<bool>("IsFaulted");

        public ExecuteMultipleResponseItemCollection Responses => Get<ExecuteMultipleResponseItemCollection>("Responses");
    }
}
