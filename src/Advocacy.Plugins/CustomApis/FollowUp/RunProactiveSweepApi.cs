using Advocacy.Plugins.Application.FollowUp;
using Advocacy.Plugins.Plugins;
using Advocacy.Plugins.Registration;

namespace Advocacy.Plugins.CustomApis.FollowUp
{
    /// <summary>
    /// adv_RunProactiveSweep: creates proactive check-in tasks for the accounts that are due (DESIGN §5) and
    /// returns how many it created, how many remain and a continuation; a scheduled flow calls it again with
    /// the continuation until Continuation comes back empty.
    /// </summary>
    [CustomApi("adv_RunProactiveSweep", "Run proactive sweep",
        "Creates proactive check-in tasks for accounts whose next proactive contact is within the window and that have no open check-in. Call again with the returned continuation until it is empty.",
        ExecutePrivilegeName = CustomApiPrivileges.ManageAdvocacy, GermanDisplayName = "Proaktiven Durchlauf ausführen",
        GermanDescription = "Erstellt proaktive Nachfassaufgaben für Firmen, deren nächster proaktiver Kontakt im Zeitfenster liegt und die kein offenes Nachfassen haben. Erneut mit der zurückgegebenen Fortsetzung aufrufen, bis sie leer ist.")]
    [CustomApiParameter(ContinuationParameter, CustomApiFieldType.String, "The continuation returned by the previous call; empty to start a new sweep.", IsOptional = true, GermanDescription = "Die vom vorigen Aufruf zurückgegebene Fortsetzung; leer, um einen neuen Durchlauf zu starten.")]
    [CustomApiParameter(MaxTasksParameter, CustomApiFieldType.Integer, "Create at most this many tasks in this call (empty or 0: as many as the time budget allows).", IsOptional = true, GermanDescription = "Höchstens so viele Aufgaben in diesem Aufruf erstellen (leer oder 0: so viele, wie das Zeitbudget erlaubt).")]
    [CustomApiResponse(CreatedResponse, CustomApiFieldType.Integer, "Check-in tasks created by this call.", GermanDescription = "Von diesem Aufruf erstellte Nachfassaufgaben.")]
    [CustomApiResponse(RemainingResponse, CustomApiFieldType.Integer, "Due accounts still without an open check-in (0 when complete, -1 when there were too many to count).", GermanDescription = "Fällige Firmen noch ohne offenes Nachfassen (0, wenn vollständig; -1, wenn es zu viele zum Zählen waren).")]
    [CustomApiResponse(ContinuationResponse, CustomApiFieldType.String, "Pass to the next call; empty when the sweep is complete.", GermanDescription = "An den nächsten Aufruf übergeben; leer, wenn der Durchlauf vollständig ist.")]
    [CustomApiResponse(SummaryResponse, CustomApiFieldType.String, "One line describing what this call did.", GermanDescription = "Eine Zeile, die beschreibt, was dieser Aufruf getan hat.")]
    public sealed class RunProactiveSweepApi : AdvocacyPlugin
    {
        public const string MessageName = "adv_RunProactiveSweep";
        public const string ContinuationParameter = "Continuation";
        public const string MaxTasksParameter = "MaxTasks";
        public const string CreatedResponse = "Created";
        public const string RemainingResponse = "Remaining";
        public const string ContinuationResponse = "NextContinuation";
        public const string SummaryResponse = "Summary";

        /// <summary>A Custom API may be called from a flow or another plug-in at any depth; the tasks it creates
        /// trigger nothing that calls it again.</summary>
        protected override int MaxDepth => 8;

        protected override void Execute(PluginContext context)
        {
            var token = context.Input<string>(ContinuationParameter);
            int? maxTasks = context.Input<int?>(MaxTasksParameter);
            context.Trace("adv_RunProactiveSweep called by user {0}.", context.Execution.InitiatingUserId);
            var result = new RunProactiveSweep(context).Run(token, maxTasks);

            var outputs = context.Execution.OutputParameters;
            outputs[CreatedResponse] = result.Created;
            outputs[RemainingResponse] = result.Remaining ?? -1;
            outputs[ContinuationResponse] = result.Continuation ?? string.Empty;
            outputs[SummaryResponse] = result.Summary;
        }
    }
}
