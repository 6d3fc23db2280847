using System;
using System.Collections.Generic;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Application.Assignment
{
    /// <summary>
    /// An advocate profile now names another user (a person replaced) or another backup: the accounts of every advocacy
    /// this changes are shared with the users it gives the account to now and no longer with those it gave it to
    /// (<see cref="AdvocateAccess.Entitled"/>) — the profile's own accounts, and those of the advocates it stands in
    /// for, one or two backups down their chains. Every profile is read (the table is small, and a profile change is
    /// rare), each advocacy's users worked out with the profile as it was and as it is, and only the changed ones
    /// move (<see cref="AdvocateShareRepair.MoveAccounts"/>). Reads and takes rights away as
    /// <see cref="IAdvocacyHost.SystemService"/>, but gives them as the user who changed the profile: Write on a profile
    /// is not the right to share an account, so the platform checks that they may share each account the change gives
    /// away (a manager of one unit naming themselves on a profile whose customers are in another is refused, and the
    /// change rolls back). Giving an account on an assignment stays the system's: that is the advocacy policy at work.
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
            if (userBefore == userAfter && backupBefore == backupAfter)
            {
                // Stryker disable once all : trace text only
                _host.Trace("Access: advocate {0}'s user and backup are unchanged; the shares stay.", advocateId);
                return 0;
            }

            var system = _host.SystemService;
            var after = AdvocacyUsers.Profiles(system);
            // The profile as the save left it, whatever the read above saw, and as it was before.
            after[advocateId] = new ProfileLink(advocateId, userAfter, backupAfter);
            var before = new Dictionary<Guid, ProfileLink>(after) { [advocateId] = new ProfileLink(advocateId, userBefore, backupBefore) };
            var changed = new Dictionary<Guid, Entitlement>();
            foreach (var advocate in after.Keys)
            {
                var entitlement = new Entitlement(AdvocateAccess.Entitled(advocate, before), AdvocateAccess.Entitled(advocate, after));
                if (entitlement.Changed)
                {
                    changed[advocate] = entitlement;
                }
            }

            if (changed.Count == 0)
            {
                _host.Trace("Access: advocate {0}'s change gives no account to other users ({1} profiles read); the shares stay.", advocateId, after.Count);
                return 0;
            }

            // Stryker disable once all : trace text only
            _host.Trace("Access: advocate {0}'s change gives the accounts of {1} advocate(s) to other users; moving their shares.", advocateId, changed.Count);
            return new AdvocateShareRepair(system, _host.Tracing).MoveAccounts(changed, _host.UserService, (account, fault) =>
            {
                _host.Trace("Access: the platform refused to share account {0} as the user who changed the profile: {1}", account, fault.Message);
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorProfileChangeCannotShare, account), fault);
            });
        }
    }
}
