using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Advocacy.Plugins.Activities.Impact;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Impact;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Impact
{
    /// <summary>
    /// Scoring input outside the model is refused with a message on the inconvenience (or the what-if call) itself, never
    /// by blocking the save of an order; results stay within what their columns can hold.
    /// </summary>
    [TestClass]
    public sealed class ScoringInputOutsideTheModelTests
    {
        [TestMethod]
        public void A_late_order_with_a_negative_total_is_fulfilled_and_its_late_delivery_recorded_without_a_value()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Fabrikam", CustomerTier.Key);
            var order = Guid.NewGuid();
            world.Sandbox.Seed(new Entity("salesorder", order)
            {
                ["name"] = "Credit note order",
                ["customerid"] = new EntityReference("account", account),
                ["requestdeliveryby"] = AdvocacyWorld.Now.AddDays(-5),
                ["totalamount"] = new Money(-250m),
            });

            world.Agent.Update(new Entity("salesorder", order) { ["datefulfilled"] = AdvocacyWorld.Now });

            Assert.AreEqual(AdvocacyWorld.Now, world.Sandbox.Get("salesorder", order).GetAttributeValue<DateTime>("datefulfilled"), "the user's fulfilment is saved");
            var inconvenience = world.Sandbox.Rows("adv_inconvenience").Single();
            Assert.IsNull(inconvenience.GetAttributeValue<Money>("adv_ordervalue"));
            StringAssert.Contains(inconvenience.GetAttributeValue<string>("adv_impactexplanation"), "delivered 5 days late");
            StringAssert.Contains(string.Join("\n", world.Sandbox.Traces("Advocacy: detect late delivery")), "outside what an inconvenience can score");
        }

        [TestMethod]
        public void A_kind_the_solution_does_not_define_is_refused_by_the_Custom_API_and_the_activity_not_scored_as_other()
        {
            var world = new AdvocacyWorld();
            var request = new OrganizationRequest("adv_ScoreInconvenience") { ["Kind"] = 99, ["PromisedOn"] = AdvocacyWorld.Now.AddDays(-3) };

            var api = Assert.ThrowsExactly<SandboxFaultException>(() => world.Sandbox.Run(request, world.AgentUserId));
            var activity = Assert.ThrowsExactly<InvalidPluginExecutionException>(() => WorkflowActivityHarness.Run(world, new CalculateInconvenienceImpactActivity(),
                new Dictionary<string, object> { ["Kind"] = new OptionSetValue(99), ["PromisedOn"] = AdvocacyWorld.Now.AddDays(-3) }, world.AgentUserId));

            foreach (var message in new[] { api.Message, activity.Message })
            {
                StringAssert.Contains(message, "Kind 99 is not an inconvenience kind; use an adv_inconveniencekind value: 104520000 (late delivery)");
            }
        }

        [TestMethod]
        public void An_estimated_loss_never_exceeds_what_a_money_column_holds_and_the_words_say_so()
        {
            // The largest values the settings parser accepts: 100 % a day, × 100 when critical, for up to 3,650 days.
            var settings = new ScoringSettings { LossRatePerDay = 1, LossCriticalMultiplier = 100, LossMaxDays = 3650 };
            var facts = new InconvenienceFacts
            {
                PromisedOn = new DateTime(2010, 1, 1),
                ResolvedOn = new DateTime(2026, 3, 1),
                OrderValue = 900_000_000_000_000m,
                BusinessCritical = true,
            };

            var assessment = ImpactScorer.Assess(facts, settings, new DateTime(2026, 3, 10));

            Assert.AreEqual(ImpactScorer.MaxMoney, assessment.EstimatedLoss);
            StringAssert.Contains(assessment.Explanation, "Estimated customer loss at least $922,337,203,685,477");
        }
    }
}
