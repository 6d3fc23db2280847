using Advocacy.Plugins.Application.FollowUp;
using Advocacy.Plugins.Plugins;
using Advocacy.Plugins.Registration;

namespace Advocacy.Plugins.CustomApis.FollowUp
{
    /// <summary>
    /// adv_GetAdvocacyReport: the management report as JSON — NPS, average CSAT, open and overdue advocacy
    /// tasks, inconveniences by impact band; overall, per advocate and per tier. Thin over <see cref="BuildReport"/>.
    /// </summary>
    [CustomApi("adv_GetAdvocacyReport", "Get advocacy report",
        "Returns the advocacy management report (loyalty, satisfaction, workload and impact; overall, per advocate and per tier) as JSON.",
        IsFunction = true, ExecutePrivilegeName = CustomApiPrivileges.ReadAdvocacy, GermanDisplayName = "Kundenfürsprache-Bericht abrufen",
        GermanDescription = "Gibt den Managementbericht der Kundenfürsprache (Loyalität, Zufriedenheit, Auslastung und Auswirkung; gesamt, pro Kundenfürsprecher und pro Stufe) als JSON zurück.")]
    [CustomApiParameter(PeriodDaysParameter, CustomApiFieldType.Integer, "Feedback and inconveniences of the last N days (default 365, 1 to 3650).", IsOptional = true, GermanDescription = "Feedback und Unannehmlichkeiten der letzten N Tage (Standard 365, 1 bis 3650).")]
    [CustomApiResponse(ReportResponse, CustomApiFieldType.String, "The report as JSON.", GermanDescription = "Der Bericht als JSON.")]
    public sealed class GetAdvocacyReportApi : AdvocacyPlugin
    {
        public const string MessageName = "adv_GetAdvocacyReport";
        public const string PeriodDaysParameter = "PeriodDays";
        public const string ReportResponse = "ReportJson";

        protected override int MaxDepth => 8;

        protected override void Execute(PluginContext context)
        {
            var report = new BuildReport(context).Run(context.Input<int?>(PeriodDaysParameter));
            context.Execution.OutputParameters[ReportResponse] = report.ToJson();
        }
    }
}
