using System;
using System.Activities;
using Advocacy.Plugins.Application.Assignment;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using Advocacy.Plugins.Domain.Words;
using Advocacy.Plugins.Domain;

namespace Advocacy.Plugins.Activities.Assignment
{
    /// <summary>
    /// "Assign advocate" for classic workflows: the same use case as adv_AssignAdvocate (<see cref="AssignAdvocate.Assign"/>).
    /// In a workflow activity every call runs as the workflow's user (the platform offers no SYSTEM service
    /// there), so the workflow's owner needs write access to advocates and tasks; the trace says so.
    /// </summary>
    [CrmPluginRegistration("AssignAdvocate", "Assign advocate", "Chooses (or keeps) the account's advocate by the advocacy policy.", "Customer Advocacy", IsolationModeEnum.Sandbox)]
    public sealed class AssignAdvocateActivity : AdvocacyActivity
    {
        [RequiredArgument]
        [Input("Account")]
        [ReferenceTarget("account")]
        public InArgument<EntityReference> Account { get; set; } = null!;

        [Output("Advocate")]
        [ReferenceTarget("adv_advocate")]
        public OutArgument<EntityReference> Advocate { get; set; } = null!;

        [Output("Reason")]
        public OutArgument<string> Reason { get; set; } = null!;

        /// <summary>The reason worded for the user who started the workflow (Reason stays English, for logs).</summary>
        [Output("Reason in the caller's language")]
        public OutArgument<string> ReasonText { get; set; } = null!;

        [Output("Changed")]
        public OutArgument<bool> Changed { get; set; } = null!;

        protected override void Execute(ActivityHost host, CodeActivityContext context)
        {
            var account = Account.Get(context);
            if (account == null || account.Id == Guid.Empty)
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorAssignActivityNeedsAccount));
            }

            var result = new AssignAdvocate(host).AssignForCaller(account.Id, "Assign advocate activity");
            Advocate.Set(context, result.AdvocateId.HasValue ? new EntityReference("adv_advocate", result.AdvocateId.Value) : null!);
            Reason.Set(context, result.Reason);
            ReasonText.Set(context, result.ReasonForCaller);
            Changed.Set(context, result.Changed);
        }
    }
}
