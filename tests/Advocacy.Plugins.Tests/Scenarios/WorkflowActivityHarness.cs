using System;
using System.Activities;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Sandbox;

namespace Advocacy.Plugins.Tests.Scenarios
{
    /// <summary>
    /// Runs a custom workflow activity for real against the scenario world's sandbox as the given user, through the
    /// sandbox's own <see cref="CodeActivityTesting.ExecuteCodeActivity(DataverseSandbox, Activity, IDictionary{string, object}, SandboxWorkflowContext?)"/>
    /// (every call as the workflow's user, at the sandbox's time), keeping its trace lines when asked.
    /// </summary>
    public static class WorkflowActivityHarness
    {
        public static IDictionary<string, object?> Run(AdvocacyWorld world, Activity activity, IDictionary<string, object> inputs, Guid userId, List<string>? traces = null)
        {
            try
            {
                return world.Sandbox.ExecuteCodeActivity(activity, inputs, world.Sandbox.WorkflowContext(userId: userId)).Outputs;
            }
            finally
            {
                // The run's record holds its lines whether it returned or threw.
                traces?.AddRange(world.Sandbox.Executions.Last(e => e.StepName == activity.GetType().FullName).Traces);
            }
        }
    }
}
