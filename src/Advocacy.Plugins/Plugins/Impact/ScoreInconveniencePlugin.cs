using System;
using Advocacy.Plugins.Application.Impact;
using Advocacy.Plugins.Data;
using Microsoft.Xrm.Sdk;
using Advocacy.Plugins.Domain.Words;
using Advocacy.Plugins.Domain;

namespace Advocacy.Plugins.Plugins.Impact
{
    /// <summary>
    /// Scores an inconvenience as it is saved (DESIGN §3): the score, band, estimated loss and explanation go
    /// into the Target in PreOperation, so they are written with the row — no second Update, no re-trigger.
    /// Cost: the settings read and one account query; no writes. The computed columns are filtering attributes of
    /// the update step too: a save that sets a score, band, loss or explanation by hand is re-scored, so the stored
    /// outputs are always the computed ones and the follow-up never acts on a forged score.
    /// </summary>
    [CrmPluginRegistration(MessageNameEnum.Create, "adv_inconvenience", StageEnum.PreOperation, ExecutionModeEnum.Synchronous,
        "", "Advocacy: score inconvenience (create)", 10, IsolationModeEnum.Sandbox,
        Description = "Computes impact score, band, estimated loss and explanation into the new row.")]
    [CrmPluginRegistration(MessageNameEnum.Update, "adv_inconvenience", StageEnum.PreOperation, ExecutionModeEnum.Synchronous,
        InconvenienceRows.InputColumns + "," + InconvenienceRows.OutputColumns, "Advocacy: score inconvenience (update)", 10, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = InconvenienceRows.InputColumns + ",createdon",
        Description = "Re-scores the inconvenience when an input changes, or when a save sets a computed column (a forged score is replaced).")]
    public sealed class ScoreInconveniencePlugin : AdvocacyPlugin
    {
        // Our own late-delivery step creates inconveniences at depth 2; scoring writes nothing, so it cannot loop.
        protected override int MaxDepth => 4;

        protected override void Execute(PluginContext context)
        {
            var target = context.Target ?? throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorScoringNeedsTarget));
            var merged = context.Merged();
            var isCreate = context.Execution.MessageName == "Create";
            var createdOn = isCreate ? context.UtcNow : context.PreImage("pre")?.GetAttributeValue<DateTime?>("createdon") ?? context.UtcNow;
            var assessment = new ScoreInconvenience(context).OnSave(
                InconvenienceRows.InputOf(merged),
                merged.GetAttributeValue<EntityReference>("adv_accountid")?.Id,
                isCreate ? (Guid?)null : context.Execution.PrimaryEntityId,
                createdOn);
            InconvenienceRows.WriteOutputs(target, assessment);
        }
    }
}
