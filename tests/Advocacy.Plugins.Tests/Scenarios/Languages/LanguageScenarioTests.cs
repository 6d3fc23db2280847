using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Tests.Scenarios.FollowUp;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Languages
{
    /// <summary>
    /// Texts as each reader sees them, through the real steps: tasks in their owner's language (usersettings.uilanguageid)
    /// with dates and numbers in their locale (localeid), errors in the caller's, the explanation in the account owner's.
    /// </summary>
    [TestClass]
    public sealed class LanguageScenarioTests
    {
        internal static void Speaks(DataverseSandbox sandbox, Guid userId, int uiLanguageId, int localeId) =>
            sandbox.Regional.SetUserSettings(userId, uiLanguageId: uiLanguageId, localeId: localeId);

        private static Guid Answer(IOrganizationService caller, Guid? account, int nps)
        {
            var feedback = new Entity("adv_feedback") { ["adv_name"] = "Check-in answer", ["adv_nps"] = nps };
            if (account.HasValue) feedback["adv_accountid"] = new EntityReference("account", account.Value);
            return caller.Create(feedback);
        }

        [TestMethod]
        public void The_assignment_reason_is_worded_for_the_manager_who_asked_and_stays_English_for_logs()
        {
            var world = new AdvocacyWorld();
            Speaks(world.Sandbox, world.ManagerUserId, 1031, 1031);
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Key }, accountCount: 3);
            var account = world.SeedAccount("Contoso", null);
            world.Sandbox.SeedChange(new Entity("account", account) { ["adv_tier"] = Choices.Option(CustomerTier.Key) });
            var inactive = world.SeedAccount("Fabrikam", CustomerTier.Key);
            world.Sandbox.SeedChange(new Entity("account", inactive) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });

            OrganizationResponse Assign(Guid id) => world.Sandbox.Run(
                new OrganizationRequest(AssignAdvocateNames.Message) { [AssignAdvocateNames.Account] = new EntityReference("account", id) }, world.ManagerUserId);
            var chosen = Assign(account);
            var none = Assign(inactive);

            Assert.AreEqual(lee, ((EntityReference)chosen.Results[AssignAdvocateNames.Advocate]).Id);
            Assert.AreEqual("Lee Park", ((EntityReference)chosen.Results[AssignAdvocateNames.Advocate]).Name, "the button and flows show the advocate's name");
            StringAssert.StartsWith((string)chosen.Results[AssignAdvocateNames.Reason], "chose Lee Park");
            StringAssert.StartsWith((string)chosen.Results[AssignAdvocateNames.ReasonText], "Lee Park gewählt");
            Assert.AreEqual("no change: account Fabrikam is inactive", none.Results[AssignAdvocateNames.Reason]);
            Assert.AreEqual("keine Änderung: Firma Fabrikam ist inaktiv", none.Results[AssignAdvocateNames.ReasonText]);
        }

        [TestMethod]
        public void A_German_agents_task_reads_German_with_German_dates()
        {
            var w = new FollowUpWorld();
            Speaks(w.Sandbox, w.AdvocateUserId, 1031, 1031);
            var account = w.SeedAccount("Contoso", CustomerTier.Key);

            Answer(w.World.Agent, account, 5);

            var recovery = w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account).Single();
            Assert.AreEqual(w.AdvocateUserId, recovery.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual("Kritiker zurückgewinnen: Contoso (NPS 5/10)", recovery.GetAttributeValue<string>("subject"));
            var description = recovery.GetAttributeValue<string>("description");
            StringAssert.StartsWith(description, "Contoso hat ein Nachfassen als Kritiker beantwortet (NPS 5/10). Es wurde kein Kommentar hinterlassen. Rufen Sie bis 11.03.2026 an");
            Assert.IsFalse(description.Contains("Wed"), "no English date: " + description);
        }

        [TestMethod]
        public void An_English_managers_escalation_reads_English_while_the_German_advocates_recovery_reads_German()
        {
            var w = new FollowUpWorld();
            Speaks(w.Sandbox, w.AdvocateUserId, 1031, 1031);
            Speaks(w.Sandbox, w.World.ManagerUserId, 1033, 2057);
            var account = w.SeedAccount("Contoso", CustomerTier.Key);

            Answer(w.World.Agent, account, 2);

            var escalation = w.TasksFor(AdvocacyTaskKind.ManagerEscalation, account).Single();
            Assert.AreEqual(w.World.ManagerUserId, escalation.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual("Manager escalation: Contoso (NPS 2)", escalation.GetAttributeValue<string>("subject"));
            StringAssert.StartsWith(escalation.GetAttributeValue<string>("description"),
                "You are the manager of Dana Ruiz, Contoso's advocate. Contoso gave an NPS of 2/10: a strongly dissatisfied customer at real risk of leaving. They left no comment. By 11/03/2026,");
            StringAssert.StartsWith(w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account).Single().GetAttributeValue<string>("subject"), "Kritiker zurückgewinnen: Contoso");
        }

        [TestMethod]
        public void A_manager_without_user_settings_or_with_the_platforms_default_locale_reads_English_in_the_house_date_style()
        {
            var w = new FollowUpWorld();
            w.Sandbox.Regional.RemoveUserSettings(w.World.ManagerUserId);
            Speaks(w.Sandbox, w.AdvocateUserId, 1033, 1033);
            var account = w.SeedAccount("Contoso", CustomerTier.Key);

            Answer(w.World.Agent, account, 2);

            StringAssert.Contains(w.TasksFor(AdvocacyTaskKind.ManagerEscalation, account).Single().GetAttributeValue<string>("description"), "By Wed 11 Mar 2026,");
            StringAssert.Contains(w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account).Single().GetAttributeValue<string>("description"), "Call them by Wed 11 Mar 2026:");
        }

        [TestMethod]
        public void A_task_closed_automatically_says_why_in_its_owners_language()
        {
            // The note a closed task gets is part of its description, which its owner reads (DESIGN §6).
            var w = new FollowUpWorld();
            Speaks(w.Sandbox, w.AdvocateUserId, 1031, 1031);
            Speaks(w.Sandbox, w.World.ManagerUserId, 1033, 2057);
            var account = w.SeedAccount("Contoso", CustomerTier.Key);
            var answer = Answer(w.World.Agent, account, 2);
            var recovery = w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account).Single();
            var escalation = w.TasksFor(AdvocacyTaskKind.ManagerEscalation, account).Single();

            w.Sandbox.CreateService(w.World.ManagerUserId).Delete("adv_feedback", answer);

            StringAssert.EndsWith(w.Sandbox.Get("task", recovery.Id).GetAttributeValue<string>("description"),
                "\n\nAutomatisch abgeschlossen: die Antwort des Kunden wurde entfernt, es gibt nichts mehr zurückzugewinnen");
            StringAssert.EndsWith(w.Sandbox.Get("task", escalation.Id).GetAttributeValue<string>("description"),
                "\n\nClosed automatically: the customer's answer was removed, so there is nothing to recover");
        }

        [TestMethod]
        public void An_error_for_a_German_caller_is_German_and_for_an_English_caller_English()
        {
            var w = new FollowUpWorld();
            var german = w.World.SeedUser("Greta Berger");
            Speaks(w.Sandbox, german, 1031, 1031);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => Answer(w.Sandbox.CreateService(german), null, 2));
            var english = Assert.ThrowsExactly<SandboxFaultException>(() => Answer(w.World.Agent, null, 2));

            StringAssert.Contains(fault.Message, "Wählen Sie die Firma, von der dieses Feedback stammt");
            StringAssert.Contains(english.Message, "Choose the account this feedback is from");
            Assert.IsEmpty(w.Sandbox.Rows("adv_feedback").ToArray(), "nothing is written");
        }

        [TestMethod]
        public void A_German_user_whose_save_meets_a_bad_setting_reads_why_in_German_and_an_English_user_in_English()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Strategic);
            var german = w.World.SeedUser("Greta Berger");
            Speaks(w.Sandbox, german, 1031, 1031);
            w.Sandbox.SetEnvironmentVariable("adv_AdvocacySettings", "{ \"followUp\": { \"detractorNpsAtMost\": 11 } }");

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => Answer(w.Sandbox.CreateService(german), account, 2));
            var english = Assert.ThrowsExactly<SandboxFaultException>(() => Answer(w.World.Agent, account, 2));

            StringAssert.Contains(fault.Message, "Die Umgebungsvariable adv_AdvocacySettings enthält keine gültigen Einstellungen: $.followUp.detractorNpsAtMost muss eine ganze Zahl zwischen -1 und 10 sein (gefunden: 11).");
            StringAssert.Contains(english.Message, "The environment variable adv_AdvocacySettings is not valid JSON settings: $.followUp.detractorNpsAtMost must be a whole number between -1 and 10 (found 11).");
            Assert.IsEmpty(w.Sandbox.Rows("adv_feedback").ToArray(), "nothing is written");
        }

        [TestMethod]
        public void A_settings_value_that_is_not_JSON_is_explained_in_German_to_a_German_user_with_JSONs_tokens_as_written()
        {
            var w = new FollowUpWorld();
            var account = w.SeedAccount("Contoso", CustomerTier.Strategic);
            var german = w.World.SeedUser("Greta Berger");
            Speaks(w.Sandbox, german, 1031, 1031);
            w.Sandbox.SetEnvironmentVariable("adv_AdvocacySettings", "{ \"followUp\": { \"detractorNpsAtMost\": 5 ");

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => Answer(w.Sandbox.CreateService(german), account, 2));
            var english = Assert.ThrowsExactly<SandboxFaultException>(() => Answer(w.World.Agent, account, 2));

            StringAssert.Contains(fault.Message, "Die Umgebungsvariable adv_AdvocacySettings enthält kein gültiges JSON: unerwartetes Textende; erwartet wird ',' oder '}' in Zeile 1, Spalte 41 ($.followUp).");
            StringAssert.Contains(english.Message, "The environment variable adv_AdvocacySettings is not valid JSON: unexpected end of the text; expected ',' or '}' at line 1, column 41 ($.followUp).");
        }

        [TestMethod]
        public void The_explanation_is_worded_for_a_German_account_owner_with_German_numbers_in_the_same_three_reads()
        {
            var w = new FollowUpWorld();
            var owner = w.World.SeedUser("Greta Berger");
            Speaks(w.Sandbox, owner, 1031, 1031);
            var account = w.World.SeedAccount("Contoso", CustomerTier.Strategic, w.AdvocateId, owner);
            w.Sandbox.Metrics.Reset();

            var id = w.World.Agent.Create(new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Crucial order late",
                ["adv_accountid"] = new EntityReference("account", account),
                ["adv_kind"] = Choices.Option(InconvenienceKind.LateDelivery),
                ["adv_promisedon"] = new DateTime(2026, 2, 26, 0, 0, 0, DateTimeKind.Utc),
                ["adv_resolvedon"] = new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc),
                ["adv_ordervalue"] = new Money(48000m),
                ["adv_businesscritical"] = true,
            });

            var explanation = w.Sandbox.Get("adv_inconvenience", id).GetAttributeValue<string>("adv_impactexplanation");
            Assert.AreEqual("Auswirkung 72/100 (hoch): 12 Tage zu spät geliefert (+29); geschäftskritischer Auftrag (+20); $48.000 auf dem Spiel (+8); "
                + "Kunde der Stufe „strategisch“ (+15). Geschätzter Kundenschaden $5.760.", explanation);
            var scoring = w.Sandbox.ExecutionsOf("Advocacy: score inconvenience (create)").Single();
            Assert.AreEqual(3, scoring.RoundTrips, "settings; the account with its recent inconveniences and its owner's settings (zone and language) in one query; the record's currency");
        }
    }
}
