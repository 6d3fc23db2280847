using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

// Sharing (Microsoft Learn, "Sharing and assigning"): GrantAccess, ModifyAccess, RevokeAccess and the two reads of who
// has access. As in Microsoft.Xrm.Sdk's surface, the typed messages are views over Parameters / Results with
// Microsoft's keys and request names; in Microsoft's assembly these types live in Microsoft.Crm.Sdk.Messages.
namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>The rights a share gives, as a bit mask (Microsoft's values: the principalobjectaccess row's accessrightsmask).</summary>
    [System.Flags]
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public enum AccessRights
    {
        [EnumMember] None = 0,
        [EnumMember] ReadAccess = 1,
        [EnumMember] WriteAccess = 2,
        [EnumMember] AppendAccess = 4,
        [EnumMember] AppendToAccess = 16,
        [EnumMember] CreateAccess = 32,
        [EnumMember] DeleteAccess = 65536,
        [EnumMember] ShareAccess = 262144,
        [EnumMember] AssignAccess = 524288,
    }

    /// <summary>A user, team or organization and the rights a record is shared with it.</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class PrincipalAccess : IExtensibleDataObject
    {
        [DataMember]
        public EntityReference Principal { get; set; }

        [DataMember]
        public AccessRights AccessMask { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class GrantAccessRequest : OrganizationRequest
    {
        public GrantAccessRequest()
        {
            RequestName = "GrantAccess";
            Target = null;
            PrincipalAccess = null;
        }

        public EntityReference Target
        {
            get { return Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null; }
            set { Parameters["Target"] = value; }
        }

        public PrincipalAccess PrincipalAccess
        {
            get { return Parameters.Contains("PrincipalAccess") ? (PrincipalAccess)Parameters["PrincipalAccess"] : null; }
            set { Parameters["PrincipalAccess"] = value; }
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class GrantAccessResponse : OrganizationResponse
    {
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class ModifyAccessRequest : OrganizationRequest
    {
        public ModifyAccessRequest()
        {
            RequestName = "ModifyAccess";
            Target = null;
            PrincipalAccess = null;
        }

        public EntityReference Target
        {
            get { return Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null; }
            set { Parameters["Target"] = value; }
        }

        public PrincipalAccess PrincipalAccess
        {
            get { return Parameters.Contains("PrincipalAccess") ? (PrincipalAccess)Parameters["PrincipalAccess"] : null; }
            set { Parameters["PrincipalAccess"] = value; }
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class ModifyAccessResponse : OrganizationResponse
    {
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RevokeAccessRequest : OrganizationRequest
    {
        public RevokeAccessRequest()
        {
            RequestName = "RevokeAccess";
            Target = null;
            Revokee = null;
        }

        public EntityReference Target
        {
            get { return Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null; }
            set { Parameters["Target"] = value; }
        }

        public EntityReference Revokee
        {
            get { return Parameters.Contains("Revokee") ? (EntityReference)Parameters["Revokee"] : null; }
            set { Parameters["Revokee"] = value; }
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RevokeAccessResponse : OrganizationResponse
    {
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RetrievePrincipalAccessRequest : OrganizationRequest
    {
        public RetrievePrincipalAccessRequest()
        {
            RequestName = "RetrievePrincipalAccess";
            Target = null;
            Principal = null;
        }

        public EntityReference Target
        {
            get { return Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null; }
            set { Parameters["Target"] = value; }
        }

        public EntityReference Principal
        {
            get { return Parameters.Contains("Principal") ? (EntityReference)Parameters["Principal"] : null; }
            set { Parameters["Principal"] = value; }
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RetrievePrincipalAccessResponse : OrganizationResponse
    {
        public AccessRights AccessRights => Results.Contains("AccessRights") ? (AccessRights)Results["AccessRights"] : default(AccessRights);
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RetrieveSharedPrincipalsAndAccessRequest : OrganizationRequest
    {
        public RetrieveSharedPrincipalsAndAccessRequest()
        {
            RequestName = "RetrieveSharedPrincipalsAndAccess";
            Target = null;
        }

        public EntityReference Target
        {
            get { return Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null; }
            set { Parameters["Target"] = value; }
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RetrieveSharedPrincipalsAndAccessResponse : OrganizationResponse
    {
        public PrincipalAccess[] PrincipalAccesses => Results.Contains("PrincipalAccesses") ? (PrincipalAccess[])Results["PrincipalAccesses"] : null;
    }
}
