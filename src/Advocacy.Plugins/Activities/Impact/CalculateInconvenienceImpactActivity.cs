using System;
using System.Activities;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace Advocacy.Plugins.Activities.Impact
{
    /// <summary>"Calculate inconvenience impact" for classic workflows: the same calculation as adv_ScoreInconvenience.</summary>
    [CrmPluginRegistration("CalculateInconvenienceImpact", "Calculate inconvenience impact",
        "Scores an inconvenience (points, band, estimated loss, explanation) from its facts.", "Customer Advocacy", IsolationModeEnum.Sandbox)]
    public sealed class CalculateInconvenienceImpactActivity : CodeActivity
    {
        [Input("Promised on")]
        public InArgument<DateTime> PromisedOn { get; set; } = new InArgument<DateTime>();

        [Input("Delivered or resolved on (empty while ongoing)")]
        public InArgument<DateTime> ResolvedOn { get; set; } = new InArgument<DateTime>();

        [Input("Order value")]
        public InArgument<Money> OrderValue { get; set; } = new InArgument<Money>();

        [Input("Reported loss")]
        public InArgument<Money> ReportedLoss { get; set; } = new InArgument<Money>();

        [Input("Business-critical")]
        [Default("False")]
        public InArgument<bool> BusinessCritical { get; set; } = new InArgument<bool>();

        [Input("Account")]
        [ReferenceTarget("account")]
        public InArgument<EntityReference> Account { get; set; } = new InArgument<EntityReference>();

        [Output("Impact score")]
        public OutArgument<int> Score { get; set; } = new OutArgument<int>();

        [Output("Impact band")]
        public OutArgument<string> Band { get; set; } = new OutArgument<string>();

        [Output("Estimated loss")]
        public OutArgument<Money> EstimatedLoss { get; set; } = new OutArgument<Money>();

        [Output("Explanation")]
        public OutArgument<string> Explanation { get; set; } = new OutArgument<string>();

        protected override void Execute(CodeActivityContext context)
        {
            var host = ActivityServices.From(context);
            try
            {
                var promised = PromisedOn.Get(context);
                var resolved = ResolvedOn.Get(context);
                var assessment = ImpactCalculation.Calculate(
                    host.UserService, host.Settings(), host.UtcNow, Account.Get(context),
                    promised == default ? (DateTime?)null : promised, resolved == default ? (DateTime?)null : resolved,
                    OrderValue.Get(context)?.Value, ReportedLoss.Get(context)?.Value, BusinessCritical.Get(context), null);

                Score.Set(context, assessment.Score);
                Band.Set(context, assessment.Band.ToString().ToLowerInvariant());
                EstimatedLoss.Set(context, new Money(assessment.EstimatedLoss));
                Explanation.Set(context, assessment.Explanation);
                host.Tracing.Trace("Calculate inconvenience impact: {0}", assessment.Explanation);
            }
            catch (AdvocacyInputException ex)
            {
                throw ActivityServices.Rejected(host.Tracing, ex);
            }
        }
    }
}
