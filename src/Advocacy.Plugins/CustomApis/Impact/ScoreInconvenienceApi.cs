using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Plugins;
using Advocacy.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.CustomApis.Impact
{
    /// <summary>adv_ScoreInconvenience: scores facts without saving them, for Power Automate and integrations.</summary>
    [CustomApi("adv_ScoreInconvenience", "Score inconvenience", "Computes the impact score, band, estimated loss and explanation of an inconvenience without saving it.", IsFunction = false)]
    [CustomApiParameter("PromisedOn", CustomApiFieldType.DateTime, "When the customer was promised delivery or resolution.", IsOptional = true)]
    [CustomApiParameter("ResolvedOn", CustomApiFieldType.DateTime, "When it was delivered or resolved; empty while ongoing.", IsOptional = true)]
    [CustomApiParameter("OrderValue", CustomApiFieldType.Money, "Value of the order or contract at stake.", IsOptional = true)]
    [CustomApiParameter("ReportedLoss", CustomApiFieldType.Money, "Loss the customer reported, if any.", IsOptional = true)]
    [CustomApiParameter("BusinessCritical", CustomApiFieldType.Boolean, "Whether the order or case is business-critical.", IsOptional = true)]
    [CustomApiParameter("Kind", CustomApiFieldType.Integer, "adv_inconveniencekind choice value; late delivery when empty.", IsOptional = true)]
    [CustomApiParameter("Account", CustomApiFieldType.EntityReference, "The account: supplies tier and recent inconveniences.", IsOptional = true, LogicalEntityName = "account")]
    [CustomApiResponse("Score", CustomApiFieldType.Integer, "Impact score 0-100.")]
    [CustomApiResponse("Band", CustomApiFieldType.String, "low, moderate, high or severe.")]
    [CustomApiResponse("EstimatedLoss", CustomApiFieldType.Money, "Estimated customer loss.")]
    [CustomApiResponse("Explanation", CustomApiFieldType.String, "Every scored component in words and points.")]
    public sealed class ScoreInconvenienceApi : AdvocacyPlugin
    {
        protected override int MaxDepth => 8;

        protected override void Execute(PluginContext context)
        {
            var assessment = ImpactCalculation.Calculate(
                context.UserService, context.Settings, context.UtcNow,
                context.Input<EntityReference>("Account"), context.Input<DateTime?>("PromisedOn"), context.Input<DateTime?>("ResolvedOn"),
                context.Input<Money>("OrderValue")?.Value, context.Input<Money>("ReportedLoss")?.Value,
                context.Input<bool?>("BusinessCritical") ?? false, context.Input<int?>("Kind"));

            context.Execution.OutputParameters["Score"] = assessment.Score;
            context.Execution.OutputParameters["Band"] = assessment.Band.ToString().ToLowerInvariant();
            context.Execution.OutputParameters["EstimatedLoss"] = new Money(assessment.EstimatedLoss);
            context.Execution.OutputParameters["Explanation"] = assessment.Explanation;
            context.Trace("adv_ScoreInconvenience: {0}", assessment.Explanation);
        }

    }
}
