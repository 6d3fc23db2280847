using Advocacy.Plugins.Application.Assignment;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.Assignment
{
    /// <summary>
    /// Before an advocate profile is deleted (pre-validation, so the message comes before the platform's own Restrict
    /// refusal): a profile that advocates accounts or is someone's backup is refused with what to do instead
    /// (<see cref="GuardAdvocateDeletion"/>).
    /// </summary>
    [CrmPluginRegistration("Delete", "adv_advocate", StageEnum.PreValidation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: keep an advocate profile in use from being deleted", 10, IsolationModeEnum.Sandbox,
        Description = "Refuses to delete an advocate profile that advocates accounts or backs up another advocate, saying what to do instead.")]
    public sealed class AdvocateDeletionGuardPlugin : AdvocacyPlugin
    {
        protected override void Execute(PluginContext context)
        {
            if (context.Execution.PrimaryEntityName != "adv_advocate")
            {
                return;
            }

            new GuardAdvocateDeletion(context).Check(context.Execution.PrimaryEntityId);
        }
    }
}
