using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Advocacy.Plugins.Tests.Domain.FollowUp.PlannerIds;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    /// <summary>Every task's due date counts its own owner's business days: the calendar asked is the task owner's.</summary>
    [TestClass]
    public sealed class PlannerHolidayTests
    {
        private static readonly DateTime Friday = new DateTime(2025, 3, 14, 16, 30, 0, DateTimeKind.Utc);
        private static readonly DateTime Monday = new DateTime(2025, 3, 17);

        /// <summary>Monday is a holiday for one owner only; every owner asked for is recorded.</summary>
        private sealed class OneOwnersHoliday : IOwnerCalendars
        {
            private readonly Guid _owner;
            private readonly bool _isTeam;

            public OneOwnersHoliday(Guid owner, bool isTeam = false) => (_owner, _isTeam) = (owner, isTeam);

            public List<(Guid Owner, bool IsTeam)> Asked { get; } = new();

            public BusinessCalendar Of(Guid ownerId, bool isTeam)
            {
                Asked.Add((ownerId, isTeam));
                return ownerId == _owner && isTeam == _isTeam ? new BusinessCalendar(new[] { Monday }) : BusinessCalendar.WeekdaysOnly;
            }
        }

        private static AccountFacts Account(bool teamOwned = false) => new AccountFacts(AccountId, "Fabrikam", CustomerTier.Key, OwnerId, ownerIsTeam: teamOwned);

        private static AdvocateRouting Dana => new AdvocateRouting(AdvocateId, "Dana Ruiz", AdvocateUser, ManagerUser);

        [TestMethod]
        public void Each_kind_of_task_skips_its_owners_holiday()
        {
            var calendars = new OneOwnersHoliday(AdvocateUser);
            var planner = new AdvocacyTaskPlanner(AdvocacySettings.Defaults(), null, calendars);
            var tuesday = new DateTime(2025, 3, 18);

            Assert.AreEqual(tuesday, planner.PlanImpactReview(Account(), Dana, SourceId, 80, ImpactBand.Severe, "x", null, Friday)!.DueDate, "impact review");
            Assert.AreEqual(tuesday, planner.PlanDetractorRecovery(Account(), Dana, SourceId, 1, null, null, Friday)!.DueDate, "recovery");
            Assert.AreEqual(tuesday, planner.PlanFollowUp(Account(), Dana, AdvocacyTaskKind.ProactiveCheckIn, "s", null, 1, null, Friday).DueDate, "hand-made");
            Assert.AreEqual(new DateTime(2025, 3, 19), planner.PlanIntroduction(Account(), Dana, Friday, "why").DueDate, "introduction: 2 business days");
            Assert.AreEqual(Monday, planner.PlanManagerEscalation(Account(), Dana, SourceId, 1, null, null, Friday)!.DueDate, "the manager's Monday is no holiday");
            CollectionAssert.Contains(calendars.Asked, (ManagerUser, false));
        }

        [TestMethod]
        public void Without_an_advocate_the_owners_calendar_counts_and_a_team_is_asked_for_as_a_team()
        {
            var calendars = new OneOwnersHoliday(OwnerId, isTeam: true);
            var planner = new AdvocacyTaskPlanner(AdvocacySettings.Defaults(), null, calendars);

            Assert.AreEqual(new DateTime(2025, 3, 18), planner.PlanUnassignedAdvocacy(Account(teamOwned: true), "nobody", Friday).DueDate);
            Assert.AreEqual(new DateTime(2025, 3, 18), planner.PlanDetractorRecovery(Account(teamOwned: true), null, SourceId, 1, null, null, Friday)!.DueDate);
            Assert.AreEqual(Monday, planner.PlanDetractorRecovery(Account(teamOwned: false), null, SourceId, 1, null, null, Friday)!.DueDate, "the same id as a user is another owner");
        }

        [TestMethod]
        public void Without_calendars_the_planner_counts_weekends_only()
        {
            var planner = new AdvocacyTaskPlanner(AdvocacySettings.Defaults());

            Assert.AreEqual(Monday, planner.PlanDetractorRecovery(Account(), Dana, SourceId, 1, null, null, Friday)!.DueDate);
        }
    }
}
