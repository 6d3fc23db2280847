using System;
using System.Globalization;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.Assignment
{
    /// <summary>The account's advocacy columns before or after a save, as the assignment triggers read them.</summary>
    public sealed class AccountAdvocacyState
    {
        /// <param name="tierValue">The stored adv_tier choice value (null: empty), kept so an unknown value can be named.</param>
        /// <param name="tier">The tier that value means; null when empty or not one of the solution's tiers.</param>
        public AccountAdvocacyState(Guid? advocateId, bool isActive, int? tierValue, CustomerTier? tier)
        {
            AdvocateId = advocateId;
            IsActive = isActive;
            TierValue = tierValue;
            Tier = tier;
        }

        public Guid? AdvocateId { get; }
        public bool IsActive { get; }
        public int? TierValue { get; }
        public CustomerTier? Tier { get; }
    }

    /// <summary>What an account save asks of the assignment (DESIGN §4 triggers on the account itself).</summary>
    public sealed class SaveSelection
    {
        internal static readonly SaveSelection None = new SaveSelection(false, null, null, null);

        internal SaveSelection(bool select, CustomerTier? tier, Guid? excludedAdvocateId, string? skippedReason)
        {
            Select = select;
            Tier = tier;
            ExcludedAdvocateId = excludedAdvocateId;
            SkippedReason = skippedReason;
        }

        /// <summary>Run the selection for <see cref="Tier"/>.</summary>
        public bool Select { get; }

        public CustomerTier? Tier { get; }

        /// <summary>The advocate the save removed from the account: not considered again for it.</summary>
        public Guid? ExcludedAdvocateId { get; }

        /// <summary>Why no selection runs although the save asked for one (a tier value the solution does not define).</summary>
        public string? SkippedReason { get; }
    }

    /// <summary>
    /// When does an account get an advocate, and with which specialty (DESIGN §4): every trigger rule, once. The
    /// use cases ask these questions; nothing else decides them.
    /// </summary>
    public static class AssignmentTriggers
    {
        /// <summary>The platform's incident prioritycode for High.</summary>
        public const int HighCasePriority = 1;

        /// <summary>
        /// An account save calls for a selection when the active account has a tier and it is created (unless the
        /// user chose the advocate), its tier changes, it loses its advocate, or it is reactivated without one.
        /// <paramref name="before"/> is null on Create.
        /// </summary>
        public static SaveSelection ForAccountSave(AccountAdvocacyState? before, AccountAdvocacyState after)
        {
            if (after == null) throw new ArgumentNullException(nameof(after));
            bool create = before == null;
            bool tierChanged = create ? after.TierValue.HasValue : before!.TierValue != after.TierValue;
            bool advocateCleared = !create && before!.AdvocateId.HasValue && !after.AdvocateId.HasValue;
            bool reactivated = !create && !before!.IsActive && after.IsActive;
            bool wanted = after.IsActive && after.TierValue.HasValue
                && (create ? !after.AdvocateId.HasValue : tierChanged || advocateCleared || (reactivated && !after.AdvocateId.HasValue));
            if (!wanted)
            {
                return SaveSelection.None;
            }

            if (!after.Tier.HasValue)
            {
                return new SaveSelection(false, null, null, UnknownTierReason(after.TierValue));
            }

            return new SaveSelection(true, after.Tier, advocateCleared ? before!.AdvocateId : null, null);
        }

        /// <summary>
        /// A case save is an assignment trigger when it escalates the case (isescalated becomes true) or raises it
        /// to high priority (on create: is created with it). A column the save does not set is passed as null.
        /// Returns the trigger in words, or null when the save is neither.
        /// </summary>
        public static string? ForCaseSave(bool isCreate, bool? escalatedInSave, bool? escalatedBefore, int? priorityInSave, int? priorityBefore)
        {
            if (escalatedInSave == true && escalatedBefore != true)
            {
                return "case escalated";
            }

            if (priorityInSave == HighCasePriority && (isCreate || priorityBefore != HighCasePriority))
            {
                return "case set to high priority";
            }

            return null;
        }

        /// <summary>The specialty an inconvenience of this kind needs (settings.assignment.specialtyByKind); null: any.</summary>
        public static Specialty? NeededFor(InconvenienceKind kind, AssignmentSettings settings) =>
            settings != null && settings.SpecialtyByKind != null && settings.SpecialtyByKind.TryGetValue(kind, out Specialty specialty) ? specialty : (Specialty?)null;

        /// <summary>The specialty a case of this subject needs (settings.assignment.specialtyBySubject, whole subject title); null: any.</summary>
        public static Specialty? NeededForSubject(string? subject, AssignmentSettings settings)
        {
            if (string.IsNullOrWhiteSpace(subject) || settings == null || settings.SpecialtyBySubject == null)
            {
                return null;
            }

            return settings.SpecialtyBySubject.TryGetValue(subject!.Trim(), out Specialty mapped) ? mapped : (Specialty?)null;
        }

        /// <summary>Why an account with this tier value gets nobody.</summary>
        public static string UnknownTierReason(int? tierValue) => UnknownTier(tierValue).ToString();

        /// <summary>The same reason before it is worded.</summary>
        public static Phrase UnknownTier(int? tierValue) =>
            !tierValue.HasValue
                ? Phrase.Of(TextKey.ReasonNoTierShort)
                : Phrase.Of(TextKey.ReasonUnknownTierValue, tierValue.Value);
    }
}
