using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.Assignment
{
    public enum AssignmentOutcome
    {
        /// <summary>The current advocate stays (sticky).</summary>
        Kept = 0,

        /// <summary>A new advocate was chosen.</summary>
        Assigned = 1,

        /// <summary>Nobody is eligible: leave the account unadvocated and raise an unassigned-advocacy task.</summary>
        Unassigned = 2,

        /// <summary>The account has no (known) tier: not an advocacy account, leave its advocate column alone.</summary>
        NoTier = 3,
    }

    /// <summary>The selection's answer. Adapters write the account only when <see cref="Changed"/>.</summary>
    public sealed class AdvocateChoice
    {
        public AdvocateChoice(AssignmentOutcome outcome, AdvocateCandidate? advocate, bool changed, string reason, AdvocateCandidate? taskOwner, bool taskOwnerIsBackup)
            : this(outcome, advocate, changed, Phrase.Join(string.Empty, new object[] { reason }), taskOwner, taskOwnerIsBackup)
        {
        }

        public AdvocateChoice(AssignmentOutcome outcome, AdvocateCandidate? advocate, bool changed, Phrase reason, AdvocateCandidate? taskOwner, bool taskOwnerIsBackup)
        {
            Outcome = outcome;
            Advocate = advocate;
            Changed = changed;
            Words = reason;
            Reason = reason.ToString();
            TaskOwner = taskOwner;
            TaskOwnerIsBackup = taskOwnerIsBackup;
        }

        public AssignmentOutcome Outcome { get; }

        /// <summary>The account's advocate after the selection; null when unassigned (or no tier).</summary>
        public AdvocateCandidate? Advocate { get; }

        /// <summary>The account's adv_advocateid must be written (to Advocate?.Id). Never true for NoTier.</summary>
        public bool Changed { get; }

        /// <summary>One line for the trace and outputs, in English.</summary>
        public string Reason { get; }

        /// <summary>The reason before it is worded: task descriptions state it in their owner's language.</summary>
        public Phrase Words { get; }

        /// <summary>Whose user gets the triggering work: the advocate, or the backup while the advocate is away
        /// and the work is urgent. Null when there is no advocate (the account owner takes the work).</summary>
        public AdvocateCandidate? TaskOwner { get; }

        public bool TaskOwnerIsBackup { get; }

        public override string ToString() => Reason;
    }
}
