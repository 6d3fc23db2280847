using System;
using System.Linq;
using System.Threading.Tasks;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox
{
    [TestClass]
    public sealed class ConcurrencyTests
    {
        [TestMethod]
        public void Parallel_read_modify_write_behind_a_lock_row_never_loses_an_update()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxTicketCounter));
            sandbox.Seed(
                new Entity(SandboxFixture.Counter, SandboxFixture.LockRowId) { ["sbx_name"] = "lock" },
                new Entity(SandboxFixture.Counter, SandboxFixture.CounterRowId) { ["sbx_value"] = 0 });

            Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
                sandbox.Service.Create(new Entity(SandboxFixture.Ticket) { ["sbx_name"] = "t" + i }));

            Assert.AreEqual(16, sandbox.Get(SandboxFixture.Counter, SandboxFixture.CounterRowId).GetAttributeValue<int>("sbx_value"));
            Assert.AreEqual(16, sandbox.Count(SandboxFixture.Ticket));
        }

        [TestMethod]
        public void Parallel_creates_of_different_rows_are_all_kept()
        {
            var sandbox = SandboxFixture.Create();
            Parallel.For(0, 2000, i => sandbox.Service.Create(new Entity("account") { ["name"] = "a" + i }));
            Assert.AreEqual(2000, sandbox.Count("account"));
            Assert.AreEqual(2000, sandbox.Rows("account").Select(r => r.Id).Distinct().Count());
        }
    
        [TestMethod]
        public void Crossed_locks_are_detected_as_a_deadlock_and_only_the_victim_fails()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxTicketDeadlock));
            sandbox.Seed(
                new Entity(SandboxFixture.Counter, SandboxFixture.LockRowId) { ["sbx_name"] = "A" },
                new Entity(SandboxFixture.Counter, SandboxFixture.CounterRowId) { ["sbx_name"] = "B" });
            using var meeting = new System.Threading.Barrier(2);
            SbxTicketDeadlock.Meeting = meeting;
            try
            {
                var results = new[] { "AB", "BA" }.AsParallel().WithDegreeOfParallelism(2).Select(name =>
                {
                    try
                    {
                        sandbox.Service.Create(new Entity(SandboxFixture.Ticket) { ["sbx_name"] = name });
                        return "ok";
                    }
                    catch (SandboxFaultException e)
                    {
                        return e.Message;
                    }
                }).ToList();
                Assert.AreEqual(1, results.Count(r => r == "ok"), string.Join(" | ", results));
                StringAssert.Contains(results.Single(r => r != "ok"), "deadlock victim");
                Assert.AreEqual(1, sandbox.Count(SandboxFixture.Ticket));
            }
            finally
            {
                SbxTicketDeadlock.Meeting = null;
            }
        }
    }
}
