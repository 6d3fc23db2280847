using System;
using System.Collections.Generic;
using System.Linq;

namespace Advocacy.Plugins.Domain.Assignment
{
    /// <summary>
    /// What an advocate may do with the account they advocate, whatever business unit either is in: read it and link
    /// records to it (record the customer's feedback, an inconvenience, a task regarding it). Roles alone do not give
    /// that across business units ("Customer Advocate" reads and appends to accounts of its own unit), so the account is
    /// shared with the advocate's user — and with their stand-ins', who take urgent work while they are away — for as
    /// long as they advocate it (<see cref="Entitled"/>). Rights are the platform's access-mask bits
    /// (ReadAccess 1, AppendToAccess 16), kept as numbers here so the rule needs no SDK type.
    /// </summary>
    public static class AdvocateAccess
    {
        public const int ReadAccess = 1;
        public const int AppendToAccess = 16;

        /// <summary>The rights an advocate's user is given on the account.</summary>
        public const int Rights = ReadAccess | AppendToAccess;

        /// <summary>
        /// The share to leave the new advocate's user with, given the one they have (0: none); null when it already
        /// holds every right (nothing to write). Rights given for another reason are kept.
        /// </summary>
        public static int? ForNewAdvocate(int existing) => (existing & Rights) == Rights ? null : existing | Rights;

        /// <summary>
        /// The share to leave the previous advocate's user with: their share without the advocate's rights (0: remove the
        /// share); null when it holds none of them (nothing to write). Other rights on the share are kept; the platform
        /// keeps one share per user and record, so a Read or Append To given by hand to that user goes with the advocacy.
        /// </summary>
        public static int? ForPreviousAdvocate(int existing) => (existing & Rights) == 0 ? null : existing & ~Rights;
    
        /// <summary>
        /// The users an advocacy gives the account to: the advocate's user and the users of the stand-ins urgent work can
        /// reach while the advocate is away — their backup and the backup's own backup (<see cref="AdvocateSelection.StandInDepth"/>
        /// backups deep, as <see cref="AdvocateSelection.RouteTaskOwner"/> routes) — each once. The chain is followed as the
        /// profiles name it, not by who is away, inactive or disabled today (that changes daily, and a share that flipped
        /// with it would have to be rewritten on every account each time); it stops where routing stops for good: at a
        /// missing profile, a profile without a user (an advocate without one gets no work at all) or a loop.
        /// </summary>
        /// <param name="profiles">The profiles read, by id; one missing from them ends the chain.</param>
        public static IReadOnlyCollection<Guid> Entitled(Guid advocateId, IReadOnlyDictionary<Guid, ProfileLink> profiles) =>
            Entitled(advocateId, id => profiles.TryGetValue(id, out var profile) ? profile : null);

        /// <inheritdoc cref="Entitled(Guid, IReadOnlyDictionary{Guid, ProfileLink})"/>
        /// <param name="profileOf">A profile by id; null when it does not exist (or was not read).</param>
        public static IReadOnlyCollection<Guid> Entitled(Guid advocateId, Func<Guid, ProfileLink?> profileOf)
        {
            var users = new List<Guid>();
            var visited = new HashSet<Guid>();
            Guid? next = advocateId;
            for (int level = 0; level <= AdvocateSelection.StandInDepth && next.HasValue && visited.Add(next.Value); level++)
            {
                var profile = profileOf(next.Value);
                Guid? user = profile?.UserId;
                if (!user.HasValue)
                {
                    break;
                }

                if (!users.Contains(user.Value))
                {
                    users.Add(user.Value);
                }

                next = profile!.BackupId;
            }

            return users;
        }

        /// <summary>
        /// The share writes that move an account from one advocacy's users to another's: each user who was entitled and no
        /// longer is loses the advocacy's rights (<see cref="ForPreviousAdvocate"/>), each user entitled now gets them
        /// (<see cref="ForNewAdvocate"/>); a user entitled both before and after is left as they are, whatever their role.
        /// </summary>
        public static IReadOnlyList<ShareChange> Move(IEnumerable<Guid> entitledBefore, IEnumerable<Guid> entitledAfter, Func<Guid, int> existing)
        {
            var after = new HashSet<Guid>(entitledAfter);
            var changes = new List<ShareChange>();
            foreach (var user in entitledBefore.Distinct().Where(u => !after.Contains(u)))
            {
                if (ForPreviousAdvocate(existing(user)) is int left)
                {
                    changes.Add(new ShareChange(user, left));
                }
            }

            foreach (var user in after)
            {
                if (ForNewAdvocate(existing(user)) is int rights)
                {
                    changes.Add(new ShareChange(user, rights));
                }
            }

            return changes;
        }
    }

    /// <summary>
    /// The users an advocacy gave an account to, and gives it to now (an advocate change, a profile's new user or backup);
    /// changed when they are not the same users, whatever the order.
    /// </summary>
    public sealed class Entitlement
    {
        public Entitlement(IReadOnlyCollection<Guid> before, IReadOnlyCollection<Guid> after)
        {
            Before = before;
            After = after;
        }

        public IReadOnlyCollection<Guid> Before { get; }
        public IReadOnlyCollection<Guid> After { get; }

        public bool Changed => Before.Count != After.Count || !Before.All(After.Contains);
    }

    /// <summary>An advocate profile as the sharing rule reads it: its user and the backup it names (either may be missing).</summary>
    public sealed class ProfileLink
    {
        public ProfileLink(Guid id, Guid? userId, Guid? backupId)
        {
            Id = id;
            UserId = userId;
            BackupId = backupId;
        }

        public Guid Id { get; }
        public Guid? UserId { get; }
        public Guid? BackupId { get; }
    }

    /// <summary>One user's share of an account to write: exactly these rights (0: remove the share).</summary>
    public sealed class ShareChange
    {
        public ShareChange(Guid user, int rights)
        {
            User = user;
            Rights = rights;
        }

        public Guid User { get; }
        public int Rights { get; }
    }
}
