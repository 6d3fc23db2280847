using System;
using System.Activities;
using Advocacy.Plugins.Data;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace Advocacy.Plugins.Activities.Assignment
{
    /// <summary>
    /// "Assign advocate" for classic workflows: the same call as adv_AssignAdvocate (<see cref="AdvocateAssignmentService.Assign"/>).
    /// In a workflow activity every call runs as the workflow's user (the platform offers no SYSTEM service
    /// there), so the workflow's owner needs write access to advocates and tasks; the trace says so.
    /// </summary>
    [CrmPluginRegistration("AssignAdvocate", "Assign advocate", "Chooses (or keeps) the account's advocate by the advocacy policy.", "Customer Advocacy", IsolationModeEnum.Sandbox)]
    public sealed class AssignAdvocateActivity : CodeActivity
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

        [Output("Changed")]
        public OutArgument<bool> Changed { get; set; } = null!;

        protected override void Execute(CodeActivityContext executionContext)
        {
            var host = ActivityServices.From(executionContext);
            var account = Account.Get(executionContext);
            if (account == null || account.Id == Guid.Empty)
            {
                throw new InvalidPluginExecutionException("Assign advocate needs an account.");
            }

            host.Tracing.Trace("Assign advocate: account {0}, running as the workflow's user {1}.", account.Id, host.Workflow.UserId);
            var result = new AdvocateAssignmentService(host.UserService, host.Tracing, host.Settings(), host.UtcNow).Assign(account.Id, null, false, "Assign advocate activity");
            Advocate.Set(executionContext, result.AdvocateId.HasValue ? new EntityReference("adv_advocate", result.AdvocateId.Value) : null!);
            Reason.Set(executionContext, result.Reason);
            Changed.Set(executionContext, result.Changed);
        }
    }
}
