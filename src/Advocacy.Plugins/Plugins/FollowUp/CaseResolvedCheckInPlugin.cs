using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Plugins.FollowUp
{
    /// <summary>
    /// Post-resolution check-in (DESIGN §5): however a case is resolved, its account's advocate gets a
    /// check-in task due in 3 / 5 / 7 business days (strategic / key / standard). Two paths reach it:
    /// the resolve dialog and CloseIncident create an <c>incidentresolution</c> (its incidentid names the case);
    /// a state change to Resolved arrives as an Update of incident.statecode. On the platform both may fire
    /// for one resolution; the task's source key "checkin:{case}" makes the second a no-op.
    /// </summary>
    [CrmPluginRegistration("Create", "incidentresolution", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: check-in after case resolution (resolve dialog)", 10, IsolationModeEnum.Sandbox,
        Description = "Creates the post-resolution check-in task for the advocate of the resolved case's account.")]
    [CrmPluginRegistration("Update", "incident", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "statecode",
        "Advocacy: check-in after case resolution (state change)", 10, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "statecode,title,customerid",
        Image2Name = "post", Image2Type = ImageTypeEnum.PostImage, Image2Attributes = "statecode,title,customerid",
        Description = "Creates the post-resolution check-in task when a case's state changes to Resolved.")]
    public sealed class CaseResolvedCheckInPlugin : AdvocacyPlugin
    {
        public const int ResolvedState = 1;

        /// <summary>A case resolved by a flow or another plug-in still gets its check-in; our own writes never
        /// resolve cases, so depth 2 cannot loop.</summary>
        protected override int MaxDepth => 2;

        protected override void Execute(PluginContext context)
        {
            Guid caseId;
            Entity? incident;
            if (context.Execution.PrimaryEntityName == "incidentresolution")
            {
                var resolution = context.Target;
                var caseRef = resolution?.GetAttributeValue<EntityReference>("incidentid");
                if (caseRef == null)
                {
                    context.Trace("Case resolution {0} names no case (incidentid is empty): no check-in.", Show.Value(resolution?.Id));
                    return;
                }

                caseId = caseRef.Id;
                incident = context.SystemService.Retrieve("incident", caseId, new ColumnSet("title", "customerid"));
                context.Trace("Case {0} resolved through the resolve dialog / CloseIncident (resolution {1}).", caseId, resolution!.Id);
            }
            else
            {
                var post = context.PostImage("post");
                var pre = context.PreImage("pre");
                int? newState = (post ?? context.Target)?.GetAttributeValue<OptionSetValue>("statecode")?.Value;
                int? oldState = pre?.GetAttributeValue<OptionSetValue>("statecode")?.Value;
                if (newState != ResolvedState)
                {
                    context.Trace("Case {0}: state is now {1}, not Resolved: no check-in.", context.Execution.PrimaryEntityId, Show.Value(newState));
                    return;
                }

                if (oldState == ResolvedState)
                {
                    context.Trace("Case {0} was already resolved: no new check-in.", context.Execution.PrimaryEntityId);
                    return;
                }

                caseId = context.Execution.PrimaryEntityId;
                incident = post ?? pre;
                context.Trace("Case {0} resolved by a state change ({1} → Resolved).", caseId, Show.Value(oldState));
            }

            var accountId = incident == null ? null : FollowUpAccounts.AccountOfCase(incident);
            if (!accountId.HasValue)
            {
                context.Trace("Case {0}: its customer is not an account (a contact or empty): advocacy follows accounts, so no check-in.", caseId);
                return;
            }

            var today = context.UtcNow.Date;
            context.Trace("Reading the account and advocate as the system user: advocate profiles are not every agent's to read.");
            var account = new FollowUpAccounts(context.SystemService, context.Tracing, context.Settings).Load(accountId.Value, today);
            var planned = new AdvocacyTaskPlanner(context.Settings)
                .PlanPostResolutionCheckIn(account.Facts, account.Routing, caseId, incident!.GetAttributeValue<string>("title"), today);
            var result = new AdvocacyTaskWriter(context.SystemService, context.Tracing).Ensure(planned);
            context.Trace("Post-resolution check-in for case {0}: {1} task {2}, due {3:yyyy-MM-dd}.", caseId,
                result.Created ? "created" : "already had", result.TaskId, planned.DueDate);
        }
    }
}
