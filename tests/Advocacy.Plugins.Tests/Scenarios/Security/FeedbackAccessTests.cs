using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Security
{
    /// <summary>
    /// Issue 13: the feedback step writes tasks and the account as SYSTEM, so who may create feedback for an account is
    /// decided by the platform before the step runs: the "Customer Advocate" role appends feedback to accounts of the
    /// agent's own business unit (prvAppendToAccount Local) and to no others.
    /// </summary>
    [TestClass]
    public sealed class FeedbackAccessTests
    {
        [TestMethod]
        public void An_agent_records_feedback_for_their_business_units_customer_but_not_for_another_units()
        {
            var world = new AdvocacyWorld();
            var leeUser = world.SeedUser("Lee");
            var lee = world.SeedAdvocate("Lee Park", leeUser, new[] { CustomerTier.Key });
            var ours = world.SeedAccount("Ours", CustomerTier.Key, lee);
            var elsewhere = world.Sandbox.SeedBusinessUnit("Elsewhere");
            var outsider = world.Sandbox.SeedUser("Outsider", null, elsewhere);
            world.Sandbox.Security.Enforce = true;
            world.Sandbox.Security.AssignRole(world.AgentUserId, "Customer Advocate");
            world.Sandbox.Security.AssignRole(outsider, "Customer Advocate");
            // Advocates and their managers hold the product's roles (admin guide): a task needs an owner who can read it,
            // and an NPS of 2 gives Lee's manager an escalation.
            world.Sandbox.Security.AssignRole(leeUser, "Customer Advocate");
            world.Sandbox.Security.AssignRole(world.ManagerUserId, "Advocacy Manager");

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.Sandbox.CreateService(outsider).Create(Feedback(ours)));
            StringAssert.Contains(fault.Message, "AppendTo");
            Assert.IsEmpty(world.Sandbox.Rows("adv_feedback"));
            Assert.IsEmpty(world.Tasks(AdvocacyTaskKind.DetractorRecovery), "the SYSTEM writes never ran");

            world.Agent.Create(Feedback(ours));
            Assert.HasCount(1, world.Tasks(AdvocacyTaskKind.DetractorRecovery), "the agent of the account's unit may, and the step then writes as SYSTEM");
        }

        private static Entity Feedback(Guid account) => new Entity("adv_feedback")
        {
            ["adv_accountid"] = new EntityReference("account", account),
            ["adv_nps"] = 2,
        };
    }
}
