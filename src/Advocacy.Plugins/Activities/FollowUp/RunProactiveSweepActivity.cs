using System.Activities;
using Advocacy.Plugins.Application.FollowUp;
using Microsoft.Xrm.Sdk.Workflow;

namespace Advocacy.Plugins.Activities.FollowUp
{
    /// <summary>"Run proactive sweep": the same use case as adv_RunProactiveSweep (<see cref="RunProactiveSweep"/>), for classic workflows.</summary>
    [CrmPluginRegistration("Advocacy.RunProactiveSweep", "Run proactive sweep",
        "Creates proactive check-in tasks for due accounts; returns the number created and remaining and a continuation for the next run.",
        "Customer Advocacy", IsolationModeEnum.Sandbox)]
    public sealed class RunProactiveSweepActivity : AdvocacyActivity
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

        protected override void Execute(ActivityHost host, CodeActivityContext context)
        {
            var result = new RunProactiveSweep(host).Run(Continuation.Get(context), MaxTasks.Get(context));
            Created.Set(context, result.Created);
            Remaining.Set(context, result.Remaining ?? -1);
            NextContinuation.Set(context, result.Continuation ?? string.Empty);
            Summary.Set(context, result.Summary);
        }
    }
}
