using System;
using System.Activities;
using Advocacy.Plugins.Application.Impact;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.Impact;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace Advocacy.Plugins.Activities.Impact
{
    /// <summary>"Calculate inconvenience impact" for classic workflows: the same use case as adv_ScoreInconvenience (<see cref="ScoreInconvenience.WhatIf"/>).</summary>
    [CrmPluginRegistration("CalculateInconvenienceImpact", "Calculate inconvenience impact",
        "Scores an inconvenience (points, band, estimated loss, explanation) from its facts.", "Customer Advocacy", IsolationModeEnum.Sandbox)]
    public sealed class CalculateInconvenienceImpactActivity : AdvocacyActivity
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

        /// <summary>The adv_inconveniencekind choice; empty scores as "other", as a saved inconvenience without a kind does.</summary>
        [Input("Kind")]
        [AttributeTarget("adv_inconvenience", "adv_kind")]
        public InArgument<OptionSetValue> Kind { get; set; } = new InArgument<OptionSetValue>();

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

        protected override void Execute(ActivityHost host, CodeActivityContext context)
        {
            var promised = PromisedOn.Get(context);
            var resolved = ResolvedOn.Get(context);
            var kind = Kind.Get(context);
            var input = new InconvenienceInput
            {
                Kind = Choices.KindOrNull(kind),
                UnknownKindValue = kind != null && Choices.KindOrNull(kind) == null ? kind.Value : (int?)null,
                PromisedOn = promised == default ? (DateTime?)null : promised,
                ResolvedOn = resolved == default ? (DateTime?)null : resolved,
                OrderValue = OrderValue.Get(context)?.Value,
                ReportedLoss = ReportedLoss.Get(context)?.Value,
                BusinessCritical = BusinessCritical.Get(context),
            };
            var assessment = new ScoreInconvenience(host).WhatIf(input, Account.Get(context)?.Id);

            Score.Set(context, assessment.Score);
            Band.Set(context, assessment.Band.ToString().ToLowerInvariant());
            EstimatedLoss.Set(context, new Money(assessment.EstimatedLoss));
            Explanation.Set(context, assessment.Explanation);
        }
    }
}
