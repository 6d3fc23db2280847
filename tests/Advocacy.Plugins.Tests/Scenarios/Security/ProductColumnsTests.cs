using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Security
{
    /// <summary>
    /// Issue 13: system-maintained columns cannot be set by users — with the security model on and roles that do allow
    /// the write (the Advocacy Manager writes accounts and profiles; a service representative's usual role writes cases),
    /// so what refuses is the product's guard, with a message and nothing written; the product's own writes still land.
    /// </summary>
    [TestClass]
    public sealed class ProductColumnsTests
    {
        private AdvocacyWorld _world = null!;
        private Guid _advocate;
        private Guid _account;
        private IOrganizationService _manager = null!;

        [TestInitialize]
        public void Secure()
        {
            _world = new AdvocacyWorld();
            _advocate = _world.SeedAdvocate("Lee Park", _world.SeedUser("Lee"), new[] { CustomerTier.Key, CustomerTier.Strategic });
            _account = _world.SeedAccount("Contoso", CustomerTier.Key, _advocate);
            _world.Sandbox.Security.Enforce = true;
            _world.Sandbox.Security.AssignRole(_world.AgentUserId, "Customer Advocate");
            _world.Sandbox.Security.AssignRole(_world.ManagerUserId, "Advocacy Manager");
            _manager = _world.Sandbox.CreateService(_world.ManagerUserId);
        }

        [TestMethod]
        [DataRow("adv_nextproactivecontact")]
        [DataRow("adv_lastproactivecontact")]
        [DataRow("adv_inconvenienceindex")]
        [DataRow("adv_loyaltyrisk")]
        [DataRow("adv_lastnps")]
        [DataRow("adv_lastcsat")]
        public void A_manager_who_may_write_accounts_cannot_set_a_computed_account_column(string column)
        {
            object value = column switch
            {
                "adv_nextproactivecontact" or "adv_lastproactivecontact" => new DateTime(2099, 1, 31, 0, 0, 0, DateTimeKind.Utc),
                "adv_loyaltyrisk" => new OptionSetValue(104520000),
                "adv_lastcsat" => 5,
                _ => 0,
            };

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => _manager.Update(new Entity("account", _account) { [column] = value }));

            StringAssert.Contains(fault.Message, "The account column " + column + " is set only by Customer Advocacy");
            Assert.IsFalse(_world.Sandbox.Get("account", _account).Contains(column), "nothing written");
        }

        [TestMethod]
        public void The_manager_changes_the_tier_and_the_product_computes_the_next_contact()
        {
            _manager.Update(new Entity("account", _account) { ["adv_tier"] = Choices.Option(CustomerTier.Strategic) });

            Assert.AreEqual(AdvocacyWorld.Now.Date.AddDays(30), _world.Sandbox.Get("account", _account).GetAttributeValue<DateTime>("adv_nextproactivecontact"));
        }

        [TestMethod]
        public void A_representative_who_writes_cases_cannot_set_a_cases_impact_score_and_the_product_still_does()
        {
            var rep = _world.Sandbox.SeedUser("Riley Rep");
            _world.Sandbox.Security.DefineRole("Service representative").Grant("prvCreateIncident", AccessLevel.Global).Grant("prvWriteIncident", AccessLevel.Global)
                .Grant("prvReadIncident", AccessLevel.Global).Grant("prvAppendIncident", AccessLevel.Global).Grant("prvAppendToAccount", AccessLevel.Global)
                .Grant("prvReadAccount", AccessLevel.Global);
            _world.Sandbox.Security.AssignRole(rep, "Service representative");
            var service = _world.Sandbox.CreateService(rep);
            var caseId = service.Create(new Entity("incident") { ["title"] = "Late pallets", ["customerid"] = new EntityReference("account", _account) });

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => service.Update(new Entity("incident", caseId) { ["adv_impactscore"] = 0 }));
            StringAssert.Contains(fault.Message, "The incident column adv_impactscore is set only by Customer Advocacy");
            Assert.ThrowsExactly<SandboxFaultException>(() => service.Create(new Entity("incident") { ["title"] = "x", ["customerid"] = new EntityReference("account", _account), ["adv_impactscore"] = 100 }));

            _world.Sandbox.CreateService(_world.AgentUserId).Create(new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Late",
                ["adv_accountid"] = new EntityReference("account", _account),
                ["adv_caseid"] = new EntityReference("incident", caseId),
                ["adv_businesscritical"] = true,
            });
            Assert.IsTrue(_world.Sandbox.Get("incident", caseId).GetAttributeValue<int?>("adv_impactscore") > 0, "the product writes the worst score");
        }

        [TestMethod]
        public void A_manager_cannot_set_when_an_advocate_was_last_assigned()
        {
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => _manager.Update(new Entity("adv_advocate", _advocate) { ["adv_lastassignedon"] = new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc) }));

            StringAssert.Contains(fault.Message, "The adv_advocate column adv_lastassignedon is set only by Customer Advocacy");
            _manager.Update(new Entity("adv_advocate", _advocate) { ["adv_capacity"] = 30 });
            Assert.AreEqual(30, _world.Sandbox.Get("adv_advocate", _advocate).GetAttributeValue<int>("adv_capacity"), "the rest of the profile is the manager's");
        }

        [TestMethod]
        public void An_agent_whose_role_writes_lock_rows_cannot_write_one_by_hand()
        {
            LockRows.EnsureAll(_world.Sandbox.NestedService);
            var id = LockRows.IdFor(LockRows.Assignment);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => _world.Agent.Update(new Entity("adv_assignmentlock", id) { ["adv_name"] = "mine" }));

            StringAssert.Contains(fault.Message, "The adv_assignmentlock rows are written only by Customer Advocacy");
            Assert.AreEqual(LockRows.Assignment, _world.Sandbox.Get("adv_assignmentlock", id).GetAttributeValue<string>("adv_name"));
        }
    }
}
