using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Registration;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.FollowUp
{
    /// <summary>Refuses any task about the account <see cref="Broken"/>, as a customer's own validation plug-in might.</summary>
    [CrmPluginRegistration("Create", "task", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "",
        RefuseTaskForBrokenAccountPlugin.StepName, 99, IsolationModeEnum.Sandbox)]
    public sealed class RefuseTaskForBrokenAccountPlugin : IPlugin
    {
        public const string StepName = "test: tasks about a broken account are refused";
        public static readonly Guid Broken = new Guid("00000000-0000-0000-0000-000000000003");

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var task = context.InputParameters["Target"] as Entity;
            if (task?.GetAttributeValue<EntityReference>("regardingobjectid")?.Id == Broken)
            {
                throw new InvalidPluginExecutionException("Tasks for this account are blocked by an integration.");
            }
        }
    }

    /// <summary>
    /// The sweep writes its check-ins with ExecuteMultiple (stop at the first fault). One refused task fails the call
    /// with a message naming that account, and the call's transaction keeps none of the batch.
    /// </summary>
    [TestClass]
    public sealed class SweepFaultTests
    {
        private static Guid Ordered(int n) => new Guid("00000000-0000-0000-0000-" + n.ToString("D12"));

        private static FollowUpWorld WorldWithFiveDueAccounts()
        {
            var w = new FollowUpWorld();
            w.Sandbox.RegisterPlugins(typeof(RefuseTaskForBrokenAccountPlugin));
            for (int n = 1; n <= 5; n++)
            {
                w.Sandbox.Seed(new Entity("account", Ordered(n))
                {
                    ["name"] = "Account " + n,
                    ["ownerid"] = new EntityReference("systemuser", w.World.AgentUserId),
                    ["adv_tier"] = Choices.Option(CustomerTier.Key),
                    ["adv_advocateid"] = new EntityReference("adv_advocate", w.AdvocateId),
                    ["adv_nextproactivecontact"] = AdvocacyWorld.Now.Date,
                });
            }

            return w;
        }

        [TestMethod]
        public void A_refused_check_in_fails_the_sweep_naming_its_account_and_no_task_of_the_call_is_kept()
        {
            var w = WorldWithFiveDueAccounts();
            w.Sandbox.ClearExecutions();

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.Sandbox.Run(new OrganizationRequest("adv_RunProactiveSweep")));

            StringAssert.Contains(fault.Message, "Could not create the " + AdvocacyTaskKind.ProactiveCheckIn + " task for account " + RefuseTaskForBrokenAccountPlugin.Broken + ": ");
            StringAssert.Contains(fault.Message, "Tasks for this account are blocked by an integration.");
            StringAssert.Contains(fault.Message, "No task of this call was kept");
            Assert.IsEmpty(w.Tasks(AdvocacyTaskKind.ProactiveCheckIn), "the call's transaction rolled back the tasks created before the fault");
            // Stop at the first fault: accounts 4 and 5 were never tried (the platform's ContinueOnError = false).
            Assert.HasCount(3, w.Sandbox.ExecutionsOf(RefuseTaskForBrokenAccountPlugin.StepName));
        }

        [TestMethod]
        public void Creating_a_batch_directly_names_the_refused_task_not_the_first_one()
        {
            var w = WorldWithFiveDueAccounts();
            var planner = new AdvocacyTaskPlanner(new Advocacy.Plugins.Domain.Settings.AdvocacySettings());
            var tasks = Enumerable.Range(1, 5).Select(n => planner.PlanProactiveCheckIn(
                new AccountFacts(Ordered(n), "Account " + n, CustomerTier.Key, w.World.AgentUserId, false),
                null, AdvocacyWorld.Now.Date, AdvocacyWorld.Now.Date)).ToList();

            var writer = new AdvocacyTaskWriter(w.Sandbox.NestedService, new Assignment.ListTracer());
            var error = Assert.ThrowsExactly<Advocacy.Plugins.Domain.AdvocacyInputException>(() => writer.CreateBatch(tasks)); // worded for the caller at the entry point

            StringAssert.Contains(error.Message, "for account " + RefuseTaskForBrokenAccountPlugin.Broken + ": ");
            Assert.HasCount(2, w.Tasks(AdvocacyTaskKind.ProactiveCheckIn), "outside a transaction the two before the fault stay");
        }

        [TestMethod]
        public void A_batch_without_a_fault_creates_every_task()
        {
            var w = WorldWithFiveDueAccounts();
            w.Sandbox.NestedService.Update(new Entity("account", RefuseTaskForBrokenAccountPlugin.Broken) { ["adv_nextproactivecontact"] = AdvocacyWorld.Now.Date.AddDays(60) });

            var response = w.Sandbox.Run(new OrganizationRequest("adv_RunProactiveSweep"));

            Assert.AreEqual(4, response["Created"]);
            Assert.HasCount(4, w.Tasks(AdvocacyTaskKind.ProactiveCheckIn));
        }
    }
}
