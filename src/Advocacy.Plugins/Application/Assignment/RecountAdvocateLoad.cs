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
            var created = LockRows.EnsureAll(_host.SystemService);
            _host.Trace("Lock rows: {0} created, the others already existed (as {1}).", created, _host.SystemIdentity);
            var result = new AdvocateLoadRecount(_host.SystemService, _host.Tracing).Run();
            _host.Trace("Recount written as {0}.", _host.SystemIdentity);
            return result;
        }
    }
}
