using System;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Advocacy.Plugins.Tests.Domain.FollowUp.PlannerIds;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    /// <summary>
    /// The whole text an agent reads on each task (DESIGN §5: "a description that tells the agent what to do
    /// and why"), including the fallbacks for blank input, and the planner's refusal of a missing account.
    /// </summary>
    [TestClass]
    public sealed class AdvocacyTaskWordingTests
    {
        private static readonly DateTime Friday = new DateTime(2025, 3, 14, 16, 30, 0, DateTimeKind.Utc);

        private readonly AdvocacyTaskPlanner planner = new AdvocacyTaskPlanner(AdvocacySettings.Defaults());

        private static AccountFacts Contoso(CustomerTier? tier = CustomerTier.Key) => new AccountFacts(AccountId, "Contoso Ltd", tier, OwnerId);

        private static AdvocateRouting Dana() => new AdvocateRouting(AdvocateId, "Dana Ruiz", AdvocateUser, ManagerUser);

        [TestMethod]
        public void Introduction_text()
        {
            PlannedTask task = planner.PlanIntroduction(Contoso(), Dana(), Friday, "  chose Dana Ruiz: lowest load 3/25 ");
            Assert.AreEqual(
                "Dana Ruiz is now the customer advocate for Contoso Ltd (key account). Introduce yourself by Tue 18 Mar 2025: contact the customer's main contact, "
                + "explain that you are their named advocate inside the company, and agree how and how often they want to hear from you. "
                + "Customers who know their advocate call them before problems grow. Why you: chose Dana Ruiz: lowest load 3/25.",
                task.Description);
            Assert.AreEqual("intro:11111111111111111111111111111111:33333333333333333333333333333333 → Introduce yourself to Contoso Ltd as their advocate", task.ToString());

            StringAssert.StartsWith(planner.PlanIntroduction(Contoso(null), Dana(), Friday).Description, "Dana Ruiz is now the customer advocate for Contoso Ltd. Introduce yourself");
            StringAssert.StartsWith(planner.PlanIntroduction(Contoso((CustomerTier)9), Dana(), Friday).Description, "Dana Ruiz is now the customer advocate for Contoso Ltd. Introduce yourself");
            StringAssert.EndsWith(planner.PlanIntroduction(Contoso(), Dana(), Friday, "  ").Description, "call them before problems grow.");
            Assert.AreEqual("advocate", Assert.ThrowsExactly<ArgumentNullException>(() => planner.PlanIntroduction(Contoso(), null!, Friday)).ParamName);
        }

        [TestMethod]
        public void Impact_review_text_without_an_explanation_states_the_score()
        {
            PlannedTask task = planner.PlanImpactReview(Contoso(), Dana(), SourceId, 82, ImpactBand.Severe, "  ", null, Friday)!;
            Assert.AreEqual(
                "Impact 82/100 (severe).\n\nWhat to do: contact Contoso Ltd by Mon 17 Mar 2025, acknowledge what went wrong before they have to raise it, "
                + "confirm the facts above and agree how we make it right. Record what you agreed on this task.",
                task.Description);
            StringAssert.StartsWith(planner.PlanImpactReview(Contoso(), Dana(), SourceId, 55, ImpactBand.High, "  Impact 55/100 (high): x.  ", null, Friday)!.Description, "Impact 55/100 (high): x.\n\nWhat to do:");
            Assert.AreEqual("Impact review: Contoso Ltd – 55/100 (high)", planner.PlanImpactReview(Contoso(), Dana(), SourceId, 55, ImpactBand.High, "", null, Friday)!.Subject);
        }

        [TestMethod]
        public void Post_resolution_text_and_an_untitled_case()
        {
            Assert.AreEqual(
                "Case \"Late pallets\" for Contoso Ltd was resolved on Fri 14 Mar 2025. Check in by Fri 21 Mar 2025: ask whether the fix really solved the problem "
                + "and whether anything else is bothering them. A key account hears from its advocate within 5 business days of a resolution.",
                planner.PlanPostResolutionCheckIn(Contoso(), Dana(), CaseId, " Late pallets ", Friday).Description);

            PlannedTask untitled = planner.PlanPostResolutionCheckIn(Contoso(), Dana(), CaseId, "  ", Friday);
            Assert.AreEqual("Check in with Contoso Ltd after case: (untitled case)", untitled.Subject);
            StringAssert.StartsWith(untitled.Description, "Case \"(untitled case)\" for Contoso Ltd");
            Assert.AreEqual("Check in with Contoso Ltd after case: (untitled case)", planner.PlanPostResolutionCheckIn(Contoso(), Dana(), CaseId, null, Friday).Subject);
        }

        [TestMethod]
        public void Proactive_check_in_text()
        {
            Cadence cadence = new CadencePlanner(null).CadenceFor(CustomerTier.Key, 45);
            Assert.AreEqual(
                "Contoso Ltd is due its regular check-in (planned for Thu 20 Mar 2025; account override: every 45 days). Contact them by Fri 21 Mar 2025 "
                + "before they have to contact us: ask how things are going, mention anything that affected them recently, and note any risk. "
                + "Completing this task schedules the next check-in.",
                planner.PlanProactiveCheckIn(Contoso(), Dana(), new DateTime(2025, 3, 20), Friday, cadence).Description);
            Assert.AreEqual("Proactive check-in: Contoso Ltd", planner.PlanProactiveCheckIn(Contoso(), Dana(), new DateTime(2025, 3, 20), Friday).Subject);
            StringAssert.StartsWith(planner.PlanProactiveCheckIn(Contoso(), Dana(), new DateTime(2025, 3, 20), Friday).Description,
                "Contoso Ltd is due its regular check-in (planned for Thu 20 Mar 2025). Contact them by");
        }

        [TestMethod]
        public void Detractor_text_with_either_score_and_with_or_without_a_comment()
        {
            PlannedTask csatOnly = planner.PlanDetractorRecovery(Contoso(), Dana(), SourceId, null, 2, " ", Friday)!;
            Assert.AreEqual("Detractor recovery: Contoso Ltd (CSAT 2/5)", csatOnly.Subject);
            Assert.AreEqual(
                "Contoso Ltd answered a check-in as a detractor (CSAT 2/5). They left no comment. Call them by Mon 17 Mar 2025: listen, apologise where we fell short "
                + "and agree a concrete fix with a date. A detractor who hears back quickly is far less likely to leave.",
                csatOnly.Description);

            PlannedTask npsOnly = planner.PlanDetractorRecovery(Contoso(), Dana(), SourceId, 5, null, "Slow.", Friday)!;
            Assert.AreEqual("Detractor recovery: Contoso Ltd (NPS 5/10)", npsOnly.Subject);
            StringAssert.StartsWith(npsOnly.Description, "Contoso Ltd answered a check-in as a detractor (NPS 5/10). They wrote: \"Slow.\" Call them by Mon 17 Mar 2025:");
        }

        [TestMethod]
        public void Manager_escalation_text_and_whose_manager()
        {
            Assert.AreEqual(
                "You are the manager of Dana Ruiz, Contoso Ltd's advocate. Contoso Ltd gave an NPS of 2/10: a strongly dissatisfied customer at real risk of leaving. "
                + "They left no comment. By Mon 17 Mar 2025, make sure the detractor recovery is under way and consider calling the customer yourself: "
                + "a senior voice shows we take it seriously.",
                planner.PlanManagerEscalation(Contoso(), Dana(), SourceId, 2, 1, null, Friday)!.Description);

            Guid other = new Guid("99999999-9999-9999-9999-999999999999");
            Assert.AreEqual(other, planner.PlanManagerEscalation(Contoso(), Dana(), SourceId, 2, null, null, Friday, other)!.OwnerUserId, "the adapter's manager wins over the routing's");

            PlannedTask noAdvocate = planner.PlanManagerEscalation(Contoso(), null, SourceId, 2, null, null, Friday, other)!;
            Assert.AreEqual(other, noAdvocate.OwnerUserId);
            Assert.IsFalse(noAdvocate.OwnerIsTeam);
            StringAssert.StartsWith(noAdvocate.Description, "Contoso Ltd gave an NPS of 2/10:", "no advocate to name, so no preface");
        }

        [TestMethod]
        public void Backup_text_without_a_note_says_the_advocate_is_out_of_office()
        {
            AdvocateRouting away = Dana().WithBackup(BackupUser, "Lee Park", " ");
            PlannedTask task = planner.PlanDetractorRecovery(Contoso(), away, SourceId, 1, null, null, Friday)!;
            Assert.AreEqual(BackupUser, task.OwnerUserId);
            StringAssert.StartsWith(task.Description, "You are covering for Dana Ruiz, Contoso Ltd's advocate (Dana Ruiz is out of office). Contoso Ltd answered");
            Assert.AreEqual("Lee Park", away.BackupName);
            Assert.AreEqual("", Dana().WithBackup(BackupUser, null!, "x").BackupName);
        }

        [TestMethod]
        public void Unassigned_text_without_a_reason()
        {
            PlannedTask task = planner.PlanUnassignedAdvocacy(Contoso(), " ", Friday);
            Assert.AreEqual("No advocate for Contoso Ltd", task.Subject);
            Assert.AreEqual(
                "No advocate is assigned to this account yet: no eligible advocate was found. As the account's owner, look after Contoso Ltd (key account) "
                + "until an advocate is available, and ask an advocacy manager to add capacity, cover this tier or bring someone back from leave. "
                + "The account is assigned automatically once an advocate is eligible.",
                task.Description);
        }

        [TestMethod]
        public void Account_and_advocate_names_have_fallbacks()
        {
            Assert.AreEqual("this account", new AccountFacts(AccountId, "  ", null, OwnerId).Name);
            Assert.AreEqual("Contoso", new AccountFacts(AccountId, " Contoso ", null, OwnerId).Name);
            Assert.AreEqual("", new AdvocateRouting(AdvocateId, null!, AdvocateUser).AdvocateName);
        }

        [TestMethod]
        public void Every_plan_refuses_a_missing_account()
        {
            void Refused(Action plan) => Assert.AreEqual("account", Assert.ThrowsExactly<ArgumentNullException>(plan).ParamName);

            Refused(() => planner.PlanIntroduction(null!, Dana(), Friday));
            Refused(() => planner.PlanImpactReview(null!, Dana(), SourceId, 10, ImpactBand.Low, "x", null, Friday));
            Refused(() => planner.PlanPostResolutionCheckIn(null!, Dana(), CaseId, "x", Friday));
            Refused(() => planner.PlanProactiveCheckIn(null!, Dana(), Friday, Friday));
            Refused(() => planner.PlanDetractorRecovery(null!, Dana(), SourceId, 9, null, null, Friday));
            Refused(() => planner.PlanManagerEscalation(null!, Dana(), SourceId, 9, null, null, Friday));
            Refused(() => planner.PlanUnassignedAdvocacy(null!, "x", Friday));
            Refused(() => planner.PlanFollowUp(null!, Dana(), AdvocacyTaskKind.ManagerEscalation, "s", null, 1, null, Friday));
        }
    }
}
