using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The two faults of Dataverse's security checks, in the platform's wording. Microsoft Learn, "Troubleshoot Dataverse
    /// client errors" (https://learn.microsoft.com/troubleshoot/power-platform/dataverse/user-permissions/client-errors)
    /// names them: "Principal user is missing privilege on OTC for entity" (-2147220960, a missing privilege) and
    /// "Principal with ID &lt;guid&gt; does not have CreateAccess right(s) for record with ID &lt;guid&gt; of entity"
    /// (-2147187962, the privilege check passed but the access check failed). The full shape of the first is the one the
    /// platform returns, e.g. in Microsoft's KB 4015092 ("Principal user (Id=&lt;GUID&gt;, type=8) is missing
    /// prvReadEmailServerProfile privilege (Id=…)") and in today's Web API errors ("Principal user (Id=…, type=8,
    /// roleCount=8, privilegeCount=420, accessMode='0 Read-Write', …, businessUnitId=…), is missing prvReadOfficeDocument
    /// privilege (Id=…) on OTC=4490 for entity 'officedocument' (LocalizedName='Office Document'). context.Caller=….
    /// Consider adding missed privilege to one of the principal (user/team) roles."). Privilege ids and the type codes
    /// of custom tables are the sandbox's own (stable, but not the environment's).
    /// </summary>
    internal static class SecurityFaults
    {
        private static readonly Dictionary<string, int> TypeCodes = new(StringComparer.OrdinalIgnoreCase)
        {
            ["account"] = 1, ["contact"] = 2, ["systemuser"] = 8, ["team"] = 9, ["businessunit"] = 10, ["incident"] = 112,
            ["subject"] = 129, ["environmentvariabledefinition"] = 380, ["environmentvariablevalue"] = 381,
            ["salesorder"] = 1088, ["incidentresolution"] = 4206, ["task"] = 4212,
        };

        /// <summary>The object type code of a table: the platform's for standard tables, a stable one (10000+) for the others.</summary>
        public static int ObjectTypeCode(string logicalName)
        {
            if (TypeCodes.TryGetValue(logicalName, out int code))
            {
                return code;
            }
            byte[] id = SecurityRole.DeterministicId("otc:" + logicalName).ToByteArray();
            return 10000 + (int)(BitConverter.ToUInt32(id, 0) % 90000);
        }

        public static SandboxFaultException PrivilegeDenied(Guid user, int roleCount, int privilegeCount, Guid businessUnit,
            string privilege, int objectTypeCode, string logicalName, string localizedName) =>
            new(ErrorCodes.PrivilegeDenied,
                $"Principal user (Id={user}, type=8, roleCount={roleCount}, privilegeCount={privilegeCount}, accessMode='0 Read-Write', businessUnitId={businessUnit}), " +
                $"is missing {privilege} privilege (Id={SecurityRole.DeterministicId("privilege:" + privilege)}) on OTC={objectTypeCode} for entity '{logicalName}' (LocalizedName='{localizedName}'). " +
                $"context.Caller={user}. Consider adding missed privilege to one of the principal (user/team) roles.");

        public static SandboxFaultException OwnerCannotRead(EntityReference owner, string privilege, string logicalName) =>
            new(ErrorCodes.TargetPrincipalLacksReadPrivilege,
                $"Target user or team does not hold the required read privilege to own the record. ({owner.LogicalName} {owner.Id} holds no {privilege} for entity '{logicalName}'.)");

        public static SandboxFaultException SecuredColumnCreate(string table, string column) =>
            new(ErrorCodes.AttributePrivilegeCreateIsMissing,
                $"The user does not have create permissions to a secured field. The requested operation could not be completed. (Field '{column}' of entity '{table}'.)");

        public static SandboxFaultException SecuredColumnUpdate(string table, string column) =>
            new(ErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate,
                $"The user doesn't have AttributePrivilegeUpdate and not granted shared access for a secured attribute during update operation (Field '{column}' of entity '{table}'.)");

        public static SandboxFaultException AccessDenied(Guid user, PrivilegeType type, string privilege, AccessLevel held, AccessLevel needed,
            string logicalName, Guid recordId, EntityReference? owner, Guid businessUnit) =>
            new(ErrorCodes.AccessCheckFailed,
                $"Principal with id {user} does not have {type}Access right(s) for record with id {recordId} of entity {logicalName}. " +
                $"Details: {privilege} is held at {held} (MinimumPrivilegeDepthRequired = {needed}); the record's owner is " +
                (owner == null ? "the organization" : $"{owner.LogicalName} {owner.Id}") + $" in business unit {businessUnit}.");
    }
}
