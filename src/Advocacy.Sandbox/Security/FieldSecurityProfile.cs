using System;
using System.Collections.Generic;

namespace Advocacy.Sandbox
{
    /// <summary>What a field security profile allows on one secured column (the fieldpermission row: canread, cancreate, canupdate).</summary>
    public sealed record FieldPermission(bool CanRead, bool CanCreate, bool CanUpdate);

    /// <summary>
    /// A field security profile (Microsoft Learn, "Column-level security to control access"): the permissions it grants on
    /// secured columns. A user holds a profile directly or through a team; permissions of several profiles add up.
    /// </summary>
    public sealed class FieldSecurityProfile
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, FieldPermission> _permissions = new(StringComparer.OrdinalIgnoreCase);

        public FieldSecurityProfile(string name)
        {
            Name = name;
        }

        public string Name { get; }

        /// <summary>Grants read, create and update of a secured column (each false = "Not allowed").</summary>
        public FieldSecurityProfile Allow(string table, string column, bool read, bool create, bool update)
        {
            lock (_gate)
            {
                _permissions[Key(table, column)] = new FieldPermission(read, create, update);
            }
            return this;
        }

        /// <summary>The profile's permission on a column, or null when it names the column not at all.</summary>
        public FieldPermission? PermissionOn(string table, string column)
        {
            lock (_gate)
            {
                return _permissions.TryGetValue(Key(table, column), out var permission) ? permission : null;
            }
        }

        private static string Key(string table, string column) => table + "." + column;
    }
}
