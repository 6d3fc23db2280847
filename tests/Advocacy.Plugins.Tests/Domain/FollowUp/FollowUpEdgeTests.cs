using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    /// <summary>Edges of the follow-up helpers: column cuts, continuation tokens, sweep limits and routing input.</summary>
    [TestClass]
    public sealed class FollowUpEdgeTests
    {
        private static readonly DateTime Friday = new DateTime(2025, 3, 14, 16, 30, 0, DateTimeKind.Utc);
        private static readonly AccountFacts Account = new AccountFacts(Guid.NewGuid(), "Contoso Ltd", CustomerTier.Key, Guid.NewGuid());
        private static readonly AdvocateRouting Dana = new AdvocateRouting(Guid.NewGuid(), "Dana Ruiz", Guid.NewGuid());

        private static PlannedTask WithSubject(string? subject, string? description = "d") =>
            new AdvocacyTaskPlanner(null).PlanFollowUp(Account, Dana, AdvocacyTaskKind.ProactiveCheckIn, subject!, description, 1, null, Friday);

        [TestMethod]
        public void Text_that_fits_exactly_is_not_cut_and_a_surrogate_pair_is_never_split()
        {
            string exact = new string('s', PlannedTask.SubjectMaxLength);
            Assert.AreEqual(exact, WithSubject(exact).Subject);

            string oneOver = new string('s', PlannedTask.SubjectMaxLength + 1);
            Assert.AreEqual(new string('s', PlannedTask.SubjectMaxLength - 1) + "…", WithSubject(oneOver).Subject);

            // The emoji's high surrogate sits where the cut would fall: the whole pair goes.
            string pair = new string('a', PlannedTask.SubjectMaxLength - 2) + "\U0001F600" + "tail";
            Assert.AreEqual(new string('a', PlannedTask.SubjectMaxLength - 2) + "…", WithSubject(pair).Subject);

            Assert.AreEqual("", WithSubject(null).Subject);
            Assert.AreEqual("", WithSubject("s", null).Description);
        }

        [TestMethod]
        public void A_token_of_exactly_the_maximum_length_is_read_and_a_longer_one_is_refused_saying_why()
        {
            string header = "adv-sweep/1\n2\n7\n20250312\n";
            string cookie = new string('c', (SweepContinuation.MaxTokenLength / 4 * 3) - header.Length);
            string token = new SweepContinuation(2, cookie, 7, new DateTime(2025, 3, 12)).Encode();
            Assert.AreEqual(SweepContinuation.MaxTokenLength, token.Length);
            Assert.AreEqual(cookie, SweepContinuation.Decode(token)!.PagingCookie);

            SweepContinuationException tooLong = Assert.ThrowsExactly<SweepContinuationException>(() => SweepContinuation.Decode(new string('A', SweepContinuation.MaxTokenLength + 4)));
            Assert.AreEqual("it is longer than 16384 characters", tooLong.Detail);
            Assert.AreEqual(SweepContinuationException.UserMessage + " (it is longer than 16384 characters)", tooLong.Message);
        }

        [TestMethod]
        public void A_token_that_is_not_utf8_says_so()
        {
            SweepContinuationException e = Assert.ThrowsExactly<SweepContinuationException>(() => SweepContinuation.Decode(Convert.ToBase64String(new byte[] { 0xff, 0xfe, 0x00 })));
            Assert.AreEqual("it is not UTF-8 text", e.Detail);
        }

        [TestMethod]
        public void A_position_refuses_page_0_and_negative_counts()
        {
            Assert.AreEqual("pageNumber", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SweepContinuation(0, null, 0, Friday)).ParamName);
            Assert.AreEqual("createdSoFar", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SweepContinuation(1, null, -1, Friday)).ParamName);
            StringAssert.StartsWith(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SweepContinuation(0, null, 0, Friday)).Message, "Pages are numbered from 1.");
            StringAssert.StartsWith(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SweepContinuation(1, null, -1, Friday)).Message, "A count cannot be negative.");
            Assert.AreEqual("page 3, 12 created, as of 2025-03-14", new SweepContinuation(3, "<cookie/>", 12, Friday).ToString());
        }

        [TestMethod]
        public void Sweep_limits_fall_back_to_the_platform_defaults()
        {
            var small = new ProactiveSweepPlan(new SweepSettings { PageSize = 100, BatchSize = 10, TimeBudgetSeconds = 30 }, new FollowUpSettings { ProactiveWindowDays = 3 });
            Assert.AreEqual(100, small.PageSize);
            Assert.AreEqual(10, small.BatchSize);
            Assert.AreEqual(TimeSpan.FromSeconds(30), small.TimeBudget);
            Assert.AreEqual(3, small.WindowDays);

            var zero = new ProactiveSweepPlan(new SweepSettings { PageSize = 0, BatchSize = -1, TimeBudgetSeconds = 0 }, new FollowUpSettings { ProactiveWindowDays = -2 });
            Assert.AreEqual(5000, zero.PageSize);
            Assert.AreEqual(1000, zero.BatchSize);
            Assert.AreEqual(TimeSpan.FromSeconds(90), zero.TimeBudget);
            Assert.AreEqual(0, zero.WindowDays);

            var negative = new ProactiveSweepPlan(new SweepSettings { PageSize = -5, TimeBudgetSeconds = -1 }, null);
            Assert.AreEqual(5000, negative.PageSize);
            Assert.AreEqual(TimeSpan.FromSeconds(90), negative.TimeBudget);
            Assert.AreEqual(7, negative.WindowDays);
            Assert.AreEqual(5000, new ProactiveSweepPlan(null, null).PageSize);
        }

        [TestMethod]
        public void Sweep_summary_without_a_remaining_estimate()
        {
            Assert.AreEqual("1 check-in task created (5 in this sweep); stopped to stay within the time limit: call again with the continuation token.",
                ProactiveSweepPlan.Summarise(1, 0, 5, null, false));
            Assert.AreEqual("2 check-in tasks created, 3 already open (5 in this sweep); stopped to stay within the time limit with about 1 due account left: call again with the continuation token.",
                ProactiveSweepPlan.Summarise(2, 3, 5, 1, false));
        }

        [TestMethod]
        public void Routing_needs_an_advocate_with_a_user()
        {
            Assert.AreEqual("advocate", Assert.ThrowsExactly<ArgumentNullException>(() => AdvocateRouting.For(null!, new List<AdvocateCandidate>(), Friday)).ParamName);
            ArgumentException noUser = Assert.ThrowsExactly<ArgumentException>(() => AdvocateRouting.For(new AdvocateCandidate(Guid.NewGuid(), "Ghost"), new List<AdvocateCandidate>(), Friday));
            Assert.AreEqual("advocate", noUser.ParamName);
            StringAssert.StartsWith(noUser.Message, "Advocate Ghost has no user, so nobody could own the task.");
        }
    }
}
