using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.Assignment;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Reads and writes an account's shares with users (the platform's sharing messages): one read of every share of the
    /// account, then one GrantAccess, ModifyAccess or RevokeAccess per user whose share changes. A first share is made with
    /// GrantAccess and a change with ModifyAccess, so nothing depends on what GrantAccess does to an existing share.
    /// A write that gives rights goes through the granting service (by default the same one), so the platform checks that
    /// whoever gives them may share the account; one that only takes rights away through the other.
    /// </summary>
    public sealed class AccountShares
    {
        private readonly IOrganizationService _service;
        private IOrganizationService? _grantAs;
        private readonly Guid _accountId;
        private Dictionary<Guid, int>? _byUser;

        public AccountShares(IOrganizationService service, Guid accountId)
        {
            _service = service;
            _accountId = accountId;
        }

        /// <summary>With the account's shares with users already read (a bulk read of principalobjectaccess).</summary>
        public AccountShares(IOrganizationService service, Guid accountId, IDictionary<Guid, int> byUser)
            : this(service, accountId)
        {
            _byUser = new Dictionary<Guid, int>(byUser);
        }

        /// <summary>Gives rights as <paramref name="grantAs"/> (the platform checks its Share access); takes them away as before.</summary>
        public AccountShares GrantingAs(IOrganizationService grantAs)
        {
            _grantAs = grantAs;
            return this;
        }

        private EntityReference Account => new EntityReference("account", _accountId);

        /// <summary>The rights the account is shared with the user (0: not shared).</summary>
        public int Of(Guid userId)
        {
            if (_byUser == null)
            {
                var response = (RetrieveSharedPrincipalsAndAccessResponse)_service.Execute(new RetrieveSharedPrincipalsAndAccessRequest { Target = Account });
                _byUser = (response.PrincipalAccesses ?? Array.Empty<PrincipalAccess>())
                    .Where(p => p.Principal != null && p.Principal.LogicalName == "systemuser")
                    .GroupBy(p => p.Principal.Id)
                    .ToDictionary(g => g.Key, g => g.Aggregate(0, (mask, p) => mask | (int)p.AccessMask));
            }

            return _byUser.TryGetValue(userId, out int rights) ? rights : 0;
        }

        /// <summary>Leaves the user's share at exactly <paramref name="rights"/> (0 removes it).</summary>
        public void Set(Guid userId, int rights)
        {
            int existing = Of(userId);
            var user = new EntityReference("systemuser", userId);
            var service = (rights & ~existing) != 0 ? _grantAs ?? _service : _service;
            if (rights == 0)
            {
                service.Execute(new RevokeAccessRequest { Target = Account, Revokee = user });
            }
            else if (existing == 0)
            {
                service.Execute(new GrantAccessRequest { Target = Account, PrincipalAccess = new PrincipalAccess { Principal = user, AccessMask = (AccessRights)rights } });
            }
            else
            {
                service.Execute(new ModifyAccessRequest { Target = Account, PrincipalAccess = new PrincipalAccess { Principal = user, AccessMask = (AccessRights)rights } });
            }

            _byUser![userId] = rights;
        }
    }
}
