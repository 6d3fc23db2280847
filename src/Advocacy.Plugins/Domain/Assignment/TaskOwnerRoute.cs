using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.Assignment
{
    public sealed class TaskOwnerRoute
    {
        public TaskOwnerRoute(AdvocateCandidate owner, bool isBackup, string note)
            : this(owner, isBackup, string.IsNullOrEmpty(note) ? null : Phrase.Join(string.Empty, new object[] { note }))
        {
        }

        public TaskOwnerRoute(AdvocateCandidate owner, bool isBackup, Phrase? note)
        {
            Owner = owner;
            IsBackup = isBackup;
            Words = note;
            Note = note?.ToString() ?? string.Empty;
        }

        public AdvocateCandidate Owner { get; }

        /// <summary>The owner is a backup standing in for the away advocate.</summary>
        public bool IsBackup { get; }

        /// <summary>Empty when the advocate is simply there; otherwise why the work goes where it goes (English).</summary>
        public string Note { get; }

        /// <summary>The note before it is worded; null when there is none.</summary>
        public Phrase? Words { get; }
    }
}
