using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Advocacy.Sandbox;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.FollowUp
{
    /// <summary>
    /// Deleting a customer: Dataverse deletes what its relationships cascade to — the answers and inconveniences (the
    /// solution's relationships), the tasks and cases (Account_Tasks, incident_customer_accounts) — each through its own
    /// pipeline, so the product's own Delete steps run for every answer and inconvenience on the way (Microsoft Learn: a
    /// cascade's rows run "along with all associated plug-ins for that record"), while the account is still there. The
    /// delete must succeed whatever those steps find, and leave the advocate's load right.
    /// </summary>
    [TestClass]
    public sealed class AccountDeletionTests
    {
        private static Guid Answer(FollowUpWorld w, Guid account, int nps, int? csat)
        {
            var feedback = new Entity("adv_feedback") { ["adv_name"] = "Check-in answer", ["adv_accountid"] = new EntityReference("account", account), ["adv_nps"] = nps };
            if (csat.HasValue) feedback["adv_csat"] = csat.Value;
            return w.World.Agent.Create(feedback);
        }

        private static Guid Inconvenience(FollowUpWorld w, Guid account, Guid? caseId, decimal orderValue)
        {
            var row = new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Late pallets",
                ["adv_accountid"] = new EntityReference("account", account),
                ["adv_kind"] = Choices.Option(InconvenienceKind.Other),
                ["adv_businesscritical"] = true,
                ["adv_ordervalue"] = new Money(orderValue),
            };
            if (caseId.HasValue) row["adv_caseid"] = new EntityReference("incident", caseId.Value);
            return w.World.Agent.Create(row);
        }

        private static int Load(FollowUpWorld w) => w.Sandbox.Get("adv_advocate", w.AdvocateId).GetAttributeValue<int>("adv_accountcount");

        [TestMethod]
        public void Deleting_a_customer_with_answers_inconveniences_open_and_resolved_cases_and_tasks_removes_them_all_and_frees_the_advocates_seat()
        {
            var w = new FollowUpWorld();
            // Created through the service, so the assignment counts them on the advocate's load.
            var account = w.World.Agent.Create(new Entity("account") { ["name"] = "Northwind Traders", ["adv_tier"] = Choices.Option(CustomerTier.Strategic) });
            var other = w.World.Agent.Create(new Entity("account") { ["name"] = "Fabrikam", ["adv_tier"] = Choices.Option(CustomerTier.Key) });
            Assert.AreEqual(2, Load(w));
            Answer(w, account, 9, 5);
            w.Sandbox.Clock.UtcNow = w.Sandbox.Clock.UtcNow.AddMinutes(5);
            Answer(w, account, 2, 1); // a detractor: recovery and escalation tasks
            var open = w.SeedCase(account, "Invoice wrong");
            var resolved = w.SeedCase(account, "Pallets damaged");
            Inconvenience(w, account, open, 48000m);
            Inconvenience(w, account, resolved, 12000m);
            Inconvenience(w, account, null, 500m);
            w.Resolve(resolved);
            var otherAnswer = Answer(w, other, 10, 5);
            Assert.IsNotEmpty(w.TasksFor(AdvocacyTaskKind.DetractorRecovery, account));
            int load = Load(w);
            w.Sandbox.ClearExecutions();

            w.Sandbox.CreateService(w.World.ManagerUserId).Delete("account", account);

            Assert.IsNull(w.Sandbox.Row("account", account));
            Assert.IsEmpty(w.Sandbox.Rows("adv_feedback").Where(f => f.GetAttributeValue<EntityReference>("adv_accountid")?.Id == account));
            Assert.IsEmpty(w.Sandbox.Rows("adv_inconvenience"));
            Assert.IsEmpty(w.Sandbox.Rows("incident").Where(c => c.GetAttributeValue<EntityReference>("customerid")?.Id == account));
            Assert.IsEmpty(w.Sandbox.Rows("task").Where(t => t.GetAttributeValue<EntityReference>("regardingobjectid")?.Id == account
                || t.GetAttributeValue<EntityReference>("regardingobjectid")?.Id == open || t.GetAttributeValue<EntityReference>("regardingobjectid")?.Id == resolved));
            Assert.AreEqual(load - 1, Load(w), "the deleted customer's seat is free, once");
            Assert.IsNotNull(w.Sandbox.Row("adv_feedback", otherAnswer), "another customer's answers stay");
            var ran = w.Sandbox.Executions.Select(e => e.StepName).Distinct().ToList();
            CollectionAssert.Contains(ran, "Advocacy: removed feedback leaves the account's last word", "the answers' own Delete step ran for the cascade");
            Assert.IsTrue(w.Sandbox.Executions.All(e => e.Error == null), string.Join(Environment.NewLine, w.Sandbox.Executions.Where(e => e.Error != null)));
            // Cost: each answer and inconvenience puts the account's figures right on its way out, though the account goes
            // too (whether a cascaded row's context tells which delete caused it is not published, so the steps cannot know):
            // at most 7 round trips an answer and 6 an inconvenience, in the one delete transaction.
            var removals = w.Sandbox.Executions.Where(e => e.Message == "Delete" && e.Entity is "adv_feedback" or "adv_inconvenience").ToList();
            Assert.HasCount(5, removals, "two answers, three inconveniences");
            Assert.IsTrue(removals.All(e => e.RoundTrips <= (e.Entity == "adv_feedback" ? 7 : 6)), string.Join(Environment.NewLine, removals));
        }
        [TestMethod]
        public void Under_security_who_deletes_a_customer_needs_delete_on_its_answers_too_as_the_advocacy_manager_role_gives()
        {
            // The platform checks each row a cascade deletes against the deleting user's privileges (Learn, "Asynchronous
            // processing of cascading transactions": a cascade fails when the user "has insufficient privileges to make a
            // change to one or more records"). Answers hang off the account by a Cascade delete relationship, so a role that
            // deletes accounts but holds nothing on answers cannot delete a customer who has one — the admin guide says so.
            var w = new FollowUpWorld();
            var account = w.World.Agent.Create(new Entity("account") { ["name"] = "Northwind Traders", ["adv_tier"] = Choices.Option(CustomerTier.Strategic) });
            Answer(w, account, 2, 1);
            w.World.Secure();
            // A service manager's usual role deletes accounts, cases and activities of the unit (the world's usual role does not).
            w.Sandbox.Security.DefineRole("Service deleter").Grant(AccessLevel.Deep, "prvDeleteAccount", "prvDeleteIncident", "prvDeleteActivity");
            w.Sandbox.Security.AssignRole(w.World.AgentUserId, "Service deleter");
            w.Sandbox.Security.AssignRole(w.World.ManagerUserId, "Service deleter");

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => w.World.Agent.Delete("account", account));
            StringAssert.Contains(fault.Message, "prvDeleteadv_Feedback", "an advocate's role deletes no answers");
            Assert.IsNotNull(w.Sandbox.Row("account", account), "nothing deleted");
            Assert.IsNotEmpty(w.Sandbox.Rows("adv_feedback"));

            w.Sandbox.CreateService(w.World.ManagerUserId).Delete("account", account);

            Assert.IsNull(w.Sandbox.Row("account", account));
            Assert.IsEmpty(w.Sandbox.Rows("adv_feedback"));
            Assert.IsEmpty(w.Sandbox.Rows("task").Where(t => t.GetAttributeValue<EntityReference>("regardingobjectid")?.Id == account));
        }
    }
}
