using Advocacy.Plugins.Application.Assignment;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.Assignment
{
    /// <summary>
    /// When two accounts are merged (Merge; the duplicate-detection screen's "Merge"), the merged account's advocate gets
    /// its seat back and the advocacy work that came along follows the surviving account's advocacy (<see cref="MergeAccounts"/>).
    /// The pre-operation step remembers both accounts' advocacy in the execution's shared variables; the post-operation
    /// step, after the platform moved the rows and deactivated the merged account, settles. Any depth: a merge may come
    /// from a workflow or another plug-in, and settling is idempotent.
    /// </summary>
    [CrmPluginRegistration("Merge", "account", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: settle advocacy of merged accounts (before the merge)", 20, IsolationModeEnum.Sandbox,
        Description = "Refuses a merge that would set the product's columns, the tier or the cadence on the surviving account; remembers the advocate of both accounts.")]
    [CrmPluginRegistration("Merge", "account", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: settle advocacy of merged accounts (after the merge)", 20, IsolationModeEnum.Sandbox,
        Description = "Recounts the advocates of both merged accounts and hands the advocacy work that came along to the surviving account's advocate.")]
    public sealed class AccountMergePlugin : AdvocacyPlugin
    {
        /// <summary>The shared variable that carries both accounts' advocacy from the pre- to the post-operation step.</summary>
        public const string SharedStates = "adv_mergedadvocacy";

        protected override int MaxDepth => int.MaxValue;

        protected override void Execute(PluginContext context)
        {
            var execution = context.Execution;
            if (!context.TryMergeInput("account", out var target, out var subordinate))
            {
                context.Trace("Merge: the request names no account Target and SubordinateId; nothing to do.");
                return;
            }

            var use = new MergeAccounts(context);
            if (execution.Stage == (int)StageEnum.PreOperation)
            {
                var content = execution.InputParameters.Contains("UpdateContent") ? execution.InputParameters["UpdateContent"] as Entity : null;
                execution.SharedVariables[SharedStates] = use.BeforeMerge(target, subordinate, content);
                return;
            }

            use.AfterMerge(target, subordinate, execution.SharedVariables.TryGetValue(SharedStates, out var remembered) ? remembered as string : null);
        }
    }
}
