using System;
using Advocacy.Plugins.Application.Impact;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.Impact;
using Advocacy.Plugins.Plugins;
using Advocacy.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.CustomApis.Impact
{
    /// <summary>adv_ScoreInconvenience: scores facts without saving them, for Power Automate and integrations (<see cref="ScoreInconvenience.WhatIf"/>).</summary>
    [CustomApi("adv_ScoreInconvenience", "Score inconvenience", "Computes the impact score, band, estimated loss and explanation of an inconvenience without saving it.", IsFunction = false,
        ExecutePrivilegeName = CustomApiPrivileges.RecordInconvenience, GermanDisplayName = "Unannehmlichkeit bewerten",
        GermanDescription = "Berechnet Auswirkungswert, Stufe, geschätzten Schaden und Erläuterung einer Unannehmlichkeit, ohne sie zu speichern.")]
    [CustomApiParameter("PromisedOn", CustomApiFieldType.DateTime, "When the customer was promised delivery or resolution.", IsOptional = true)]
    [CustomApiParameter("ResolvedOn", CustomApiFieldType.DateTime, "When it was delivered or resolved; empty while ongoing.", IsOptional = true)]
    [CustomApiParameter("OrderValue", CustomApiFieldType.Money, "Value of the order or contract at stake.", IsOptional = true)]
    [CustomApiParameter("ReportedLoss", CustomApiFieldType.Money, "Loss the customer reported, if any.", IsOptional = true)]
    [CustomApiParameter("BusinessCritical", CustomApiFieldType.Boolean, "Whether the order or case is business-critical.", IsOptional = true)]
    [CustomApiParameter("Kind", CustomApiFieldType.Integer, "adv_inconveniencekind choice value; other when empty, as on a saved inconvenience.", IsOptional = true)]
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
            var kindValue = context.Input<int?>("Kind");
            var kind = kindValue.HasValue ? Choices.KindOrNull(new OptionSetValue(kindValue.Value)) : null;
            var input = new InconvenienceInput
            {
                Kind = kind,
                UnknownKindValue = kindValue.HasValue && kind == null ? kindValue : null,
                PromisedOn = context.Input<DateTime?>("PromisedOn"),
                ResolvedOn = context.Input<DateTime?>("ResolvedOn"),
                OrderValue = context.Input<Money>("OrderValue")?.Value,
                ReportedLoss = context.Input<Money>("ReportedLoss")?.Value,
                BusinessCritical = context.Input<bool?>("BusinessCritical") ?? false,
            };
            var assessment = new ScoreInconvenience(context).WhatIf(input, context.Input<EntityReference>("Account")?.Id);

            var outputs = context.Execution.OutputParameters;
            outputs["Score"] = assessment.Score;
            outputs["Band"] = assessment.Band.ToString().ToLowerInvariant();
            outputs["EstimatedLoss"] = new Money(assessment.EstimatedLoss);
            outputs["Explanation"] = assessment.Explanation;
        }
    }
}
