namespace Advocacy.Plugins.Domain.Assignment
{
    /// <summary>Who owns a piece of an advocate's work, and the sentence that explains it when it is not obvious.</summary>
    public sealed class TaskOwnerRoute
    {
        public TaskOwnerRoute(AdvocateCandidate owner, bool isBackup, string note)
        {
            Owner = owner;
            IsBackup = isBackup;
            Note = note ?? string.Empty;
        }

        public AdvocateCandidate Owner { get; }

        /// <summary>The owner is a backup standing in for the away advocate.</summary>
        public bool IsBackup { get; }

        /// <summary>Empty when the advocate is simply there; otherwise why the work goes where it goes.</summary>
        public string Note { get; }
    }
}
