using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Impact
{
    /// <summary>
    /// The seed story on an account nobody advocates yet: the late crucial order gets the customer a
    /// logistics advocate, and that advocate gets the impact review.
    /// </summary>
    [TestClass]
    public sealed class SeedStoryAssignmentTests
    {
        [TestMethod]
        public void Late_crucial_order_gets_a_logistics_advocate_who_gets_the_impact_review()
        {
            var world = new AdvocacyWorld();
            var billingUser = world.SeedUser("Dana Ruiz");
            var logisticsUser = world.SeedUser("Lee Park");
            // The billing specialist is less loaded, so only the specialty can explain choosing Lee.
            world.SeedAdvocate("Dana Ruiz", billingUser, new[] { CustomerTier.Strategic }, new[] { Specialty.Billing }, capacity: 20, accountCount: 1);
            var lee = world.SeedAdvocate("Lee Park", logisticsUser, new[] { CustomerTier.Strategic }, new[] { Specialty.Logistics }, capacity: 20, accountCount: 3);
            world.SeedAccountsOf(lee, 3);
            var accountId = world.SeedAccount("Contoso Pharmaceuticals", CustomerTier.Strategic);

            world.Agent.Create(new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Order 4471 delivered late",
                ["adv_accountid"] = new EntityReference("account", accountId),
                ["adv_kind"] = Choices.Option(InconvenienceKind.LateDelivery),
                ["adv_promisedon"] = AdvocacyWorld.Now.AddDays(-12),
                ["adv_resolvedon"] = AdvocacyWorld.Now,
                ["adv_ordervalue"] = new Money(48000m),
                ["adv_businesscritical"] = true,
            });

            var account = world.Sandbox.Get("account", accountId);
            Assert.AreEqual(lee, account.GetAttributeValue<EntityReference>("adv_advocateid").Id);
            Assert.AreEqual(4, world.Sandbox.Get("adv_advocate", lee).GetAttributeValue<int>("adv_accountcount"));
            var review = world.Tasks(AdvocacyTaskKind.ImpactReview).Single();
            Assert.AreEqual(logisticsUser, review.GetAttributeValue<EntityReference>("ownerid").Id);
            var introduction = world.Tasks(AdvocacyTaskKind.Introduction).Single();
            Assert.AreEqual(logisticsUser, introduction.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.IsTrue(world.Sandbox.Traces("Advocacy: follow up inconvenience (create)").Any(t => t.Contains("logistics")),
                "the trace says why Lee was chosen");
        }
    }
}
