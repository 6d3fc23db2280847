using Advocacy.Plugins.Application.Assignment;

namespace Advocacy.Plugins.Plugins.Assignment
{
    /// <summary>
    /// adv_accountcount is always the number of active accounts naming the advocate: any save of an advocate profile
    /// that sets it — a user making themselves look full, an import, or our own settling step — gets the real count
    /// written through the Target (<see cref="SettleAdvocateLoad.GuardAdvocateCount"/>). The rule is about the value,
    /// not about who writes it, so it runs at any depth (Microsoft: do not base business logic on Depth); for our own
    /// writes it costs one count and changes nothing.
    /// </summary>
    [CrmPluginRegistration("Create", "adv_advocate", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: guard advocate account count (create)", 10, IsolationModeEnum.Sandbox,
        Description = "A new profile starts with its real account count (0), whatever the save says.")]
    [CrmPluginRegistration("Update", "adv_advocate", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "adv_accountcount",
        "Advocacy: guard advocate account count (update)", 10, IsolationModeEnum.Sandbox,
        Description = "A save of the account count gets the real count of active accounts that name the advocate.")]
    public sealed class AdvocateCountGuardPlugin : AdvocacyPlugin
    {
        protected override int MaxDepth => int.MaxValue;

        protected override void Execute(PluginContext context)
        {
            var target = context.Target;
            if (target == null || target.LogicalName != "adv_advocate" || !target.Contains("adv_accountcount"))
            {
                return;
            }

            target["adv_accountcount"] = new SettleAdvocateLoad(context).GuardAdvocateCount(
                target.Id, context.Execution.MessageName == "Create", target.GetAttributeValue<int?>("adv_accountcount"));
        }
    }
}
