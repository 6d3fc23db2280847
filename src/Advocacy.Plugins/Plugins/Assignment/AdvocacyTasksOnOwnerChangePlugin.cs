using Advocacy.Plugins.Application.Assignment;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.Assignment
{
    /// <summary>
    /// When an account or a case is given to another owner (an Assign, or an Update of ownerid, at any depth: a workflow,
    /// case routing or another plug-in may do it), the advocate's open advocacy tasks on it stay with the advocate although
    /// the platform's cascades give them to the new owner (<see cref="KeepAdvocacyTasksOnOwnerChange"/>). The
    /// pre-operation step remembers the owners in the execution's shared variables; the post-operation step, after the
    /// cascades and in the same transaction, gives back what they moved.
    /// </summary>
    [CrmPluginRegistration("Update", "account", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "ownerid",
        "Advocacy: keep advocacy tasks with their owners (before an account's owner changes)", 30, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "ownerid",
        Description = "Remembers who holds the open advocacy tasks of the account and its cases before its owner changes.")]
    [CrmPluginRegistration("Update", "account", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "ownerid",
        "Advocacy: keep advocacy tasks with their owners (after an account's owner changed)", 30, IsolationModeEnum.Sandbox,
        Description = "Gives the advocate's open advocacy tasks back after the platform's cascade gave them to the account's new owner.")]
    [CrmPluginRegistration("Update", "incident", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "ownerid",
        "Advocacy: keep advocacy tasks with their owners (before a case's owner changes)", 30, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "ownerid",
        Description = "Remembers who holds the case's open advocacy tasks before its owner changes.")]
    [CrmPluginRegistration("Update", "incident", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "ownerid",
        "Advocacy: keep advocacy tasks with their owners (after a case's owner changed)", 30, IsolationModeEnum.Sandbox,
        Description = "Gives the advocate's open advocacy tasks back after the platform's cascade gave them to the case's new owner.")]
    public sealed class AdvocacyTasksOnOwnerChangePlugin : AdvocacyPlugin
    {
        /// <summary>The shared variable that carries the remembered owners from the pre- to the post-operation step.</summary>
        public const string SharedOwners = "adv_advocacytaskowners";

        // The owner can change at any depth, and giving tasks back writes tasks, never an account or a case: no loop.
        protected override int MaxDepth => int.MaxValue;

        protected override void Execute(PluginContext context)
        {
            var execution = context.Execution;
            var use = new KeepAdvocacyTasksOnOwnerChange(context);
            if (execution.Stage == (int)StageEnum.PreOperation)
            {
                var previous = context.PreImage("pre")?.GetAttributeValue<EntityReference>("ownerid");
                var next = context.Target?.GetAttributeValue<EntityReference>("ownerid");
                execution.SharedVariables[SharedOwners] = use.BeforeChange(execution.PrimaryEntityName, execution.PrimaryEntityId, previous?.Id, next?.Id);
                return;
            }

            use.AfterChange(execution.PrimaryEntityName, execution.PrimaryEntityId,
                execution.SharedVariables.TryGetValue(SharedOwners, out var remembered) ? remembered as string : null);
        }
    }
}
