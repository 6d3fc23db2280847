using Advocacy.Plugins.Application.FollowUp;
using Advocacy.Plugins.Data;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.FollowUp
{
    /// <summary>
    /// Keeps account.adv_nextproactivecontact in step with the account's tier and cadence override
    /// (DESIGN §5): next = last contact (or today) + cadence. Pre-operation, so the date is written with the
    /// user's own save — no extra round trip and nothing that could re-trigger a step. Advocate assignment on
    /// tier changes is a separate step (Plugins/Assignment); this one only keeps the date.
    /// </summary>
    [CrmPluginRegistration("Create", "account", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: schedule first proactive contact of a new account", 10, IsolationModeEnum.Sandbox,
        Description = "Sets adv_nextproactivecontact on a new account that has an advocacy tier or a cadence override.")]
    [CrmPluginRegistration("Update", "account", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "adv_tier,adv_cadencedays",
        "Advocacy: reschedule proactive contact on tier or cadence change", 10, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "adv_tier,adv_cadencedays,adv_lastproactivecontact,adv_nextproactivecontact",
        Description = "Recomputes adv_nextproactivecontact when the account's tier or cadence override changes.")]
    public sealed class AccountCadencePlugin : AdvocacyPlugin
    {
        protected override void Execute(PluginContext context)
        {
            var target = context.Target;
            if (target == null)
            {
                return;
            }

            bool isCreate = context.Execution.MessageName == "Create";
            var before = isCreate ? null : AccountRows.ScheduleState(context.PreImage("pre") ?? new Entity("account", target.Id));
            var decision = new ScheduleProactiveContact(context).OnAccountSave(target.Id, before, AccountRows.ScheduleState(context.Merged()),
                target.Contains("adv_tier") || target.Contains("adv_cadencedays"));
            if (decision.Write)
            {
                target["adv_nextproactivecontact"] = decision.Result!.NextContact;
            }
        }
    }
}
