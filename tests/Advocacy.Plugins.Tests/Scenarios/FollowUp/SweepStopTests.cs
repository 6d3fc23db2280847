using System;
using System.Linq;
using Advocacy.Plugins.Application.FollowUp;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Tests.Scenarios.Assignment;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Scenarios.FollowUp
{
    /// <summary>
    /// The sweep stopping at a page boundary (the task limit or the time budget reached exactly as a page ends) and a
    /// remaining count the platform refuses: each stops with a continuation that finishes the sweep without duplicates.
    /// </summary>
    [TestClass]
    public sealed class SweepStopTests
    {
        private static (FollowUpWorld World, AdvocacySettings Settings) TenDueAccountsInPagesOfFive()
        {
            var w = new FollowUpWorld();
            for (int i = 0; i < 10; i++)
            {
                w.SeedAccount("Due " + i, CustomerTier.Key, next: AdvocacyWorld.Now.Date);
            }

            var settings = new AdvocacySettings();
            settings.Sweep.PageSize = 5;
            settings.Sweep.BatchSize = 5;
            return (w, settings);
        }

        [TestMethod]
        public void The_task_limit_reached_at_the_end_of_a_page_stops_before_reading_the_next()
        {
            var (w, settings) = TenDueAccountsInPagesOfFive();
            var tracer = new ListTracer();

            var first = new RunProactiveSweep(new TestHost(w.Sandbox.NestedService, tracer, settings)).Run(null, 5);

            Assert.AreEqual(5, first.Created);
            Assert.AreEqual(1, first.PagesRead, string.Join("\n", tracer.Lines));
            Assert.IsFalse(first.Finished);
            Assert.AreEqual(5, first.Remaining);
            CollectionAssert.Contains(tracer.Lines, "Sweep: stopped because the maximum of 5 tasks for this call was reached.");

            var rest = new RunProactiveSweep(new TestHost(w.Sandbox.NestedService, tracer, settings)).Run(first.Continuation, null);
            Assert.IsTrue(rest.Finished);
            Assert.AreEqual(5, rest.Created);
            Assert.AreEqual(10, w.Tasks(AdvocacyTaskKind.ProactiveCheckIn).Select(t => t.GetAttributeValue<EntityReference>("regardingobjectid").Id).Distinct().Count());
        }

        [TestMethod]
        public void The_time_budget_spent_at_the_end_of_a_page_stops_before_reading_the_next()
        {
            var (w, settings) = TenDueAccountsInPagesOfFive();
            var tracer = new ListTracer();
            int calls = 0;
            // The clock stands still through the first page and its batch, then jumps past the budget.
            Func<TimeSpan> elapsed = () => calls++ < 4 ? TimeSpan.Zero : TimeSpan.FromSeconds(1000);

            var first = new RunProactiveSweep(new TestHost(w.Sandbox.NestedService, tracer, settings), elapsed).Run(null, null);

            Assert.AreEqual(5, first.Created, string.Join("\n", tracer.Lines));
            Assert.AreEqual(1, first.PagesRead);
            Assert.IsFalse(first.Finished);
            Assert.AreEqual(5, first.Remaining);
            CollectionAssert.Contains(tracer.Lines, "Sweep: stopped because another page might not finish within the 90s time budget.");

            var rest = new RunProactiveSweep(new TestHost(w.Sandbox.NestedService, tracer, settings)).Run(first.Continuation, null);
            Assert.AreEqual(5, rest.Created);
            Assert.IsTrue(rest.Finished);
        }

        [TestMethod]
        public void A_remaining_count_the_platform_refuses_is_reported_as_unknown_and_keeps_the_work()
        {
            var (w, settings) = TenDueAccountsInPagesOfFive();
            var tracer = new ListTracer();
            var service = new RefusingAggregates(w.Sandbox.NestedService);

            var first = new RunProactiveSweep(new TestHost(service, tracer, settings)).Run(null, 5);

            Assert.AreEqual(5, first.Created);
            Assert.IsNull(first.Remaining, "unknown, not 0");
            Assert.IsNotNull(first.Continuation);
            CollectionAssert.Contains(tracer.Lines, "Sweep: could not count the remaining accounts (" + RefusingAggregates.Message + "); reported as unknown.");
            Assert.HasCount(5, w.Tasks(AdvocacyTaskKind.ProactiveCheckIn));
        }

        [TestMethod]
        public void A_plug_in_error_while_counting_is_not_swallowed()
        {
            var (w, settings) = TenDueAccountsInPagesOfFive();
            var service = new RefusingAggregates(w.Sandbox.NestedService, asPluginError: true);

            var error = Assert.ThrowsExactly<InvalidPluginExecutionException>(() => new RunProactiveSweep(new TestHost(service, new ListTracer(), settings)).Run(null, 5));

            Assert.AreEqual(RefusingAggregates.Message, error.Message);
        }

        /// <summary>The sandbox's service, except that aggregate FetchXML fails as past the platform's 50,000-row limit.</summary>
        private sealed class RefusingAggregates : IOrganizationService
        {
            public const string Message = "AggregateQueryRecordLimit exceeded. Cannot perform this operation.";
            private readonly IOrganizationService _inner;
            private readonly bool _asPluginError;

            public RefusingAggregates(IOrganizationService inner, bool asPluginError = false)
            {
                _inner = inner;
                _asPluginError = asPluginError;
            }

            public EntityCollection RetrieveMultiple(QueryBase query)
            {
                if (query is FetchExpression fetch && fetch.Query.Contains("aggregate=\"true\""))
                {
                    throw _asPluginError ? new InvalidPluginExecutionException(Message) : new InvalidOperationException(Message);
                }

                return _inner.RetrieveMultiple(query);
            }

            public Guid Create(Entity entity) => _inner.Create(entity);
            public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => _inner.Retrieve(entityName, id, columnSet);
            public void Update(Entity entity) => _inner.Update(entity);
            public void Delete(string entityName, Guid id) => _inner.Delete(entityName, id);
            public OrganizationResponse Execute(OrganizationRequest request) => _inner.Execute(request);
            public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => _inner.Associate(entityName, entityId, relationship, relatedEntities);
            public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => _inner.Disassociate(entityName, entityId, relationship, relatedEntities);
        }
    }
}
