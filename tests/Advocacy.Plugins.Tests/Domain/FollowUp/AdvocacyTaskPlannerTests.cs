using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Advocacy.Plugins.Tests.Domain.FollowUp.PlannerIds;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    [TestClass]
    public sealed class AdvocacyTaskPlannerTests
    {
        /// <summary>Friday, so "next business day" is visibly Monday.</summary>
        private static readonly DateTime Friday = new DateTime(2025, 3, 14, 16, 30, 0, DateTimeKind.Utc);
        private static readonly DateTime Monday = new DateTime(2025, 3, 17, 0, 0, 0, DateTimeKind.Utc);


        private readonly AdvocacyTaskPlanner planner = new AdvocacyTaskPlanner(AdvocacySettings.Defaults());

        private static AccountFacts Account(CustomerTier? tier = CustomerTier.Strategic) => new AccountFacts(AccountId, "Contoso Ltd", tier, OwnerId);

        private static AdvocateRouting Dana() => new AdvocateRouting(AdvocateId, "Dana Ruiz", AdvocateUser, ManagerUser);

        private static AdvocateRouting DanaAway() => Dana().WithBackup(BackupUser, "Lee Park", "Dana Ruiz is out of office until Fri 21 Mar 2025; urgent work goes to backup Lee Park");

        [TestMethod]
        public void Introduction()
        {
            PlannedTask task = planner.PlanIntroduction(Account(), Dana(), Friday, "chose Dana Ruiz: lowest load 3/25");

            Assert.AreEqual(AdvocacyTaskKind.Introduction, task.Kind);
            Assert.AreEqual("intro:11111111111111111111111111111111:33333333333333333333333333333333", task.SourceKey);
            Assert.AreEqual(new DateTime(2025, 3, 18), task.DueDate, "2 business days after Friday");
            Assert.AreEqual(TaskPriority.Normal, task.Priority);
            Assert.AreEqual(AdvocateUser, task.OwnerUserId);
            Assert.AreEqual(RegardingKind.Account, task.RegardingKind);
            Assert.AreEqual(AccountId, task.RegardingId);
            Assert.AreEqual("Introduce yourself to Contoso Ltd as their advocate", task.Subject);
            StringAssert.Contains(task.Description, "Dana Ruiz is now the customer advocate for Contoso Ltd (strategic account).");
            StringAssert.Contains(task.Description, "Why you: chose Dana Ruiz: lowest load 3/25.");
        }

        [TestMethod]
        public void Introduction_is_not_urgent_so_it_stays_with_an_away_advocate()
        {
            Assert.AreEqual(AdvocateUser, planner.PlanIntroduction(Account(), DanaAway(), Friday).OwnerUserId);
        }

        [TestMethod]
        public void Impact_review_for_high_and_severe_only()
        {
            const string explanation = "Impact 82/100 (severe): delivered 12 days late (+29); business-critical order (+20).";
            PlannedTask task = planner.PlanImpactReview(Account(), Dana(), SourceId, 82, ImpactBand.Severe, explanation, CaseId, Friday)!;

            Assert.AreEqual("impact-review:88888888888888888888888888888888", task.SourceKey);
            Assert.AreEqual(Monday, task.DueDate);
            Assert.AreEqual(TaskPriority.High, task.Priority);
            Assert.AreEqual(AdvocateUser, task.OwnerUserId);
            Assert.AreEqual(RegardingKind.Case, task.RegardingKind);
            Assert.AreEqual(CaseId, task.RegardingId);
            Assert.AreEqual(AccountId, task.AccountId);
            Assert.AreEqual("Impact review: Contoso Ltd – 82/100 (severe)", task.Subject);
            StringAssert.StartsWith(task.Description, explanation);
            StringAssert.Contains(task.Description, "by Mon 17 Mar 2025");

            Assert.IsNotNull(planner.PlanImpactReview(Account(), Dana(), SourceId, 60, ImpactBand.High, explanation, null, Friday));
            Assert.AreEqual(RegardingKind.Account, planner.PlanImpactReview(Account(), Dana(), SourceId, 60, ImpactBand.High, explanation, null, Friday)!.RegardingKind);
            Assert.IsNull(planner.PlanImpactReview(Account(), Dana(), SourceId, 40, ImpactBand.Moderate, explanation, null, Friday));
            Assert.IsNull(planner.PlanImpactReview(Account(), Dana(), SourceId, 10, ImpactBand.Low, explanation, null, Friday));
        }

        [TestMethod]
        public void Urgent_work_goes_to_the_backup_while_the_advocate_is_away()
        {
            PlannedTask review = planner.PlanImpactReview(Account(), DanaAway(), SourceId, 82, ImpactBand.Severe, "Impact 82/100 (severe).", null, Friday)!;
            PlannedTask detractor = planner.PlanDetractorRecovery(Account(), DanaAway(), SourceId, 2, null, null, Friday)!;
            PlannedTask checkIn = planner.PlanPostResolutionCheckIn(Account(), DanaAway(), CaseId, "Late pallets", Friday);
            PlannedTask proactive = planner.PlanProactiveCheckIn(Account(), DanaAway(), Monday, Friday);

            Assert.AreEqual(BackupUser, review.OwnerUserId);
            Assert.AreEqual(BackupUser, detractor.OwnerUserId);
            Assert.AreEqual(AdvocateUser, checkIn.OwnerUserId, "not urgent: waits for the advocate");
            Assert.AreEqual(AdvocateUser, proactive.OwnerUserId);
            StringAssert.StartsWith(review.Description, "You are covering for Dana Ruiz, Contoso Ltd's advocate (Dana Ruiz is out of office until Fri 21 Mar 2025; urgent work goes to backup Lee Park). Impact 82/100");
        }

        [TestMethod]
        public void Without_an_advocate_the_account_owner_gets_the_work_and_is_told_why()
        {
            PlannedTask task = planner.PlanPostResolutionCheckIn(Account(), null, CaseId, "Late pallets", Friday);

            Assert.AreEqual(OwnerId, task.OwnerUserId);
            Assert.IsFalse(task.OwnerIsTeam);
            StringAssert.StartsWith(task.Description, "No advocate is assigned to this account yet; ");

            var teamOwned = new AccountFacts(AccountId, "Contoso Ltd", CustomerTier.Key, OwnerId, ownerIsTeam: true);
            Assert.IsTrue(planner.PlanDetractorRecovery(teamOwned, null, SourceId, 1, 1, "", Friday)!.OwnerIsTeam);
        }

        [TestMethod]
        public void Post_resolution_check_in_by_tier()
        {
            Assert.AreEqual(new DateTime(2025, 3, 19), planner.PlanPostResolutionCheckIn(Account(CustomerTier.Strategic), Dana(), CaseId, "x", Friday).DueDate);
            Assert.AreEqual(new DateTime(2025, 3, 21), planner.PlanPostResolutionCheckIn(Account(CustomerTier.Key), Dana(), CaseId, "x", Friday).DueDate);
            Assert.AreEqual(new DateTime(2025, 3, 25), planner.PlanPostResolutionCheckIn(Account(CustomerTier.Standard), Dana(), CaseId, "x", Friday).DueDate);
            PlannedTask untiered = planner.PlanPostResolutionCheckIn(Account(null), Dana(), CaseId, "Late pallets", Friday);
            Assert.AreEqual(new DateTime(2025, 3, 25), untiered.DueDate);
            StringAssert.Contains(untiered.Description, "the account has no tier, so the standard timing applies");

            PlannedTask task = planner.PlanPostResolutionCheckIn(Account(), Dana(), CaseId, "Late pallets", Friday);
            Assert.AreEqual("checkin:77777777777777777777777777777777", task.SourceKey);
            Assert.AreEqual(RegardingKind.Case, task.RegardingKind);
            Assert.AreEqual(CaseId, task.RegardingId);
            Assert.AreEqual(TaskPriority.Normal, task.Priority);
            Assert.AreEqual("Check in with Contoso Ltd after case: Late pallets", task.Subject);
            StringAssert.Contains(task.Description, "Case \"Late pallets\" for Contoso Ltd was resolved on Fri 14 Mar 2025.");
        }

        [TestMethod]
        public void Proactive_check_in_is_keyed_by_the_planned_contact()
        {
            var next = new DateTime(2025, 3, 20);
            Cadence cadence = new CadencePlanner(null).CadenceFor(CustomerTier.Strategic, null);
            PlannedTask task = planner.PlanProactiveCheckIn(Account(), Dana(), next, Friday, cadence);

            Assert.AreEqual("proactive:11111111111111111111111111111111:20250320", task.SourceKey);
            Assert.AreEqual(new DateTime(2025, 3, 21), task.DueDate, "5 business days after Friday");
            Assert.AreEqual(TaskPriority.Normal, task.Priority);
            Assert.AreEqual(RegardingKind.Account, task.RegardingKind);
            StringAssert.Contains(task.Description, "planned for Thu 20 Mar 2025; strategic accounts every 30 days");
            Assert.AreNotEqual(task.SourceKey, planner.PlanProactiveCheckIn(Account(), Dana(), next.AddDays(30), Friday).SourceKey);
        }

        [TestMethod]
        public void Detractor_recovery_thresholds()
        {
            Assert.IsNull(planner.PlanDetractorRecovery(Account(), Dana(), SourceId, 7, 3, "fine", Friday));
            Assert.IsNull(planner.PlanDetractorRecovery(Account(), Dana(), SourceId, null, null, null, Friday));
            Assert.IsNotNull(planner.PlanDetractorRecovery(Account(), Dana(), SourceId, 6, null, null, Friday));
            Assert.IsNotNull(planner.PlanDetractorRecovery(Account(), Dana(), SourceId, null, 2, null, Friday));
            Assert.IsNotNull(planner.PlanDetractorRecovery(Account(), Dana(), SourceId, 10, 1, null, Friday));

            PlannedTask task = planner.PlanDetractorRecovery(Account(), Dana(), SourceId, 4, 2, "  Pallets arrived \"late\" again.  ", Friday)!;
            Assert.AreEqual("detractor:88888888888888888888888888888888", task.SourceKey);
            Assert.AreEqual(Monday, task.DueDate);
            Assert.AreEqual(TaskPriority.High, task.Priority);
            Assert.AreEqual(AdvocateUser, task.OwnerUserId);
            Assert.AreEqual("Detractor recovery: Contoso Ltd (NPS 4/10, CSAT 2/5)", task.Subject);
            StringAssert.Contains(task.Description, "They wrote: \"Pallets arrived \"late\" again.\"");
        }

        [TestMethod]
        public void Manager_escalation_for_nps_three_or_less()
        {
            Assert.IsNull(planner.PlanManagerEscalation(Account(), Dana(), SourceId, 4, 1, null, Friday));
            Assert.IsNull(planner.PlanManagerEscalation(Account(), Dana(), SourceId, null, 1, null, Friday));

            PlannedTask task = planner.PlanManagerEscalation(Account(), Dana(), SourceId, 3, null, "Never again.", Friday)!;
            Assert.AreEqual("manager:88888888888888888888888888888888", task.SourceKey);
            Assert.AreEqual(ManagerUser, task.OwnerUserId);
            Assert.AreEqual(TaskPriority.High, task.Priority);
            Assert.AreEqual(Monday, task.DueDate);
            Assert.AreEqual("Manager escalation: Contoso Ltd (NPS 3)", task.Subject);
            StringAssert.StartsWith(task.Description, "You are the manager of Dana Ruiz, Contoso Ltd's advocate.");

            // Goes to the manager even while a backup covers the advocate.
            Assert.AreEqual(ManagerUser, planner.PlanManagerEscalation(Account(), DanaAway(), SourceId, 0, null, null, Friday)!.OwnerUserId);
        }

        [TestMethod]
        public void Manager_escalation_without_a_manager_goes_to_the_account_owner()
        {
            var noManager = new AdvocateRouting(AdvocateId, "Dana Ruiz", AdvocateUser);
            PlannedTask task = planner.PlanManagerEscalation(Account(), noManager, SourceId, 1, null, null, Friday)!;
            Assert.AreEqual(OwnerId, task.OwnerUserId);
            StringAssert.StartsWith(task.Description, "No manager is recorded for advocate Dana Ruiz, so this escalation comes to you as the account's owner.");

            PlannedTask unadvocated = planner.PlanManagerEscalation(Account(), null, SourceId, 1, null, null, Friday)!;
            Assert.AreEqual(OwnerId, unadvocated.OwnerUserId);
            StringAssert.StartsWith(unadvocated.Description, "No advocate is assigned to this account yet;");

            Guid explicitManager = Guid.NewGuid();
            Assert.AreEqual(explicitManager, planner.PlanManagerEscalation(Account(), noManager, SourceId, 1, null, null, Friday, explicitManager)!.OwnerUserId);
        }

        [TestMethod]
        public void Feedback_tasks_in_one_call()
        {
            Assert.AreEqual(0, planner.PlanFeedbackTasks(Account(), Dana(), SourceId, 9, 5, null, Friday).Count);
            Assert.AreEqual(1, planner.PlanFeedbackTasks(Account(), Dana(), SourceId, 5, 5, null, Friday).Count);
            IReadOnlyList<PlannedTask> both = planner.PlanFeedbackTasks(Account(), Dana(), SourceId, 2, 1, null, Friday);
            Assert.AreEqual(2, both.Count);
            Assert.AreEqual(AdvocacyTaskKind.DetractorRecovery, both[0].Kind);
            Assert.AreEqual(AdvocacyTaskKind.ManagerEscalation, both[1].Kind);
        }

        [TestMethod]
        public void Unassigned_advocacy_for_the_account_owner()
        {
            const string reason = "no eligible advocate: 4 active advocates cover strategic accounts, all at capacity";
            PlannedTask task = planner.PlanUnassignedAdvocacy(Account(), reason, Friday);

            Assert.AreEqual(AdvocacyTaskKind.UnassignedAdvocacy, task.Kind);
            Assert.AreEqual("unassigned:11111111111111111111111111111111", task.SourceKey);
            Assert.AreEqual(OwnerId, task.OwnerUserId);
            Assert.AreEqual(Monday, task.DueDate);
            Assert.AreEqual(TaskPriority.High, task.Priority, "strategic");
            Assert.AreEqual(TaskPriority.Normal, planner.PlanUnassignedAdvocacy(Account(CustomerTier.Key), reason, Friday).Priority);
            StringAssert.StartsWith(task.Description, "No advocate is assigned to this account yet: " + reason + ".");
        }

        [TestMethod]
        public void Long_text_is_cut_to_the_column_sizes()
        {
            string longName = new string('N', 300);
            var account = new AccountFacts(AccountId, longName, CustomerTier.Key, OwnerId);
            PlannedTask task = planner.PlanDetractorRecovery(account, Dana(), SourceId, 0, null, new string('c', 5000), Friday)!;

            Assert.AreEqual(PlannedTask.SubjectMaxLength, task.Subject.Length);
            Assert.IsTrue(task.Subject.EndsWith("…", StringComparison.Ordinal));
            Assert.AreEqual(PlannedTask.DescriptionMaxLength, task.Description.Length);
        }

        [TestMethod]
        public void Settings_drive_the_due_dates()
        {
            var settings = AdvocacySettings.Defaults();
            settings.FollowUp.ImpactReviewDueBusinessDays = 3;
            settings.Assignment.IntroductionDueBusinessDays = 0;
            var custom = new AdvocacyTaskPlanner(settings);

            Assert.AreEqual(new DateTime(2025, 3, 19), custom.PlanImpactReview(Account(), Dana(), SourceId, 90, ImpactBand.Severe, "x", null, Friday)!.DueDate);
            Assert.AreEqual(new DateTime(2025, 3, 14), custom.PlanIntroduction(Account(), Dana(), Friday).DueDate);
        }

        [TestMethod]
        public void Keys_are_deterministic_and_fit_the_column()
        {
            Guid a = Guid.NewGuid(), b = Guid.NewGuid();
            string[] keys =
            {
                AdvocacyTaskKeys.Introduction(a, b),
                AdvocacyTaskKeys.ImpactReview(a),
                AdvocacyTaskKeys.PostResolutionCheckIn(a),
                AdvocacyTaskKeys.ProactiveCheckIn(a, DateTime.MaxValue),
                AdvocacyTaskKeys.DetractorRecovery(a),
                AdvocacyTaskKeys.ManagerEscalation(a),
                AdvocacyTaskKeys.UnassignedAdvocacy(a),
            };
            foreach (string key in keys)
            {
                Assert.IsTrue(key.Length <= AdvocacyTaskKeys.MaxLength, key);
            }

            Assert.AreEqual(AdvocacyTaskKeys.Introduction(a, b), AdvocacyTaskKeys.Introduction(a, b));
            Assert.AreEqual(keys.Length, new HashSet<string>(keys).Count, "kinds never collide");
        }

        [TestMethod]
        public void Routing_from_the_selection_pool()
        {
            var today = new DateTime(2025, 3, 12);
            var lee = new AdvocateCandidate(Guid.NewGuid(), "Lee Park") { UserId = BackupUser };
            var dana = new AdvocateCandidate(AdvocateId, "Dana Ruiz") { UserId = AdvocateUser, ManagerUserId = ManagerUser, BackupAdvocateId = lee.Id, OutOfOfficeFrom = today, OutOfOfficeTo = today };

            AdvocateRouting away = AdvocateRouting.For(dana, new[] { dana, lee }, today);
            AdvocateRouting back = AdvocateRouting.For(dana, new[] { dana, lee }, today.AddDays(1));

            Assert.AreEqual(BackupUser, away.BackupUserId);
            Assert.AreEqual("Lee Park", away.BackupName);
            Assert.AreEqual(ManagerUser, away.ManagerUserId);
            Assert.IsNull(back.BackupUserId);
            Assert.ThrowsExactly<ArgumentException>(() => AdvocateRouting.For(new AdvocateCandidate(Guid.NewGuid(), "Ghost"), new AdvocateCandidate[0], today));
        }

        [TestMethod]
        public void Hand_made_follow_ups_follow_the_same_owner_rules_as_the_plugins()
        {
            var planner = new AdvocacyTaskPlanner(null);

            PlannedTask escalation = planner.PlanFollowUp(Account(), DanaAway(), AdvocacyTaskKind.ManagerEscalation, "Call them", "Angry.", 1, null, Friday);
            Assert.AreEqual(ManagerUser, escalation.OwnerUserId, "an escalation goes to the manager, even while the advocate is away");
            Assert.AreEqual(TaskPriority.High, escalation.Priority);

            PlannedTask urgent = planner.PlanFollowUp(Account(), DanaAway(), AdvocacyTaskKind.DetractorRecovery, "Recover", null, 1, null, Friday);
            Assert.AreEqual(BackupUser, urgent.OwnerUserId, "urgent work goes to the backup while the advocate is away");

            PlannedTask routine = planner.PlanFollowUp(Account(), DanaAway(), AdvocacyTaskKind.ProactiveCheckIn, "Check in", null, 1, null, Friday);
            Assert.AreEqual(AdvocateUser, routine.OwnerUserId, "routine work waits for the advocate");
            Assert.AreEqual(Monday, routine.DueDate);

            PlannedTask checkIn = planner.PlanFollowUp(Account(), Dana(), AdvocacyTaskKind.PostResolutionCheckIn, "Check in", null, 3, CaseId, Friday);
            Assert.AreEqual(AdvocacyTaskKeys.PostResolutionCheckIn(CaseId), checkIn.SourceKey, "shares the plug-in's key for the case");
            Assert.AreEqual(RegardingKind.Case, checkIn.RegardingKind);

            PlannedTask orphan = planner.PlanFollowUp(Account(), null, AdvocacyTaskKind.ManagerEscalation, "Call them", null, 1, null, Friday);
            Assert.AreEqual(OwnerId, orphan.OwnerUserId);
            StringAssert.StartsWith(orphan.Description, "No advocate is assigned");
        }

    }
}
