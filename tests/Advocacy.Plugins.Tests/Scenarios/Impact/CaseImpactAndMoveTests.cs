using System;
using System.Linq;
using Advocacy.Plugins.Application.Impact;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Tests.Scenarios.Assignment;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Impact
{
    /// <summary>
    /// DESIGN §2: a case shows the worst score of its linked inconveniences, and an inconvenience that moves to
    /// another case or account leaves the old one's figures right too.
    /// </summary>
    [TestClass]
    public sealed class CaseImpactAndMoveTests
    {
        private AdvocacyWorld _world = null!;
        private Guid _account;

        [TestInitialize]
        public void CreateWorld()
        {
            _world = new AdvocacyWorld();
            _account = _world.SeedAccount("Contoso", CustomerTier.Standard);
        }

        [TestMethod]
        public void The_case_shows_its_worst_linked_score_and_the_case_an_inconvenience_left_is_recomputed()
        {
            var first = SeedCase("Pallets damaged");
            var second = SeedCase("Invoice wrong");
            var mild = Create(first, critical: true, orderValue: null);          // critical +20
            var bad = Create(first, critical: true, orderValue: 48000m);          // +20, $48,000 +8 (created at the same instant: no recurrence)
            int mildScore = Score(mild), badScore = Score(bad);
            Assert.AreEqual(20, mildScore);
            Assert.AreEqual(28, badScore, _world.Sandbox.Get("adv_inconvenience", bad).GetAttributeValue<string>("adv_impactexplanation"));
            Assert.AreEqual(28, CaseScore(first), "the worst of the two");

            _world.Agent.Update(new Entity("adv_inconvenience", bad) { ["adv_caseid"] = new EntityReference("incident", second) });

            Assert.AreEqual(20, CaseScore(first), "the case it left shows what is still linked");
            Assert.AreEqual(28, CaseScore(second));

            _world.Agent.Update(new Entity("adv_inconvenience", mild) { ["adv_caseid"] = null });

            Assert.IsNull(CaseScore(first), "no linked inconvenience left: no score");
            Assert.AreEqual(28, CaseScore(second));
        }

        [TestMethod]
        public void Merging_duplicate_cases_gives_the_surviving_case_the_worst_score_of_both()
        {
            // Customer Service's "merge cases" (Merge of incident, as the user; Learn: the merged case's rows move to the
            // surviving one, and it is canceled with the status reason Merged). The inconveniences move through their own
            // pipeline, so the product's own step re-scores both cases as they go.
            var kept = SeedCase("Pallets damaged");
            var duplicate = SeedCase("Pallets damaged (second email)");
            Create(kept, critical: true, orderValue: null);                   // 20
            var bad = Create(duplicate, critical: true, orderValue: 48000m);  // 28
            Assert.AreEqual(20, CaseScore(kept));

            _world.Agent.Execute(new OrganizationRequest("Merge")
            {
                ["Target"] = new EntityReference("incident", kept),
                ["SubordinateId"] = duplicate,
                ["UpdateContent"] = new Entity("incident"),
                ["PerformParentingChecks"] = false,
            });

            Assert.AreEqual(kept, _world.Sandbox.Get("adv_inconvenience", bad).GetAttributeValue<EntityReference>("adv_caseid").Id);
            Assert.AreEqual(28, CaseScore(kept), "the worst of all its inconveniences, the merged case's included");
            Assert.AreEqual(2000, _world.Sandbox.Get("incident", duplicate).GetAttributeValue<OptionSetValue>("statuscode").Value, "canceled as Merged");
        }

        [TestMethod]
        public void An_agent_merges_duplicate_cases_whose_inconvenience_a_colleague_recorded()
        {
            // A case merge runs as the user, and each row it moves needs the user's privileges (Learn): "Customer Advocate"
            // writes only its own inconveniences, so a colleague's would make the platform refuse the whole merge — agents
            // merge duplicate cases every day. The product's merge step moves its own table's rows itself, as the system:
            // they follow the case the user may merge, nothing more.
            if (!_world.IsSecured)
            {
                _world.Secure();
            }
            var colleague = _world.SeedUser("Cole League");
            var kept = SeedCase("Pallets damaged");
            var duplicate = SeedCase("Pallets damaged (second email)");
            var theirs = _world.Sandbox.CreateService(colleague).Create(new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Trouble",
                ["adv_accountid"] = new EntityReference("account", _account),
                ["adv_caseid"] = new EntityReference("incident", duplicate),
                ["adv_kind"] = Choices.Option(InconvenienceKind.Other),
                ["adv_businesscritical"] = true,
            });

            _world.Agent.Execute(new OrganizationRequest("Merge")
            {
                ["Target"] = new EntityReference("incident", kept),
                ["SubordinateId"] = duplicate,
                ["UpdateContent"] = new Entity("incident"),
                ["PerformParentingChecks"] = false,
            });

            Assert.AreEqual(kept, _world.Sandbox.Get("adv_inconvenience", theirs).GetAttributeValue<EntityReference>("adv_caseid").Id);
            Assert.AreEqual(20, CaseScore(kept));
            Assert.AreEqual(2000, _world.Sandbox.Get("incident", duplicate).GetAttributeValue<OptionSetValue>("statuscode").Value);
        }

        [TestMethod]
        public void An_inconvenience_scored_after_its_case_closed_saves_and_leaves_the_closed_case_as_it_was()
        {
            // The platform refuses any change but of state to a resolved or canceled case (CaseAlreadyResolved): the
            // inconvenience's own save must not fail because its case closed before it was scored or moved.
            var closed = SeedCase("Pallets damaged");
            var open = SeedCase("Invoice wrong");
            var first = Create(closed, critical: true, orderValue: null);
            Assert.AreEqual(20, CaseScore(closed));
            _world.Agent.Execute(new OrganizationRequest("CloseIncident")
            {
                ["IncidentResolution"] = new Entity("incidentresolution") { ["subject"] = "Replaced", ["incidentid"] = new EntityReference("incident", closed) },
                ["Status"] = new OptionSetValue(5),
            });

            var later = Create(closed, critical: true, orderValue: 48000m);
            Assert.AreEqual(28, Score(later), "scored as any other");
            Assert.AreEqual(20, CaseScore(closed), "a closed case keeps the score it closed with");
            StringAssert.Contains(string.Join("\n", _world.Sandbox.Executions.SelectMany(e => e.Traces)), $"Case {closed} is closed: its impact score stays 20");

            _world.Agent.Update(new Entity("adv_inconvenience", first) { ["adv_caseid"] = new EntityReference("incident", open) });
            Assert.AreEqual(20, CaseScore(open), "the open case it moved to shows it");
            Assert.AreEqual(20, CaseScore(closed), "the closed case it left is not written");

            _world.Agent.Update(new Entity("incident", closed) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(1) });
            _world.Agent.Update(new Entity("adv_inconvenience", later) { ["adv_businesscritical"] = false });
            Assert.AreEqual(8, CaseScore(closed), "reopened, the case shows its worst linked score again");
        }

        [TestMethod]
        public void Removing_an_inconvenience_recorded_by_mistake_takes_it_out_of_the_account_the_case_and_the_open_review()
        {
            // A manager deletes a severe inconvenience recorded against the wrong customer: the figures decision makers
            // read (the account's index and loyalty risk, the case's worst score) must not keep a harm that never was.
            var caseId = SeedCase("Pallets damaged");
            var mild = Create(caseId, critical: true, orderValue: null);     // 20
            var mistake = _world.Agent.Create(new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Order 4471 delivered late",
                ["adv_accountid"] = new EntityReference("account", _account),
                ["adv_caseid"] = new EntityReference("incident", caseId),
                ["adv_kind"] = Choices.Option(InconvenienceKind.LateDelivery),
                ["adv_promisedon"] = AdvocacyWorld.Now.AddDays(-12),
                ["adv_resolvedon"] = AdvocacyWorld.Now,
                ["adv_ordervalue"] = new Money(48000m),
                ["adv_businesscritical"] = true,
            });
            int severe = Score(mistake);
            Assert.AreEqual(severe, CaseScore(caseId));
            var review = _world.Tasks(AdvocacyTaskKind.ImpactReview).Single();
            Assert.AreEqual(0, review.GetAttributeValue<OptionSetValue>("statecode").Value);
            int indexBefore = Index(_account)!.Value;

            _world.Sandbox.CreateService(_world.ManagerUserId).Delete("adv_inconvenience", mistake);

            Assert.AreEqual(20, CaseScore(caseId), "the case shows the worst of what is still linked");
            Assert.AreEqual(20, Index(_account), $"the index is recomputed without it (was {indexBefore})");
            var closed = _world.Sandbox.Get("task", review.Id);
            Assert.AreEqual(1, closed.GetAttributeValue<OptionSetValue>("statecode").Value, "the open review is completed");
            StringAssert.Contains(closed.GetAttributeValue<string>("description"), "removed");
            Assert.AreEqual(mild, _world.Sandbox.Rows("adv_inconvenience").Single().Id);
        }

        [TestMethod]
        public void Removing_an_inconvenience_whose_account_and_case_are_gone_succeeds_and_says_so()
        {
            // As when the account is being deleted with it: nothing to recompute, and the removal must not fail for that.
            var goneAccount = Guid.NewGuid();
            var goneCase = Guid.NewGuid();
            var orphan = new Entity("adv_inconvenience", Guid.NewGuid())
            {
                ["adv_name"] = "Orphan", ["adv_accountid"] = new EntityReference("account", goneAccount), ["adv_caseid"] = new EntityReference("incident", goneCase),
            };
            _world.Sandbox.Seed(orphan);

            _world.Sandbox.CreateService(_world.ManagerUserId).Delete("adv_inconvenience", orphan.Id);

            Assert.IsEmpty(_world.Sandbox.Rows("adv_inconvenience"));
            var traces = string.Join("\n", _world.Sandbox.Traces("Advocacy: follow up inconvenience (delete)"));
            StringAssert.Contains(traces, $"Account {goneAccount}: not recomputed");
            StringAssert.Contains(traces, $"Case {goneCase} no longer exists");
        }

        [TestMethod]
        public void A_rescore_that_leaves_the_worst_score_as_it_was_does_not_write_the_case()
        {
            var caseId = SeedCase("Pallets damaged");
            var id = Create(caseId, critical: true, orderValue: null);   // 20
            var before = _world.Sandbox.Get("incident", caseId).GetAttributeValue<long>("versionnumber");

            _world.Agent.Update(new Entity("adv_inconvenience", id) { ["adv_name"] = "Pallets damaged again", ["adv_businesscritical"] = true });

            Assert.AreEqual(20, CaseScore(caseId));
            Assert.AreEqual(before, _world.Sandbox.Get("incident", caseId).GetAttributeValue<long>("versionnumber"), "an unchanged score is not written again");
            StringAssert.Contains(string.Join("\n", _world.Sandbox.Executions.SelectMany(e => e.Traces)), $"Case {caseId}: impact score stays 20");
        }

        [TestMethod]
        public void Moving_an_inconvenience_to_another_account_recomputes_both_accounts()
        {
            var other = _world.SeedAccount("Fabrikam", CustomerTier.Standard);
            var id = Create(null, critical: true, orderValue: null);
            Assert.AreEqual(20, Index(_account));

            _world.Agent.Update(new Entity("adv_inconvenience", id) { ["adv_accountid"] = new EntityReference("account", other) });

            Assert.AreEqual(0, Index(_account), "the account it left no longer carries it");
            Assert.AreEqual(20, Index(other));
        }

        [TestMethod]
        public void A_forged_score_band_or_explanation_is_replaced_by_the_computed_one_and_raises_nothing()
        {
            var caseId = SeedCase("Pallets damaged");
            var id = Create(caseId, critical: true, orderValue: null);   // 20: low, no impact review
            var computed = _world.Sandbox.Get("adv_inconvenience", id);

            // An agent (issue 13's attack) writes only the outputs: a severe score and their own words.
            _world.Agent.Update(new Entity("adv_inconvenience", id)
            {
                ["adv_impactscore"] = 99,
                ["adv_impactband"] = Choices.Option(ImpactBand.Severe),
                ["adv_impactexplanation"] = "Call me at once: 555-0100",
                ["adv_estimatedloss"] = new Money(1_000_000m),
            });

            var stored = _world.Sandbox.Get("adv_inconvenience", id);
            Assert.AreEqual(20, stored.GetAttributeValue<int>("adv_impactscore"), "re-scored from the inputs");
            Assert.AreEqual(computed.GetAttributeValue<OptionSetValue>("adv_impactband").Value, stored.GetAttributeValue<OptionSetValue>("adv_impactband").Value);
            Assert.AreEqual(computed.GetAttributeValue<string>("adv_impactexplanation"), stored.GetAttributeValue<string>("adv_impactexplanation"));
            Assert.AreEqual(computed.GetAttributeValue<Money>("adv_estimatedloss")?.Value, stored.GetAttributeValue<Money>("adv_estimatedloss")?.Value);
            Assert.AreEqual(20, CaseScore(caseId), "the case shows the computed score");
            Assert.AreEqual(20, Index(_account), "and so does the account's index");
            Assert.IsEmpty(_world.Tasks(AdvocacyTaskKind.ImpactReview), "no review raised on the forged words");
        }

        [TestMethod]
        public void An_inconvenience_without_an_account_is_not_followed_up()
        {
            var tracer = new ListTracer();
            var caseId = SeedCase("Unrelated");
            var before = _world.Sandbox.Metrics.RoundTripCount();

            new FollowUpInconvenience(new TestHost(_world.Sandbox.NestedService, tracer)).Run(new ScoredInconvenience
            {
                InconvenienceId = Guid.NewGuid(),
                Score = 90,
                Band = ImpactBand.Severe,
                CaseId = caseId,
            });

            CollectionAssert.Contains(tracer.Lines, "No account on the inconvenience: nothing to follow up.");
            Assert.AreEqual(before, _world.Sandbox.Metrics.RoundTripCount(), "not a read, not a write");
            Assert.IsNull(CaseScore(caseId));
            Assert.IsEmpty(_world.Tasks(AdvocacyTaskKind.ImpactReview));
        }

        [TestMethod]
        public void An_inconvenience_not_scored_updates_the_figures_and_raises_no_review()
        {
            var tracer = new ListTracer();

            new FollowUpInconvenience(new TestHost(_world.Sandbox.NestedService, tracer)).Run(new ScoredInconvenience
            {
                InconvenienceId = Guid.NewGuid(),
                AccountId = _account,
                Score = 0,
                Band = null,
            });

            Assert.IsTrue(tracer.Lines.Any(l => l.Contains("(not scored): no impact review needed")), string.Join("\n", tracer.Lines));
            Assert.IsEmpty(_world.Tasks(AdvocacyTaskKind.ImpactReview));
        }

        private Guid SeedCase(string title)
        {
            var incident = new Entity("incident", Guid.NewGuid())
            {
                ["title"] = title,
                ["customerid"] = new EntityReference("account", _account),
            };
            _world.Sandbox.Seed(incident);
            return incident.Id;
        }

        private Guid Create(Guid? caseId, bool critical, decimal? orderValue)
        {
            var row = new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Trouble",
                ["adv_accountid"] = new EntityReference("account", _account),
                ["adv_kind"] = Choices.Option(InconvenienceKind.Other),
                ["adv_businesscritical"] = critical,
            };
            if (caseId.HasValue) row["adv_caseid"] = new EntityReference("incident", caseId.Value);
            if (orderValue.HasValue) row["adv_ordervalue"] = new Money(orderValue.Value);
            return _world.Agent.Create(row);
        }

        private int Score(Guid id) => _world.Sandbox.Get("adv_inconvenience", id).GetAttributeValue<int>("adv_impactscore");

        private int? CaseScore(Guid caseId) => _world.Sandbox.Get("incident", caseId).GetAttributeValue<int?>("adv_impactscore");

        private int? Index(Guid accountId) => _world.Sandbox.Get("account", accountId).GetAttributeValue<int?>("adv_inconvenienceindex");
    }
}
