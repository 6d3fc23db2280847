using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Assignment
{
    [TestClass]
    public sealed class UnassignedTaskClosureTests
    {
        [TestMethod]
        public void The_owners_unassigned_task_is_completed_once_an_advocate_takes_the_account()
        {
            var world = new AdvocacyWorld();
            var account = world.Agent.Create(new Entity("account") { ["name"] = "Tailspin", ["adv_tier"] = Advocacy.Plugins.Data.Choices.Option(CustomerTier.Key) });
            var unassigned = world.Tasks(AdvocacyTaskKind.UnassignedAdvocacy).Single();
            Assert.AreEqual(0, unassigned.GetAttributeValue<OptionSetValue>("statecode").Value);

            var user = world.SeedUser("Kim Key");
            world.SeedAdvocate("Kim Key", user, new[] { CustomerTier.Key });
            var request = new OrganizationRequest("adv_AssignAdvocate");
            request["Account"] = new EntityReference("account", account);
            world.Sandbox.Run(request);

            var closed = world.Sandbox.Get("task", unassigned.Id);
            Assert.AreEqual(1, closed.GetAttributeValue<OptionSetValue>("statecode").Value, "completed");
            StringAssert.Contains(closed.GetAttributeValue<string>("description"), "Kim Key is now the account's advocate");
            Assert.AreEqual(user, world.Tasks(AdvocacyTaskKind.Introduction).Single().GetAttributeValue<EntityReference>("ownerid").Id);
        }
    }
}
