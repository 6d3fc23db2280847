using Advocacy.Plugins.Application.FollowUp;
using Advocacy.Plugins.Data;
using Microsoft.Xrm.Sdk;

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
        /// <summary>A case resolved by a flow or another plug-in still gets its check-in; our own writes never
        /// resolve cases, so depth 2 cannot loop.</summary>
        protected override int MaxDepth => 2;

        protected override void Execute(PluginContext context)
        {
            var checkIn = new CheckInAfterResolution(context);
            if (context.Execution.PrimaryEntityName == "incidentresolution")
            {
                var resolution = context.Target;
                checkIn.AfterResolutionRecord(resolution?.Id ?? context.Execution.PrimaryEntityId, resolution?.GetAttributeValue<EntityReference>("incidentid")?.Id);
                return;
            }

            var post = context.PostImage("post");
            var pre = context.PreImage("pre");
            var incident = post ?? pre;
            checkIn.AfterStateChange(
                context.Execution.PrimaryEntityId,
                pre?.GetAttributeValue<OptionSetValue>("statecode")?.Value,
                (post ?? context.Target)?.GetAttributeValue<OptionSetValue>("statecode")?.Value,
                incident?.GetAttributeValue<string>("title"),
                incident == null ? null : FollowUpAccounts.AccountOfCase(incident));
        }
    }
}
