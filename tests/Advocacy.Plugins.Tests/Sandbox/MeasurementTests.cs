using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    [TestClass]
    public sealed class MeasurementTests
    {
        [TestMethod]
        public void Round_trips_are_split_between_test_code_and_steps()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxWidgetImpersonation));
            sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "w" });
            sandbox.Service.RetrieveMultiple(new QueryExpression(SandboxFixture.Note) { ColumnSet = new ColumnSet(true) });

            Assert.AreEqual(1, sandbox.Metrics.RoundTripCount(SandboxMetrics.TestCaller, "Create", SandboxFixture.Widget));
            Assert.AreEqual(1, sandbox.Metrics.RoundTripCount(SandboxMetrics.TestCaller, "RetrieveMultiple"));
            Assert.AreEqual(3, sandbox.Metrics.RoundTripCount("sbx: widget impersonation", "Create", SandboxFixture.Note));
            Assert.AreEqual(3, sandbox.RoundTrips("sbx: widget impersonation"));
            Assert.AreEqual(4, sandbox.Metrics.RowsWritten);
            Assert.AreEqual(3, sandbox.Metrics.RowsRead);
            Assert.IsTrue(sandbox.Executions.Single().Duration > TimeSpan.Zero);

            sandbox.Metrics.Reset();
            sandbox.ClearExecutions();
            Assert.AreEqual(0, sandbox.Metrics.RoundTripCount());
            Assert.AreEqual(0, sandbox.Executions.Count);
        }

        [TestMethod]
        public void Seeding_is_not_counted_and_keeps_a_backdated_createdon()
        {
            var sandbox = SandboxFixture.Create();
            var past = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            sandbox.Seed(new Entity("account", Guid.NewGuid()) { ["name"] = "old", ["createdon"] = past });
            Assert.AreEqual(0, sandbox.Metrics.RoundTripCount());
            Assert.AreEqual(past, sandbox.Rows("account").Single().GetAttributeValue<DateTime>("createdon"));
        }

        [TestMethod]
        public void Environment_variable_helper_writes_definition_and_value()
        {
            var sandbox = SandboxFixture.Create();
            Guid definition = sandbox.SetAdvocacySettings("{\"assignment\":{\"defaultCapacity\":10}}", "{}");
            sandbox.SetAdvocacySettings("{\"x\":1}", "{}");
            var value = sandbox.Rows("environmentvariablevalue").Single();
            Assert.AreEqual("{\"x\":1}", value.GetAttributeValue<string>("value"));
            Assert.AreEqual(definition, value.GetAttributeValue<EntityReference>("environmentvariabledefinitionid").Id);
            var def = sandbox.Rows("environmentvariabledefinition").Single();
            Assert.AreEqual(EnvironmentVariables.AdvocacySettings, def.GetAttributeValue<string>("schemaname"));
            Assert.AreEqual("{}", def.GetAttributeValue<string>("defaultvalue"));
        }
    }
}
