using System;
using Advocacy.Plugins.Application.Assignment;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.Assignment;
using Microsoft.Xrm.Sdk;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Plugins.Assignment
{
    /// <summary>
    /// DESIGN §4 triggers on the account itself, in the save's transaction (pre-operation, so the account's
    /// adv_advocateid is written through the Target at no cost): the account gets a tier, its tier changes (the
    /// current advocate stays only while they cover it), it loses its advocate, or it is reactivated. The advocates'
    /// adv_accountcount is settled after the save by <see cref="AdvocateLoadPlugin"/>.
    /// The decision travels to <see cref="AccountAssignmentTaskPlugin"/> in SharedVariables, which raises the task
    /// once the account exists.
    /// </summary>
    [CrmPluginRegistration("Create", "account", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: assign advocate (account create)", 10, IsolationModeEnum.Sandbox,
        Description = "Chooses the account's advocate when it is created with a tier.")]
    [CrmPluginRegistration("Update", "account", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "adv_tier,adv_advocateid,statecode",
        "Advocacy: assign advocate (account update)", 10, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "name,adv_tier,adv_advocateid,statecode",
        Description = "Chooses the account's advocate when it gets a tier or loses its advocate.")]
    public sealed class AccountAssignmentPlugin : AdvocacyPlugin
    {
        internal const string SharedOutcome = "adv_assignment_outcome";
        internal const string SharedReason = "adv_assignment_reason";

        /// <summary>The reason unworded (<see cref="Phrase.Encode"/>): the task step words it for the task's owner.</summary>
        internal const string SharedReasonWords = "adv_assignment_reasonwords";
        internal const string SharedAdvocateId = "adv_assignment_advocateid";
        internal const string SharedAdvocateName = "adv_assignment_advocatename";
        internal const string SharedAdvocateUserId = "adv_assignment_advocateuserid";

        protected override void Execute(PluginContext context)
        {
            var target = context.Target;
            if (target == null || target.LogicalName != "account")
            {
                return;
            }

            var before = context.Execution.MessageName == "Create" ? null : AccountRows.AdvocacyState(context.PreImage("pre") ?? new Entity("account", target.Id));
            var merged = context.Merged();
            var name = merged.GetAttributeValue<string>("name") ?? target.Id.ToString();
            var decision = new AssignOnAccountSave(context).Decide(name, before, AccountRows.AdvocacyState(merged));
            if (decision.TargetMustChange)
            {
                target["adv_advocateid"] = decision.FinalAdvocateId.HasValue ? new EntityReference("adv_advocate", decision.FinalAdvocateId.Value) : null;
                context.Trace("Assignment: account {0} saved with adv_advocateid = {1}.", name, decision.FinalAdvocateId.HasValue ? decision.FinalAdvocateId.Value.ToString() : "(none)");
            }

            var choice = decision.Choice;
            if (choice == null)
            {
                return;
            }

            var shared = context.Execution.SharedVariables;
            if (shared.Contains(SharedOutcome) && !choice.Changed)
            {
                // A re-fire of this step sees the advocate its first run put into the Target and "keeps" it; the
                // first run's decision (e.g. "assigned": an introduction is due) is the save's decision.
                context.Trace("Assignment: this save was already decided ({0}); the earlier decision stands.", shared[SharedReason]);
                return;
            }

            shared[SharedOutcome] = (int)choice.Outcome;
            shared[SharedReason] = choice.Reason;
            shared[SharedReasonWords] = choice.Words.Encode();
            if (choice.Changed && choice.Advocate != null && choice.Advocate.UserId.HasValue)
            {
                shared[SharedAdvocateId] = choice.Advocate.Id;
                shared[SharedAdvocateName] = choice.Advocate.Name;
                shared[SharedAdvocateUserId] = choice.Advocate.UserId.Value;
            }
        }
    }

    /// <summary>
    /// After the account is saved: the introduction task for a newly chosen advocate, or one unassigned-advocacy
    /// task for the account's owner when nobody is eligible (one open per account, so re-fires create nothing).
    /// Tasks are written as SYSTEM: they belong to the advocate or the owner, not necessarily the caller.
    /// </summary>
    [CrmPluginRegistration("Create", "account", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "",
        "Advocacy: assignment task (account create)", 10, IsolationModeEnum.Sandbox,
        Image1Name = "post", Image1Type = ImageTypeEnum.PostImage, Image1Attributes = "name,ownerid,adv_tier",
        Description = "Raises the introduction or unassigned-advocacy task decided by the pre-operation step.")]
    [CrmPluginRegistration("Update", "account", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "adv_tier,adv_advocateid,statecode",
        "Advocacy: assignment task (account update)", 10, IsolationModeEnum.Sandbox,
        Image1Name = "post", Image1Type = ImageTypeEnum.PostImage, Image1Attributes = "name,ownerid,adv_tier",
        Description = "Raises the introduction or unassigned-advocacy task decided by the pre-operation step.")]
    public sealed class AccountAssignmentTaskPlugin : AdvocacyPlugin
    {
        protected override void Execute(PluginContext context)
        {
            var shared = context.Execution.SharedVariables;
            if (!shared.Contains(AccountAssignmentPlugin.SharedOutcome))
            {
                return;
            }

            var outcome = (AssignmentOutcome)(int)shared[AccountAssignmentPlugin.SharedOutcome];
            var reason = shared[AccountAssignmentPlugin.SharedReason] as string ?? string.Empty;
            var post = context.PostImage("post") ?? context.Target ?? new Entity("account", context.Execution.PrimaryEntityId);
            var account = new AccountSnapshot(post).Facts();
            AdvocateCandidate? advocate = null;
            if (shared.Contains(AccountAssignmentPlugin.SharedAdvocateId))
            {
                advocate = new AdvocateCandidate((Guid)shared[AccountAssignmentPlugin.SharedAdvocateId], shared[AccountAssignmentPlugin.SharedAdvocateName] as string ?? string.Empty)
                {
                    UserId = (Guid)shared[AccountAssignmentPlugin.SharedAdvocateUserId],
                };
            }

            new AssignOnAccountSave(context).RaiseTask(account, outcome, advocate, ReasonWords(shared, reason));
        }

        /// <summary>The pre-operation step's reason, unworded; its English text if the encoded form is missing or unreadable.</summary>
        private static Phrase ReasonWords(ParameterCollection shared, string english)
        {
            if (shared.Contains(AccountAssignmentPlugin.SharedReasonWords) && shared[AccountAssignmentPlugin.SharedReasonWords] is string encoded)
            {
                try
                {
                    return Phrase.Decode(encoded);
                }
                catch (FormatException)
                {
                    // Only another step writing our variable could cause this; the English reason still serves.
                }
            }

            return Phrase.Join(string.Empty, new object[] { english });
        }
    }
}
