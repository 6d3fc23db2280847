using System.Globalization;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Reporting;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Application.FollowUp
{
    /// <summary>
    /// The management report (DESIGN §5): NPS, average CSAT, open and overdue advocacy tasks, inconveniences by
    /// impact band; overall, per advocate and per tier. Read as <see cref="IAdvocacyHost.UserService"/>, so a manager
    /// sees what their security role lets them read; a fixed 6 aggregate queries.
    /// </summary>
    public sealed class BuildReport
    {
        public const int MinPeriodDays = 1;
        public const int MaxPeriodDays = 3650;

        private readonly IAdvocacyHost _host;

        public BuildReport(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <param name="periodDays">Feedback and inconveniences of the last N days; null: the last 365.</param>
        public AdvocacyReport Run(int? periodDays)
        {
            if (periodDays.HasValue && (periodDays.Value < MinPeriodDays || periodDays.Value > MaxPeriodDays))
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorPeriodDays, MinPeriodDays, MaxPeriodDays, periodDays.Value, AdvocacyReportQuery.DefaultPeriodDays));
            }

            _host.Trace("Advocacy report, read as the calling user (they see what their role lets them read).");
            return new AdvocacyReportQuery(_host.UserService, _host.Tracing).Build(_host.UtcNow, periodDays ?? AdvocacyReportQuery.DefaultPeriodDays);
        }
    }
}
