using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Activities.Impact;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Impact
{
    /// <summary>The workflow activity, the Custom API and the plug-in score the same facts the same way.</summary>
    [TestClass]
    public sealed class ImpactEntryPointsTests
    {
        private const string SeedExplanation = "Impact 82/100 (severe): delivered 12 days late (+29); business-critical order (+20); $48,000 at stake (+8); strategic customer (+15); 2 similar issues in 90 days (+10). Estimated customer loss $5,760.";

        private AdvocacyWorld _world = null!;
        private Guid _accountId;

        [TestInitialize]
        public void Seed()
        {
            _world = new AdvocacyWorld();
            _accountId = _world.SeedAccount("Contoso Pharmaceuticals", CustomerTier.Strategic);
            for (var i = 1; i <= 2; i++)
            {
                _world.Sandbox.Seed(new Entity("adv_inconvenience", Guid.NewGuid())
                {
                    ["adv_name"] = "Earlier " + i,
                    ["adv_accountid"] = new EntityReference("account", _accountId),
                    ["createdon"] = AdvocacyWorld.Now.AddDays(-10 * i),
                });
            }
        }

        [TestMethod]
        public void Custom_API_scores_the_seed_facts_like_the_plug_in()
        {
            var request = new OrganizationRequest("adv_ScoreInconvenience");
            request["PromisedOn"] = AdvocacyWorld.Now.AddDays(-12);
            request["ResolvedOn"] = AdvocacyWorld.Now;
            request["OrderValue"] = new Money(48000m);
            request["BusinessCritical"] = true;
            request["Kind"] = Choices.Option(InconvenienceKind.LateDelivery).Value;
            request["Account"] = new EntityReference("account", _accountId);

            var response = _world.Sandbox.Run(request, _world.AgentUserId);

            Assert.AreEqual(82, response.Results["Score"]);
            Assert.AreEqual("severe", response.Results["Band"]);
            Assert.AreEqual(new Money(5760m), response.Results["EstimatedLoss"]);
            Assert.AreEqual(SeedExplanation, response.Results["Explanation"]);
            Assert.AreEqual(0, _world.Sandbox.Count("task"), "scoring without saving writes nothing");
        }

        [TestMethod]
        public void Workflow_activity_scores_the_seed_facts_like_the_plug_in()
        {
            var outputs = WorkflowActivityHarness.Run(_world, new CalculateInconvenienceImpactActivity(), new Dictionary<string, object>
            {
                ["PromisedOn"] = AdvocacyWorld.Now.AddDays(-12),
                ["ResolvedOn"] = AdvocacyWorld.Now,
                ["OrderValue"] = new Money(48000m),
                ["BusinessCritical"] = true,
                ["Kind"] = Choices.Option(InconvenienceKind.LateDelivery),
                ["Account"] = new EntityReference("account", _accountId),
            }, _world.AgentUserId);

            Assert.AreEqual(82, outputs["Score"]);
            Assert.AreEqual("severe", outputs["Band"]);
            Assert.AreEqual(new Money(5760m), outputs["EstimatedLoss"]);
            Assert.AreEqual(SeedExplanation, outputs["Explanation"]);
        }

        /// <summary>
        /// The three ways in map their own inputs and meet in one use case: the same facts, every kind and no kind at
        /// all, give the same score, band, loss and explanation on save, from adv_ScoreInconvenience and from the
        /// activity. (A missing kind used to read "late delivery" in the two what-if entry points and "other" on save.)
        /// </summary>
        [TestMethod]
        public void Save_Custom_API_and_activity_agree_for_every_kind_and_for_a_missing_kind()
        {
            var kinds = Enum.GetValues<InconvenienceKind>().Select(k => (InconvenienceKind?)k).Append(null);
            foreach (var kind in kinds)
            {
                var request = new OrganizationRequest("adv_ScoreInconvenience");
                request["PromisedOn"] = AdvocacyWorld.Now.AddDays(-12);
                request["ResolvedOn"] = AdvocacyWorld.Now;
                request["OrderValue"] = new Money(48000m);
                request["BusinessCritical"] = true;
                request["Account"] = new EntityReference("account", _accountId);
                var activityInputs = new Dictionary<string, object>
                {
                    ["PromisedOn"] = AdvocacyWorld.Now.AddDays(-12),
                    ["ResolvedOn"] = AdvocacyWorld.Now,
                    ["OrderValue"] = new Money(48000m),
                    ["BusinessCritical"] = true,
                    ["Account"] = new EntityReference("account", _accountId),
                };
                var saved = new Entity("adv_inconvenience")
                {
                    ["adv_name"] = "Same facts " + kind,
                    ["adv_accountid"] = new EntityReference("account", _accountId),
                    ["adv_promisedon"] = AdvocacyWorld.Now.AddDays(-12),
                    ["adv_resolvedon"] = AdvocacyWorld.Now,
                    ["adv_ordervalue"] = new Money(48000m),
                    ["adv_businesscritical"] = true,
                };
                if (kind.HasValue)
                {
                    request["Kind"] = Choices.Option(kind.Value).Value;
                    activityInputs["Kind"] = Choices.Option(kind.Value);
                    saved["adv_kind"] = Choices.Option(kind.Value);
                }

                var api = _world.Sandbox.Run(request, _world.AgentUserId).Results;
                var activity = WorkflowActivityHarness.Run(_world, new CalculateInconvenienceImpactActivity(), activityInputs, _world.AgentUserId);
                var id = _world.Agent.Create(saved);
                var row = _world.Sandbox.Service.Retrieve("adv_inconvenience", id, new Microsoft.Xrm.Sdk.Query.ColumnSet(true));
                // The next round must see the same two earlier inconveniences, not this one.
                _world.Sandbox.Service.Delete("adv_inconvenience", id);

                var what = kind.HasValue ? kind.Value.ToString() : "no kind";
                var explanation = row.GetAttributeValue<string>("adv_impactexplanation");
                Assert.AreEqual(explanation, api["Explanation"], what + ": Custom API");
                Assert.AreEqual(explanation, activity["Explanation"], what + ": activity");
                Assert.AreEqual(row.GetAttributeValue<int>("adv_impactscore"), api["Score"], what);
                Assert.AreEqual(row.GetAttributeValue<int>("adv_impactscore"), activity["Score"], what);
                Assert.AreEqual(row.GetAttributeValue<Money>("adv_estimatedloss"), api["EstimatedLoss"], what);
                Assert.AreEqual(row.GetAttributeValue<Money>("adv_estimatedloss"), activity["EstimatedLoss"], what);
                if (!kind.HasValue)
                {
                    StringAssert.DoesNotMatch(explanation, new System.Text.RegularExpressions.Regex("delivered"), "a missing kind is not called a late delivery");
                }
            }
        }

        [TestMethod]
        public void Custom_API_refuses_negative_money_with_a_message_naming_the_field()
        {
            var request = new OrganizationRequest("adv_ScoreInconvenience");
            request["OrderValue"] = new Money(-5m);

            var error = Assert.ThrowsExactly<SandboxFaultException>(() => _world.Sandbox.Run(request, _world.AgentUserId));
            StringAssert.Contains(error.Message.ToLowerInvariant(), "order value");
        }
    }
}
