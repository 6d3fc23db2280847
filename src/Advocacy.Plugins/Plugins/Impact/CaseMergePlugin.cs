using Advocacy.Plugins.Application.Impact;

namespace Advocacy.Plugins.Plugins.Impact
{
    /// <summary>
    /// When duplicate cases are merged, the merged case's inconveniences move to the surviving case as the product's own
    /// writes (<see cref="MergeCases"/>): pre-operation, inside the merge's transaction and before the platform moves the
    /// case's other rows as the merging user. Any depth: a merge may come from a workflow or another plug-in.
    /// </summary>
    [CrmPluginRegistration("Merge", "incident", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: move a merged case's inconveniences (before the merge)", 20, IsolationModeEnum.Sandbox,
        Description = "Moves the merged case's inconveniences to the surviving case (re-scoring both), so the merging user needs no write on them.")]
    public sealed class CaseMergePlugin : AdvocacyPlugin
    {
        protected override int MaxDepth => int.MaxValue;

        protected override void Execute(PluginContext context)
        {
            if (!context.TryMergeInput("incident", out var target, out var merged))
            {
                context.Trace("Case merge: the request names no case Target and SubordinateId; nothing to do.");
                return;
            }

            new MergeCases(context).BeforeMerge(target, merged);
        }
    }
}
