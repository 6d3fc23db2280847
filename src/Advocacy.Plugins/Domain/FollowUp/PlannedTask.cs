using System;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>The task's <c>prioritycode</c> values.</summary>
    public enum TaskPriority
    {
        Low = 0,
        Normal = 1,
        High = 2,
    }

    /// <summary>What the task is regarding: the account, or a case when the work is about that case.</summary>
    public enum RegardingKind
    {
        Account = 0,
        Case = 1,
    }

    /// <summary>
    /// Everything the Data layer needs to create one advocacy <c>task</c>; it maps the fields one to one
    /// (adv_kind, adv_sourcekey, subject, description, scheduledend, prioritycode, ownerid, regardingobjectid)
    /// and creates nothing when an open task with the same SourceKey exists.
    /// </summary>
    public sealed class PlannedTask
    {
        public const int SubjectMaxLength = 200;

        /// <summary>The task description column's default maximum length.</summary>
        public const int DescriptionMaxLength = 2000;

        /// <summary>
        /// The description of a task completed automatically: its text, then why it was closed, in the language of the
        /// task's owner (its reader; English when not given). The closing note is always kept whole; when both would pass
        /// the column's 2,000 characters (a user may have filled the description), the earlier text is cut, marked with
        /// "…" — the platform would refuse the longer text and with it the whole save that closes the task.
        /// </summary>
        public static string WithClosingNote(string? description, string why, Words.Language? language = null)
        {
            string note = "\n\n" + (language ?? Words.Language.English).Format(Words.TextKey.ClosedAutomatically, why);
            note = Text.Truncate(note, DescriptionMaxLength);
            string text = description ?? string.Empty;
            int room = DescriptionMaxLength - note.Length;
            if (text.Length > room)
            {
                text = room <= 1 ? string.Empty : Text.Truncate(text, room);
            }

            return text + note;
        }

        public PlannedTask(
            AdvocacyTaskKind kind,
            string sourceKey,
            string subject,
            string description,
            DateTime dueDate,
            TaskPriority priority,
            Guid ownerUserId,
            bool ownerIsTeam,
            RegardingKind regardingKind,
            Guid regardingId,
            Guid accountId)
        {
            Kind = kind;
            SourceKey = sourceKey;
            Subject = Text.Truncate(subject, SubjectMaxLength);
            Description = Text.Truncate(description, DescriptionMaxLength);
            DueDate = dueDate;
            Priority = priority;
            OwnerUserId = ownerUserId;
            OwnerIsTeam = ownerIsTeam;
            RegardingKind = regardingKind;
            RegardingId = regardingId;
            AccountId = accountId;
        }

        public AdvocacyTaskKind Kind { get; }

        /// <summary>adv_sourcekey: the idempotency key (see <see cref="AdvocacyTaskKeys"/>).</summary>
        public string SourceKey { get; }

        public string Subject { get; }

        public string Description { get; }

        /// <summary>A date (business day), no time of day.</summary>
        public DateTime DueDate { get; }

        public TaskPriority Priority { get; }

        /// <summary>The owning systemuser — or team, when <see cref="OwnerIsTeam"/> (an account owned by a team).</summary>
        public Guid OwnerUserId { get; }

        public bool OwnerIsTeam { get; }

        public RegardingKind RegardingKind { get; }

        public Guid RegardingId { get; }

        /// <summary>The account the task is about, also when it is regarding a case.</summary>
        public Guid AccountId { get; }

        public override string ToString() => SourceKey + " → " + Subject;
    }

    internal static class Text
    {
        // "…" marks a cut so nobody mistakes a shortened comment for the customer's whole answer.
        internal static string Truncate(string? value, int max)
        {
            if (value == null)
            {
                return string.Empty;
            }

            if (value.Length <= max)
            {
                return value;
            }

            int cut = max - 1;
            if (char.IsHighSurrogate(value[cut - 1]))
            {
                cut--;
            }

            return value.Substring(0, cut) + "…";
        }
    }
}
