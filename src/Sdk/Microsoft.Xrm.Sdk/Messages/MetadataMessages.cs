using System;
using Microsoft.Xrm.Sdk.Metadata;

namespace Microsoft.Xrm.Sdk.Messages
{
    public sealed class RetrieveEntityRequest : OrganizationRequest
    {
        public RetrieveEntityRequest()
        {
            RequestName = "RetrieveEntity";
            Parameters["EntityFilters"] = EntityFilters.Default;
            Parameters["LogicalName"] = null;
            Parameters["MetadataId"] = Guid.Empty;
            Parameters["RetrieveAsIfPublished"] = false;
        }

        public EntityFilters EntityFilters
        {
            get { return Get<EntityFilters>("EntityFilters"); }
            set { Parameters["EntityFilters"] = value; }
        }

        public string LogicalName
        {
            get { return Get<string>("LogicalName"); }
            set { Parameters["LogicalName"] = value; }
        }

        public Guid MetadataId
        {
            get { return Get<Guid>("MetadataId"); }
            set { Parameters["MetadataId"] = value; }
        }

        public bool RetrieveAsIfPublished
        {
            get { return Get<bool>("RetrieveAsIfPublished"); }
            set { Parameters["RetrieveAsIfPublished"] = value; }
        }
    }

    public sealed class RetrieveEntityResponse : OrganizationResponse
    {
        public EntityMetadata EntityMetadata => Get<EntityMetadata>("EntityMetadata");
    }

    public sealed class RetrieveAttributeRequest : OrganizationRequest
    {
        public RetrieveAttributeRequest()
        {
            RequestName = "RetrieveAttribute";
            Parameters["EntityLogicalName"] = null;
            Parameters["LogicalName"] = null;
            Parameters["MetadataId"] = Guid.Empty;
            Parameters["RetrieveAsIfPublished"] = false;
        }

        public string EntityLogicalName
        {
            get { return Get<string>("EntityLogicalName"); }
            set { Parameters["EntityLogicalName"] = value; }
        }

        public string LogicalName
        {
            get { return Get<string>("LogicalName"); }
            set { Parameters["LogicalName"] = value; }
        }

        public int ColumnNumber
        {
            get { return Get<int>("ColumnNumber"); }
            set { Parameters["ColumnNumber"] = value; }
        }

        public Guid MetadataId
        {
            get { return Get<Guid>("MetadataId"); }
            set { Parameters["MetadataId"] = value; }
        }

        public bool RetrieveAsIfPublished
        {
            get { return Get<bool>("RetrieveAsIfPublished"); }
            set { Parameters["RetrieveAsIfPublished"] = value; }
        }
    }

    public sealed class RetrieveAttributeResponse : OrganizationResponse
    {
        public AttributeMetadata AttributeMetadata => Get<AttributeMetadata>("AttributeMetadata");
    }
}
