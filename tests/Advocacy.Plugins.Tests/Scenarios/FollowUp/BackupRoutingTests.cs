using System;
using System.Linq;
using Advocacy.Plugins.Domain;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.FollowUp
{
    /// <summary>Urgent work while the advocate is away goes to the backup, through the real pipeline.</summary>
    [TestClass]
    public sealed class BackupRoutingTests
    {
        [TestMethod]
        public void Detractor_recovery_goes_to_the_backup_while_the_advocate_is_out_of_office()
        {
            var world = new AdvocacyWorld();
            var backupUser = world.SeedUser("Bea Backup");
            var awayUser = world.SeedUser("Ann Away");
            var backup = world.SeedAdvocate("Bea Backup", backupUser, new[] { CustomerTier.Key });
            var away = world.SeedAdvocate("Ann Away", awayUser, new[] { CustomerTier.Key }, backupId: backup,
                awayFrom: AdvocacyWorld.Now.Date.AddDays(-1), awayTo: AdvocacyWorld.Now.Date.AddDays(5), accountCount: 1);
            var account = world.SeedAccount("Fabrikam", CustomerTier.Key, away);

            world.Agent.Create(new Entity("adv_feedback")
            {
                ["adv_name"] = "Survey",
                ["adv_accountid"] = new EntityReference("account", account),
                ["adv_nps"] = 5,
            });

            var recovery = world.Tasks(AdvocacyTaskKind.DetractorRecovery).Single();
            Assert.AreEqual(backupUser, recovery.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(away, world.Sandbox.Rows("account").Single().GetAttributeValue<EntityReference>("adv_advocateid").Id, "the assignment stays with Ann");
        }
    }
}
