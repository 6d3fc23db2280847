using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Plugins;
using Advocacy.Plugins.Registration;

namespace Advocacy.Plugins.CustomApis.FollowUp
{
    /// <summary>
    /// adv_GetAdvocacyReport: the management report as JSON — NPS, average CSAT, open and overdue advocacy
    /// tasks, inconveniences by impact band; overall, per advocate and per tier. Runs as the calling user, so
    /// a manager sees what their security role lets them read; costs a fixed 6 aggregate queries.
    /// </summary>
    [CustomApi("adv_GetAdvocacyReport", "Get advocacy report",
        "Returns the advocacy management report (loyalty, satisfaction, workload and impact; overall, per advocate and per tier) as JSON.",
        IsFunction = true)]
    [CustomApiParameter(PeriodDaysParameter, CustomApiFieldType.Integer, "Feedback and inconveniences of the last N days (default 365, 1 to 3650).", IsOptional = true)]
    [CustomApiResponse(ReportResponse, CustomApiFieldType.String, "The report as JSON.")]
    public sealed class GetAdvocacyReportApi : AdvocacyPlugin
    {
        public const string MessageName = "adv_GetAdvocacyReport";
        public const string PeriodDaysParameter = "PeriodDays";
        public const string ReportResponse = "ReportJson";

        protected override int MaxDepth => 8;

        protected override void Execute(PluginContext context)
        {
            int? days = context.Input<int?>(PeriodDaysParameter);
            if (days.HasValue && (days.Value < 1 || days.Value > 3650))
            {
                throw new AdvocacyInputException("PeriodDays must be between 1 and 3650 (found " + days.Value + "); leave it empty for the last 365 days.");
            }

            context.Trace("Advocacy report for user {0}, as that user (they see what their role lets them read).", context.Execution.InitiatingUserId);
            var report = new AdvocacyReportQuery(context.UserService, context.Tracing).Build(context.UtcNow, days ?? AdvocacyReportQuery.DefaultPeriodDays);
            context.Execution.OutputParameters[ReportResponse] = report.ToJson();
        }
    }
}
