using System;
using Advocacy.Plugins.CustomApis;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Tests.Scenarios.Assignment;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Security
{
    /// <summary>
    /// Issue 13: the Custom APIs that act on every account and advocate run only for a caller holding
    /// <see cref="CustomApiPrivileges.ManageAdvocacy"/> — with the sandbox's security model on and the shipped roles.
    /// </summary>
    [TestClass]
    public sealed class CustomApiPrivilegeTests
    {
        private AdvocacyWorld _world = null!;
        private Guid _account;

        [TestInitialize]
        public void Secure()
        {
            _world = new AdvocacyWorld();
            var lee = _world.SeedUser("Lee");
            _world.SeedAdvocate("Lee Park", lee, new[] { CustomerTier.Key });
            _account = _world.SeedAccount("Contoso", CustomerTier.Key);
            _world.Sandbox.Security.Enforce = true;
            // Advocates hold "Customer Advocate" (admin guide): the platform gives a task only to an owner who can read it.
            _world.Sandbox.Security.AssignRole(lee, "Customer Advocate");
            _world.Sandbox.Security.AssignRole(_world.AgentUserId, "Customer Advocate");
            _world.Sandbox.Security.AssignRole(_world.ManagerUserId, "Advocacy Manager");
        }

        [TestMethod]
        [DataRow("adv_AssignAdvocate")]
        [DataRow("adv_RecountAdvocateLoad")]
        [DataRow("adv_RunProactiveSweep")]
        public void An_agent_cannot_run_a_manager_operation_and_nothing_is_written(string message)
        {
            var before = _world.Sandbox.Rows("account")[0].GetAttributeValue<EntityReference>("adv_advocateid");

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => _world.Sandbox.Run(Request(message), _world.AgentUserId));

            StringAssert.Contains(fault.Message, "is missing " + CustomApiPrivileges.ManageAdvocacy + " privilege");
            Assert.AreEqual(before, _world.Sandbox.Get("account", _account).GetAttributeValue<EntityReference>("adv_advocateid"));
            Assert.IsEmpty(_world.Sandbox.Rows("adv_assignmentlock"), "not even a lock row");
        }

        [TestMethod]
        [DataRow("adv_AssignAdvocate")]
        [DataRow("adv_RecountAdvocateLoad")]
        [DataRow("adv_RunProactiveSweep")]
        public void An_advocacy_manager_can(string message)
        {
            var response = _world.Sandbox.Run(Request(message), _world.ManagerUserId);

            Assert.IsNotNull(response);
            if (message == "adv_AssignAdvocate")
            {
                Assert.IsNotNull(_world.AdvocateOf(_account));
            }
        }

        [TestMethod]
        public void A_manager_cannot_assign_another_business_units_account_the_check_comes_before_any_system_write()
        {
            // A manager of the West region (Read Deep: West and below) and an account of the East region.
            var west = _world.Sandbox.SeedBusinessUnit("West");
            var east = _world.Sandbox.SeedBusinessUnit("East");
            var westManager = _world.Sandbox.SeedUser("Wes West", null, west);
            _world.Sandbox.Security.AssignRole(westManager, "Advocacy Manager");
            var theirs = _world.SeedAccount("Their customer", CustomerTier.Key, ownerId: _world.Sandbox.SeedUser("Eve East", null, east));
            var ours = _world.SeedAccount("Our customer", CustomerTier.Key, ownerId: _world.Sandbox.SeedUser("Walt West", null, west));

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => _world.Sandbox.Run(
                new OrganizationRequest("adv_AssignAdvocate") { ["Account"] = new EntityReference("account", theirs) }, westManager));

            StringAssert.Contains(fault.Message, "The account " + theirs.ToString("D") + " does not exist or you cannot see it");
            Assert.IsNull(_world.AdvocateOf(theirs), "nothing written as SYSTEM");
            Assert.IsEmpty(_world.Sandbox.Rows("adv_assignmentlock"), "not even the lock row");

            _world.Sandbox.Run(new OrganizationRequest("adv_AssignAdvocate") { ["Account"] = new EntityReference("account", ours) }, westManager);
            Assert.IsNotNull(_world.AdvocateOf(ours), "their own region's account is assigned");
        }

        [TestMethod]
        [DataRow("adv_ScoreInconvenience", CustomApiPrivileges.RecordInconvenience)]
        [DataRow("adv_GetAdvocacyReport", CustomApiPrivileges.ReadAdvocacy)]
        public void A_user_without_an_advocacy_role_cannot_preview_a_score_or_read_the_report_and_an_agent_can(string message, string privilege)
        {
            var outsider = _world.Sandbox.SeedUser("Nora Norole");

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => _world.Sandbox.Run(new OrganizationRequest(message), outsider));

            StringAssert.Contains(fault.Message, "is missing " + privilege + " privilege");
            Assert.IsNotNull(_world.Sandbox.Run(new OrganizationRequest(message), _world.AgentUserId));
        }

        private OrganizationRequest Request(string message)
        {
            var request = new OrganizationRequest(message);
            if (message == "adv_AssignAdvocate")
            {
                request["Account"] = new EntityReference("account", _account);
            }

            return request;
        }
    }
}
