using Advocacy.Plugins.Application.Assignment;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.Assignment
{
    /// <summary>
    /// DESIGN §4: an advocate is deactivated → their active accounts are re-assigned, asynchronously, in batches of
    /// settings.assignment.reassignBatchSize. Each account is re-assigned through the adv_AssignAdvocate Custom API,
    /// so each is its own transaction (an async step has none): a failure never leaves an account half-moved.
    /// The job works batch after batch until done or until settings.sweep.timeBudgetSeconds is spent; then it
    /// re-triggers itself with a no-op statecode update of the advocate (see <see cref="ReassignFromInactiveAdvocate"/>).
    /// </summary>
    [CrmPluginRegistration("Update", "adv_advocate", StageEnum.PostOperation, ExecutionModeEnum.Asynchronous, "statecode",
        "Advocacy: re-assign accounts of a deactivated advocate", 10, IsolationModeEnum.Sandbox,
        Description = "Re-assigns a deactivated advocate's active accounts in bounded batches until done.")]
    public sealed class AdvocateDeactivatedPlugin : AdvocacyPlugin
    {
        // Each continuation is one level deeper (the platform counts an async job's own writes); the platform's
        // loop limit is 8, and one level is only used after a whole time budget of work.
        protected override int MaxDepth => 7;

        protected override void Execute(PluginContext context)
        {
            var target = context.Target;
            if (target != null)
            {
                new ReassignFromInactiveAdvocate(context).AfterStateChange(target.Id, target.GetAttributeValue<OptionSetValue>("statecode")?.Value);
            }
        }
    }
}
