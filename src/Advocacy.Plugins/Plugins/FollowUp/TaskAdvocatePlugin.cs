using System;
using Advocacy.Plugins.Application.FollowUp;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Words;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins.FollowUp
{
    /// <summary>
    /// When an advocacy task changes hands (owner or kind), it names the advocate whose work it is now: the profile of its
    /// owning user, written through the Target (no second write). Runs at any depth: the product itself moves tasks
    /// between owners (hand-over, reassignment). The column is system-maintained (DESIGN §6): a value written by hand is
    /// replaced by the owner's profile.
    /// </summary>
    [CrmPluginRegistration("Update", "task", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "ownerid,adv_kind,adv_advocateid",
        "Advocacy: advocacy task names its advocate (owner or kind changed)", 10, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "ownerid,adv_kind,adv_advocateid,statecode",
        Description = "Keeps adv_advocateid of an advocacy task the advocate profile of its owner when the owner or the kind changes; a value written by hand is put right.")]
    public sealed class TaskAdvocatePlugin : AdvocacyPlugin
    {
        protected override int MaxDepth => int.MaxValue;

        protected override void Execute(PluginContext context)
        {
            var target = context.Target ?? throw new InvalidPluginExecutionException(context.CallerLanguage.Format(TextKey.ErrorStepNeedsTarget));
            var task = context.Merged("pre");
            // Closed before this save: the pre-image's state (the platform writes a state change in a pass of its own).
            var closed = context.PreImage("pre")?.GetAttributeValue<OptionSetValue>("statecode") is { Value: not 0 };
            var owner = task.GetAttributeValue<EntityReference>("ownerid");
            var current = task.GetAttributeValue<EntityReference>("adv_advocateid")?.Id;
            var advocate = new NameTaskAdvocate(context).Run(new TaskOwnership
            {
                TaskId = task.Id,
                Kind = Choices.TaskKind(task.GetAttributeValue<OptionSetValue>("adv_kind")),
                OwnerUserId = owner?.LogicalName == "systemuser" ? owner.Id : (Guid?)null,
                Closed = closed,
                CurrentAdvocateId = current,
            });
            if (advocate != current)
            {
                target["adv_advocateid"] = advocate.HasValue ? new EntityReference("adv_advocate", advocate.Value) : null;
            }
        }
    }

    /// <summary>
    /// A new advocacy task names the advocate whose work it is, asynchronously after the create (see
    /// <see cref="NameTaskAdvocate.AsItIsNow"/>): the sweep creates check-ins by the thousand and must not pay a profile
    /// read per task inside its time budget. Until the job has run, the task is missing from its advocate's grid.
    /// </summary>
    [CrmPluginRegistration("Create", "task", StageEnum.PostOperation, ExecutionModeEnum.Asynchronous, "",
        "Advocacy: new advocacy task names its advocate", 10, IsolationModeEnum.Sandbox,
        Description = "Sets adv_advocateid of a new advocacy task to the advocate profile of its owner.")]
    public sealed class NewTaskAdvocatePlugin : AdvocacyPlugin
    {
        protected override int MaxDepth => int.MaxValue;

        protected override void Execute(PluginContext context)
        {
            var target = context.Target;
            // A task without a kind needs a job only to clear an advocate someone wrote on it by hand.
            if (target == null || (target.GetAttributeValue<OptionSetValue>("adv_kind") == null && target.GetAttributeValue<EntityReference>("adv_advocateid") == null))
            {
                context.Trace("The new task is not an advocacy task and names no advocate: nothing to do.");
                return;
            }

            new NameTaskAdvocate(context).AsItIsNow(context.Execution.PrimaryEntityId);
        }
    }

    /// <summary>
    /// A completed or canceled advocacy task that is reopened names the advocate of its owner again: closed, it kept the
    /// advocate who did the work (<see cref="Domain.FollowUp.TaskAdvocate.FollowsOwner"/>) while its owner may have
    /// changed; open, it is its owner's work and belongs in their "Open advocacy tasks" grid. After the state change, so
    /// the task is open when its advocate is written (the platform takes no other change to a closed activity); two reads (the task, its owner's profile) and
    /// at most one write, on a reopen only.
    /// </summary>
    [CrmPluginRegistration("Update", "task", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "statecode",
        "Advocacy: reopened advocacy task names its advocate", 10, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "statecode,adv_kind",
        Description = "Sets adv_advocateid of a reopened advocacy task to the advocate profile of its owner.")]
    public sealed class ReopenedTaskAdvocatePlugin : AdvocacyPlugin
    {
        protected override int MaxDepth => int.MaxValue;

        protected override void Execute(PluginContext context)
        {
            var pre = context.PreImage("pre");
            if (!TaskAdvocate.NamedAgainOn(
                    wasClosed: pre?.GetAttributeValue<OptionSetValue>("statecode") is { Value: not 0 },
                    openNow: context.Target?.GetAttributeValue<OptionSetValue>("statecode") is { Value: 0 },
                    isAdvocacyTask: pre?.GetAttributeValue<OptionSetValue>("adv_kind") != null))
            {
                context.Trace("Not an advocacy task reopened: nothing to name.");
                return;
            }

            new NameTaskAdvocate(context).AsItIsNow(context.Execution.PrimaryEntityId);
        }
    }
}
