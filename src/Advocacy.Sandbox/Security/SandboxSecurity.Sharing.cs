using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    // ---------------------------------------------------------------------------------------------------------------
    // Shared access (Microsoft Learn, "How access to a record is determined", Shared access; "Sharing and assigning",
    // https://learn.microsoft.com/power-apps/developer/data-platform/security-sharing-assigning):
    // - a record shared with a user, or with a team the user belongs to, gives the user the shared rights "provided the
    //   user passed the privilege check" — a share gives nothing on a table the user holds no privilege for at all
    //   ("if a user does not have Read privileges on accounts and you share an account with that user, the user will be
    //   unable to see that account");
    // - rights from several shares add up ("the access rights that this user has on the record are the union");
    // - "a related record was shared": a record inherits the shares of its parent through every relationship whose
    //   CascadeShare is Cascade (Account_Tasks, incident_customer_accounts, …), records created under the parent later
    //   too, and loses them when the parent's share is revoked. The sandbox works this out when it checks (a row's
    //   parents' shares, up the cascading lookups), so the principalobjectaccess rows hold only direct shares.
    // The shares are rows of principalobjectaccess in the store, so they commit and roll back with the transaction that
    // wrote them, and a deleted record's shares go with it.
    // ---------------------------------------------------------------------------------------------------------------
    public sealed partial class SandboxSecurity
    {
        /// <summary>The rights a share of one privilege type gives (Microsoft.Crm.Sdk.Messages.AccessRights' values).</summary>
        internal static AccessRights RightOf(PrivilegeType type) => type switch
        {
            PrivilegeType.Read => AccessRights.ReadAccess,
            PrivilegeType.Write => AccessRights.WriteAccess,
            PrivilegeType.Append => AccessRights.AppendAccess,
            PrivilegeType.AppendTo => AccessRights.AppendToAccess,
            PrivilegeType.Create => AccessRights.CreateAccess,
            PrivilegeType.Delete => AccessRights.DeleteAccess,
            PrivilegeType.Share => AccessRights.ShareAccess,
            _ => AccessRights.AssignAccess,
        };

        /// <summary>
        /// The rights a user or team has on a record (RetrievePrincipalAccess): each right whose privilege the principal
        /// holds and whose level reaches the record, or which a share (direct, through a team, or inherited) gives it.
        /// Every right for SYSTEM and System Administrators. Ignores <see cref="Enforce"/>: it is a question, not a check.
        /// </summary>
        public AccessRights AccessRightsOf(EntityReference principal, EntityReference record) =>
            AccessRightsOf(null, principal, record);

        internal AccessRights AccessRightsOf(Transaction? tx, EntityReference principal, EntityReference record)
        {
            bool isTeam = string.Equals(principal.LogicalName, "team", StringComparison.OrdinalIgnoreCase);
            var row = _sandbox.Store.Read(tx, record.LogicalName, record.Id);
            if (row == null)
            {
                return AccessRights.None;
            }
            // Every right, CreateAccess too: answers seen for an administrator list all eight.
            var all = (PrivilegeType[])Enum.GetValues(typeof(PrivilegeType));
            if (isTeam ? RolesOf(principal.Id).Any(r => r.IsSystemAdministrator) : Bypasses(principal.Id))
            {
                return all.Aggregate(AccessRights.None, (mask, type) => mask | RightOf(type));
            }
            var principals = isTeam
                ? new List<Principal> { new(principal.Id, true, BusinessUnitOf(tx, "team", principal.Id), RolesOf(principal.Id), Array.Empty<Guid>()) }
                : Principals(principal.Id, tx);
            var scope = RowScope(tx, row);
            var shares = new ShareIndex(this, tx, principals.Select(p => p.Id));
            var rights = AccessRights.None;
            foreach (var type in all)
            {
                string privilege = PrivilegeName(type, record.LogicalName);
                if (principals.All(p => p.LevelOf(privilege) == null))
                {
                    continue; // the privilege check: a share gives nothing without the privilege
                }
                if (Reaches(principals, privilege, scope, tx) || (shares.RightsOn(record.LogicalName, record.Id, row) & RightOf(type)) != 0)
                {
                    rights |= RightOf(type);
                }
            }
            return rights;
        }

        /// <summary>Whether a share gives one of the principals the right on the row (the access check's fourth way).</summary>
        private bool SharedWith(IReadOnlyList<Principal> principals, PrivilegeType type, string table, Guid id, Transaction? tx)
        {
            if (id == Guid.Empty || !Sharing.AnyShares(_sandbox, tx))
            {
                return false;
            }
            var row = _sandbox.Store.ReadRow(tx, table, id);
            return row != null && (new ShareIndex(this, tx, principals.Select(p => p.Id)).RightsOn(table, id, row) & RightOf(type)) != 0;
        }

        /// <summary>For a query: the rows of a table that a share gives the principals the right on, or null when nothing is shared.</summary>
        private Func<object, bool>? SharedRows(IReadOnlyList<Principal> principals, PrivilegeType type, string table, Transaction? tx)
        {
            if (!Sharing.AnyShares(_sandbox, tx))
            {
                return null;
            }
            var index = new ShareIndex(this, tx, principals.Select(p => p.Id));
            var right = RightOf(type);
            return row => (index.RightsOn(table, RowStore.IdOf(row), row) & right) != 0;
        }

        /// <summary>
        /// The direct shares of the principals, read once per check or query, and the rights they give on a row: its own
        /// shares and those it inherits up every lookup whose relationship cascades shares (bounded, as the cascades are).
        /// </summary>
        private sealed class ShareIndex
        {
            private const int MaxDepth = 16;
            private readonly SandboxSecurity _security;
            private readonly Transaction? _tx;
            private readonly HashSet<Guid> _principals;
            private Dictionary<(string Table, Guid Id), AccessRights>? _direct;
            // Per table, its lookups whose relationship cascades Share: read once per check or query, not once per row.
            private readonly Dictionary<string, OneToManyMetadata[]> _cascading = new(StringComparer.OrdinalIgnoreCase);

            public ShareIndex(SandboxSecurity security, Transaction? tx, IEnumerable<Guid> principals)
            {
                _security = security;
                _tx = tx;
                _principals = new HashSet<Guid>(principals);
            }

            public AccessRights RightsOn(string table, Guid id, object row) => RightsOn(table, id, row, 0);

            private AccessRights RightsOn(string table, Guid id, object row, int depth)
            {
                _direct ??= Sharing.DirectShares(_security._sandbox, _tx, _principals);
                var rights = _direct.TryGetValue((table, id), out var own) ? own : AccessRights.None;
                if (depth >= MaxDepth)
                {
                    return rights;
                }
                if (!_cascading.TryGetValue(table, out var cascading))
                {
                    _cascading[table] = cascading = _security._sandbox.Metadata.ReferencedRelationships(table).Where(r => r.OnShare == CascadeAssign.Cascade).ToArray();
                }
                foreach (var relationship in cascading)
                {
                    if (RowStore.ValueOf(row, relationship.ReferencingAttribute) is not EntityReference parent
                        || !string.Equals(parent.LogicalName, relationship.ReferencedEntity, StringComparison.OrdinalIgnoreCase)
                        || _security._sandbox.Store.ReadRow(_tx, parent.LogicalName, parent.Id) is not { } parentRow)
                    {
                        continue;
                    }
                    rights |= RightsOn(relationship.ReferencedEntity, parent.Id, parentRow, depth + 1);
                }
                return rights;
            }
        }
    }

    /// <summary>
    /// The sharing messages (GrantAccess, ModifyAccess, RevokeAccess, RetrievePrincipalAccess,
    /// RetrieveSharedPrincipalsAndAccess) and their rows, principalobjectaccess. The caller's Share (or Read) access on
    /// the record is checked by the security model before the main operation, like any other privilege.
    /// </summary>
    internal static class Sharing
    {
        public const string Table = "principalobjectaccess";

        /// <summary>
        /// principalobjectaccess (Microsoft Learn, "PrincipalObjectAccess table/entity reference"): one row per record and
        /// principal it is shared with. Callers may read it (Retrieve, RetrieveMultiple) but write it only through the
        /// sharing messages; it has no owner and no privileges of its own in the sandbox.
        /// </summary>
        public static TableMetadata Describe()
        {
            var table = new TableMetadata(Table, Table + "id", null) { SchemaName = "PrincipalObjectAccess", Ownership = TableOwnership.None };
            table.Add(new ColumnMetadata(Table + "id", ColumnType.UniqueIdentifier));
            table.Add(new ColumnMetadata("objectid", ColumnType.UniqueIdentifier));
            table.Add(new ColumnMetadata("objecttypecode", ColumnType.String) { MaxLength = 64 });
            table.Add(new ColumnMetadata("principalid", ColumnType.UniqueIdentifier));
            table.Add(new ColumnMetadata("principaltypecode", ColumnType.String) { MaxLength = 64 });
            table.Add(new ColumnMetadata("accessrightsmask", ColumnType.Integer) { MinValue = int.MinValue, MaxValue = int.MaxValue });
            table.Add(new ColumnMetadata("inheritedaccessrightsmask", ColumnType.Integer) { MinValue = int.MinValue, MaxValue = int.MaxValue });
            table.Add(new ColumnMetadata("changedon", ColumnType.DateTime));
            table.Messages = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Retrieve", "RetrieveMultiple" };
            return table;
        }

        public static bool AnyShares(DataverseSandbox sandbox, Transaction? tx) =>
            sandbox.Store.Count(Table) > 0 || tx != null && sandbox.Store.ScanRows(tx, Table).Any();

        /// <summary>The direct shares of the given principals, by record: the union of their masks.</summary>
        public static Dictionary<(string Table, Guid Id), AccessRights> DirectShares(DataverseSandbox sandbox, Transaction? tx, HashSet<Guid> principals)
        {
            var shares = new Dictionary<(string, Guid), AccessRights>();
            foreach (var row in sandbox.Store.ScanRows(tx, Table))
            {
                if (RowStore.ValueOf(row, "principalid") is Guid principal && principals.Contains(principal)
                    && RowStore.ValueOf(row, "objecttypecode") is string table && RowStore.ValueOf(row, "objectid") is Guid id)
                {
                    var key = (table, id);
                    shares[key] = (shares.TryGetValue(key, out var mask) ? mask : AccessRights.None) | (AccessRights)(RowStore.ValueOf(row, "accessrightsmask") as int? ?? 0);
                }
            }
            return shares;
        }

        private static IEnumerable<Entity> SharesOf(DataverseSandbox sandbox, Transaction? tx, string table, Guid id) =>
            sandbox.Store.Scan(tx, Table).Where(r => r.GetAttributeValue<Guid>("objectid") == id
                && string.Equals(r.GetAttributeValue<string>("objecttypecode"), table, StringComparison.OrdinalIgnoreCase));

        /// <summary>A deleted record's shares go with it (called in the delete's transaction).</summary>
        public static void RemoveSharesOf(DataverseSandbox sandbox, Transaction tx, string table, Guid id)
        {
            if (!AnyShares(sandbox, tx))
            {
                return;
            }
            foreach (var share in SharesOf(sandbox, tx, table, id).ToList())
            {
                tx.Write(Table, share.Id, null, created: false);
            }
        }

        /// <summary>
        /// GrantAccess adds the rights to the principal's share of the record (a first share creates it); ModifyAccess
        /// replaces them. Whether Dataverse refuses a second GrantAccess for the same principal or adds to it is not
        /// published: the sandbox adds (code that must work either way reads the share first, as the product does).
        /// </summary>
        public static OrganizationResponse Grant(DataverseSandbox sandbox, Operation op, OrganizationResponse response, bool replace)
        {
            var target = Target(sandbox, op);
            var access = op.Given.TryGetValue("PrincipalAccess", out var p) ? p as PrincipalAccess : null;
            if (access?.Principal == null)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"{op.Message} needs PrincipalAccess with a Principal: the user or team to share {target.LogicalName} {target.Id} with.");
            }
            var principal = RequirePrincipal(sandbox, op.Transaction, access.Principal);
            var tx = op.Transaction!;
            var existing = SharesOf(sandbox, tx, target.LogicalName, target.Id).FirstOrDefault(s => s.GetAttributeValue<Guid>("principalid") == principal.Id);
            // ModifyAccess of a principal the record is not shared with shares it (Learn: it replaces "the access rights on
            // the target record for the specified security principal"; whether the platform refuses instead is not published).
            var mask = (int)access.AccessMask | (!replace && existing != null ? existing.GetAttributeValue<int>("accessrightsmask") : 0);
            var row = new Entity(Table, existing?.Id ?? DeterministicShareId(target, principal))
            {
                ["objectid"] = target.Id,
                ["objecttypecode"] = target.LogicalName.ToLowerInvariant(),
                ["principalid"] = principal.Id,
                ["principaltypecode"] = principal.LogicalName.ToLowerInvariant(),
                ["accessrightsmask"] = mask,
                ["inheritedaccessrightsmask"] = 0,
                ["changedon"] = op.CreatedOn,
            };
            row[Table + "id"] = row.Id;
            sandbox.Store.Lock(tx, Table, row.Id);
            tx.Write(Table, row.Id, row, created: existing == null);
            sandbox.Metrics.Written(1);
            return response;
        }

        /// <summary>RevokeAccess: the principal's direct share of the record is removed (its inherited access goes with the parent's share).</summary>
        public static OrganizationResponse Revoke(DataverseSandbox sandbox, Operation op, OrganizationResponse response)
        {
            var target = Target(sandbox, op);
            var revokee = op.Given.TryGetValue("Revokee", out var r) ? r as EntityReference : null;
            if (revokee == null)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"RevokeAccess needs Revokee: the user or team whose share of {target.LogicalName} {target.Id} to remove.");
            }
            var tx = op.Transaction!;
            foreach (var share in SharesOf(sandbox, tx, target.LogicalName, target.Id).Where(s => s.GetAttributeValue<Guid>("principalid") == revokee.Id).ToList())
            {
                sandbox.Store.Lock(tx, Table, share.Id);
                tx.Write(Table, share.Id, null, created: false);
                sandbox.Metrics.Written(1);
            }
            return response;
        }

        public static OrganizationResponse PrincipalAccessOf(DataverseSandbox sandbox, Operation op, OrganizationResponse response)
        {
            var target = Target(sandbox, op);
            var principal = op.Given.TryGetValue("Principal", out var p) ? p as EntityReference : null;
            if (principal == null)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, "RetrievePrincipalAccess needs Principal: the user or team whose access to read.");
            }
            RequirePrincipal(sandbox, op.Transaction, principal);
            response.Results["AccessRights"] = sandbox.Security.AccessRightsOf(op.Transaction, principal, target);
            return response;
        }

        public static OrganizationResponse SharedPrincipals(DataverseSandbox sandbox, Operation op, OrganizationResponse response)
        {
            var target = Target(sandbox, op);
            response.Results["PrincipalAccesses"] = SharesOf(sandbox, op.Transaction, target.LogicalName, target.Id)
                .Select(s => new PrincipalAccess
                {
                    Principal = new EntityReference(s.GetAttributeValue<string>("principaltypecode"), s.GetAttributeValue<Guid>("principalid")),
                    AccessMask = (AccessRights)s.GetAttributeValue<int>("accessrightsmask"),
                })
                .ToArray();
            return response;
        }

        /// <summary>The record to share: it must exist and be of a table whose rows have owners (only those can be shared).</summary>
        private static EntityReference Target(DataverseSandbox sandbox, Operation op)
        {
            var target = op.Given.TryGetValue("Target", out var t) ? t as EntityReference : null;
            if (target == null)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"{op.Message} needs Target: the record whose access it is about.");
            }
            var table = sandbox.Metadata.Table(target.LogicalName) ?? throw Faults.UnknownEntity(target.LogicalName);
            if (table.Ownership is TableOwnership.OrganizationOwned or TableOwnership.None)
            {
                // Microsoft Learn, "Security concepts for developers": organization-owned rows have no owner to share them.
                throw new SandboxFaultException(ErrorCodes.InvalidArgument,
                    $"{op.Message}: records of '{target.LogicalName}' cannot be shared — the table is organization-owned; only user- or team-owned records are shared.");
            }
            if (!sandbox.Store.Exists(op.Transaction, target.LogicalName, target.Id))
            {
                throw Faults.DoesNotExist(target.LogicalName, target.Id);
            }
            return target;
        }

        private static EntityReference RequirePrincipal(DataverseSandbox sandbox, Transaction? tx, EntityReference principal)
        {
            if (!string.Equals(principal.LogicalName, "systemuser", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(principal.LogicalName, "team", StringComparison.OrdinalIgnoreCase))
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"A record is shared with a user (systemuser) or a team, not with '{principal.LogicalName}'.");
            }
            if (!sandbox.Store.Exists(tx, principal.LogicalName, principal.Id))
            {
                throw Faults.DoesNotExist(principal.LogicalName, principal.Id);
            }
            return principal;
        }

        // One row per record and principal, with an id that does not depend on the order shares were made in.
        private static Guid DeterministicShareId(EntityReference target, EntityReference principal) =>
            SecurityRole.DeterministicId($"poa:{target.LogicalName.ToLowerInvariant()}:{target.Id}:{principal.Id}");
    }
}
