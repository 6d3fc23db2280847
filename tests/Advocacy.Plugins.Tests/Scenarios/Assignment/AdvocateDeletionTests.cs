using System;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Tests.Scenarios.Languages;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Assignment
{
    /// <summary>
    /// Deleting an advocate profile that still advocates customers, or stands in for another advocate, would leave the
    /// customers without an advocate and no task for anyone, and their accounts shared with a user nobody tracks any more.
    /// Deactivating is the way (its accounts go to other advocates); a profile in use cannot be deleted — the step says
    /// what to do, and the relationships' Restrict holds even when custom logic is bypassed.
    /// </summary>
    [TestClass]
    public sealed class AdvocateDeletionTests
    {
        [TestMethod]
        public void A_profile_that_advocates_accounts_cannot_be_deleted_and_the_message_says_to_deactivate_it()
        {
            var world = new AdvocacyWorld();
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Key }, accountCount: 1);
            var account = world.SeedAccount("Contoso", CustomerTier.Key, lee);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.Sandbox.Service.Delete("adv_advocate", lee));

            Assert.AreEqual("Advocate profile Lee Park still advocates accounts: deactivate it instead (its accounts go to other advocates), then delete it.", fault.Message);
            Assert.AreEqual(lee, world.AdvocateOf(account), "nothing changed");
            Assert.HasCount(1, world.Sandbox.Rows("adv_advocate"));
        }

        [TestMethod]
        public void A_profile_named_as_a_backup_cannot_be_deleted_until_the_advocate_names_another_and_the_message_is_in_the_callers_language()
        {
            var world = new AdvocacyWorld();
            LanguageScenarioTests.Speaks(world.Sandbox, world.ManagerUserId, 1031, 1031);
            var ari = world.SeedAdvocate("Ari Backup", world.SeedUser("Ari"), Array.Empty<CustomerTier>());
            var tane = world.SeedAdvocate("Tane Aotearoa", world.SeedUser("Tane"), new[] { CustomerTier.Key }, backupId: ari);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.Sandbox.CreateService(world.ManagerUserId).Delete("adv_advocate", ari));

            Assert.AreEqual("Das Kundenfürsprecher-Profil Ari Backup ist die Vertretung von Tane Aotearoa: Tragen Sie dort zuerst eine andere Vertretung ein und löschen Sie es danach.", fault.Message);
            Assert.AreEqual(ari, world.Sandbox.Get("adv_advocate", tane).GetAttributeValue<EntityReference>("adv_backupadvocateid")?.Id);
        }

        [TestMethod]
        public void A_deactivated_profile_still_named_by_an_inactive_account_says_to_clear_it_without_naming_the_account()
        {
            var world = new AdvocacyWorld();
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Key }, active: false);
            var closed = world.SeedAccount("Closed customer", CustomerTier.Key, lee);
            world.Sandbox.SeedChange(new Entity("account", closed) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.Sandbox.Service.Delete("adv_advocate", lee));
            // Pre-validation runs before the platform's security checks: the caller may not be allowed to read the account.
            Assert.AreEqual("Advocate profile Lee Park is still the advocate of inactive accounts: clear the advocate on those accounts (inactive accounts whose advocate is Lee Park), then delete it.", fault.Message);
            Assert.IsFalse(fault.Message.Contains("Closed customer"));

            // An active account among them comes first: deactivating (which re-assigns it) is the way.
            world.SeedAccount("Open customer", CustomerTier.Key, lee);
            fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.Sandbox.Service.Delete("adv_advocate", lee));
            StringAssert.StartsWith(fault.Message, "Advocate profile Lee Park still advocates accounts: deactivate it instead");
        }

        [TestMethod]
        public void A_profile_named_as_its_own_backup_says_to_clear_that_first()
        {
            var world = new AdvocacyWorld();
            var self = world.SeedAdvocate("Sam Self", world.SeedUser("Sam"), new[] { CustomerTier.Key });
            world.Sandbox.SeedChange(new Entity("adv_advocate", self) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", self) });

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.Sandbox.Service.Delete("adv_advocate", self));

            Assert.AreEqual("Advocate profile Sam Self is the backup of Sam Self: name another backup on that profile first, then delete it.", fault.Message);
        }

        [TestMethod]
        public void With_custom_logic_bypassed_the_relationships_still_refuse()
        {
            var world = new AdvocacyWorld();
            var lee = world.SeedAdvocate("Lee Park", world.SeedUser("Lee"), new[] { CustomerTier.Key }, accountCount: 1);
            var account = world.SeedAccount("Contoso", CustomerTier.Key, lee);
            var ari = world.SeedAdvocate("Ari Backup", world.SeedUser("Ari"), Array.Empty<CustomerTier>());
            world.SeedAdvocate("Tane Aotearoa", world.SeedUser("Tane"), new[] { CustomerTier.Key }, backupId: ari);

            foreach (var profile in new[] { lee, ari })
            {
                var request = new OrganizationRequest("Delete") { ["Target"] = new EntityReference("adv_advocate", profile), ["BypassCustomPluginExecution"] = true };
                var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.Sandbox.Service.Execute(request));
                Assert.AreEqual(ErrorCodes.ReferencedByRestrict, fault.ErrorCode);
            }

            Assert.AreEqual(lee, world.AdvocateOf(account));
        }

        [TestMethod]
        public void A_profile_nobody_depends_on_is_deleted_with_two_reads()
        {
            var world = new AdvocacyWorld();
            var ari = world.SeedAdvocate("Ari Backup", world.SeedUser("Ari"), Array.Empty<CustomerTier>());
            var spare = world.SeedAdvocate("Spare", world.SeedUser("Spare"), new[] { CustomerTier.Key }, backupId: ari);
            world.Sandbox.ClearExecutions();

            world.Sandbox.Service.Delete("adv_advocate", spare);

            Assert.AreEqual(ari, world.Sandbox.Rows("adv_advocate").Single().Id, "naming a backup does not hold a profile back");
            var guard = world.Sandbox.Executions.Single(e => e.Message == "Delete" && e.Traces.Any(t => t.Contains("may be deleted")));
            Assert.AreEqual(2, guard.RoundTrips, "one query for its accounts, one for the profiles naming it as backup");
        }
    }
}
