using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Assignment
{
    /// <summary>
    /// Merging duplicate customers (Dataverse's Merge of accounts: the subordinate's rows move to the target, the subordinate
    /// is deactivated — Microsoft Learn, "Merge table rows using the Web API"). The duplicate's advocate gives up its seat,
    /// the surviving account's figures include the duplicate's answers, and the advocacy work that came along goes to whoever
    /// looks after the surviving account — whether or not the platform runs the accounts' own Update steps for the merge
    /// (it does not say; the sandbox does not run them, and the product's Merge step makes it right either way).
    /// </summary>
    [TestClass]
    public sealed class AccountMergeTests
    {
        private sealed class Story
        {
            public readonly AdvocacyWorld World = new();
            public readonly Guid LeeUser;
            public readonly Guid Lee;
            public readonly Guid KimUser;
            public readonly Guid Kim;
            public readonly Guid Target;
            public readonly Guid Duplicate;

            public Story()
            {
                LeeUser = World.SeedUser("Lee Park");
                Lee = World.SeedAdvocate("Lee Park", LeeUser, new[] { CustomerTier.Strategic });
                KimUser = World.SeedUser("Kim Sato");
                Kim = World.SeedAdvocate("Kim Sato", KimUser, new[] { CustomerTier.Key });
                Target = World.Agent.Create(new Entity("account") { ["name"] = "Contoso", ["adv_tier"] = Choices.Option(CustomerTier.Strategic) });
                Duplicate = World.Agent.Create(new Entity("account") { ["name"] = "Contoso Ltd", ["adv_tier"] = Choices.Option(CustomerTier.Key) });
                World.Sandbox.RunAsyncJobs();
                Answer(Target, 9);
                World.Sandbox.Clock.UtcNow = World.Sandbox.Clock.UtcNow.AddMinutes(5);
                Answer(Duplicate, 2); // a detractor: Kim's recovery on the duplicate
            }

            public Guid Answer(Guid account, int nps) =>
                World.Agent.Create(new Entity("adv_feedback") { ["adv_name"] = "Answer", ["adv_accountid"] = new EntityReference("account", account), ["adv_nps"] = nps });

            public OrganizationRequest Merge(Entity? updateContent = null) => new("Merge")
            {
                ["Target"] = new EntityReference("account", Target),
                ["SubordinateId"] = Duplicate,
                ["UpdateContent"] = updateContent ?? new Entity("account"),
                ["PerformParentingChecks"] = false,
            };

            public Entity Account(Guid id) => World.Sandbox.Get("account", id);
        }

        [TestMethod]
        public void Merging_a_duplicate_customer_frees_its_advocates_seat_and_its_recovery_goes_to_the_surviving_accounts_advocate()
        {
            var s = new Story();
            Assert.AreEqual(s.Lee, s.World.AdvocateOf(s.Target));
            Assert.AreEqual(s.Kim, s.World.AdvocateOf(s.Duplicate));
            Assert.AreEqual(1, s.World.CountOf(s.Kim));
            var recovery = s.World.TasksFor(AdvocacyTaskKind.DetractorRecovery, s.Duplicate).Single();
            Assert.AreEqual(s.KimUser, recovery.GetAttributeValue<EntityReference>("ownerid").Id);
            s.World.Sandbox.ClearExecutions();

            s.World.Sandbox.CreateService(s.World.ManagerUserId).Execute(s.Merge());

            Assert.AreEqual(1, s.Account(s.Duplicate).GetAttributeValue<OptionSetValue>("statecode").Value, "the duplicate is deactivated");
            Assert.AreEqual(0, s.World.CountOf(s.Kim), "the duplicate's advocate has its seat back");
            Assert.AreEqual(1, s.World.CountOf(s.Lee));
            var target = s.Account(s.Target);
            Assert.AreEqual(2, target.GetAttributeValue<int?>("adv_lastnps"), "the surviving account's last word includes the duplicate's answers");
            Assert.AreEqual(Choices.Option(LoyaltyRisk.High), target.GetAttributeValue<OptionSetValue>("adv_loyaltyrisk"));
            var moved = s.World.Sandbox.Get("task", recovery.Id);
            Assert.AreEqual(s.Target, moved.GetAttributeValue<EntityReference>("regardingobjectid").Id, "the platform moved the recovery to the surviving account");
            Assert.AreEqual(s.LeeUser, moved.GetAttributeValue<EntityReference>("ownerid").Id, "the surviving account's advocate recovers the detractor now");
            Assert.AreEqual(0, moved.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.IsTrue(s.World.TasksFor(AdvocacyTaskKind.Introduction, s.Target).Where(t => t.GetAttributeValue<EntityReference>("ownerid").Id == s.KimUser)
                .All(t => t.GetAttributeValue<OptionSetValue>("statecode").Value != 0), "Kim's introduction to the duplicate is closed");
            Assert.IsTrue(s.World.Sandbox.Executions.All(e => e.Error == null), string.Join(Environment.NewLine, s.World.Sandbox.Executions.Where(e => e.Error != null)));
        }
        [TestMethod]
        public void A_merge_that_gives_the_surviving_account_the_duplicates_advocate_moves_seat_work_and_access_to_that_advocate()
        {
            // The merge dialog lets the user keep the duplicate's value of a column: here its advocate (UpdateContent).
            var s = new Story();
            var leesIntro = s.World.TasksFor(AdvocacyTaskKind.Introduction, s.Target).Single(t => t.GetAttributeValue<EntityReference>("ownerid").Id == s.LeeUser);

            s.World.Sandbox.CreateService(s.World.ManagerUserId).Execute(s.Merge(new Entity("account") { ["adv_advocateid"] = new EntityReference("adv_advocate", s.Kim) }));

            Assert.AreEqual(s.Kim, s.World.AdvocateOf(s.Target));
            Assert.AreEqual(1, s.World.CountOf(s.Kim), "Kim advocates the surviving account; the duplicate is inactive");
            Assert.AreEqual(0, s.World.CountOf(s.Lee));
            Assert.AreNotEqual(0, s.World.Sandbox.Get("task", leesIntro.Id).GetAttributeValue<OptionSetValue>("statecode").Value, "Lee's introduction is closed");
            var recovery = s.World.TasksFor(AdvocacyTaskKind.DetractorRecovery, s.Target).Single();
            Assert.AreEqual(s.KimUser, recovery.GetAttributeValue<EntityReference>("ownerid").Id, "the recovery stays with Kim, who advocates the account now");
            var shared = (Microsoft.Crm.Sdk.Messages.RetrieveSharedPrincipalsAndAccessResponse)s.World.Sandbox.Service.Execute(
                new Microsoft.Crm.Sdk.Messages.RetrieveSharedPrincipalsAndAccessRequest { Target = new EntityReference("account", s.Target) });
            var users = shared.PrincipalAccesses.Where(p => p.AccessMask != 0).Select(p => p.Principal.Id).ToList();
            CollectionAssert.Contains(users, s.KimUser, "the surviving account is shared with its new advocate's user");
            CollectionAssert.DoesNotContain(users, s.LeeUser, "and no longer with the previous one's");
        }

        [TestMethod]
        public void Where_the_platform_also_ran_the_duplicates_own_deactivation_steps_the_merge_counts_the_seat_once()
        {
            // Learn does not say whether a merge runs the subordinate's Update steps; where it does, the product's own
            // deactivation path has settled the seat already, and the merge's recount finds the same numbers.
            var s = new Story();
            s.World.Agent.Update(new Entity("account", s.Duplicate) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            Assert.AreEqual(0, s.World.CountOf(s.Kim));

            s.World.Sandbox.CreateService(s.World.ManagerUserId).Execute(s.Merge());

            Assert.AreEqual(0, s.World.CountOf(s.Kim), "not below the truth");
            Assert.AreEqual(1, s.World.CountOf(s.Lee));
        }

        [TestMethod]
        public void Merging_customers_without_advocates_settles_nothing_and_reads_five_rows()
        {
            var w = new AdvocacyWorld();
            var target = w.Agent.Create(new Entity("account") { ["name"] = "Fabrikam" });
            var duplicate = w.Agent.Create(new Entity("account") { ["name"] = "Fabrikam Inc" });
            w.Sandbox.ClearExecutions();

            w.Sandbox.CreateService(w.ManagerUserId).Execute(new OrganizationRequest("Merge")
            {
                ["Target"] = new EntityReference("account", target),
                ["SubordinateId"] = duplicate,
                ["UpdateContent"] = new Entity("account"),
                ["PerformParentingChecks"] = false,
            });

            var merge = w.Sandbox.Executions.Where(e => e.Message == "Merge").ToList();
            Assert.HasCount(2, merge, "the pre- and post-operation steps");
            Assert.AreEqual(5, merge.Sum(e => e.RoundTrips), "both accounts before and after, the merged account's unassigned-advocacy task; no lock, no recount");
            Assert.AreEqual(1, w.Sandbox.Get("account", duplicate).GetAttributeValue<OptionSetValue>("statecode").Value);
        }
        [TestMethod]
        public void A_merge_that_would_set_the_products_figures_or_the_tier_is_refused_in_the_callers_language_and_merges_nothing()
        {
            // A merge writes the chosen columns without the account's own Update steps (as far as anyone can tell from
            // Learn), so it would slip past the guard on the product's columns (a detractor hidden behind a "last NPS 10")
            // and past the steps a new tier needs. Choosing the surviving account's own values passes.
            var s = new Story();
            s.World.Sandbox.Regional.SetUserSettings(s.World.ManagerUserId, uiLanguageId: 1031, localeId: 1031);
            var manager = s.World.Sandbox.CreateService(s.World.ManagerUserId);

            var figures = Assert.ThrowsExactly<SandboxFaultException>(() => manager.Execute(s.Merge(new Entity("account") { ["adv_lastnps"] = 10, ["adv_lastcsat"] = 5, ["adv_tier"] = Choices.Option(CustomerTier.Key), ["name"] = "Contoso" })));
            StringAssert.Contains(figures.Message, "Beim Zusammenführen können adv_lastcsat, adv_lastnps der Firma Contoso nicht gesetzt werden: Customer Advocacy ermittelt sie selbst",
                "the product's columns first, in order; the tier is named once they are left out");
            var tier = Assert.ThrowsExactly<SandboxFaultException>(() => s.World.Agent.Execute(s.Merge(new Entity("account") { ["adv_tier"] = Choices.Option(CustomerTier.Key) })));
            StringAssert.Contains(tier.Message, "A merge cannot set adv_tier on the account Contoso: a new tier or cadence needs the steps");
            var both = Assert.ThrowsExactly<SandboxFaultException>(() => s.World.Agent.Execute(s.Merge(new Entity("account") { ["adv_tier"] = Choices.Option(CustomerTier.Key), ["adv_cadencedays"] = 14 })));
            StringAssert.Contains(both.Message, "A merge cannot set adv_cadencedays, adv_tier on the account Contoso");
            Assert.AreEqual(0, s.Account(s.Duplicate).GetAttributeValue<OptionSetValue>("statecode").Value, "nothing merged");
            Assert.AreEqual(1, s.World.CountOf(s.Kim));

            manager.Execute(s.Merge(new Entity("account") { ["adv_tier"] = Choices.Option(CustomerTier.Strategic), ["telephone1"] = "555-0100" }));
            Assert.AreEqual(1, s.Account(s.Duplicate).GetAttributeValue<OptionSetValue>("statecode").Value, "the surviving account's own tier and other columns pass");
            Assert.AreEqual("555-0100", s.Account(s.Target).GetAttributeValue<string>("telephone1"));
        }
        [TestMethod]
        public void The_unassigned_advocacy_task_of_a_merged_duplicate_nobody_advocated_is_completed_saying_why()
        {
            var s = new Story();
            var orphan = s.World.Agent.Create(new Entity("account") { ["name"] = "Contoso Inc", ["adv_tier"] = Choices.Option(CustomerTier.Standard) });
            var unassigned = s.World.TasksFor(AdvocacyTaskKind.UnassignedAdvocacy, orphan).Single();

            s.World.Sandbox.CreateService(s.World.ManagerUserId).Execute(new OrganizationRequest("Merge")
            {
                ["Target"] = new EntityReference("account", s.Target),
                ["SubordinateId"] = orphan,
                ["UpdateContent"] = new Entity("account"),
                ["PerformParentingChecks"] = false,
            });

            var closed = s.World.Sandbox.Get("task", unassigned.Id);
            Assert.AreEqual(1, closed.GetAttributeValue<OptionSetValue>("statecode").Value, "Contoso has its advocate: nobody needs to cover the duplicate");
            StringAssert.Contains(closed.GetAttributeValue<string>("description"), "merged into Contoso");
            Assert.AreEqual(s.Target, closed.GetAttributeValue<EntityReference>("regardingobjectid").Id);
        }
    }
}
