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

        [TestMethod]
        [DataRow(1, DisplayName = "the first backup's user is disabled")]
        [DataRow(2, DisplayName = "the second backup's user is disabled")]
        public void Urgent_work_never_goes_to_a_backup_whose_user_is_disabled(int disabledLink)
        {
            // A disabled user (left the company, licence removed) cannot open the task: the backup counts as a profile
            // without a user, as the advocate's own disabled user does, and the work stays with the advocate.
            var world = new AdvocacyWorld();
            var secondUser = world.SeedUser("Cy Second");
            var firstUser = world.SeedUser("Bea Backup");
            var awayUser = world.SeedUser("Ann Away");
            var awayFrom = AdvocacyWorld.Now.Date.AddDays(-1);
            var awayTo = AdvocacyWorld.Now.Date.AddDays(5);
            var second = world.SeedAdvocate("Cy Second", secondUser, new[] { CustomerTier.Key });
            var first = disabledLink == 1
                ? world.SeedAdvocate("Bea Backup", firstUser, new[] { CustomerTier.Key }, backupId: second)
                : world.SeedAdvocate("Bea Backup", firstUser, new[] { CustomerTier.Key }, backupId: second, awayFrom: awayFrom, awayTo: awayTo);
            var away = world.SeedAdvocate("Ann Away", awayUser, new[] { CustomerTier.Key }, backupId: first, awayFrom: awayFrom, awayTo: awayTo, accountCount: 1);
            var account = world.SeedAccount("Fabrikam", CustomerTier.Key, away);
            world.Sandbox.Service.Update(new Entity("systemuser", disabledLink == 1 ? firstUser : secondUser) { ["isdisabled"] = true });

            world.Agent.Create(new Entity("adv_feedback")
            {
                ["adv_name"] = "Survey",
                ["adv_accountid"] = new EntityReference("account", account),
                ["adv_nps"] = 5,
            });

            var recovery = world.Tasks(AdvocacyTaskKind.DetractorRecovery).Single();
            Assert.AreEqual(awayUser, recovery.GetAttributeValue<EntityReference>("ownerid").Id, "not the disabled user");
            StringAssert.Contains(string.Join("\n", world.Sandbox.Executions.SelectMany(e => e.Traces)), "has no user");
        }
    }
}
