using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Advocacy.Plugins.Tests.Domain.FollowUp.PlannerIds;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    /// <summary>
    /// Pins what the planner tests left open: whether the owner is a team (an account owned by a team hands
    /// the work to that team, never to a user with the team's id), configured per-tier check-in days, and the
    /// account's own cadence override.
    /// </summary>
    [TestClass]
    public sealed class AdvocacyTaskOwnerAndTimingTests
    {
        /// <summary>Friday: business days are visibly not calendar days.</summary>
        private static readonly DateTime Friday = new DateTime(2025, 3, 14, 16, 30, 0, DateTimeKind.Utc);

        private static readonly Guid TeamId = new Guid("22222222-2222-2222-2222-222222222222");

        private readonly AdvocacyTaskPlanner planner = new AdvocacyTaskPlanner(AdvocacySettings.Defaults());

        private static AccountFacts TeamOwned(CustomerTier? tier = CustomerTier.Key) => new AccountFacts(AccountId, "Fabrikam", tier, TeamId, ownerIsTeam: true);

        private static AccountFacts UserOwned(CustomerTier? tier = CustomerTier.Key) => new AccountFacts(AccountId, "Fabrikam", tier, TeamId, ownerIsTeam: false);

        private static AdvocateRouting Dana(Guid? manager = null) => new AdvocateRouting(AdvocateId, "Dana Ruiz", AdvocateUser, manager);

        private static AdvocateRouting DanaAway(Guid? manager = null) => Dana(manager).WithBackup(BackupUser, "Lee Park", "Dana Ruiz is away");

        private IEnumerable<KeyValuePair<string, PlannedTask>> EveryTaskWithoutAnAdvocate(AccountFacts account)
        {
            yield return Pair("impact review", planner.PlanImpactReview(account, null, SourceId, 80, ImpactBand.Severe, "x", null, Friday)!);
            yield return Pair("post-resolution check-in", planner.PlanPostResolutionCheckIn(account, null, CaseId, "x", Friday));
            yield return Pair("proactive check-in", planner.PlanProactiveCheckIn(account, null, Friday.AddDays(5), Friday));
            yield return Pair("detractor recovery", planner.PlanDetractorRecovery(account, null, SourceId, 1, null, null, Friday)!);
            yield return Pair("manager escalation", planner.PlanManagerEscalation(account, null, SourceId, 1, null, null, Friday)!);
            yield return Pair("unassigned advocacy", planner.PlanUnassignedAdvocacy(account, "nobody", Friday));
            yield return Pair("hand-made follow-up", planner.PlanFollowUp(account, null, AdvocacyTaskKind.ProactiveCheckIn, "s", null, 1, null, Friday));
            yield return Pair("hand-made escalation", planner.PlanFollowUp(account, null, AdvocacyTaskKind.ManagerEscalation, "s", null, 1, null, Friday));
        }

        private static KeyValuePair<string, PlannedTask> Pair(string name, PlannedTask task) => new KeyValuePair<string, PlannedTask>(name, task);

        [TestMethod]
        public void Without_an_advocate_every_task_goes_to_the_owning_team_as_a_team()
        {
            foreach (KeyValuePair<string, PlannedTask> task in EveryTaskWithoutAnAdvocate(TeamOwned()))
            {
                Assert.AreEqual(TeamId, task.Value.OwnerUserId, task.Key);
                Assert.IsTrue(task.Value.OwnerIsTeam, task.Key + " must be owned by the team");
            }

            foreach (KeyValuePair<string, PlannedTask> task in EveryTaskWithoutAnAdvocate(UserOwned()))
            {
                Assert.AreEqual(TeamId, task.Value.OwnerUserId, task.Key);
                Assert.IsFalse(task.Value.OwnerIsTeam, task.Key + " must be owned by the user");
            }
        }

        [TestMethod]
        public void An_advocate_backup_or_manager_is_always_a_user_even_on_a_team_owned_account()
        {
            AccountFacts account = TeamOwned();
            var tasks = new[]
            {
                planner.PlanIntroduction(account, Dana(), Friday),
                planner.PlanImpactReview(account, Dana(), SourceId, 80, ImpactBand.Severe, "x", null, Friday)!,
                planner.PlanImpactReview(account, DanaAway(), SourceId, 80, ImpactBand.Severe, "x", null, Friday)!,
                planner.PlanPostResolutionCheckIn(account, Dana(), CaseId, "x", Friday),
                planner.PlanProactiveCheckIn(account, Dana(), Friday.AddDays(5), Friday),
                planner.PlanDetractorRecovery(account, DanaAway(), SourceId, 1, null, null, Friday)!,
                planner.PlanManagerEscalation(account, Dana(ManagerUser), SourceId, 1, null, null, Friday)!,
                planner.PlanFollowUp(account, Dana(ManagerUser), AdvocacyTaskKind.ManagerEscalation, "s", null, 1, null, Friday),
                planner.PlanFollowUp(account, DanaAway(), AdvocacyTaskKind.DetractorRecovery, "s", null, 1, null, Friday),
            };
            foreach (PlannedTask task in tasks)
            {
                Assert.IsFalse(task.OwnerIsTeam, task.Kind + " owned by " + task.OwnerUserId);
                Assert.AreNotEqual(TeamId, task.OwnerUserId, task.Kind.ToString());
            }
        }

        [TestMethod]
        public void An_escalation_without_a_recorded_manager_goes_to_the_owning_team_as_a_team()
        {
            PlannedTask task = planner.PlanManagerEscalation(TeamOwned(), Dana(), SourceId, 2, null, null, Friday)!;
            Assert.AreEqual(TeamId, task.OwnerUserId);
            Assert.IsTrue(task.OwnerIsTeam);

            PlannedTask byHand = planner.PlanFollowUp(TeamOwned(), Dana(), AdvocacyTaskKind.ManagerEscalation, "s", null, 1, null, Friday);
            Assert.AreEqual(TeamId, byHand.OwnerUserId);
            Assert.IsTrue(byHand.OwnerIsTeam);
        }

        [TestMethod]
        public void Configured_check_in_days_per_tier_set_the_post_resolution_due_date()
        {
            var settings = AdvocacySettings.Defaults();
            settings.FollowUp.CheckInDueBusinessDays = new Dictionary<CustomerTier, int>
            {
                { CustomerTier.Strategic, 1 },
                { CustomerTier.Key, 2 },
                { CustomerTier.Standard, 10 },
            };
            var custom = new AdvocacyTaskPlanner(settings);

            PlannedTask strategic = custom.PlanPostResolutionCheckIn(UserOwned(CustomerTier.Strategic), Dana(), CaseId, "x", Friday);
            Assert.AreEqual(new DateTime(2025, 3, 17), strategic.DueDate, "1 business day after Friday");
            StringAssert.Contains(strategic.Description, "A strategic account hears from its advocate within 1 business days of a resolution.");
            Assert.AreEqual(new DateTime(2025, 3, 18), custom.PlanPostResolutionCheckIn(UserOwned(CustomerTier.Key), Dana(), CaseId, "x", Friday).DueDate);
            Assert.AreEqual(new DateTime(2025, 3, 28), custom.PlanPostResolutionCheckIn(UserOwned(CustomerTier.Standard), Dana(), CaseId, "x", Friday).DueDate);
            Assert.AreEqual(new DateTime(2025, 3, 28), custom.PlanPostResolutionCheckIn(UserOwned(null), Dana(), CaseId, "x", Friday).DueDate, "no tier: the standard timing");
        }

        [TestMethod]
        public void A_tier_left_out_of_the_check_in_days_or_no_table_at_all_keeps_the_default()
        {
            var settings = AdvocacySettings.Defaults();
            settings.FollowUp.CheckInDueBusinessDays = new Dictionary<CustomerTier, int> { { CustomerTier.Key, 1 } };
            var custom = new AdvocacyTaskPlanner(settings);
            Assert.AreEqual(new DateTime(2025, 3, 17), custom.PlanPostResolutionCheckIn(UserOwned(CustomerTier.Key), Dana(), CaseId, "x", Friday).DueDate);
            Assert.AreEqual(new DateTime(2025, 3, 19), custom.PlanPostResolutionCheckIn(UserOwned(CustomerTier.Strategic), Dana(), CaseId, "x", Friday).DueDate, "default 3");

            settings.FollowUp.CheckInDueBusinessDays = null!;
            var none = new AdvocacyTaskPlanner(settings);
            Assert.AreEqual(new DateTime(2025, 3, 21), none.PlanPostResolutionCheckIn(UserOwned(CustomerTier.Key), Dana(), CaseId, "x", Friday).DueDate, "default 5");
        }

        [TestMethod]
        public void Other_configured_due_days_are_used()
        {
            var settings = AdvocacySettings.Defaults();
            settings.FollowUp.ProactiveCheckInDueBusinessDays = 2;
            settings.FollowUp.DetractorDueBusinessDays = 3;
            settings.FollowUp.UnassignedDueBusinessDays = 4;
            var custom = new AdvocacyTaskPlanner(settings);

            Assert.AreEqual(new DateTime(2025, 3, 18), custom.PlanProactiveCheckIn(UserOwned(), Dana(), Friday.AddDays(3), Friday).DueDate);
            Assert.AreEqual(new DateTime(2025, 3, 19), custom.PlanDetractorRecovery(UserOwned(), Dana(), SourceId, 0, null, null, Friday)!.DueDate);
            Assert.AreEqual(new DateTime(2025, 3, 19), custom.PlanManagerEscalation(UserOwned(), Dana(ManagerUser), SourceId, 0, null, null, Friday)!.DueDate);
            Assert.AreEqual(new DateTime(2025, 3, 20), custom.PlanUnassignedAdvocacy(UserOwned(), "nobody", Friday).DueDate);
        }

        [TestMethod]
        public void Configured_detractor_and_escalation_thresholds_are_inclusive()
        {
            var settings = AdvocacySettings.Defaults();
            settings.FollowUp.DetractorNpsAtMost = 4;
            settings.FollowUp.DetractorCsatAtMost = 3;
            settings.FollowUp.ManagerEscalationNpsAtMost = 1;
            var custom = new AdvocacyTaskPlanner(settings);

            Assert.IsTrue(custom.IsDetractor(4, null));
            Assert.IsFalse(custom.IsDetractor(5, null));
            Assert.IsTrue(custom.IsDetractor(null, 3));
            Assert.IsFalse(custom.IsDetractor(null, 4));
            Assert.IsFalse(custom.IsDetractor(null, null));
            Assert.IsTrue(custom.NeedsManagerEscalation(1));
            Assert.IsFalse(custom.NeedsManagerEscalation(2));
            Assert.IsFalse(custom.NeedsManagerEscalation(null));
        }

        [TestMethod]
        public void Csat_of_4_alone_is_not_a_detractor_with_the_default_settings()
        {
            Assert.IsNull(planner.PlanDetractorRecovery(UserOwned(), Dana(), SourceId, null, 4, null, Friday));
            Assert.IsNull(planner.PlanDetractorRecovery(UserOwned(), Dana(), SourceId, null, 3, null, Friday));
            Assert.IsNotNull(planner.PlanDetractorRecovery(UserOwned(), Dana(), SourceId, null, 2, null, Friday));
            Assert.IsNull(planner.PlanDetractorRecovery(UserOwned(), Dana(), SourceId, 7, null, null, Friday));
            Assert.IsNull(planner.PlanManagerEscalation(UserOwned(), Dana(), SourceId, 4, null, null, Friday));
            Assert.IsNotNull(planner.PlanManagerEscalation(UserOwned(), Dana(), SourceId, 3, null, null, Friday));
        }

        [TestMethod]
        public void The_account_cadence_override_sets_the_next_contact()
        {
            var cadence = new CadencePlanner(new FollowUpSettings());
            var last = new DateTime(2025, 1, 10, 15, 0, 0, DateTimeKind.Utc);
            Assert.AreEqual(new DateTime(2025, 1, 24), cadence.NextContact(last, CustomerTier.Strategic, 14));
            Assert.AreEqual(new DateTime(2025, 1, 11), cadence.NextContact(last, CustomerTier.Standard, 1));
            Assert.AreEqual("account override: every 1 day", cadence.CadenceFor(CustomerTier.Standard, 1).Reason);
            Assert.AreEqual(new DateTime(2025, 2, 9), cadence.NextContact(last, CustomerTier.Strategic, 0), "0 means not set");

            var today = new DateTime(2025, 3, 12, 9, 0, 0);
            Assert.AreEqual(new DateTime(2025, 3, 19), cadence.NextContact(null, today, CustomerTier.Key, 7), "never contacted: override from today");
            Assert.AreEqual(new DateTime(2025, 1, 17), cadence.NextContact(last, today, CustomerTier.Key, 7), "the last contact wins over today");
        }

        [TestMethod]
        public void A_configured_cadence_of_zero_or_less_falls_back_to_the_default()
        {
            var settings = new FollowUpSettings
            {
                CadenceDays = new Dictionary<CustomerTier, int> { { CustomerTier.Strategic, 0 }, { CustomerTier.Key, 1 }, { CustomerTier.Standard, -5 } },
            };
            var cadence = new CadencePlanner(settings);
            Assert.AreEqual(30, cadence.CadenceFor(CustomerTier.Strategic, null).Days);
            Assert.AreEqual(1, cadence.CadenceFor(CustomerTier.Key, null).Days);
            Assert.AreEqual("key accounts every 1 day", cadence.CadenceFor(CustomerTier.Key, null).Reason);
            Assert.AreEqual(90, cadence.CadenceFor(CustomerTier.Standard, null).Days);
            Assert.AreEqual(90, new CadencePlanner(new FollowUpSettings { CadenceDays = null! }).CadenceFor(CustomerTier.Standard, null).Days);
            Assert.AreEqual(30, new CadencePlanner(null).CadenceFor(CustomerTier.Strategic, null).Days);
        }
    }
}
