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
    /// What Dataverse does to the advocate's open tasks when someone gives the account to another owner: Account_Tasks is
    /// published with Assign: Cascade (Microsoft Learn, Account table reference), so every task regarding the account,
    /// the advocacy tasks the product gave the advocate's user included, goes to the account's new owner. The product
    /// registers nothing on the account's owner, and the sandbox runs no plug-in step on the cascaded task writes.
    /// </summary>
    [TestClass]
    public sealed class AccountOwnerChangeTests
    {
        private const string TaskNamesAdvocate = "Advocacy: advocacy task names its advocate (owner or kind changed)";

        [TestMethod]
        public void Assigning_an_account_to_another_owner_moves_the_advocates_open_tasks_to_the_new_owner_while_the_account_keeps_its_advocate()
        {
            var world = new AdvocacyWorld();
            var leeUser = world.SeedUser("Lee");
            var lee = world.SeedAdvocate("Lee Park", leeUser, new[] { CustomerTier.Strategic });
            var account = world.SeedAccount("Contoso");
            world.SetTier(account, CustomerTier.Strategic);
            world.Sandbox.RunAsyncJobs();
            var intro = world.TasksFor(AdvocacyTaskKind.Introduction, account).Single();
            Assert.AreEqual(leeUser, intro.GetAttributeValue<EntityReference>("ownerid").Id, "the product gives the introduction to the advocate's user");
            Assert.AreEqual(lee, intro.GetAttributeValue<EntityReference>("adv_advocateid")?.Id);
            world.Sandbox.ClearExecutions();

            world.Agent.Execute(new OrganizationRequest("Assign")
            {
                ["Target"] = new EntityReference("account", account),
                ["Assignee"] = new EntityReference("systemuser", world.ManagerUserId),
            });

            var after = world.Sandbox.Get("task", intro.Id);
            Assert.AreEqual(world.ManagerUserId, after.GetAttributeValue<EntityReference>("ownerid").Id,
                "Account_Tasks, Assign: Cascade — the advocate's introduction leaves the advocate for the account's new owner");
            Assert.AreEqual(AdvocacyTaskKind.Introduction, Choices.TaskKind(after.GetAttributeValue<OptionSetValue>("adv_kind")));
            Assert.AreEqual(0, after.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0, "still open");
            Assert.AreEqual(lee, world.AdvocateOf(account), "the account keeps its advocate: the owner is not an assignment trigger");
            Assert.IsEmpty(world.TasksFor(AdvocacyTaskKind.Introduction, account).Where(t => t.GetAttributeValue<EntityReference>("ownerid").Id == leeUser).ToArray(),
                "Lee no longer owns any of the account's advocacy tasks");

            // No product step ran on the cascaded task write (the sandbox runs none there; Learn's pages read for this say
            // nothing either way), so the task still names Lee as the advocate whose work it is while the manager owns it.
            Assert.IsEmpty(world.Sandbox.ExecutionsOf(TaskNamesAdvocate));
            Assert.AreEqual(lee, after.GetAttributeValue<EntityReference>("adv_advocateid")?.Id);
        }
    }
}
