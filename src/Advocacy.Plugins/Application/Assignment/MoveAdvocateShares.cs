using System;
using Advocacy.Plugins.Data;

namespace Advocacy.Plugins.Application.Assignment
{
    /// <summary>
    /// An advocate profile now names another user (a person replaced, a profile set up under the wrong user): the accounts
    /// the advocate advocates are shared with the new user and no longer with the previous one (<see cref="AdvocateShareRepair.MoveAdvocate"/>).
    /// Runs as <see cref="IAdvocacyHost.SystemService"/>: the share writes are the product's, after a save the platform checked.
    /// </summary>
    public sealed class MoveAdvocateShares
    {
        private readonly IAdvocacyHost _host;

        public MoveAdvocateShares(IAdvocacyHost host)
        {
            _host = host;
        }

        public int AfterUserChange(Guid advocateId, Guid? previousUser, Guid? newUser)
        {
            if (previousUser == newUser)
            {
                _host.Trace("Access: advocate {0} still names the same user; its accounts' shares stay.", advocateId);
                return 0;
            }

            return new AdvocateShareRepair(_host.SystemService, _host.Tracing).MoveAdvocate(advocateId, previousUser, newUser);
        }
    }
}
