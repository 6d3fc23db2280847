using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.Choices;
using Advocacy.Plugins.Domain.Settings;

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
        private const string NoAdvocatePreface = "No advocate is assigned to this account yet; as the account's owner, please take this on until one is. ";

        private readonly FollowUpSettings followUp;
        private readonly AssignmentSettings assignment;

        public AdvocacyTaskPlanner(AdvocacySettings? settings)
        {
            settings = settings ?? AdvocacySettings.Defaults();
            followUp = settings.FollowUp ?? new FollowUpSettings();
            assignment = settings.Assignment ?? new AssignmentSettings();
        }

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

            DateTime due = BusinessCalendar.AddBusinessDays(today, assignment.IntroductionDueBusinessDays);
            var text = new StringBuilder()
                .Append(advocate.AdvocateName).Append(" is now the customer advocate for ").Append(account.Name).Append(TierSuffix(account))
                .Append(". Introduce yourself by ").Append(AdvocacyWords.Date(due))
                .Append(": contact the customer's main contact, explain that you are their named advocate inside the company, ")
                .Append("and agree how and how often they want to hear from you. Customers who know their advocate call them before problems grow.");
            if (!string.IsNullOrWhiteSpace(assignmentReason))
            {
                text.Append(" Why you: ").Append(assignmentReason!.Trim()).Append('.');
            }

            // The introduction is not urgent: an away advocate does it on return rather than a stranger doing it.
            return new PlannedTask(
                AdvocacyTaskKind.Introduction,
                AdvocacyTaskKeys.Introduction(account.AccountId, advocate.AdvocateId),
                "Introduce yourself to " + account.Name + " as their advocate",
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

            DateTime due = BusinessCalendar.AddBusinessDays(today, followUp.ImpactReviewDueBusinessDays);
            Owner owner = ResolveOwner(AdvocacyTaskKind.ImpactReview, account, advocate);
            var text = new StringBuilder(owner.Preface)
                .Append(string.IsNullOrWhiteSpace(explanation) ? "Impact " + I(score) + "/100 (" + AdvocacyWords.Band(band) + ")." : explanation.Trim())
                .Append("\n\nWhat to do: contact ").Append(account.Name).Append(" by ").Append(AdvocacyWords.Date(due))
                .Append(", acknowledge what went wrong before they have to raise it, confirm the facts above and agree how we make it right. ")
                .Append("Record what you agreed on this task.");
            return new PlannedTask(
                AdvocacyTaskKind.ImpactReview,
                AdvocacyTaskKeys.ImpactReview(inconvenienceId),
                "Impact review: " + account.Name + " – " + I(score) + "/100 (" + AdvocacyWords.Band(band) + ")",
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
            DateTime due = BusinessCalendar.AddBusinessDays(today, days);
            string title = string.IsNullOrWhiteSpace(caseTitle) ? "(untitled case)" : caseTitle!.Trim();
            Owner owner = ResolveOwner(AdvocacyTaskKind.PostResolutionCheckIn, account, advocate);
            string text = owner.Preface
                + "Case \"" + title + "\" for " + account.Name + " was resolved on " + AdvocacyWords.Date(today) + ". "
                + "Check in by " + AdvocacyWords.Date(due) + ": ask whether the fix really solved the problem and whether anything else is bothering them. "
                + "A " + AdvocacyWords.Tier(tier) + " account hears from its advocate within " + I(days) + " business days of a resolution"
                + (account.Tier.HasValue ? "." : " (the account has no tier, so the standard timing applies).");
            return new PlannedTask(
                AdvocacyTaskKind.PostResolutionCheckIn,
                AdvocacyTaskKeys.PostResolutionCheckIn(caseId),
                "Check in with " + account.Name + " after case: " + title,
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
            DateTime due = BusinessCalendar.AddBusinessDays(today, followUp.ProactiveCheckInDueBusinessDays);
            Owner owner = ResolveOwner(AdvocacyTaskKind.ProactiveCheckIn, account, advocate);
            var text = new StringBuilder(owner.Preface)
                .Append(account.Name).Append(" is due its regular check-in (planned for ").Append(AdvocacyWords.Date(nextContact));
            if (cadence != null)
            {
                text.Append("; ").Append(cadence.Reason);
            }

            text.Append("). Contact them by ").Append(AdvocacyWords.Date(due))
                .Append(" before they have to contact us: ask how things are going, mention anything that affected them recently, and note any risk. ")
                .Append("Completing this task schedules the next check-in.");
            return new PlannedTask(
                AdvocacyTaskKind.ProactiveCheckIn,
                AdvocacyTaskKeys.ProactiveCheckIn(account.AccountId, nextContact),
                "Proactive check-in: " + account.Name,
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

            DateTime due = BusinessCalendar.AddBusinessDays(today, followUp.DetractorDueBusinessDays);
            Owner owner = ResolveOwner(AdvocacyTaskKind.DetractorRecovery, account, advocate);
            string text = owner.Preface
                + account.Name + " answered a check-in as a detractor (" + Scores(nps, csat) + "). " + Comments(comments)
                + "Call them by " + AdvocacyWords.Date(due) + ": listen, apologise where we fell short and agree a concrete fix with a date. "
                + "A detractor who hears back quickly is far less likely to leave.";
            return new PlannedTask(
                AdvocacyTaskKind.DetractorRecovery,
                AdvocacyTaskKeys.DetractorRecovery(feedbackId),
                "Detractor recovery: " + account.Name + " (" + Scores(nps, csat) + ")",
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

            DateTime due = BusinessCalendar.AddBusinessDays(today, followUp.DetractorDueBusinessDays);
            Owner owner = ManagerOf(account, advocate, managerUserId);
            string text = owner.Preface
                + account.Name + " gave an NPS of " + I(nps!.Value) + "/10: a strongly dissatisfied customer at real risk of leaving. " + Comments(comments)
                + "By " + AdvocacyWords.Date(due) + ", make sure the detractor recovery is under way and consider calling the customer yourself: "
                + "a senior voice shows we take it seriously.";
            return new PlannedTask(
                AdvocacyTaskKind.ManagerEscalation,
                AdvocacyTaskKeys.ManagerEscalation(feedbackId),
                "Manager escalation: " + account.Name + " (NPS " + I(nps.Value) + ")",
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
        public PlannedTask PlanUnassignedAdvocacy(AccountFacts account, string reason, DateTime today)
        {
            Require(account);
            DateTime due = BusinessCalendar.AddBusinessDays(today, followUp.UnassignedDueBusinessDays);
            string why = string.IsNullOrWhiteSpace(reason) ? "no eligible advocate was found" : reason.Trim();
            string text = "No advocate is assigned to this account yet: " + why + ". "
                + "As the account's owner, look after " + account.Name + TierSuffix(account) + " until an advocate is available, "
                + "and ask an advocacy manager to add capacity, cover this tier or bring someone back from leave. "
                + "The account is assigned automatically once an advocate is eligible.";
            return new PlannedTask(
                AdvocacyTaskKind.UnassignedAdvocacy,
                AdvocacyTaskKeys.UnassignedAdvocacy(account.AccountId),
                "No advocate for " + account.Name,
                text,
                due,
                account.Tier == CustomerTier.Strategic ? TaskPriority.High : TaskPriority.Normal,
                account.OwnerId,
                account.OwnerIsTeam,
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
                owner.Preface + (description ?? string.Empty),
                BusinessCalendar.AddBusinessDays(today, dueInBusinessDays),
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
                return new Owner(manager.Value, false, advocate != null ? "You are the manager of " + advocate.AdvocateName + ", " + account.Name + "'s advocate. " : string.Empty);
            }

            return new Owner(account.OwnerId, account.OwnerIsTeam, advocate == null
                ? NoAdvocatePreface
                : "No manager is recorded for advocate " + advocate.AdvocateName + ", so this escalation comes to you as the account's owner. ");
        }

        private static Owner ResolveOwner(AdvocacyTaskKind kind, AccountFacts account, AdvocateRouting? advocate)
        {
            if (advocate == null)
            {
                return new Owner(account.OwnerId, account.OwnerIsTeam, NoAdvocatePreface);
            }

            if (IsUrgent(kind) && advocate.BackupUserId.HasValue)
            {
                string note = string.IsNullOrWhiteSpace(advocate.BackupNote) ? advocate.AdvocateName + " is out of office" : advocate.BackupNote!;
                return new Owner(advocate.BackupUserId.Value, false, "You are covering for " + advocate.AdvocateName + ", " + account.Name + "'s advocate (" + note + "). ");
            }

            return new Owner(advocate.AdvocateUserId, false, string.Empty);
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

        private static string TierSuffix(AccountFacts account) =>
            account.Tier.HasValue && AdvocacyWords.IsKnown(account.Tier.Value) ? " (" + AdvocacyWords.Tier(account.Tier.Value) + " account)" : string.Empty;

        private static string Scores(int? nps, int? csat)
        {
            if (nps.HasValue && csat.HasValue)
            {
                return "NPS " + I(nps.Value) + "/10, CSAT " + I(csat.Value) + "/5";
            }

            return nps.HasValue ? "NPS " + I(nps.Value) + "/10" : "CSAT " + I(csat.GetValueOrDefault()) + "/5";
        }

        private static string Comments(string? comments) =>
            string.IsNullOrWhiteSpace(comments) ? "They left no comment. " : "They wrote: \"" + comments!.Trim() + "\" ";

        // Numbers in text people read are formatted the same whatever the server's culture.
        private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static void Require(AccountFacts account)
        {
            if (account == null)
            {
                throw new ArgumentNullException(nameof(account));
            }
        }

        private struct Owner
        {
            public Owner(Guid id, bool isTeam, string preface)
            {
                Id = id;
                IsTeam = isTeam;
                Preface = preface;
            }

            public Guid Id { get; }

            public bool IsTeam { get; }

            public string Preface { get; }
        }
    }
}
