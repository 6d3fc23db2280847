using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
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

            var pre = context.PreImage("pre");
            bool isCreate = context.Execution.MessageName == "Create";
            if (!isCreate && !target.Contains("adv_tier") && !target.Contains("adv_cadencedays"))
            {
                context.Trace("Account {0}: neither tier nor cadence override changed.", target.Id);
                return;
            }

            var merged = context.Merged();
            var tierValue = merged.GetAttributeValue<OptionSetValue>("adv_tier");
            var tier = Choices.Tier(tierValue);
            if (tierValue != null && !tier.HasValue)
            {
                context.Trace("Account {0}: tier value {1} is not a tier this solution defines; treated as no tier.", target.Id, tierValue.Value);
            }

            int? overrideDays = merged.GetAttributeValue<int?>("adv_cadencedays");
            DateTime? last = merged.GetAttributeValue<DateTime?>("adv_lastproactivecontact");
            if (!isCreate && pre != null
                && pre.GetAttributeValue<OptionSetValue>("adv_tier")?.Value == tierValue?.Value
                && pre.GetAttributeValue<int?>("adv_cadencedays") == overrideDays
                && (pre.GetAttributeValue<DateTime?>("adv_nextproactivecontact").HasValue || (!tier.HasValue && !(overrideDays > 0))))
            {
                context.Trace("Account {0}: tier and cadence override saved unchanged; next proactive contact kept.", target.Id);
                return;
            }

            if (isCreate && !tier.HasValue && !(overrideDays > 0))
            {
                context.Trace("New account without tier or cadence override: not in proactive follow-up.");
                return;
            }

            var result = FollowUpCadence.AfterTierChange(context.Settings.FollowUp, tier, overrideDays, last, context.UtcNow.Date);
            if (isCreate && target.GetAttributeValue<DateTime?>("adv_nextproactivecontact") != null)
            {
                context.Trace("New account already has a next proactive contact ({0:yyyy-MM-dd}); kept.", Show.Value(target.GetAttributeValue<DateTime?>("adv_nextproactivecontact")));
                return;
            }

            target["adv_nextproactivecontact"] = result.NextContact;
            context.Trace("Account {0}: next proactive contact {1} ({2}); written with the user's save.", target.Id,
                result.NextContact.HasValue ? result.NextContact.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "(none)", result.Reason);
        }
    }
}
