using System;
using System.Globalization;
using Advocacy.Plugins.Data;

namespace Advocacy.Plugins.Application.Impact
{
    /// <summary>
    /// Duplicate cases merged (Customer Service's "merge cases"; the Merge message for incident, which Dataverse performs
    /// "in the security context of the user": each row it moves needs the merging user's privileges, or the whole merge
    /// fails — Microsoft Learn, "Merge table rows using the Web API"). The merged case's inconveniences are the product's
    /// rows: it moves them to the surviving case itself, before the platform moves the rest, as
    /// <see cref="IAdvocacyHost.SystemService"/> — an agent who may merge the two cases need not also hold write on a
    /// colleague's inconveniences ("Customer Advocate" writes only its own), and the inconveniences only follow the case the
    /// user may merge (a merge the platform refuses the user rolls these moves back with it: they are in its transaction). Each move runs the inconvenience's own steps, which re-score both cases. Cost: one query and one write
    /// per inconvenience.
    /// </summary>
    public sealed class MergeCases
    {
        private readonly IAdvocacyHost _host;

        public MergeCases(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <returns>How many inconveniences moved.</returns>
        public int BeforeMerge(Guid targetCaseId, Guid mergedCaseId)
        {
            var rows = new InconvenienceRows(_host.SystemService);
            var moving = rows.OfCase(mergedCaseId);
            foreach (var id in moving)
            {
                rows.MoveToCase(id, targetCaseId);
            }

            // Stryker disable once all : trace text only
            _host.Trace("Case merge: {0} inconvenience(s) of case {1} moved to case {2} as {3}, before the platform moves the case's other rows.",
                moving.Count.ToString(CultureInfo.InvariantCulture), mergedCaseId, targetCaseId, _host.SystemIdentity);
            return moving.Count;
        }
    }
}
