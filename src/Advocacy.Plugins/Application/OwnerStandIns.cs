using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.FollowUp;

namespace Advocacy.Plugins.Application
{
    /// <summary>
    /// The account owner's stand-in (<see cref="OwnerStandIn"/>) for an account known from an image, read when the work
    /// is about to go to the owner (one query; none for a team owner or for facts read with the owner's user), and traced
    /// when the owner is disabled: who stands in, or that the owner keeps the work.
    /// </summary>
    public static class OwnerStandIns
    {
        public static AccountFacts Resolve(IAdvocacyHost host, AccountFacts account)
        {
            var resolved = account.OwnerUserRead ? account : AccountOwnerUser.Resolve(host.SystemService, account);
            Trace(host, resolved);
            return resolved;
        }

        private static void Trace(IAdvocacyHost host, AccountFacts account)
        {
            if (account.StandIn != null)
            {
                host.Trace("Owner: the owner of account {0}, {1}, is disabled; their manager {2} takes the owner's work.",
                    account.AccountId, account.StandIn.OwnerName, account.StandIn.ManagerUserId);
            }
            else if (account.OwnerDisabled)
            {
                host.Trace("Owner: the owner {0} of account {1} is disabled and has no enabled manager; the owner's work stays with them.",
                    account.OwnerId, account.AccountId);
            }
        }
    }
}
