using System;
using System.Activities;
using Advocacy.Plugins.Data;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace Advocacy.Plugins.Activities.FollowUp
{
    /// <summary>
    /// "Schedule next proactive contact": records a contact (when given) and sets the account's next proactive
    /// contact = last contact + cadence (tier or override) — the same rule the check-in completion step uses.
    /// Without a contact date it reschedules from the recorded last contact (or today).
    /// </summary>
    [CrmPluginRegistration("Advocacy.ScheduleNextProactiveContact", "Schedule next proactive contact",
        "Sets the account's last proactive contact (optional) and next proactive contact by its cadence.",
        "Customer Advocacy", IsolationModeEnum.Sandbox)]
    public sealed class ScheduleNextProactiveContactActivity : CodeActivity
    {
        [RequiredArgument]
        [Input("Account")]
        [ReferenceTarget("account")]
        public InArgument<EntityReference> Account { get; set; } = null!;

        [Input("Contact date (empty: reschedule from the last contact)")]
        public InArgument<DateTime> ContactDate { get; set; } = null!;

        [Output("Next proactive contact")]
        public OutArgument<DateTime> NextContact { get; set; } = null!;

        [Output("Cadence (days)")]
        public OutArgument<int> CadenceDays { get; set; } = null!;

        [Output("Reason")]
        public OutArgument<string> Reason { get; set; } = null!;

        protected override void Execute(CodeActivityContext context)
        {
            var services = ActivityServices.From(context);
            var account = Account.Get(context) ?? throw new InvalidPluginExecutionException("Choose the account to schedule.");
            DateTime given = ContactDate.Get(context);
            DateTime? contact = given == default(DateTime) ? (DateTime?)null : given;
            var system = services.SystemService;
            var settings = services.Settings();
            var snapshot = AccountSnapshot.Read(system, account.Id);
            CadenceResult result = contact.HasValue
                ? FollowUpCadence.AfterContact(settings.FollowUp, snapshot.Tier, snapshot.CadenceDays, snapshot.LastProactiveContact, contact.Value)
                : FollowUpCadence.AfterTierChange(settings.FollowUp, snapshot.Tier ?? Domain.CustomerTier.Standard, snapshot.CadenceDays, snapshot.LastProactiveContact, services.Today);
            if (!snapshot.Tier.HasValue)
            {
                services.Tracing.Trace("Account {0} has no tier: the standard cadence applies.", account.Id);
            }

            services.Tracing.Trace("Schedule next proactive contact: writing account {0} as the system user.", account.Id);
            FollowUpCadence.Write(system, services.Tracing, account.Id, result, writeLast: contact.HasValue);
            NextContact.Set(context, result.NextContact ?? default(DateTime));
            CadenceDays.Set(context, result.Cadence?.Days ?? 0);
            Reason.Set(context, result.Reason);
        }
    }
}
