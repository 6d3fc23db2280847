using System;
using System.Activities;
using Advocacy.Plugins.Application.FollowUp;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using Advocacy.Plugins.Domain.Words;
using Advocacy.Plugins.Domain;

namespace Advocacy.Plugins.Activities.FollowUp
{
    /// <summary>
    /// "Schedule next proactive contact": records a contact (when given) and sets the account's next proactive
    /// contact by its cadence — the same rules the check-in completion and the tier-change steps use
    /// (<see cref="ScheduleProactiveContact.Reschedule"/>). Without a contact date it reschedules from the recorded
    /// last contact (or today), and clears the date of an account with neither tier nor cadence override.
    /// </summary>
    [CrmPluginRegistration("Advocacy.ScheduleNextProactiveContact", "Schedule next proactive contact",
        "Sets the account's last proactive contact (optional) and next proactive contact by its cadence.",
        "Customer Advocacy", IsolationModeEnum.Sandbox)]
    public sealed class ScheduleNextProactiveContactActivity : AdvocacyActivity
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

        protected override void Execute(ActivityHost host, CodeActivityContext context)
        {
            var account = Account.Get(context) ?? throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorScheduleNeedsAccount));
            DateTime given = ContactDate.Get(context);
            var result = new ScheduleProactiveContact(host).Reschedule(account.Id, given == default(DateTime) ? (DateTime?)null : given);
            NextContact.Set(context, result.NextContact ?? default(DateTime));
            CadenceDays.Set(context, result.Cadence?.Days ?? 0);
            Reason.Set(context, result.Reason);
        }
    }
}
