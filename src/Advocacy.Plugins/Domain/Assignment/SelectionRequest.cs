using System;

namespace Advocacy.Plugins.Domain.Assignment
{
    /// <summary>What the selection needs to know about the account being assigned.</summary>
    public sealed class SelectionRequest
    {
        public SelectionRequest()
        {
        }

        public SelectionRequest(CustomerTier? accountTier, Guid? currentAdvocateId, Specialty? neededSpecialty, DateTime today, bool urgent)
        {
            AccountTier = accountTier;
            CurrentAdvocateId = currentAdvocateId;
            NeededSpecialty = neededSpecialty;
            Today = today;
            Urgent = urgent;
        }

        /// <summary>Null or an undefined value: the account is not an advocacy account, so nobody is assigned.</summary>
        public CustomerTier? AccountTier { get; set; }

        public Guid? CurrentAdvocateId { get; set; }

        /// <summary>From the inconvenience kind or case subject (AssignmentSettings maps); null: no preference.</summary>
        public Specialty? NeededSpecialty { get; set; }

        /// <summary>The operation's date (UTC); only the date part is used.</summary>
        public DateTime Today { get; set; }

        /// <summary>Whether the work that triggered the selection is urgent, which decides the task owner.</summary>
        public bool Urgent { get; set; }
    }
}
