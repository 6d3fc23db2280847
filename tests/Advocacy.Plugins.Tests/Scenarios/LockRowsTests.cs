using System.Linq;
using System.Threading.Tasks;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios
{
    [TestClass]
    public sealed class LockRowsTests
    {
        [TestMethod]
        public void Recount_after_import_creates_every_lock_row_once()
        {
            var world = new AdvocacyWorld();

            world.Sandbox.Run(new OrganizationRequest("adv_RecountAdvocateLoad"));
            world.Sandbox.Run(new OrganizationRequest("adv_RecountAdvocateLoad"));

            var names = world.Sandbox.Rows(LockRows.Table).Select(r => r.GetAttributeValue<string>("adv_name")).OrderBy(n => n).ToArray();
            CollectionAssert.AreEqual(LockRows.AllNames().OrderBy(n => n).ToArray(), names);
        }

        [TestMethod]
        public void With_lock_rows_in_place_parallel_first_tasks_on_one_key_create_one_task()
        {
            var world = new AdvocacyWorld();
            world.Sandbox.Run(new OrganizationRequest("adv_RecountAdvocateLoad"));
            var accountId = world.SeedAccount("Contoso", CustomerTier.Strategic);
            var caseId = System.Guid.NewGuid();
            world.Sandbox.Seed(new Entity("incident", caseId) { ["title"] = "Broken pump", ["customerid"] = new EntityReference("account", accountId) });

            // Two agents resolve the same case at the same moment (the resolve dialog's Create): one key, one task.
            Parallel.For(0, 2, i => world.Agent.Create(new Entity("incidentresolution")
            {
                ["subject"] = "Resolved " + i,
                ["incidentid"] = new EntityReference("incident", caseId),
            }));

            Assert.AreEqual(1, world.Tasks(AdvocacyTaskKind.PostResolutionCheckIn).Length);
        }
    }
}
