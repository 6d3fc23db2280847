using System;

namespace Advocacy.Plugins.Domain.Assignment
{
    /// <summary>
    /// One <c>adv_advocate</c> profile as the selection sees it. The Data layer fills it from a single
    /// candidates query; AccountCount is the maintained <c>adv_accountcount</c> (see <see cref="LoadLedger"/>).
    /// </summary>
    public sealed class AdvocateCandidate
    {
        public AdvocateCandidate()
        {
        }

        public AdvocateCandidate(Guid id, string name)
        {
            Id = id;
            Name = name ?? string.Empty;
        }

        public Guid Id { get; set; }

        public string Name { get; set; } = string.Empty;

        /// <summary>The systemuser behind the profile. Null: nobody could own the tasks, so never eligible.</summary>
        public Guid? UserId { get; set; }

        public bool IsActive { get; set; } = true;

        /// <summary>Accounts the advocate can take. Zero or less means "takes no new accounts".</summary>
        public int Capacity { get; set; } = 25;

        public int AccountCount { get; set; }

        public TierSet Tiers { get; } = new TierSet();

        public SpecialtySet Specialties { get; } = new SpecialtySet();

        /// <summary>First day away (date only, inclusive). Null with a To date: away until To.</summary>
        public DateTime? OutOfOfficeFrom { get; set; }

        /// <summary>Last day away (date only, inclusive). Null with a From date: away with no return date.</summary>
        public DateTime? OutOfOfficeTo { get; set; }

        public Guid? BackupAdvocateId { get; set; }

        public DateTime? LastAssignedOn { get; set; }

        /// <summary>The advocate's manager (systemuser), who gets manager escalations.</summary>
        public Guid? ManagerUserId { get; set; }

        public bool IsOutOfOffice(DateTime today)
        {
            if (!OutOfOfficeFrom.HasValue && !OutOfOfficeTo.HasValue)
            {
                return false;
            }

            DateTime day = today.Date;
            return (!OutOfOfficeFrom.HasValue || OutOfOfficeFrom.Value.Date <= day)
                && (!OutOfOfficeTo.HasValue || day <= OutOfOfficeTo.Value.Date);
        }

        public bool Covers(CustomerTier tier) => Tiers.Contains(tier);

        /// <summary>True when the profile has no room for another account (capacity ≤ 0 counts as full).</summary>
        public bool IsAtCapacity => Capacity <= 0 || AccountCount >= Capacity;

        /// <summary>Eligible for a NEW assignment (DESIGN §4), ignoring the duplicate-profile rule.</summary>
        public bool IsEligibleFor(CustomerTier tier, DateTime today) =>
            IsActive && UserId.HasValue && !IsAtCapacity && !IsOutOfOffice(today) && Covers(tier);

        public override string ToString() => Name + " (" + Id.ToString("D") + ")";
    }
}
