using Advocacy.Plugins.Application.Assignment;

namespace Advocacy.Plugins.Plugins.Assignment
{
    /// <summary>
    /// adv_accountcount and adv_lastassignedon are the product's to write: a user's save of an advocate profile that
    /// sets them gets the real count and keeps the old stamp (<see cref="SettleAdvocateLoad.GuardAdvocateSave"/>).
    /// Pre-operation, through the Target: no extra write. Depth 1 only — the product's own writes of these columns
    /// (the settling step, the recount) run deeper and are the real values already.
    /// </summary>
    [CrmPluginRegistration("Create", "adv_advocate", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: guard maintained advocate columns (create)", 10, IsolationModeEnum.Sandbox,
        Description = "A new profile starts with the real account count (0) and no assignment stamp, whatever the save says.")]
    [CrmPluginRegistration("Update", "adv_advocate", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "adv_accountcount,adv_lastassignedon",
        "Advocacy: guard maintained advocate columns (update)", 10, IsolationModeEnum.Sandbox,
        Description = "A user's save of the account count gets the real count; a save of the assignment stamp is dropped.")]
    public sealed class AdvocateCountGuardPlugin : AdvocacyPlugin
    {
        protected override void Execute(PluginContext context)
        {
            var target = context.Target;
            if (target == null || target.LogicalName != "adv_advocate")
            {
                return;
            }

            new SettleAdvocateLoad(context).GuardAdvocateSave(
                target.Id,
                context.Execution.MessageName == "Create",
                target.GetAttributeValue<int?>("adv_accountcount"),
                target.Contains("adv_accountcount"),
                target.Contains("adv_lastassignedon"),
                count => target["adv_accountcount"] = count,
                () => target.Attributes.Remove("adv_lastassignedon"));
        }
    }
}
