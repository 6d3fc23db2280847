using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Plugins.Impact
{
    /// <summary>
    /// After an inconvenience is scored: the account's index and loyalty risk, the worst score on the linked
    /// case, and — for high or severe impact — one impact-review task for the advocate — assigned now, preferring the
    /// specialist for the kind of trouble, when the account has none; the account owner while nobody is
    /// eligible — refreshed rather than duplicated when the inconvenience is re-scored.
    /// Runs in the transaction, so a failure here undoes the save and nothing is left half-done.
    /// </summary>
    [CrmPluginRegistration(MessageNameEnum.Create, "adv_inconvenience", StageEnum.PostOperation, ExecutionModeEnum.Synchronous,
        "", "Advocacy: follow up inconvenience (create)", 20, IsolationModeEnum.Sandbox,
        Image1Name = "post", Image1Type = ImageTypeEnum.PostImage, Image1Attributes = PostColumns,
        Description = "Updates the account's inconvenience index and loyalty risk, the case's impact, and raises the impact review.")]
    [CrmPluginRegistration(MessageNameEnum.Update, "adv_inconvenience", StageEnum.PostOperation, ExecutionModeEnum.Synchronous,
        "adv_accountid,adv_caseid,adv_impactscore,adv_impactband,adv_impactexplanation", "Advocacy: follow up inconvenience (update)", 20, IsolationModeEnum.Sandbox,
        Image1Name = "post", Image1Type = ImageTypeEnum.PostImage, Image1Attributes = PostColumns,
        Image2Name = "pre", Image2Type = ImageTypeEnum.PreImage, Image2Attributes = "adv_accountid,adv_caseid",
        Description = "Keeps the account, the case and the impact review in step when the inconvenience is re-scored or moved.")]
    public sealed class InconvenienceFollowUpPlugin : AdvocacyPlugin
    {
        private const string PostColumns = "adv_name,adv_accountid,adv_caseid,adv_kind,adv_impactscore,adv_impactband,adv_impactexplanation";

        // Inconveniences created by our own late-delivery step arrive at depth 2.
        protected override int MaxDepth => 2;

        protected override void Execute(PluginContext context)
        {
            var post = context.PostImage("post") ?? throw new InvalidPluginExecutionException("The step 'follow up inconvenience' needs its post-image 'post'; re-register the step with it.");
            var pre = context.PreImage("pre");
            var settings = context.Settings;
            var system = context.SystemService;
            var accountRef = post.GetAttributeValue<EntityReference>("adv_accountid");
            if (accountRef == null)
            {
                context.Trace("No account on the inconvenience: nothing to follow up.");
                return;
            }

            var loyalty = new AccountLoyalty(system, context.Tracing);
            var account = loyalty.Refresh(accountRef.Id, settings, context.UtcNow);
            var oldAccount = pre?.GetAttributeValue<EntityReference>("adv_accountid");
            if (oldAccount != null && oldAccount.Id != accountRef.Id)
            {
                loyalty.Refresh(oldAccount.Id, settings, context.UtcNow);
            }

            var caseRef = post.GetAttributeValue<EntityReference>("adv_caseid");
            var oldCase = pre?.GetAttributeValue<EntityReference>("adv_caseid");
            if (caseRef != null) CopyWorstScoreToCase(context, caseRef.Id);
            if (oldCase != null && (caseRef == null || oldCase.Id != caseRef.Id)) CopyWorstScoreToCase(context, oldCase.Id);

            var band = Choices.Band(post.GetAttributeValue<OptionSetValue>("adv_impactband"));
            var score = post.GetAttributeValue<int?>("adv_impactscore") ?? 0;
            if (!band.HasValue || !AdvocacyTaskPlanner.NeedsImpactReview(band.Value))
            {
                context.Trace("Impact {0}/100 ({1}): no impact review needed.", score, band.HasValue ? band.Value.ToString() : "not scored");
                return;
            }

            var today = context.UtcNow.Date;
            var advocateId = account.AdvocateId;
            if (!advocateId.HasValue)
            {
                // High impact on an unadvocated account is one of DESIGN §4's triggers: the customer needs an
                // owner now, preferably the specialist for what went wrong.
                var kind = Choices.Kind(post.GetAttributeValue<OptionSetValue>("adv_kind"));
                Specialty specialty;
                var need = settings.Assignment.SpecialtyByKind.TryGetValue(kind, out specialty) ? specialty : (Specialty?)null;
                // The account was just read without an advocate, so go straight to the assignment (it re-reads
                // the account under the assignment lock) rather than EnsureAdvocate's extra look.
                var assignment = new AdvocateAssignmentService(system, context.Tracing, settings, context.UtcNow)
                    .Assign(accountRef.Id, need, urgent: true, trigger: "inconvenience scored " + band.Value.ToString().ToLowerInvariant());
                advocateId = assignment.AdvocateId;
            }

            var followUp = new FollowUpAccounts(system, context.Tracing, settings).ForSnapshot(account, today, advocateId);
            var plan = new AdvocacyTaskPlanner(settings).PlanImpactReview(
                followUp.Facts, followUp.Routing, context.Execution.PrimaryEntityId, score, band.Value,
                post.GetAttributeValue<string>("adv_impactexplanation") ?? string.Empty, caseRef?.Id, today);
            if (plan != null)
            {
                new AdvocacyTaskWriter(system, context.Tracing).Ensure(plan, oncePerKey: true, refreshOpenTask: true);
            }
        }

        /// <summary>The case shows its worst linked inconvenience (DESIGN §2): one query, one update.</summary>
        private static void CopyWorstScoreToCase(PluginContext context, Guid caseId)
        {
            var query = new QueryExpression("adv_inconvenience") { ColumnSet = new ColumnSet("adv_impactscore"), TopCount = 1 };
            query.Criteria.AddCondition("adv_caseid", ConditionOperator.Equal, caseId);
            query.Criteria.AddCondition("adv_impactscore", ConditionOperator.NotNull);
            query.AddOrder("adv_impactscore", OrderType.Descending);
            var rows = context.SystemService.RetrieveMultiple(query).Entities;
            var worst = rows.Count == 0 ? (int?)null : rows[0].GetAttributeValue<int?>("adv_impactscore");

            var update = new Entity("incident", caseId);
            update["adv_impactscore"] = worst;
            context.SystemService.Update(update);
            context.Trace("Case {0}: impact score set to {1} (worst linked inconvenience; as system user).", caseId, worst.HasValue ? worst.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none");
        }
    }
}
