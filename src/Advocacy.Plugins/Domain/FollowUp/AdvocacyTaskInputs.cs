using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>The account facts every advocacy task needs.</summary>
    public sealed class AccountFacts
    {
        public AccountFacts(Guid accountId, string name, CustomerTier? tier, Guid ownerId, bool ownerIsTeam = false, OwnerStandIn? standIn = null)
        {
            AccountId = accountId;
            Name = string.IsNullOrWhiteSpace(name) ? "this account" : name.Trim();
            Tier = tier;
            OwnerId = ownerId;
            OwnerIsTeam = ownerIsTeam;
            StandIn = ownerIsTeam ? null : standIn;
        }

        /// <summary>The same account with what the Data layer read of its owning user (<see cref="OwnerStandIn.For"/>).</summary>
        public AccountFacts WithOwnerUser(bool ownerDisabled, string? ownerName, Guid? managerId, bool managerDisabled) =>
            new AccountFacts(AccountId, Name, Tier, OwnerId, OwnerIsTeam, OwnerStandIn.For(ownerDisabled, ownerName, managerId, managerDisabled))
            {
                OwnerDisabled = !OwnerIsTeam && ownerDisabled,
                OwnerUserRead = true,
            };

        /// <summary>The owning user is disabled (known only when it was read with the account).</summary>
        public bool OwnerDisabled { get; private set; }

        /// <summary>The owning user was read with the account (<see cref="WithOwnerUser"/>): its stand-in, if any, is known.</summary>
        public bool OwnerUserRead { get; private set; }

        /// <summary>Who takes the owner's work in their place (their owning user is disabled); null: the owner does.</summary>
        public OwnerStandIn? StandIn { get; }

        /// <summary>Who takes the work the account's owner takes (while it has no advocate): the owner, or their stand-in.</summary>
        public Guid WorkOwnerId => StandIn?.ManagerUserId ?? OwnerId;

        public bool WorkOwnerIsTeam => StandIn == null && OwnerIsTeam;

        public Guid AccountId { get; }

        public string Name { get; }

        public CustomerTier? Tier { get; }

        /// <summary>The account's ownerid: takes the work while the account has no advocate.</summary>
        public Guid OwnerId { get; }

        public bool OwnerIsTeam { get; }
    }

    /// <summary>
    /// The account owner's work goes to someone who can act on it: a disabled user signs in no more and sees no task
    /// (users who leave are disabled, and their accounts often stay theirs). Their manager (systemuser.parentsystemuserid)
    /// stands in when enabled; with no enabled manager, nobody the data names can, and the work stays with the owner
    /// (<see cref="For"/> returns null; the steps trace it). A team owner is never disabled.
    /// </summary>
    public sealed class OwnerStandIn
    {
        private OwnerStandIn(Guid managerUserId, string ownerName)
        {
            ManagerUserId = managerUserId;
            OwnerName = ownerName;
        }

        /// <summary>The owner's manager, who takes the work.</summary>
        public Guid ManagerUserId { get; }

        /// <summary>The disabled owner's name, for the stand-in's task.</summary>
        public string OwnerName { get; }

        public static OwnerStandIn? For(bool ownerDisabled, string? ownerName, Guid? managerId, bool managerDisabled) =>
            ownerDisabled && managerId.HasValue && managerId.Value != Guid.Empty && !managerDisabled
                ? new OwnerStandIn(managerId.Value, string.IsNullOrWhiteSpace(ownerName) ? "?" : ownerName!.Trim())
                : null;
    }

    /// <summary>
    /// Who does the account's advocacy work: the advocate's user, and — only while the advocate is out of
    /// office and a backup is available — the backup's user for urgent work.
    /// </summary>
    public sealed class AdvocateRouting
    {
        public AdvocateRouting(Guid advocateId, string advocateName, Guid advocateUserId, Guid? managerUserId = null)
        {
            AdvocateId = advocateId;
            AdvocateName = advocateName ?? string.Empty;
            AdvocateUserId = advocateUserId;
            ManagerUserId = managerUserId;
        }

        public Guid AdvocateId { get; }

        public string AdvocateName { get; }

        public Guid AdvocateUserId { get; }

        public Guid? ManagerUserId { get; }

        /// <summary>The manager the advocate's user names, when that user is disabled (and so not <see cref="ManagerUserId"/>). For the trace.</summary>
        public Guid? DisabledManagerUserId { get; set; }

        /// <summary>
        /// Why urgent work stays with the advocate although they are away (no backup, the backup away, inactive or
        /// without an enabled user); empty when the advocate is there or a backup takes it. For the trace.
        /// </summary>
        public string StayNote { get; private set; } = string.Empty;

        /// <summary>Set only while the advocate is away and this backup takes urgent work.</summary>
        public Guid? BackupUserId { get; private set; }

        public string? BackupName { get; private set; }

        /// <summary>Why the backup stands in, e.g. "Dana Ruiz is out of office until …".</summary>
        public string? BackupNote { get; private set; }

        /// <summary>The same note before it is worded, when the routing rule gave one: the backup reads it in their language.</summary>
        public Phrase? BackupNotePhrase { get; private set; }

        /// <summary>Routes urgent work to <paramref name="backupUserId"/> (the adapter resolved the backup).</summary>
        public AdvocateRouting WithBackup(Guid backupUserId, string backupName, Phrase note)
        {
            var routing = WithBackup(backupUserId, backupName, note?.ToString() ?? string.Empty);
            routing.BackupNotePhrase = note;
            return routing;
        }

        public AdvocateRouting WithBackup(Guid backupUserId, string backupName, string note)
        {
            return new AdvocateRouting(AdvocateId, AdvocateName, AdvocateUserId, ManagerUserId)
            {
                BackupUserId = backupUserId,
                BackupName = backupName ?? string.Empty,
                BackupNote = note,
            };
        }

        /// <summary>
        /// Builds the routing from the advocate's profile and the pool, following the backup chain for urgent
        /// work with <see cref="AdvocateSelection.RouteTaskOwner"/>. The advocate must have a user.
        /// </summary>
        public static AdvocateRouting For(AdvocateCandidate advocate, IReadOnlyList<AdvocateCandidate> pool, DateTime today)
        {
            if (advocate == null)
            {
                throw new ArgumentNullException(nameof(advocate));
            }

            if (!advocate.UserId.HasValue)
            {
                throw new ArgumentException("Advocate " + advocate.Name + " has no user, so nobody could own the task.", nameof(advocate));
            }

            var routing = new AdvocateRouting(advocate.Id, advocate.Name, advocate.UserId.Value, advocate.ManagerUserId);
            TaskOwnerRoute route = AdvocateSelection.RouteTaskOwner(advocate, pool, today, urgent: true);
            if (route.IsBackup && route.Owner.UserId.HasValue)
            {
                return routing.WithBackup(route.Owner.UserId.Value, route.Owner.Name, route.Words!);
            }
            routing.StayNote = route.Note;
            return routing;
        }
    }
}
