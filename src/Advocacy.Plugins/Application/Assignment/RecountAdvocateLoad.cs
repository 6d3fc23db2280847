using System;
using System.Collections.Generic;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.Assignment;

namespace Advocacy.Plugins.Application.Assignment
{
    /// <summary>
    /// adv_RecountAdvocateLoad: the one call an admin makes after importing the solution or importing accounts around
    /// the plug-ins — it creates the product's lock rows (so first use cannot race on creating them) and rebuilds every
    /// advocate's adv_accountcount from the active accounts that name them, and shares each advocated account with its
    /// advocate's user where that share is missing (<see cref="AdvocateShareRepair"/>, bounded per call).
    /// </summary>
    public sealed class RecountAdvocateLoad
    {
        private readonly IAdvocacyHost _host;

        public RecountAdvocateLoad(IAdvocacyHost host)
        {
            _host = host;
        }

        public RecountOutcome Run()
        {
            // Writing every lock row also holds each of them, the assignment lock among them, until this transaction
            // ends: no assignment can move a count between the aggregate and the writes below (LockRowRaceTests).
            var created = LockRows.EnsureAll(_host.SystemService);
            // Stryker disable once all : trace text only
            _host.Trace("Lock rows: {0} created, the others already existed; all held until the recount commits (as {1}).", created, _host.SystemIdentity);
            var result = new AdvocateLoadRecount(_host.SystemService, _host.Tracing).Run();
            // Stryker disable once all : trace text only
            _host.Trace("Recount written as {0}.", _host.SystemIdentity);
            // Each advocacy gives its accounts to the advocate's user and their stand-ins'; every profile was read above.
            var profiles = new Dictionary<Guid, ProfileLink>();
            foreach (var advocate in result.UserOf)
            {
                profiles[advocate.Key] = new ProfileLink(advocate.Key, advocate.Value, result.BackupOf.TryGetValue(advocate.Key, out Guid? backup) ? backup : null);
            }

            var entitled = new Dictionary<Guid, IReadOnlyCollection<Guid>>();
            foreach (var advocate in profiles.Keys)
            {
                entitled[advocate] = AdvocateAccess.Entitled(advocate, profiles);
            }

            var shares = new AdvocateShareRepair(_host.SystemService, _host.Tracing).Run(entitled);
            return new RecountOutcome(result, shares);
        }
    }

    /// <summary>What the admin's recount did: the counts, and the shares it made.</summary>
    public sealed class RecountOutcome
    {
        internal RecountOutcome(AdvocateLoadRecountResult counts, AdvocateShareRepairResult shares)
        {
            Counts = counts;
            Shares = shares;
        }

        public AdvocateLoadRecountResult Counts { get; }
        public AdvocateShareRepairResult Shares { get; }
    }
}
