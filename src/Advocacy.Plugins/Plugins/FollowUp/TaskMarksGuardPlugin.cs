using Advocacy.Plugins.Application.FollowUp;

namespace Advocacy.Plugins.Plugins.FollowUp
{
    /// <summary>
    /// Only the product sets a task's <c>adv_kind</c> and <c>adv_sourcekey</c> (<see cref="ProtectTaskMarks"/>, issue 13
    /// "key squatting"). Pre-operation, so a refused save writes nothing; runs at any depth because it must see the
    /// client's request (depth 1) and let the product's own writes (depth 2 and more) through.
    /// </summary>
    [CrmPluginRegistration("Create", "task", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: only the product marks tasks (create)", 5, IsolationModeEnum.Sandbox,
        Description = "Refuses a client's new task that carries an advocacy kind or source key.")]
    [CrmPluginRegistration("Update", "task", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "adv_kind,adv_sourcekey",
        "Advocacy: only the product marks tasks (update)", 5, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "adv_kind,adv_sourcekey",
        Description = "Refuses a client's change of a task's advocacy kind or source key.")]
    public sealed class TaskMarksGuardPlugin : AdvocacyPlugin
    {
        protected override int MaxDepth => int.MaxValue;

        protected override void Execute(PluginContext context)
        {
            var target = context.Target;
            if (target == null || target.LogicalName != "task")
            {
                return;
            }

            new ProtectTaskMarks(context).Check(context.Execution.Depth, target, context.PreImage("pre"));
        }
    }
}
