using System;
using System.Collections.Generic;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.Assignment;

namespace Advocacy.Plugins.Application.Assignment
{
    /// <summary>
    /// An advocate profile now names another user (a person replaced) or another backup: the accounts of the advocacies
    /// this changes are shared with the users they give the account to now and no longer with those they gave it to
    /// (<see cref="AdvocateAccess.Entitled"/>): the profile's own accounts, and — when its user changed — the accounts of
    /// the advocates it is the backup of. Runs as <see cref="IAdvocacyHost.SystemService"/>: the share writes are the
    /// product's, after a save the platform checked. Reads: the backups' users (one query, only when a backup is named),
    /// the advocates this profile backs (one, only when its user changed), then <see cref="AdvocateShareRepair.MoveAccounts"/>.
    /// </summary>
    public sealed class MoveAdvocateShares
    {
        private readonly IAdvocacyHost _host;

        public MoveAdvocateShares(IAdvocacyHost host)
        {
            _host = host;
        }

        public int AfterProfileChange(Guid advocateId, Guid? userBefore, Guid? backupBefore, Guid? userAfter, Guid? backupAfter)
        {
            var system = _host.SystemService;
            var backupUsers = AdvocacyUsers.UsersOf(system, new[] { backupBefore, backupAfter });
            var changed = new Dictionary<Guid, Entitlement>();
            var own = new Entitlement(
                AdvocateAccess.Entitled(userBefore, UserOf(backupUsers, backupBefore)),
                AdvocateAccess.Entitled(userAfter, UserOf(backupUsers, backupAfter)));
            if (own.Changed)
            {
                changed[advocateId] = own;
            }

            if (userBefore != userAfter)
            {
                // The advocates this profile stands in for: their accounts were given to its previous user as their backup's.
                foreach (var backed in AdvocacyUsers.BackedBy(system, advocateId))
                {
                    var entitlement = new Entitlement(AdvocateAccess.Entitled(backed.Value, userBefore), AdvocateAccess.Entitled(backed.Value, userAfter));
                    if (entitlement.Changed)
                    {
                        changed[backed.Key] = entitlement;
                    }
                }
            }

            if (changed.Count == 0)
            {
                _host.Trace("Access: advocate {0}'s change gives no account to other users; the shares stay.", advocateId);
                return 0;
            }

            return new AdvocateShareRepair(system, _host.Tracing).MoveAccounts(changed);
        }

        private static Guid? UserOf(Dictionary<Guid, Guid?> users, Guid? profile) =>
            profile.HasValue && users.TryGetValue(profile.Value, out Guid? user) ? user : null;
    }
}
