using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// How far a privilege reaches, as a security role grants it (the SDK's PrivilegeDepth, same order and values).
    /// Microsoft Learn, PrivilegeDepth enum (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.privilegedepth):
    /// Basic = rows owned by (or shared with) the user; Local = rows in the user's business unit; Deep = the user's
    /// business unit and all business units below it; Global = the whole organization.
    /// </summary>
    public enum AccessLevel
    {
        /// <summary>The user's own rows (and rows owned by a team the user belongs to). Role XML: level="Basic".</summary>
        Basic = 0,

        /// <summary>Rows in the user's business unit. Role XML: level="Local".</summary>
        Local = 1,

        /// <summary>Rows in the user's business unit and its child business units, at any depth. Role XML: level="Deep".</summary>
        Deep = 2,

        /// <summary>Every row of the organization. Role XML: level="Global".</summary>
        Global = 3,
    }

    /// <summary>
    /// A security role: privilege names (prvCreateadv_Feedback, prvReadActivity, …) with the access level each is
    /// granted at. Read from a solution's Roles/*.xml (<c>&lt;RolePrivilege name="…" level="Basic" /&gt;</c>) or defined
    /// in code by a test. Privilege names compare case-insensitively.
    /// </summary>
    public sealed class SecurityRole
    {
        /// <summary>The platform's administrator role: its holders pass every privilege and access check.</summary>
        public const string SystemAdministratorName = "System Administrator";

        private readonly Dictionary<string, AccessLevel> _privileges = new(StringComparer.OrdinalIgnoreCase);

        public SecurityRole(string name, Guid? id = null)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Id = id ?? DeterministicId("role:" + name);
        }

        public string Name { get; }
        public Guid Id { get; }

        /// <summary>True for the System Administrator role: holders bypass the checks, as on the platform.</summary>
        public bool IsSystemAdministrator => string.Equals(Name, SystemAdministratorName, StringComparison.OrdinalIgnoreCase);

        public IReadOnlyDictionary<string, AccessLevel> Privileges => _privileges;

        /// <summary>Grants a privilege at an access level (a higher level already granted is kept). Returns the role (fluent).</summary>
        public SecurityRole Grant(string privilegeName, AccessLevel level)
        {
            lock (_privileges)
            {
                if (!_privileges.TryGetValue(privilegeName, out var current) || current < level)
                {
                    _privileges[privilegeName] = level;
                }
            }
            return this;
        }

        /// <summary>Grants several privileges at one level.</summary>
        public SecurityRole Grant(AccessLevel level, params string[] privilegeNames)
        {
            foreach (string name in privilegeNames)
            {
                Grant(name, level);
            }
            return this;
        }

        /// <summary>The level this role grants a privilege at, or null when it does not grant it.</summary>
        public AccessLevel? LevelOf(string privilegeName)
        {
            lock (_privileges)
            {
                return _privileges.TryGetValue(privilegeName, out var level) ? level : null;
            }
        }

        /// <summary>Reads a role as the SolutionPackager writes it: <c>&lt;Role name="…"&gt;&lt;RolePrivileges&gt;&lt;RolePrivilege name level/&gt;…</c>.</summary>
        public static SecurityRole FromXml(XDocument document)
        {
            var root = document.Root ?? throw new FormatException("A role file without a root element.");
            string name = (string?)root.Attribute("name") ?? throw new FormatException("A <Role> without a name.");
            Guid? id = Guid.TryParse(((string?)root.Attribute("id"))?.Trim('{', '}'), out var g) ? g : null;
            var role = new SecurityRole(name, id);
            foreach (var privilege in root.Descendants().Where(e => e.Name.LocalName == "RolePrivilege"))
            {
                string? privilegeName = (string?)privilege.Attribute("name");
                string? level = (string?)privilege.Attribute("level");
                if (string.IsNullOrEmpty(privilegeName))
                {
                    continue;
                }
                role.Grant(privilegeName, ParseLevel(level));
            }
            return role;
        }

        /// <summary>The level names of role XML; the older Basic/Local/Deep/Global spelling and the UI's names both read.</summary>
        public static AccessLevel ParseLevel(string? level) => level?.Trim().ToLowerInvariant() switch
        {
            "basic" or "user" => AccessLevel.Basic,
            "local" or "businessunit" or "business unit" => AccessLevel.Local,
            "deep" or "parent: child business units" or "parentchild" => AccessLevel.Deep,
            "global" or "organization" => AccessLevel.Global,
            _ => throw new FormatException($"Unknown privilege level '{level}'."),
        };

        /// <summary>A stable id for a name (roles, privileges): the same name gives the same id in every run.</summary>
        internal static Guid DeterministicId(string name)
        {
            byte[] hash = System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(name.ToLowerInvariant()));
            byte[] bytes = hash.Take(16).ToArray();
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5 (name-based, SHA-1)
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }
    }
}
