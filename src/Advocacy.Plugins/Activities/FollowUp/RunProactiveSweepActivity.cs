using System;
using System.Activities;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace Advocacy.Plugins.Activities.FollowUp
{
    /// <summary>"Run proactive sweep": the same sweep as adv_RunProactiveSweep, for classic workflows.</summary>
    [CrmPluginRegistration("Advocacy.RunProactiveSweep", "Run proactive sweep",
        "Creates proactive check-in tasks for due accounts; returns the number created and remaining and a continuation for the next run.",
        "Customer Advocacy", IsolationModeEnum.Sandbox)]
    public sealed class RunProactiveSweepActivity : CodeActivity
    {
        [Input("Continuation (empty to start)")]
        public InArgument<string> Continuation { get; set; } = null!;

        [Input("Maximum tasks (0 = no limit)")]
        public InArgument<int> MaxTasks { get; set; } = null!;

        [Output("Created")]
        public OutArgument<int> Created { get; set; } = null!;

        [Output("Remaining (-1 = too many to count)")]
        public OutArgument<int> Remaining { get; set; } = null!;

        [Output("Next continuation (empty when complete)")]
        public OutArgument<string> NextContinuation { get; set; } = null!;

        [Output("Summary")]
        public OutArgument<string> Summary { get; set; } = null!;

        protected override void Execute(CodeActivityContext context)
        {
            var services = ActivityServices.From(context);
            services.Tracing.Trace("Run proactive sweep (workflow activity) as the system user: the tasks are owned by the advocates.");
            ProactiveSweepResult result;
            try
            {
                result = new ProactiveSweep(services.SystemService, services.Tracing, services.Settings())
                    .Run(Continuation.Get(context), MaxTasks.Get(context), services.Today);
            }
            catch (SweepContinuationException ex)
            {
                services.Tracing.Trace("Rejected continuation: {0}", ex.Detail);
                throw new InvalidPluginExecutionException(SweepContinuationException.UserMessage + " (" + ex.Detail + ")", ex);
            }

            Created.Set(context, result.Created);
            Remaining.Set(context, result.Remaining ?? -1);
            NextContinuation.Set(context, result.Continuation ?? string.Empty);
            Summary.Set(context, result.Summary);
        }
    }
}
