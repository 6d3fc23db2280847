using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.Choices;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>
    /// The one place that decides every advocacy task (DESIGN §5): whether there is one, its idempotency key,
    /// due date, priority, owner, what it is regarding, and the words the agent reads. Plug-ins, workflow
    /// activities and Custom APIs only gather the facts and create what this returns.
    /// <para>
    /// Owner rule: the advocate's user; for urgent work (impact review, detractor recovery) the backup's user
    /// while the advocate is away; the account owner while the account has no advocate, and then the
    /// description opens by saying so. Manager escalations go to the advocate's manager.
    /// </para>
    /// </summary>
    public sealed class AdvocacyTaskPlanner
    {
        private static readonly Phrase NoAdvocatePreface = Phrase.Of(TextKey.TaskNoAdvocatePreface);

        private readonly FollowUpSettings followUp;
        private readonly AssignmentSettings assignment;
        private readonly IReaderLanguages readers;
        private readonly IOwnerCalendars calendars;

        /// <param name="readers">Whose language a task is worded in: its owner's (DESIGN §6). English for everyone when null.</param>
        /// <param name="calendars">Whose business days a due date counts: its owner's (weekends and the holidays of the
        /// organization's holiday schedule and business closures as the owner's zone sees them). Weekends only for everyone when null.</param>
        public AdvocacyTaskPlanner(AdvocacySettings? settings, IReaderLanguages? readers = null, IOwnerCalendars? calendars = null)
        {
            settings = settings ?? AdvocacySettings.Defaults();
            followUp = settings.FollowUp ?? new FollowUpSettings();
            assignment = settings.Assignment ?? new AssignmentSettings();
            this.readers = readers ?? FixedReaderLanguage.English;
            this.calendars = calendars ?? WeekdaysForEveryone.Instance;
        }

        /// <summary>A due date <paramref name="days"/> business days after <paramref name="today"/>, in the owner's business days.</summary>
        private DateTime Due(DateTime today, int days, Guid ownerId, bool ownerIsTeam) => calendars.Of(ownerId, ownerIsTeam).AddBusinessDays(today, days);

        /// <summary>Urgent work cannot wait for an away advocate's return, so it goes to the backup.</summary>
        public static bool IsUrgent(AdvocacyTaskKind kind) => AdvocacyChoices.TaskKinds.Of(kind).IsUrgent;

        /// <summary>A check-in is a conversation with the customer: completing one counts as a proactive contact.</summary>
        public static bool IsCheckIn(AdvocacyTaskKind kind) =>
            kind == AdvocacyTaskKind.ProactiveCheckIn || kind == AdvocacyTaskKind.PostResolutionCheckIn;

        public static bool NeedsImpactReview(ImpactBand band) => band == ImpactBand.High || band == ImpactBand.Severe;

        public bool IsDetractor(int? nps, int? csat) =>
            (nps.HasValue && nps.Value <= followUp.DetractorNpsAtMost) || (csat.HasValue && csat.Value <= followUp.DetractorCsatAtMost);

        public bool NeedsManagerEscalation(int? nps) => nps.HasValue && nps.Value <= followUp.ManagerEscalationNpsAtMost;

        /// <summary>A newly assigned advocate introduces themselves (AssignmentSettings.IntroductionDueBusinessDays).</summary>
        public PlannedTask PlanIntroduction(AccountFacts account, AdvocateRouting advocate, DateTime today, string? assignmentReason = null)
        {
            Require(account);
            if (advocate == null)
            {
                throw new ArgumentNullException(nameof(advocate), "An introduction needs the advocate who introduces themselves.");
            }

            DateTime due = Due(today, assignment.IntroductionDueBusinessDays, advocate.AdvocateUserId, false);
            return PlanIntroduction(account, advocate, due, string.IsNullOrWhiteSpace(assignmentReason) ? null : (object)assignmentReason!.Trim());
        }

        /// <summary>The introduction with the selection's reason still unworded, so the advocate reads it in their language.</summary>
        public PlannedTask PlanIntroduction(AccountFacts account, AdvocateRouting advocate, DateTime today, Phrase? assignmentReason)
        {
            Require(account);
            if (advocate == null)
            {
                throw new ArgumentNullException(nameof(advocate), "An introduction needs the advocate who introduces themselves.");
            }

            DateTime due = Due(today, assignment.IntroductionDueBusinessDays, advocate.AdvocateUserId, false);
            return PlanIntroduction(account, advocate, due, (object?)assignmentReason);
        }

        private PlannedTask PlanIntroduction(AccountFacts account, AdvocateRouting advocate, DateTime due, object? assignmentReason)
        {
            Language words = readers.Of(advocate.AdvocateUserId);
            var text = new StringBuilder(words.Format(TextKey.IntroductionText, advocate.AdvocateName, account.Name, TierSuffix(account), due));
            string why = words.Show(assignmentReason).Trim();
            if (why.Length > 0)
            {
                text.Append(words.Format(TextKey.IntroductionWhyYou, why));
            }

            // The introduction is not urgent: an away advocate does it on return rather than a stranger doing it.
            return new PlannedTask(
                AdvocacyTaskKind.Introduction,
                AdvocacyTaskKeys.Introduction(account.AccountId, advocate.AdvocateId),
                words.Format(TextKey.IntroductionSubject, account.Name),
                text.ToString(),
                due,
                TaskPriority.Normal,
                advocate.AdvocateUserId,
                false,
                RegardingKind.Account,
                account.AccountId,
                account.AccountId);
        }

        /// <summary>
        /// An inconvenience scored high or severe → impact review due next business day; the description is the
        /// score's explanation followed by what to do. Null for low/moderate (nothing to review).
        /// Regarding the case when the inconvenience is linked to one, else the account.
        /// </summary>
        public PlannedTask? PlanImpactReview(AccountFacts account, AdvocateRouting? advocate, Guid inconvenienceId, int score, ImpactBand band, string explanation, Guid? caseId, DateTime today)
        {
            Require(account);
            if (!NeedsImpactReview(band))
            {
                return null;
            }

            Owner owner = ResolveOwner(AdvocacyTaskKind.ImpactReview, account, advocate);
            DateTime due = Due(today, followUp.ImpactReviewDueBusinessDays, owner.Id, owner.IsTeam);
            Language words = LanguageOf(owner);
            var text = new StringBuilder(owner.PrefaceIn(words))
                .Append(string.IsNullOrWhiteSpace(explanation) ? words.Format(TextKey.ImpactHeadline, score, band) + "." : explanation.Trim())
                .Append(words.Format(TextKey.ImpactReviewWhatToDo, account.Name, due));
            return new PlannedTask(
                AdvocacyTaskKind.ImpactReview,
                AdvocacyTaskKeys.ImpactReview(inconvenienceId),
                words.Format(TextKey.ImpactReviewSubject, account.Name, score, band),
                text.ToString(),
                due,
                TaskPriority.High,
                owner.Id,
                owner.IsTeam,
                caseId.HasValue ? RegardingKind.Case : RegardingKind.Account,
                caseId ?? account.AccountId,
                account.AccountId);
        }

        /// <summary>A case was resolved → check in after 3 / 5 / 7 business days (strategic / key / standard).</summary>
        public PlannedTask PlanPostResolutionCheckIn(AccountFacts account, AdvocateRouting? advocate, Guid caseId, string? caseTitle, DateTime today)
        {
            Require(account);
            CustomerTier tier = KnownTierOrStandard(account.Tier);
            int days = CheckInDays(tier);
            Owner owner = ResolveOwner(AdvocacyTaskKind.PostResolutionCheckIn, account, advocate);
            DateTime due = Due(today, days, owner.Id, owner.IsTeam);
            Language words = LanguageOf(owner);
            string title = string.IsNullOrWhiteSpace(caseTitle) ? words.Format(TextKey.CheckInUntitledCase) : caseTitle!.Trim();
            string text = owner.PrefaceIn(words)
                + words.Format(TextKey.CheckInText, title, account.Name, today, due, tier, days)
                + words.Format(account.Tier.HasValue ? TextKey.CheckInTierTiming : TextKey.CheckInNoTierTiming);
            return new PlannedTask(
                AdvocacyTaskKind.PostResolutionCheckIn,
                AdvocacyTaskKeys.PostResolutionCheckIn(caseId),
                words.Format(TextKey.CheckInSubject, account.Name, title),
                text,
                due,
                TaskPriority.Normal,
                owner.Id,
                owner.IsTeam,
                RegardingKind.Case,
                caseId,
                account.AccountId);
        }

        /// <summary>
        /// The account's next proactive contact is near → a proactive check-in, keyed by that contact date.
        /// Due in FollowUpSettings.ProactiveCheckInDueBusinessDays from today (the sweep raises it up to
        /// ProactiveWindowDays ahead, so it lands around the planned date, which the description states).
        /// </summary>
        public PlannedTask PlanProactiveCheckIn(AccountFacts account, AdvocateRouting? advocate, DateTime nextContact, DateTime today, Cadence? cadence = null)
        {
            Require(account);
            Owner owner = ResolveOwner(AdvocacyTaskKind.ProactiveCheckIn, account, advocate);
            DateTime due = Due(today, followUp.ProactiveCheckInDueBusinessDays, owner.Id, owner.IsTeam);
            Language words = LanguageOf(owner);
            string cadenceNote = cadence != null ? words.Format(TextKey.ProactiveCadenceNote, cadence.Words) : string.Empty;
            var text = new StringBuilder(owner.PrefaceIn(words))
                .Append(words.Format(TextKey.ProactiveText, account.Name, nextContact, cadenceNote, due));
            return new PlannedTask(
                AdvocacyTaskKind.ProactiveCheckIn,
                AdvocacyTaskKeys.ProactiveCheckIn(account.AccountId, nextContact),
                words.Format(TextKey.ProactiveSubject, account.Name),
                text.ToString(),
                due,
                TaskPriority.Normal,
                owner.Id,
                owner.IsTeam,
                RegardingKind.Account,
                account.AccountId,
                account.AccountId);
        }

        /// <summary>Feedback with NPS ≤ 6 or CSAT ≤ 2 → recovery due next business day, high priority. Null otherwise.</summary>
        public PlannedTask? PlanDetractorRecovery(AccountFacts account, AdvocateRouting? advocate, Guid feedbackId, int? nps, int? csat, string? comments, DateTime today)
        {
            Require(account);
            if (!IsDetractor(nps, csat))
            {
                return null;
            }

            Owner owner = ResolveOwner(AdvocacyTaskKind.DetractorRecovery, account, advocate);
            DateTime due = Due(today, followUp.DetractorDueBusinessDays, owner.Id, owner.IsTeam);
            Language words = LanguageOf(owner);
            string text = owner.PrefaceIn(words)
                + words.Format(TextKey.DetractorText, account.Name, Scores(nps, csat), Comments(comments), due);
            return new PlannedTask(
                AdvocacyTaskKind.DetractorRecovery,
                AdvocacyTaskKeys.DetractorRecovery(feedbackId),
                words.Format(TextKey.DetractorSubject, account.Name, Scores(nps, csat)),
                text,
                due,
                TaskPriority.High,
                owner.Id,
                owner.IsTeam,
                RegardingKind.Account,
                account.AccountId,
                account.AccountId);
        }

        /// <summary>
        /// NPS ≤ 3 → the advocate's manager gets a task too. Without a known manager (or without an advocate)
        /// it goes to the account owner, and says why: a furious customer must never fall between two chairs.
        /// <paramref name="managerUserId"/> overrides the routing's manager when the adapter knows better.
        /// </summary>
        public PlannedTask? PlanManagerEscalation(AccountFacts account, AdvocateRouting? advocate, Guid feedbackId, int? nps, int? csat, string? comments, DateTime today, Guid? managerUserId = null)
        {
            Require(account);
            if (!NeedsManagerEscalation(nps))
            {
                return null;
            }

            Owner owner = ManagerOf(account, advocate, managerUserId);
            DateTime due = Due(today, followUp.DetractorDueBusinessDays, owner.Id, owner.IsTeam);
            Language words = LanguageOf(owner);
            string text = owner.PrefaceIn(words)
                + words.Format(TextKey.EscalationText, account.Name, nps!.Value, Comments(comments), due);
            return new PlannedTask(
                AdvocacyTaskKind.ManagerEscalation,
                AdvocacyTaskKeys.ManagerEscalation(feedbackId),
                words.Format(TextKey.EscalationSubject, account.Name, nps.Value),
                text,
                due,
                TaskPriority.High,
                owner.Id,
                owner.IsTeam,
                RegardingKind.Account,
                account.AccountId,
                account.AccountId);
        }

        /// <summary>All tasks one feedback answer calls for: none, a recovery, or a recovery and an escalation.</summary>
        public IReadOnlyList<PlannedTask> PlanFeedbackTasks(AccountFacts account, AdvocateRouting? advocate, Guid feedbackId, int? nps, int? csat, string? comments, DateTime today, Guid? managerUserId = null)
        {
            var tasks = new List<PlannedTask>(2);
            PlannedTask? recovery = PlanDetractorRecovery(account, advocate, feedbackId, nps, csat, comments, today);
            if (recovery != null)
            {
                tasks.Add(recovery);
            }

            PlannedTask? escalation = PlanManagerEscalation(account, advocate, feedbackId, nps, csat, comments, today, managerUserId);
            if (escalation != null)
            {
                tasks.Add(escalation);
            }

            return tasks;
        }

        /// <summary>
        /// No advocate is eligible → the account owner gets a task instead of the user's save failing.
        /// <paramref name="reason"/> is the selection's reason (e.g. "no eligible advocate: … all at capacity").
        /// High priority for strategic accounts, which should never be without an advocate for long.
        /// </summary>
        public PlannedTask PlanUnassignedAdvocacy(AccountFacts account, string reason, DateTime today) =>
            PlanUnassignedAdvocacy(account, string.IsNullOrWhiteSpace(reason) ? null : (object)reason.Trim(), today);

        /// <summary>The same, with the selection's reason still unworded, so the owner reads it in their language.</summary>
        public PlannedTask PlanUnassignedAdvocacy(AccountFacts account, Phrase? reason, DateTime today) =>
            PlanUnassignedAdvocacy(account, (object?)reason, today);

        private PlannedTask PlanUnassignedAdvocacy(AccountFacts account, object? reason, DateTime today)
        {
            Require(account);
            DateTime due = Due(today, followUp.UnassignedDueBusinessDays, account.WorkOwnerId, account.WorkOwnerIsTeam);
            Language words = account.WorkOwnerIsTeam ? Language.English : readers.Of(account.WorkOwnerId);
            string why = words.Show(reason).Trim();
            if (why.Length == 0)
            {
                why = words.Format(TextKey.UnassignedNoReason);
            }

            string text = (account.StandIn != null ? words.Format(TextKey.UnassignedStandInPreface, account.StandIn.OwnerName) : string.Empty)
                + words.Format(TextKey.UnassignedText, why, account.Name, TierSuffix(account));
            return new PlannedTask(
                AdvocacyTaskKind.UnassignedAdvocacy,
                AdvocacyTaskKeys.UnassignedAdvocacy(account.AccountId),
                words.Format(TextKey.UnassignedSubject, account.Name),
                text,
                due,
                account.Tier == CustomerTier.Strategic ? TaskPriority.High : TaskPriority.Normal,
                account.WorkOwnerId,
                account.WorkOwnerIsTeam,
                RegardingKind.Account,
                account.AccountId,
                account.AccountId);
        }

        /// <summary>
        /// A follow-up someone asks for by hand (the "Create advocacy follow-up" activity): their subject and
        /// description, due in the given business days, owned by whoever the kind's rule names — the advocate,
        /// the backup for urgent kinds while the advocate is away, the manager for an escalation, the account
        /// owner while there is no advocate — exactly as for the tasks the plug-ins raise.
        /// </summary>
        public PlannedTask PlanFollowUp(AccountFacts account, AdvocateRouting? advocate, AdvocacyTaskKind kind, string subject, string? description, int dueInBusinessDays, Guid? caseId, DateTime today)
        {
            Require(account);
            Owner owner = kind == AdvocacyTaskKind.ManagerEscalation ? ManagerOf(account, advocate) : ResolveOwner(kind, account, advocate);
            Guid regardingId = caseId ?? account.AccountId;
            return new PlannedTask(
                kind,
                AdvocacyTaskKeys.FollowUp(kind, regardingId, caseId.HasValue),
                subject,
                owner.PrefaceIn(LanguageOf(owner)) + (description ?? string.Empty),
                Due(today, dueInBusinessDays, owner.Id, owner.IsTeam),
                IsUrgent(kind) ? TaskPriority.High : TaskPriority.Normal,
                owner.Id,
                owner.IsTeam,
                caseId.HasValue ? RegardingKind.Case : RegardingKind.Account,
                regardingId,
                account.AccountId);
        }

        /// <summary>The advocate's manager; the account owner, with the reason, when none is known.</summary>
        private static Owner ManagerOf(AccountFacts account, AdvocateRouting? advocate, Guid? managerOverride = null)
        {
            Guid? manager = managerOverride ?? advocate?.ManagerUserId;
            if (manager.HasValue)
            {
                return new Owner(manager.Value, false, advocate != null ? Phrase.Of(TextKey.TaskManagerPreface, advocate.AdvocateName, account.Name) : null);
            }

            return new Owner(account.WorkOwnerId, account.WorkOwnerIsTeam, advocate == null
                ? NoAdvocatePrefaceFor(account)
                : account.StandIn != null
                    ? Phrase.Of(TextKey.TaskNoManagerStandInPreface, advocate.AdvocateName, account.StandIn.OwnerName)
                    : Phrase.Of(TextKey.TaskNoManagerPreface, advocate.AdvocateName));
        }

        /// <summary>Why the account's owner (or the manager standing in for a disabled owner) gets the work.</summary>
        private static Phrase NoAdvocatePrefaceFor(AccountFacts account) =>
            account.StandIn == null ? NoAdvocatePreface : Phrase.Of(TextKey.TaskNoAdvocateStandInPreface, account.StandIn.OwnerName);

        private static Owner ResolveOwner(AdvocacyTaskKind kind, AccountFacts account, AdvocateRouting? advocate)
        {
            if (advocate == null)
            {
                return new Owner(account.WorkOwnerId, account.WorkOwnerIsTeam, NoAdvocatePrefaceFor(account));
            }

            if (IsUrgent(kind) && advocate.BackupUserId.HasValue)
            {
                object note = advocate.BackupNotePhrase
                    ?? (string.IsNullOrWhiteSpace(advocate.BackupNote) ? Phrase.Of(TextKey.TaskAdvocateAway, advocate.AdvocateName) : (object)advocate.BackupNote!);
                return new Owner(advocate.BackupUserId.Value, false, Phrase.Of(TextKey.TaskCoveringPreface, advocate.AdvocateName, account.Name, note));
            }

            return new Owner(advocate.AdvocateUserId, false, null);
        }

        private int CheckInDays(CustomerTier tier)
        {
            if (followUp.CheckInDueBusinessDays != null && followUp.CheckInDueBusinessDays.TryGetValue(tier, out int days))
            {
                return days;
            }

            return new FollowUpSettings().CheckInDueBusinessDays[tier];
        }

        private static CustomerTier KnownTierOrStandard(CustomerTier? tier) =>
            tier.HasValue && AdvocacyWords.IsKnown(tier.Value) ? tier.Value : CustomerTier.Standard;

        private static Phrase? TierSuffix(AccountFacts account) =>
            account.Tier.HasValue && AdvocacyWords.IsKnown(account.Tier.Value) ? Phrase.Of(TextKey.TaskTierSuffix, account.Tier.Value) : null;

        private static Phrase Scores(int? nps, int? csat)
        {
            if (nps.HasValue && csat.HasValue)
            {
                return Phrase.Of(TextKey.ScoresBoth, nps.Value, csat.Value);
            }

            return nps.HasValue ? Phrase.Of(TextKey.ScoresNps, nps.Value) : Phrase.Of(TextKey.ScoresCsat, csat.GetValueOrDefault());
        }

        private static Phrase Comments(string? comments) =>
            string.IsNullOrWhiteSpace(comments) ? Phrase.Of(TextKey.CommentsNone) : Phrase.Of(TextKey.CommentsQuoted, comments!.Trim());

        /// <summary>The owner's language; a team has no usersettings, so its members read English.</summary>
        private Language LanguageOf(Owner owner) => owner.IsTeam ? Language.English : readers.Of(owner.Id);

        private static void Require(AccountFacts account)
        {
            if (account == null)
            {
                throw new ArgumentNullException(nameof(account));
            }
        }

        private struct Owner
        {
            public Owner(Guid id, bool isTeam, Phrase? preface)
            {
                Id = id;
                IsTeam = isTeam;
                Preface = preface;
            }

            public Guid Id { get; }

            public bool IsTeam { get; }

            public Phrase? Preface { get; }

            public string PrefaceIn(Language words) => Preface == null ? string.Empty : Preface.In(words);
        }
    }
}
