using System;
using System.Activities;
using System.Globalization;
using System.Text;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Choices;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Microsoft.Xrm.Sdk.Workflow;

namespace Advocacy.Plugins.Activities.FollowUp
{
    /// <summary>
    /// "Create advocacy follow-up": an advocacy task of any kind from a workflow, through the same task
    /// factory as the plug-ins (owner = the account's advocate, or the owner with a note; one open task per
    /// key). Key: a post-resolution check-in on a case shares the plug-in's key ("checkin:{case}"); any other
    /// follow-up is "followup:{kind}:{record}", so a re-run while one is open returns it (AlreadyExisted).
    /// </summary>
    [CrmPluginRegistration("Advocacy.CreateAdvocacyFollowUp", "Create advocacy follow-up",
        "Creates an advocacy task for the account's advocate (one open task per kind and record); returns the task and whether it already existed.",
        "Customer Advocacy", IsolationModeEnum.Sandbox)]
    public sealed class CreateAdvocacyFollowUpActivity : CodeActivity
    {
        [Input("Account")]
        [ReferenceTarget("account")]
        public InArgument<EntityReference> Account { get; set; } = null!;

        [Input("Case")]
        [ReferenceTarget("incident")]
        public InArgument<EntityReference> Case { get; set; } = null!;

        /// <summary>An adv_taskkind choice value (AdvocacyChoices.TaskKinds).</summary>
        [Input("Kind (adv_taskkind value)")]
        public InArgument<int> Kind { get; set; } = null!;

        [Input("Due in business days")]
        public InArgument<int> DueInBusinessDays { get; set; } = null!;

        [Input("Subject")]
        public InArgument<string> Subject { get; set; } = null!;

        [Input("Description")]
        public InArgument<string> Description { get; set; } = null!;

        [Output("Task")]
        [ReferenceTarget("task")]
        public OutArgument<EntityReference> Task { get; set; } = null!;

        [Output("Already existed")]
        public OutArgument<bool> AlreadyExisted { get; set; } = null!;

        /// <summary>"104520000 (introduction), …": every value of the task-kind table with its label.</summary>
        internal static string KindValues()
        {
            var values = new StringBuilder();
            foreach (var option in AdvocacyChoices.TaskKinds)
            {
                if (values.Length > 0)
                {
                    values.Append(", ");
                }

                values.Append(option.Value.ToString(CultureInfo.InvariantCulture)).Append(" (").Append(option.Label.ToLowerInvariant()).Append(')');
            }

            return values.ToString();
        }

        protected override void Execute(CodeActivityContext context)
        {
            var services = ActivityServices.From(context);
            var account = Account.Get(context);
            var caseRef = Case.Get(context);
            int kindValue = Kind.Get(context);
            int days = DueInBusinessDays.Get(context);
            string subject = (Subject.Get(context) ?? string.Empty).Trim();
            var kind = Choices.TaskKind(new OptionSetValue(kindValue));
            try
            {
                if (!kind.HasValue)
                {
                    throw new AdvocacyInputException("Kind " + kindValue.ToString(CultureInfo.InvariantCulture)
                        + " is not an advocacy task kind; use an adv_taskkind value: " + KindValues() + ".");
                }

                if (days < 0 || days > 260)
                {
                    throw new AdvocacyInputException("Due in business days must be between 0 and 260 (found " + days.ToString(CultureInfo.InvariantCulture) + ").");
                }

                if (subject.Length == 0)
                {
                    throw new AdvocacyInputException("Enter a subject for the follow-up task.");
                }

                var system = services.SystemService;
                if (caseRef != null && account == null)
                {
                    var incident = system.Retrieve("incident", caseRef.Id, new ColumnSet("customerid"));
                    var accountId = FollowUpAccounts.AccountOfCase(incident);
                    account = accountId.HasValue ? new EntityReference("account", accountId.Value) : null;
                }

                if (account == null)
                {
                    throw new AdvocacyInputException("Choose an account, or a case whose customer is an account: advocacy follow-ups belong to accounts.");
                }

                var today = services.Today;
                var loaded = new FollowUpAccounts(system, services.Tracing, services.Settings()).Load(account.Id, today);
                var planned = new AdvocacyTaskPlanner(services.Settings()).PlanFollowUp(
                    loaded.Facts, loaded.Routing, kind.Value, subject, Description.Get(context), days, caseRef?.Id, today);
                services.Tracing.Trace("Create advocacy follow-up: {0} for {1}, due {2:yyyy-MM-dd}, key {3}; created as the system user (the owner is not the caller).",
                    kind.Value, planned.OwnerUserId, planned.DueDate, planned.SourceKey);
                var result = new AdvocacyTaskWriter(system, services.Tracing).Ensure(planned);
                Task.Set(context, new EntityReference("task", result.TaskId));
                AlreadyExisted.Set(context, result.AlreadyExisted);
            }
            catch (AdvocacyInputException ex)
            {
                throw ActivityServices.Rejected(services.Tracing, ex);
            }
        }
    }
}
