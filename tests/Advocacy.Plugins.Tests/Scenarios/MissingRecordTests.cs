using System;
using System.Linq;
using Advocacy.Plugins.Activities.Assignment;
using Advocacy.Plugins.Activities.FollowUp;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Tests.Scenarios.Activities;
using Advocacy.Plugins.Tests.Scenarios.Assignment;
using Advocacy.Plugins.Tests.Scenarios.FollowUp;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using static Advocacy.Plugins.Tests.Scenarios.Activities.ActivityWorldExtensions;

namespace Advocacy.Plugins.Tests.Scenarios
{
    /// <summary>
    /// A record the caller names that does not exist used to reach the user as the platform's raw fault
    /// ("account With Id = … Does Not Exist"). Now an entry point called for it says which record and what to do, and a
    /// step running on the save of a standard table (a case, a task) traces and lets the user's save through.
    /// </summary>
    [TestClass]
    public sealed class MissingRecordTests
    {
        private static readonly Guid Nowhere = new Guid("0badf00d-0000-4000-8000-000000000001");

        [TestMethod]
        public void A_high_priority_case_whose_account_does_not_exist_saves_and_the_trace_says_why()
        {
            var world = new AdvocacyWorld();
            world.SeedAdvocate("Lee", world.SeedUser("Lee"), new[] { CustomerTier.Key });
            var caseId = Guid.NewGuid();
            world.Sandbox.Seed(new Entity("incident", caseId) { ["title"] = "Orphan", ["customerid"] = new EntityReference("account", Nowhere) });

            world.Agent.Update(new Entity("incident", caseId) { ["prioritycode"] = new OptionSetValue(1) });

            Assert.IsNull(world.Sandbox.Get("incident", caseId).GetAttributeValue<EntityReference>("adv_advocateid"));
            StringAssert.Contains(world.Traces(Steps.CaseUpdate), "does not exist or you cannot see it");
        }

        [TestMethod]
        public void Assign_advocate_for_an_account_that_does_not_exist_says_which_and_what_to_do()
        {
            var world = new AdvocacyWorld();
            var request = new OrganizationRequest("adv_AssignAdvocate") { ["Account"] = new EntityReference("account", Nowhere) };

            var error = Assert.ThrowsExactly<SandboxFaultException>(() => world.Sandbox.Run(request, world.AgentUserId));
            var activity = Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
                WorkflowActivityHarness.Run(world, new AssignAdvocateActivity(), Inputs(("Account", new EntityReference("account", Nowhere))), world.AgentUserId));

            foreach (var message in new[] { error.Message, activity.Message })
            {
                StringAssert.Contains(message, "The account " + Nowhere.ToString("D") + " does not exist or you cannot see it: choose an existing account.");
                Assert.IsFalse(message.Contains("With Id ="), "not the platform's raw fault: " + message);
            }
        }

        [TestMethod]
        public void Follow_up_and_schedule_activities_given_a_missing_case_or_account_say_which()
        {
            var world = new AdvocacyWorld();
            var followUp = Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
                WorkflowActivityHarness.Run(world, new CreateAdvocacyFollowUpActivity(), Inputs(
                    ("Case", new EntityReference("incident", Nowhere)), ("Kind", Value(AdvocacyTaskKind.ProactiveCheckIn)),
                    ("DueInBusinessDays", 2), ("Subject", "Call them")), world.AgentUserId));
            var schedule = Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
                WorkflowActivityHarness.Run(world, new ScheduleNextProactiveContactActivity(), Inputs(("Account", new EntityReference("account", Nowhere))), world.AgentUserId));

            Assert.AreEqual("The case " + Nowhere.ToString("D") + " does not exist or you cannot see it: choose an existing case.", followUp.Message);
            Assert.AreEqual("The account " + Nowhere.ToString("D") + " does not exist or you cannot see it: choose an existing account.", schedule.Message);
            Assert.AreEqual(0, world.Sandbox.Count("task"));
        }

        [TestMethod]
        public void Completing_a_check_in_about_a_case_that_is_gone_completes_and_traces()
        {
            var w = new FollowUpWorld();
            // The platform refuses a save naming a case that does not exist, so the task was there first (imported,
            // or regarding a case the completing user cannot see — the same "does not exist or you cannot see it").
            var task = Guid.NewGuid();
            w.Sandbox.Seed(new Entity("task", task)
            {
                ["subject"] = "Check in",
                ["ownerid"] = new EntityReference("systemuser", w.World.AgentUserId),
                ["regardingobjectid"] = new EntityReference("incident", Nowhere),
                ["adv_kind"] = Data.Choices.Option(AdvocacyTaskKind.PostResolutionCheckIn),
                ["statecode"] = new OptionSetValue(0),
                ["statuscode"] = new OptionSetValue(2),
            });

            w.Complete(task);

            Assert.AreEqual(1, w.Sandbox.Get("task", task).GetAttributeValue<OptionSetValue>("statecode").Value);
            StringAssert.Contains(string.Join("\n", w.Sandbox.Traces("Advocacy: completed check-in schedules the next contact")), "The case " + Nowhere.ToString("D") + " does not exist");
        }
    }
}
