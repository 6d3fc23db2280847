using System;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Tests.Scenarios.FollowUp;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Security
{
    /// <summary>
    /// Issue 13: the sweep's continuation is the caller's text. Its date must fit the server's clock (a 2100 date made
    /// every account due; a year-1 date made none due and the sweep reported "complete"), and its paging cookie is never
    /// followed (a forged position past every account skipped them all). Through adv_RunProactiveSweep, as a manager.
    /// </summary>
    [TestClass]
    public sealed class SweepContinuationTamperingTests
    {
        private FollowUpWorld _w = null!;
        private Guid _due;
        private Guid _later;

        [TestInitialize]
        public void TwoAccounts()
        {
            _w = new FollowUpWorld();
            _due = _w.SeedAccount("Due now", CustomerTier.Key, next: AdvocacyWorld.Now.Date.AddDays(2));
            _later = _w.SeedAccount("Due in 60 days", CustomerTier.Key, next: AdvocacyWorld.Now.Date.AddDays(60));
        }

        private OrganizationResponse Sweep(string? continuation)
        {
            var request = new OrganizationRequest("adv_RunProactiveSweep");
            if (continuation != null) request["Continuation"] = continuation;
            return _w.Sandbox.Run(request, _w.World.ManagerUserId);
        }

        [TestMethod]
        public void A_continuation_dated_2100_is_refused_and_no_account_gets_a_check_in()
        {
            var forged = new SweepContinuation(1, null, 0, new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Encode();

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => Sweep(forged));

            StringAssert.Contains(fault.Message, SweepContinuationException.UserMessage);
            StringAssert.Contains(fault.Message, "its sweep date 2100-01-01 is after today (2026-03-10)");
            Assert.IsEmpty(_w.Tasks(AdvocacyTaskKind.ProactiveCheckIn), "not even the due account: nothing of the call is kept");
        }

        [TestMethod]
        public void A_year_1_continuation_is_refused_instead_of_reporting_a_complete_sweep()
        {
            var forged = new SweepContinuation(1, null, 0, new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Encode();

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => Sweep(forged));

            StringAssert.Contains(fault.Message, "its sweep started on 0001-01-01, more than 1 day before today (2026-03-10)");
            Assert.IsEmpty(_w.Tasks(AdvocacyTaskKind.ProactiveCheckIn));
        }

        [TestMethod]
        public void A_forged_paging_cookie_past_every_account_is_not_followed_and_the_due_account_gets_its_check_in()
        {
            string past = "{ffffffff-ffff-ffff-ffff-ffffffffffff}";
            var cookie = "<cookie page=\"1\"><accountid last=\"" + past + "\" first=\"" + past + "\" /></cookie>";
            var forged = new SweepContinuation(2, cookie, 0, AdvocacyWorld.Now.Date).Encode();

            var response = Sweep(forged);

            Assert.AreEqual(1, (int)response["Created"]);
            Assert.HasCount(1, _w.TasksFor(AdvocacyTaskKind.ProactiveCheckIn, _due));
            Assert.IsEmpty(_w.TasksFor(AdvocacyTaskKind.ProactiveCheckIn, _later), "the account due in 60 days is not due");
            StringAssert.Contains(string.Join("\n", _w.Sandbox.Traces("RunProactiveSweepApi")), "the caller's paging cookie is not followed");
        }

        [TestMethod]
        public void A_sweep_started_yesterday_before_midnight_still_continues_today()
        {
            var yesterdays = new SweepContinuation(1, null, 7, AdvocacyWorld.Now.Date.AddDays(-1)).Encode();

            var response = Sweep(yesterdays);

            Assert.AreEqual(1, (int)response["Created"]);
            Assert.AreEqual(string.Empty, (string?)response["NextContinuation"] ?? string.Empty, "complete");
        }
    }
}
