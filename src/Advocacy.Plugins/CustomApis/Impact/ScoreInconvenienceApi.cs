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
    [CustomApiParameter("PromisedOn", CustomApiFieldType.DateTime, "When the customer was promised delivery or resolution.", IsOptional = true, GermanDescription = "Wann dem Kunden Lieferung oder Lösung zugesagt wurde.")]
    [CustomApiParameter("ResolvedOn", CustomApiFieldType.DateTime, "When it was delivered or resolved; empty while ongoing.", IsOptional = true, GermanDescription = "Wann geliefert oder gelöst wurde; leer, solange es andauert.")]
    [CustomApiParameter("OrderValue", CustomApiFieldType.Money, "Value of the order or contract at stake.", IsOptional = true, GermanDescription = "Wert des betroffenen Auftrags oder Vertrags.")]
    [CustomApiParameter("ReportedLoss", CustomApiFieldType.Money, "Loss the customer reported, if any.", IsOptional = true, GermanDescription = "Vom Kunden gemeldeter Schaden, falls vorhanden.")]
    [CustomApiParameter("BusinessCritical", CustomApiFieldType.Boolean, "Whether the order or case is business-critical.", IsOptional = true, GermanDescription = "Ob der Auftrag oder Fall geschäftskritisch ist.")]
    [CustomApiParameter("Kind", CustomApiFieldType.Integer, "adv_inconveniencekind choice value; other when empty, as on a saved inconvenience.", IsOptional = true, GermanDescription = "Wert der Auswahl adv_inconveniencekind; „Sonstiges“, wenn leer, wie bei einer gespeicherten Unannehmlichkeit.")]
    [CustomApiParameter("Account", CustomApiFieldType.EntityReference, "The account: supplies tier and recent inconveniences.", IsOptional = true, LogicalEntityName = "account", GermanDescription = "Die Firma: liefert Stufe und jüngste Unannehmlichkeiten.")]
    [CustomApiResponse("Score", CustomApiFieldType.Integer, "Impact score 0-100.", GermanDescription = "Auswirkungswert 0–100.")]
    [CustomApiResponse("Band", CustomApiFieldType.String, "low, moderate, high or severe.", GermanDescription = "low, moderate, high oder severe (die Schlüssel der Stufen gering, mäßig, hoch, schwer).")]
    [CustomApiResponse("EstimatedLoss", CustomApiFieldType.Money, "Estimated customer loss.", GermanDescription = "Geschätzter Kundenschaden.")]
    [CustomApiResponse("Explanation", CustomApiFieldType.String, "Every scored component in words and points.", GermanDescription = "Jeder bewertete Bestandteil in Worten und Punkten.")]
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
