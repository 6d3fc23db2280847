using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>The eight record privileges of a table (Microsoft Learn, "How access to a record is determined").</summary>
    public enum PrivilegeType
    {
        Create,
        Read,
        Write,
        Delete,
        Append,
        AppendTo,
        Assign,
        Share,
    }

    /// <summary>
    /// The sandbox's security model, opt-in: with <see cref="Enforce"/> false (the default) nothing is checked and
    /// every caller may do anything, as before. With it true, calls made as a user — a test's
    /// <see cref="DataverseSandbox.CreateService"/>, or a plug-in's CreateOrganizationService(userId) — pass
    /// Dataverse's two checks before the main operation (Microsoft Learn, "How access to a record is determined",
    /// https://learn.microsoft.com/power-platform/admin/how-record-access-determined): the privilege check (does any
    /// role of the user, or of a team the user belongs to, grant prv{Verb}{Table} at all?) and the access check (does
    /// the level it is granted at reach the row's owner: Basic = the user's own rows or its teams', Local = its
    /// business unit, Deep = its business unit and those below, Global = all). The SYSTEM user and holders of the
    /// System Administrator role bypass both, as on the platform. Roles come from the solution folders' Roles/*.xml
    /// and from <see cref="DefineRole"/>; users and teams get them with <see cref="AssignRole"/>.
    /// </summary>
    public sealed partial class SandboxSecurity
    {
        private readonly DataverseSandbox _sandbox;
        private readonly object _gate = new();
        private readonly Dictionary<string, SecurityRole> _roles = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<Guid, List<SecurityRole>> _assigned = new();
        private readonly Dictionary<Guid, HashSet<Guid>> _teamMembers = new();
        private readonly Dictionary<string, FieldSecurityProfile> _profiles = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<Guid, List<FieldSecurityProfile>> _profilesOf = new();
        private readonly HashSet<string> _securedInCode = new(StringComparer.OrdinalIgnoreCase);

        internal SandboxSecurity(DataverseSandbox sandbox)
        {
            _sandbox = sandbox;
            _roles[SecurityRole.SystemAdministratorName] = new SecurityRole(SecurityRole.SystemAdministratorName);
        }

        /// <summary>
        /// When true, user-context calls are checked against the users' security roles. False by default: the
        /// sandbox then behaves as it always has (no privilege is ever missing).
        /// </summary>
        public bool Enforce { get; set; }

        /// <summary>A role by name: one defined in code first, then one the solution folders ship; null when unknown.</summary>
        public SecurityRole? Role(string name)
        {
            lock (_gate)
            {
                if (_roles.TryGetValue(name, out var role))
                {
                    return role;
                }
            }
            return _sandbox.Metadata.Role(name);
        }

        /// <summary>
        /// Defines a role in code (or returns the one already defined under that name), to grant privileges to:
        /// <c>Security.DefineRole("Reader").Grant("prvReadadv_Feedback", AccessLevel.Local)</c>. A role of the same
        /// name from the solution is hidden by it.
        /// </summary>
        public SecurityRole DefineRole(string name)
        {
            lock (_gate)
            {
                if (!_roles.TryGetValue(name, out var role))
                {
                    role = new SecurityRole(name);
                    _roles[name] = role;
                }
                return role;
            }
        }

        /// <summary>Gives a user or a team a role, by name (a solution role such as "Customer Advocate", "System Administrator", or one defined in code).</summary>
        public void AssignRole(Guid principalId, string roleName)
        {
            var role = Role(roleName) ?? throw new ArgumentException($"The sandbox knows no security role named '{roleName}' (solution Roles/*.xml, DefineRole, or \"{SecurityRole.SystemAdministratorName}\").", nameof(roleName));
            lock (_gate)
            {
                if (!_assigned.TryGetValue(principalId, out var list))
                {
                    _assigned[principalId] = list = new List<SecurityRole>();
                }
                if (!list.Contains(role))
                {
                    list.Add(role);
                }
            }
        }

        /// <summary>Takes a role away from a user or a team.</summary>
        public void RemoveRole(Guid principalId, string roleName)
        {
            lock (_gate)
            {
                if (_assigned.TryGetValue(principalId, out var list))
                {
                    list.RemoveAll(r => string.Equals(r.Name, roleName, StringComparison.OrdinalIgnoreCase));
                }
            }
        }

        /// <summary>The roles a user or team holds directly (not through its teams).</summary>
        public IReadOnlyList<SecurityRole> RolesOf(Guid principalId)
        {
            lock (_gate)
            {
                return _assigned.TryGetValue(principalId, out var list) ? list.ToList() : new List<SecurityRole>();
            }
        }

        /// <summary>Makes a user a member of an owner team (a <c>team</c> row): the user gets the team's roles, and rows the team owns count as the user's own for Basic.</summary>
        public void AddTeamMember(Guid teamId, Guid userId)
        {
            lock (_gate)
            {
                if (!_teamMembers.TryGetValue(teamId, out var members))
                {
                    _teamMembers[teamId] = members = new HashSet<Guid>();
                }
                members.Add(userId);
            }
        }

        public void RemoveTeamMember(Guid teamId, Guid userId)
        {
            lock (_gate)
            {
                if (_teamMembers.TryGetValue(teamId, out var members))
                {
                    members.Remove(userId);
                }
            }
        }

        /// <summary>The teams a user is a member of.</summary>
        public IReadOnlyList<Guid> TeamsOf(Guid userId)
        {
            lock (_gate)
            {
                return _teamMembers.Where(t => t.Value.Contains(userId)).Select(t => t.Key).ToList();
            }
        }

        // ---------------------------------------------------------------------------------------------------------
        // Column (field) security: Microsoft Learn, "Column-level security to control access"
        // (https://learn.microsoft.com/power-platform/admin/field-level-security). A secured column is read, created and
        // updated only through field security profiles; a System Administrator has full access to every secured column.
        // ---------------------------------------------------------------------------------------------------------

        /// <summary>Secures a column in code, as if the solution said &lt;IsSecured&gt;1&lt;/IsSecured&gt; (which the sandbox also reads).</summary>
        public void SecureColumn(string table, string column)
        {
            lock (_gate)
            {
                _securedInCode.Add(table + "." + column);
            }
        }

        /// <summary>Whether a column is secured: by the solution's metadata or by <see cref="SecureColumn"/>.</summary>
        public bool IsSecured(string table, string column)
        {
            lock (_gate)
            {
                if (_securedInCode.Contains(table + "." + column))
                {
                    return true;
                }
            }
            return _sandbox.Metadata.Table(table)?.Column(column)?.IsSecured == true;
        }

        /// <summary>Defines a field security profile (or returns the one of that name) to grant column permissions on.</summary>
        public FieldSecurityProfile DefineFieldSecurityProfile(string name)
        {
            lock (_gate)
            {
                if (!_profiles.TryGetValue(name, out var profile))
                {
                    _profiles[name] = profile = new FieldSecurityProfile(name);
                }
                return profile;
            }
        }

        /// <summary>Gives a user or a team a field security profile.</summary>
        public void AssignFieldSecurityProfile(Guid principalId, string profileName)
        {
            FieldSecurityProfile profile;
            lock (_gate)
            {
                profile = _profiles.TryGetValue(profileName, out var known) ? known
                    : throw new ArgumentException($"The sandbox knows no field security profile named '{profileName}' (DefineFieldSecurityProfile).", nameof(profileName));
                if (!_profilesOf.TryGetValue(principalId, out var list))
                {
                    _profilesOf[principalId] = list = new List<FieldSecurityProfile>();
                }
                if (!list.Contains(profile))
                {
                    list.Add(profile);
                }
            }
        }

        /// <summary>
        /// What the user may do with a secured column, through its profiles and its teams' (permissions add up). Full
        /// access for the SYSTEM user and System Administrators; ignores <see cref="Enforce"/>.
        /// </summary>
        public FieldPermission ColumnPermission(Guid userId, string table, string column)
        {
            if (Bypasses(userId))
            {
                return new FieldPermission(true, true, true);
            }
            var principals = new[] { userId }.Concat(TeamsOf(userId));
            List<FieldPermission> granted;
            lock (_gate)
            {
                granted = principals.SelectMany(p => _profilesOf.TryGetValue(p, out var list) ? list : new List<FieldSecurityProfile>())
                    .Select(p => p.PermissionOn(table, column)).Where(p => p != null).Select(p => p!).ToList();
            }
            return new FieldPermission(granted.Any(p => p.CanRead), granted.Any(p => p.CanCreate), granted.Any(p => p.CanUpdate));
        }

        /// <summary>Create and update of secured columns: every secured column the Target sets needs the matching permission.</summary>
        private void DemandColumns(Guid user, Entity target, bool create)
        {
            foreach (var pair in target.Attributes)
            {
                if (create && pair.Value == null || !IsSecured(target.LogicalName, pair.Key))
                {
                    continue; // a create that leaves a secured column empty sets nothing
                }
                var permission = ColumnPermission(user, target.LogicalName, pair.Key);
                if (create && !permission.CanCreate)
                {
                    throw SecurityFaults.SecuredColumnCreate(target.LogicalName, pair.Key);
                }
                if (!create && !permission.CanUpdate)
                {
                    throw SecurityFaults.SecuredColumnUpdate(target.LogicalName, pair.Key);
                }
            }
        }

        /// <summary>Reads: a secured column the caller may not read comes back without a value (the sandbox omits columns without one).</summary>
        private void HideColumns(Guid user, IEnumerable<Entity> rows)
        {
            foreach (var row in rows)
            {
                foreach (var column in row.Attributes.Keys.ToList())
                {
                    if (IsSecured(row.LogicalName, column) && !ColumnPermission(user, row.LogicalName, column).CanRead)
                    {
                        row.Attributes.Remove(column);
                    }
                }
            }
        }

        /// <summary>True for the SYSTEM user and for holders of the System Administrator role (directly or through a team).</summary>
        public bool Bypasses(Guid userId) =>
            userId == _sandbox.SystemUserId
            || RolesOf(userId).Any(r => r.IsSystemAdministrator)
            || TeamsOf(userId).Any(t => RolesOf(t).Any(r => r.IsSystemAdministrator));

        /// <summary>
        /// The highest level at which the user holds a privilege, through its own roles or its teams' (null: not held).
        /// Ignores <see cref="Enforce"/> and the bypass.
        /// </summary>
        public AccessLevel? LevelOf(Guid userId, string privilegeName) =>
            Principals(userId, null).Select(p => p.LevelOf(privilegeName)).Where(l => l != null).Max();

        /// <summary>
        /// The privilege name for an action on a table, as the platform names it: prv{Verb}{SchemaName}
        /// (prvCreateadv_Feedback, prvReadAccount, prvReadUser); every activity table shares the Activity privileges
        /// (prvCreateActivity). The schema name comes from the metadata; the logical name stands in when unknown.
        /// </summary>
        public string PrivilegeName(PrivilegeType type, string logicalName)
        {
            var table = _sandbox.Metadata.Table(logicalName);
            string schema = table?.IsActivity == true ? "Activity" : table?.SchemaName ?? logicalName;
            return "prv" + type + schema;
        }

        // ---------------------------------------------------------------------------------------------------------
        // The checks (called by the message engine, inside the operation's transaction, before stage 30).
        // ---------------------------------------------------------------------------------------------------------

        private static readonly HashSet<string> NotAppendColumns = new(StringComparer.OrdinalIgnoreCase)
        {
            "ownerid", "owninguser", "owningteam", "owningbusinessunit", "createdby", "modifiedby", "createdonbehalfby", "modifiedonbehalfby",
        };

        internal bool Applies(CallerContext caller) => Enforce && !Bypasses(caller.UserId);

        /// <summary>
        /// Checks a user-context operation before its main operation; throws the platform's fault when refused. Called
        /// inside the operation's try block, so a refusal rolls back (or dooms) the transaction like any failure.
        /// </summary>
        internal void BeforeCore(Operation op, Func<Transaction?, Entity, Guid> resolveId)
        {
            if (!Enforce)
            {
                return;
            }
            if (!Bypasses(op.Caller.UserId))
            {
                DemandOfCaller(op, resolveId);
            }
            // About the new owner, not the caller: checked whoever assigns, SYSTEM and administrators included, after
            // the caller's own checks (which of the two faults the platform raises first is not published).
            DemandNewOwnerCanRead(op, resolveId);
        }

        private void DemandOfCaller(Operation op, Func<Transaction?, Entity, Guid> resolveId)
        {
            var tx = op.Transaction;
            var user = op.Caller.UserId;
            switch (op.MessageKey)
            {
                case "create" when op.Target is { } target:
                {
                    var scope = NewRowScope(tx, target, user);
                    Demand(tx, user, PrivilegeType.Create, target.LogicalName, target.Id, scope);
                    DemandAppends(tx, user, target.LogicalName, target.Id, scope, target.Attributes, current: null);
                    DemandColumns(user, target, create: true);
                    break;
                }
                case "update" when op.Target is { } target:
                {
                    Guid id = resolveId(tx, target);
                    var current = _sandbox.Store.Read(tx, target.LogicalName, id);
                    if (current == null)
                    {
                        return; // the main operation answers "Does Not Exist"
                    }
                    var scope = RowScope(tx, current);
                    string pid = _sandbox.Metadata.PrimaryIdAttribute(target.LogicalName);
                    if (target.Attributes.Keys.Any(k => !k.Equals("ownerid", StringComparison.OrdinalIgnoreCase) && !k.Equals(pid, StringComparison.OrdinalIgnoreCase)))
                    {
                        Demand(tx, user, PrivilegeType.Write, target.LogicalName, id, scope);
                    }
                    if (target.GetAttributeValue<EntityReference>("ownerid") is { } newOwner && current.GetAttributeValue<EntityReference>("ownerid")?.Id != newOwner.Id)
                    {
                        // Changing the owner is an assignment: prvAssign on the row as it is owned now.
                        Demand(tx, user, PrivilegeType.Assign, target.LogicalName, id, scope);
                    }
                    DemandAppends(tx, user, target.LogicalName, id, scope, target.Attributes, current);
                    DemandColumns(user, target, create: false);
                    break;
                }
                case "delete":
                case "retrieve":
                case "setstate":
                case "setstatedynamicentity":
                {
                    var reference = (op.Input.TryGetValue("Target", out var t) ? t : op.Input.TryGetValue("EntityMoniker", out var m) ? m : null) as EntityReference;
                    if (reference == null || _sandbox.Store.Read(tx, reference.LogicalName, reference.Id) is not { } row)
                    {
                        return;
                    }
                    var type = op.MessageKey switch
                    {
                        "delete" => PrivilegeType.Delete,
                        "retrieve" => PrivilegeType.Read,
                        _ => PrivilegeType.Write,
                    };
                    Demand(tx, user, type, reference.LogicalName, reference.Id, RowScope(tx, row));
                    break;
                }
                case "merge":
                {
                    // Microsoft Learn, "Merge table rows using the Web API": "the caller must have privileges and access
                    // rights to both the records identified as the Target and Subordinate" — read and write each; the
                    // merge itself then runs as the system (the rows it moves are not checked against the caller).
                    var targets = new List<EntityReference>();
                    if (op.Input.TryGetValue("Target", out var t) && t is EntityReference target)
                    {
                        targets.Add(target);
                        if (op.Input.TryGetValue("SubordinateId", out var s) && s is Guid subordinate)
                        {
                            targets.Add(new EntityReference(target.LogicalName, subordinate));
                        }
                    }
                    foreach (var reference in targets)
                    {
                        if (_sandbox.Store.Read(tx, reference.LogicalName, reference.Id) is { } row)
                        {
                            var scope = RowScope(tx, row);
                            Demand(tx, user, PrivilegeType.Read, reference.LogicalName, reference.Id, scope);
                            Demand(tx, user, PrivilegeType.Write, reference.LogicalName, reference.Id, scope);
                        }
                    }
                    break;
                }
                case "grantaccess":
                case "modifyaccess":
                case "revokeaccess":
                case "retrieveprincipalaccess":
                case "retrievesharedprincipalsandaccess":
                {
                    // Microsoft Learn, GrantAccessRequest, "Privileges and Access Rights": the caller needs the Share
                    // privilege (prvShareAccount, …) and share access on the record; the two reads need read access.
                    if (op.Input.TryGetValue("Target", out var t) && t is EntityReference reference
                        && _sandbox.Store.Read(tx, reference.LogicalName, reference.Id) is { } row)
                    {
                        var type = op.MessageKey.StartsWith("retrieve", StringComparison.Ordinal) ? PrivilegeType.Read : PrivilegeType.Share;
                        Demand(tx, user, type, reference.LogicalName, reference.Id, RowScope(tx, row));
                    }
                    break;
                }
                                case "retrievemultiple":
                    // The privilege check fails the query; the access check filters its rows (AfterCore).
                    if (op.Entity != null && Ownership(op.Entity) != TableOwnership.None)
                    {
                        Demand(tx, user, PrivilegeType.Read, op.Entity, Guid.Empty, null);
                    }
                    break;
                case "associate":
                case "disassociate":
                {
                    // Microsoft Learn: "For many-to-many relationships, you must have Append privilege for both tables
                    // being associated or disassociated."
                    var target = op.Input.TryGetValue("Target", out var t) ? t as EntityReference : null;
                    var related = op.Input.TryGetValue("RelatedEntities", out var r) ? r as EntityReferenceCollection : null;
                    foreach (var end in (related ?? new EntityReferenceCollection()).Prepend(target))
                    {
                        if (end != null && _sandbox.Store.Read(tx, end.LogicalName, end.Id) is { } row)
                        {
                            Demand(tx, user, PrivilegeType.Append, end.LogicalName, end.Id, RowScope(tx, row));
                        }
                    }
                    break;
                }
                default:
                    break; // Upsert: its inner Create or Update is checked; a Custom API: BeforePipeline
            }
        }

        /// <summary>
        /// A row given to another owner — a Create naming an owner other than the caller, an Update that changes the owner —
        /// needs an owner who can read it: Microsoft's list of web service error codes has TargetPrincipalLacksReadPrivilege
        /// (0x80040299) "Target user or team does not hold the required read privilege to own the record." The owner's
        /// roles (a user's own and its teams', or the team's) must grant the table's Read privilege at some level; a System
        /// Administrator (or SYSTEM) owner passes.
        /// </summary>
        private void DemandNewOwnerCanRead(Operation op, Func<Transaction?, Entity, Guid> resolveId)
        {
            if (op.MessageKey is not ("create" or "update") || op.GivenTarget is not { } target
                || target.GetAttributeValue<EntityReference>("ownerid") is not { } owner
                || Ownership(target.LogicalName) != TableOwnership.UserOwned)
            {
                return;
            }
            var tx = op.Transaction;
            if (op.MessageKey == "create")
            {
                if (owner.Id == op.Caller.UserId)
                {
                    return;
                }
            }
            else if (_sandbox.Store.ReadValue(tx, target.LogicalName, resolveId(tx, target), "ownerid") is not EntityReference current || current.Id == owner.Id)
            {
                return; // a missing row is the main operation's to refuse; an unchanged owner is no assignment
            }
            string read = PrivilegeName(PrivilegeType.Read, target.LogicalName);
            // A user reads through its own roles and its teams' (LevelOf); a team through its own.
            bool canRead = string.Equals(owner.LogicalName, "team", StringComparison.OrdinalIgnoreCase)
                ? RolesOf(owner.Id).Any(r => r.IsSystemAdministrator || r.LevelOf(read) != null)
                : Bypasses(owner.Id) || LevelOf(owner.Id, read) != null;
            if (!canRead)
            {
                throw SecurityFaults.OwnerCannotRead(owner, read, target.LogicalName);
            }
        }

        /// <summary>
        /// Before any step of a Custom API with an ExecutePrivilegeName: the caller must hold that privilege, at any
        /// level (Microsoft Learn, "CustomAPI tables", https://learn.microsoft.com/power-apps/developer/data-platform/custom-api-tables:
        /// ExecutePrivilegeName, the name of the privilege that allows execution of the custom API); and a request that
        /// bypasses custom logic needs that bypass's privilege.
        /// </summary>
        internal void BeforePipeline(Operation op)
        {
            if (!Applies(op.Caller))
            {
                return;
            }

            if (_sandbox.Steps.CustomApi(op.Message)?.ExecutePrivilegeName is { Length: > 0 } privilege)
            {
                DemandPrivilege(op.Transaction, op.Caller.UserId, privilege, null);
            }

            // Bypassing custom logic needs its own privilege, held by System Administrators (Learn, "Bypass custom Dataverse logic").
            foreach (var bypass in op.Bypass.Privileges)
            {
                DemandPrivilege(op.Transaction, op.Caller.UserId, bypass, null);
            }
        }

        /// <summary>
        /// For a query: which rows of a table the caller may read — those their Read privilege's level reaches (the access
        /// check), none of a table they hold no Read privilege on — or null when every row may be read (no enforcement,
        /// a caller that bypasses it, a table without owners). The query engine applies it where it reads each table, so
        /// a linked table's rows the caller cannot read are not joined (an inner link drops the row, an outer link leaves
        /// its columns empty), pages are cut from readable rows only and aggregates count only them, as the platform
        /// applies the access check inside the query.
        /// </summary>
        internal Func<string, Func<object, bool>?>? ReadableRows(CallerContext caller, Transaction? tx)
        {
            if (!Applies(caller))
            {
                return null;
            }
            var principals = Principals(caller.UserId, tx);
            return table =>
            {
                if (Ownership(table) == TableOwnership.None)
                {
                    return null;
                }
                string privilege = PrivilegeName(PrivilegeType.Read, table);
                // A share gives a row only to a caller who holds the privilege at some level (the privilege check).
                var shared = principals.Any(p => p.LevelOf(privilege) != null) ? SharedRows(principals, PrivilegeType.Read, table, tx) : null;
                return row => Reaches(principals, privilege, RowScope(tx, AsEntity(row)), tx) || shared?.Invoke(row) == true;
            };
        }

        private static Entity AsEntity(object row) => row switch
        {
            Entity entity => entity,
            StoredRow stored => stored.ToEntity(),
            NewRow written => written.ToEntity(),
            _ => throw new ArgumentException($"Not a row: {row.GetType().Name}", nameof(row)),
        };

        /// <summary>
        /// After a Retrieve's or RetrieveMultiple's main operation: hides the secured columns the caller may not read. The
        /// rows a query returns were already held to the access check inside the query (<see cref="ReadableRows"/>).
        /// </summary>
        internal void AfterCore(Operation op)
        {
            if (Applies(op.Caller))
            {
                if (op.Output.TryGetValue("Entity", out var single) && single is Entity entity && op.Message.Equals("Retrieve", StringComparison.OrdinalIgnoreCase))
                {
                    HideColumns(op.Caller.UserId, new[] { entity });
                }
                else if (op.Output.TryGetValue("EntityCollection", out var many) && many is EntityCollection rows)
                {
                    HideColumns(op.Caller.UserId, rows.Entities);
                }
            }
        }

        /// <summary>
        /// A Retrieve's related rows (RelatedEntitiesQuery), held to the rules of a query of their table: the caller needs
        /// read on it and sees only the columns their field security lets them read; the rows their access does not reach
        /// were left out by the query itself (<see cref="ReadableRows"/>).
        /// </summary>
        internal void FilterRelatedRows(CallerContext caller, Transaction? tx, string table, EntityCollection rows)
        {
            if (!Applies(caller))
            {
                return;
            }
            if (Ownership(table) != TableOwnership.None)
            {
                Demand(tx, caller.UserId, PrivilegeType.Read, table, Guid.Empty, null);
            }
            HideColumns(caller.UserId, rows.Entities);
        }

        private void DemandAppends(Transaction? tx, Guid user, string table, Guid id, RecordScope scope, IEnumerable<KeyValuePair<string, object>> columns, Entity? current)
        {
            foreach (var pair in columns)
            {
                if (pair.Value is not EntityReference reference || NotAppendColumns.Contains(pair.Key)
                    || current?.GetAttributeValue<EntityReference>(pair.Key) is { } before && before.Id == reference.Id
                    || _sandbox.Metadata.Table(reference.LogicalName) == null
                    || _sandbox.Store.Read(tx, reference.LogicalName, reference.Id) is not { } referenced)
                {
                    continue; // unchanged, not a lookup, or a missing row (the main operation answers "Does Not Exist")
                }
                // Setting a lookup appends this row to the referenced one: prvAppend here, prvAppendTo there
                // (Microsoft Learn, "How access to a record is determined": Append / Append To).
                Demand(tx, user, PrivilegeType.Append, table, id, scope);
                Demand(tx, user, PrivilegeType.AppendTo, reference.LogicalName, reference.Id, RowScope(tx, referenced));
            }
        }

        // ---------------------------------------------------------------------------------------------------------
        // Principals, rows and levels.
        // ---------------------------------------------------------------------------------------------------------

        /// <summary>Who a row belongs to, for the access check: its owner and the owner's business unit.</summary>
        private sealed record RecordScope(TableOwnership Ownership, EntityReference? Owner, Guid BusinessUnit);

        /// <summary>A user or a team with its roles and business unit. A user's teams count as its own for Basic.</summary>
        private sealed record Principal(Guid Id, bool IsTeam, Guid BusinessUnit, IReadOnlyList<SecurityRole> Roles, IReadOnlyList<Guid> Teams)
        {
            public AccessLevel? LevelOf(string privilege) => Roles.Select(r => r.LevelOf(privilege)).Where(l => l != null).Max();
        }

        private List<Principal> Principals(Guid userId, Transaction? tx)
        {
            var teams = TeamsOf(userId);
            var list = new List<Principal> { new(userId, false, BusinessUnitOf(tx, "systemuser", userId), RolesOf(userId), teams) };
            list.AddRange(teams.Select(t => new Principal(t, true, BusinessUnitOf(tx, "team", t), RolesOf(t), Array.Empty<Guid>())));
            return list;
        }

        private TableOwnership Ownership(string logicalName)
        {
            var table = _sandbox.Metadata.Table(logicalName);
            if (table?.Ownership is { } known)
            {
                return known;
            }
            if (table == null)
            {
                return TableOwnership.None; // lenient metadata: an undeclared table is not secured
            }
            return table.HasColumn("ownerid") ? TableOwnership.UserOwned : TableOwnership.OrganizationOwned;
        }

        private Guid BusinessUnitOf(Transaction? tx, string table, Guid id) =>
            (_sandbox.Store.ReadValue(tx, table, id, "businessunitid") as EntityReference)?.Id ?? _sandbox.BusinessUnitId;

        /// <summary>The scope of a stored row: its owner and the owner's current business unit.</summary>
        private RecordScope RowScope(Transaction? tx, Entity row)
        {
            var ownership = Ownership(row.LogicalName);
            switch (ownership)
            {
                case TableOwnership.UserOwned:
                {
                    var owner = row.GetAttributeValue<EntityReference>("ownerid");
                    Guid bu = owner != null && _sandbox.Store.Read(tx, owner.LogicalName, owner.Id) is { } principal
                        ? principal.GetAttributeValue<EntityReference>("businessunitid")?.Id ?? _sandbox.BusinessUnitId
                        : row.GetAttributeValue<EntityReference>("owningbusinessunit")?.Id ?? _sandbox.BusinessUnitId;
                    return new RecordScope(ownership, owner, bu);
                }
                case TableOwnership.BusinessOwned:
                    return BusinessScope(row);
                default:
                    return new RecordScope(ownership, null, _sandbox.BusinessUnitId);
            }
        }

        /// <summary>A business-owned row (user, team, business unit) belongs to its business unit; a user's own row counts as its own.</summary>
        private RecordScope BusinessScope(Entity row)
        {
            Guid bu = row.LogicalName == "businessunit" && row.Id != Guid.Empty
                ? row.Id
                : (row.GetAttributeValue<EntityReference>("businessunitid") ?? row.GetAttributeValue<EntityReference>("parentbusinessunitid"))?.Id ?? _sandbox.BusinessUnitId;
            var self = row.LogicalName == "systemuser" && row.Id != Guid.Empty ? new EntityReference("systemuser", row.Id) : null;
            return new RecordScope(TableOwnership.BusinessOwned, self, bu);
        }

        /// <summary>The scope of a row about to be created: owned by its ownerid, or by the caller (the platform's default).</summary>
        private RecordScope NewRowScope(Transaction? tx, Entity target, Guid user)
        {
            var ownership = Ownership(target.LogicalName);
            if (ownership == TableOwnership.BusinessOwned)
            {
                return BusinessScope(target);
            }
            if (ownership != TableOwnership.UserOwned)
            {
                return new RecordScope(ownership, null, _sandbox.BusinessUnitId);
            }
            var owner = target.GetAttributeValue<EntityReference>("ownerid") ?? new EntityReference("systemuser", user);
            return new RecordScope(ownership, owner, BusinessUnitOf(tx, owner.LogicalName, owner.Id));
        }

        /// <summary>The level a principal needs for a row: Basic for its own (or its teams'), Local in its business unit, Deep below it, else Global.</summary>
        private AccessLevel Needed(Principal principal, RecordScope scope, Transaction? tx)
        {
            if (scope.Ownership == TableOwnership.OrganizationOwned)
            {
                // Microsoft Learn, "Security concepts for developers": organization-owned tables' access levels
                // "can only be Global or None, which are effectively on/off switches".
                return AccessLevel.Global;
            }
            if (scope.Owner != null && (scope.Owner.Id == principal.Id || principal.Teams.Contains(scope.Owner.Id)))
            {
                return AccessLevel.Basic;
            }
            if (scope.BusinessUnit == principal.BusinessUnit)
            {
                return AccessLevel.Local;
            }
            return IsBelow(tx, scope.BusinessUnit, principal.BusinessUnit) ? AccessLevel.Deep : AccessLevel.Global;
        }

        /// <summary>True when a business unit is a child (at any depth) of another: parentbusinessunitid, followed up.</summary>
        private bool IsBelow(Transaction? tx, Guid businessUnit, Guid ancestor)
        {
            var current = businessUnit;
            for (int i = 0; i < 64; i++)
            {
                var parent = _sandbox.Store.ReadValue(tx, "businessunit", current, "parentbusinessunitid") as EntityReference;
                if (parent == null)
                {
                    return false;
                }
                if (parent.Id == ancestor)
                {
                    return true;
                }
                current = parent.Id;
            }
            return false;
        }

        private bool Reaches(IReadOnlyList<Principal> principals, string privilege, RecordScope scope, Transaction? tx) =>
            principals.Any(p => p.LevelOf(privilege) is { } level && level >= Needed(p, scope, tx));

        private void Demand(Transaction? tx, Guid user, PrivilegeType type, string table, Guid id, RecordScope? scope)
        {
            if (Ownership(table) == TableOwnership.None)
            {
                return;
            }
            string name = PrivilegeName(type, table);
            var principals = DemandPrivilege(tx, user, name, table);
            if (scope == null || Reaches(principals, name, scope, tx) || SharedWith(principals, type, table, id, tx))
            {
                return;
            }
            var self = principals[0];
            var held = principals.Select(p => p.LevelOf(name)).Where(l => l != null).Max()!.Value;
            throw SecurityFaults.AccessDenied(user, type, name, held, Needed(self, scope, tx), table, id, scope.Owner, scope.BusinessUnit);
        }

        /// <summary>The privilege check alone: some role of the user or its teams grants the privilege, at any level.</summary>
        private List<Principal> DemandPrivilege(Transaction? tx, Guid user, string privilege, string? table)
        {
            var principals = Principals(user, tx);
            if (principals.Any(p => p.LevelOf(privilege) != null))
            {
                return principals;
            }
            var self = principals[0];
            int privilegeCount = self.Roles.SelectMany(r => r.Privileges.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            var metadata = table == null ? null : _sandbox.Metadata.Table(table);
            throw SecurityFaults.PrivilegeDenied(user, self.Roles.Count, privilegeCount, self.BusinessUnit, privilege,
                table == null ? 0 : SecurityFaults.ObjectTypeCode(table), table ?? "", metadata?.SchemaName ?? table ?? "");
        }
    }
}
