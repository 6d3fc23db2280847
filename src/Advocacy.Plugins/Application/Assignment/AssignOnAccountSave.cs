using System;
using System.Globalization;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.Assignment;

namespace Advocacy.Plugins.Application.Assignment
{
    /// <summary>What the account's pre-operation step must write into its Target and pass on to the post-operation step.</summary>
    public sealed class AssignmentDecision
    {
        internal AssignmentDecision(AdvocateChoice? choice, Guid? finalAdvocateId, bool targetMustChange, string? skippedReason, int roundTrips)
        {
            Choice = choice;
            FinalAdvocateId = finalAdvocateId;
            TargetMustChange = targetMustChange;
            SkippedReason = skippedReason;
            RoundTrips = roundTrips;
        }

        /// <summary>Null when no selection ran.</summary>
        public AdvocateChoice? Choice { get; }

        public Guid? FinalAdvocateId { get; }

        /// <summary>The Target's adv_advocateid must be set to <see cref="FinalAdvocateId"/>.</summary>
        public bool TargetMustChange { get; }

        /// <summary>Why no selection ran although the save asked for one (unknown tier value).</summary>
        public string? SkippedReason { get; }

        public int RoundTrips { get; }
    }

    /// <summary>
    /// DESIGN §4 triggers on the account itself, in the save's transaction: <see cref="Decide"/> runs before the save
    /// (the advocate goes into the Target at no cost; the advocates' counts are settled after the save by
    /// <see cref="SettleAdvocateLoad"/>), and <see cref="AssignOnAccountSave.RaiseTask"/> after it, once the account exists.
    /// When a save calls for a selection is <see cref="AssignmentTriggers.ForAccountSave"/>'s rule.
    /// </summary>
    public sealed class AssignOnAccountSave
    {
        private readonly IAdvocacyHost _host;

        public AssignOnAccountSave(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <param name="before">The account before the save; null on Create.</param>
        public AssignmentDecision Decide(string accountName, AccountAdvocacyState? before, AccountAdvocacyState after)
        {
            var counted = new CountingService(_host.SystemService);
            var selection = AssignmentTriggers.ForAccountSave(before, after);
            AdvocateChoice? choice = null;
            Guid? finalId = after.AdvocateId;
            if (selection.SkippedReason != null)
            {
                _host.Trace("Assignment of {0}: {1}.", accountName, selection.SkippedReason);
            }
            else if (selection.Select)
            {
                LockRows.Take(counted, LockRows.Assignment);
                _host.Trace("Assignment: took lock row '{0}' as {1} before reading advocate counts.", LockRows.Assignment, _host.SystemIdentity);
                var pool = new AdvocatePool(counted, _host.Settings.Assignment.DefaultCapacity).Load(selection.Tier!.Value, after.AdvocateId, selection.ExcludedAdvocateId);
                if (selection.ExcludedAdvocateId.HasValue)
                {
                    _host.Trace("Assignment: the advocate was removed from the account by the save, so profile {0} is not considered again.", selection.ExcludedAdvocateId.Value);
                }

                choice = AdvocateSelection.Choose(new SelectionRequest(selection.Tier, after.AdvocateId, null, _host.UtcNow, false), pool);
                _host.Trace("Assignment of {0}: {1} [pool {2}].", accountName, choice.Reason, pool.Count.ToString(CultureInfo.InvariantCulture));
                if (choice.Changed)
                {
                    finalId = choice.Advocate?.Id;
                }
            }
            else
            {
                _host.Trace("Assignment: nothing to choose for {0} (no tier change, advocate kept or set by the user, or account inactive).", accountName);
            }

            // adv_accountcount moves after the save, in AdvocateLoadPlugin (SettleAdvocateLoad), from what the
            // accounts then say — so this step writes no count and a re-fire of it cannot count twice.
            _host.Trace("Assignment: {0} round trips for the assignment itself.", counted.Count.ToString(CultureInfo.InvariantCulture));
            return new AssignmentDecision(choice, finalId, finalId != after.AdvocateId, selection.SkippedReason, counted.Count);
        }

        /// <summary>After the save: the task the decision calls for (see <see cref="AssignAdvocate.RaiseTask"/>).</summary>
        public TaskWriteResult? RaiseTask(Domain.FollowUp.AccountFacts account, AssignmentOutcome outcome, AdvocateCandidate? newAdvocate, Domain.Words.Phrase reason) =>
            new AssignAdvocate(_host).RaiseTask(account, outcome, newAdvocate, reason);
    }
}
