using System;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.Assignment
{
    /// <summary>What happens to one of the previous advocate's open tasks on the account.</summary>
    public enum HandOverAction
    {
        /// <summary>The work still needs doing: it moves to whoever looks after the account now.</summary>
        Move,

        /// <summary>The work was the previous advocate's own (their introduction): it is closed with a note.</summary>
        Close,
    }

    /// <summary>A systemuser, or a team when <see cref="IsTeam"/>.</summary>
    public sealed class HandOverRecipient
    {
        public HandOverRecipient(Guid id, bool isTeam)
        {
            Id = id;
            IsTeam = isTeam;
        }

        public Guid Id { get; }
        public bool IsTeam { get; }
    }

    /// <summary>
    /// When an account's advocate changes (re-assignment after a deactivation, a tier change, a manager's choice), the
    /// open advocacy tasks the previous advocate holds on that account follow the account: the customer's check-ins,
    /// impact reviews and recoveries must not wait in the queue of someone who no longer looks after them. The
    /// previous advocate's introduction is closed instead — the new advocate gets their own. Tasks go to the new
    /// advocate's user, or, when nobody advocates the account now, to the account's owner (who also gets the
    /// "unassigned advocacy" task). Tasks owned by anyone else (a manager's escalation, the owner's own) stay.
    /// </summary>
    public static class AdvocacyHandOver
    {
        public static HandOverAction For(AdvocacyTaskKind kind) =>
            kind == AdvocacyTaskKind.Introduction ? HandOverAction.Close : HandOverAction.Move;

        /// <summary>
        /// Who takes the moved tasks: the new advocate's user, else the account's owner (a user or a team); null:
        /// nobody, the tasks stay where they are.
        /// </summary>
        public static HandOverRecipient? Recipient(Guid? newAdvocateUserId, FollowUp.AccountFacts account)
        {
            if (newAdvocateUserId.HasValue && newAdvocateUserId.Value != Guid.Empty)
            {
                return new HandOverRecipient(newAdvocateUserId.Value, false);
            }

            return account != null && account.WorkOwnerId != Guid.Empty ? new HandOverRecipient(account.WorkOwnerId, account.WorkOwnerIsTeam) : null;
        }

        /// <summary>Why a closed introduction was closed: worded for its owner, the previous advocate, when it is written.</summary>
        public static Phrase ClosedBecause(string? newAdvocateName) =>
            string.IsNullOrWhiteSpace(newAdvocateName)
                ? Phrase.Of(TextKey.HandOverNoAdvocate)
                : Phrase.Of(TextKey.HandOverNewAdvocate, newAdvocateName);
    }
}
