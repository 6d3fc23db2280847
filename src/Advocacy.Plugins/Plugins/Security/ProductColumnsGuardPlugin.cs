using Advocacy.Plugins.Application.Security;

namespace Advocacy.Plugins.Plugins.Security
{
    /// <summary>
    /// Only the product writes its system-maintained columns (<see cref="ProtectProductColumns"/>, issue 13): a client's
    /// save that sets one is refused. Pre-operation at rank 1, before the product's own pre-operation steps add columns
    /// to the same Target (the cadence step writes the next contact into a tier change), so it sees what the client sent;
    /// at any depth, because it must tell the client's request (depth 1) from the product's writes (depth 2 and more).
    /// </summary>
    [CrmPluginRegistration("Create", "task", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: only the product marks tasks (create)", 1, IsolationModeEnum.Sandbox,
        Description = "Refuses a client's new task that carries an advocacy kind or source key.")]
    [CrmPluginRegistration("Update", "task", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "adv_kind,adv_sourcekey",
        "Advocacy: only the product marks tasks (update)", 1, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "adv_kind,adv_sourcekey",
        Description = "Refuses a client's change of a task's advocacy kind or source key.")]
    [CrmPluginRegistration("Create", "account", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: only the product writes loyalty and contact columns (account create)", 1, IsolationModeEnum.Sandbox,
        Description = "Refuses a client's new account that sets the index, risk, last NPS/CSAT or contact dates.")]
    [CrmPluginRegistration("Update", "account", StageEnum.PreOperation, ExecutionModeEnum.Synchronous,
        "adv_inconvenienceindex,adv_loyaltyrisk,adv_lastnps,adv_lastcsat,adv_lastproactivecontact,adv_nextproactivecontact",
        "Advocacy: only the product writes loyalty and contact columns (account update)", 1, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage,
        Image1Attributes = "adv_inconvenienceindex,adv_loyaltyrisk,adv_lastnps,adv_lastcsat,adv_lastproactivecontact,adv_nextproactivecontact",
        Description = "Refuses a client's change of the index, risk, last NPS/CSAT or contact dates.")]
    [CrmPluginRegistration("Create", "incident", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: only the product writes the case impact score (create)", 1, IsolationModeEnum.Sandbox,
        Description = "Refuses a client's new case that sets the impact score.")]
    [CrmPluginRegistration("Update", "incident", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "adv_impactscore",
        "Advocacy: only the product writes the case impact score (update)", 1, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "adv_impactscore",
        Description = "Refuses a client's change of the case's impact score.")]
    [CrmPluginRegistration("Create", "adv_advocate", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: only the product writes last assigned on (create)", 1, IsolationModeEnum.Sandbox,
        Description = "Refuses a client's new advocate profile that sets when it was last assigned.")]
    [CrmPluginRegistration("Update", "adv_advocate", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "adv_lastassignedon",
        "Advocacy: only the product writes last assigned on (update)", 1, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "adv_lastassignedon",
        Description = "Refuses a client's change of when the advocate was last assigned.")]
    [CrmPluginRegistration("Create", "adv_assignmentlock", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: only the product writes lock rows (create)", 1, IsolationModeEnum.Sandbox,
        Description = "Refuses a client's new lock row.")]
    [CrmPluginRegistration("Update", "adv_assignmentlock", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: only the product writes lock rows (update)", 1, IsolationModeEnum.Sandbox,
        Description = "Refuses a client's write of a lock row.")]
    public sealed class ProductColumnsGuardPlugin : AdvocacyPlugin
    {
        protected override int MaxDepth => int.MaxValue;

        protected override void Execute(PluginContext context)
        {
            var target = context.Target;
            if (target == null)
            {
                return;
            }

            new ProtectProductColumns(context).Check(context.Execution.Depth, target, context.PreImage("pre"));
        }
    }
}
