using Advocacy.Plugins.Data;

namespace Advocacy.Plugins.Application.Assignment
{
    /// <summary>
    /// adv_RecountAdvocateLoad: the one call an admin makes after importing the solution or importing accounts around
    /// the plug-ins — it creates the product's lock rows (so first use cannot race on creating them) and rebuilds every
    /// advocate's adv_accountcount from the active accounts that name them.
    /// </summary>
    public sealed class RecountAdvocateLoad
    {
        private readonly IAdvocacyHost _host;

        public RecountAdvocateLoad(IAdvocacyHost host)
        {
            _host = host;
        }

        public AdvocateLoadRecountResult Run()
        {
            // Writing every lock row also holds each of them, the assignment lock among them, until this transaction
            // ends: no assignment can move a count between the aggregate and the writes below (LockRowRaceTests).
            var created = LockRows.EnsureAll(_host.SystemService);
            _host.Trace("Lock rows: {0} created, the others already existed; all held until the recount commits (as {1}).", created, _host.SystemIdentity);
            var result = new AdvocateLoadRecount(_host.SystemService, _host.Tracing).Run();
            _host.Trace("Recount written as {0}.", _host.SystemIdentity);
            return result;
        }
    }
}
