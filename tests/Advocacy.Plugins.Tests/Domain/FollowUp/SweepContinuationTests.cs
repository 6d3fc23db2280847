using System;
using System.Text;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    [TestClass]
    public sealed class SweepContinuationTests
    {
        private const string Cookie = "<cookie page=\"2\"><accountid last=\"{8E2B…}\" first=\"{01A…}\" /></cookie>";

        [TestMethod]
        public void Round_trips()
        {
            var token = new SweepContinuation(3, Cookie, 1234, new DateTime(2025, 3, 12, 18, 0, 0));

            SweepContinuation back = SweepContinuation.Decode(token.Encode())!;

            Assert.AreEqual(3, back.PageNumber);
            Assert.AreEqual(Cookie, back.PagingCookie);
            Assert.AreEqual(1234, back.CreatedSoFar);
            Assert.AreEqual(new DateTime(2025, 3, 12), back.AsOf);
            Assert.AreEqual(DateTimeKind.Utc, back.AsOf.Kind);
        }

        [TestMethod]
        public void Round_trips_any_cookie_and_counts()
        {
            Arbitrary<Tuple<int, int, string>> cases =
                (from page in Gen.Choose(1, SweepContinuation.MaxPageNumber)
                 from created in Gen.Choose(0, SweepContinuation.MaxCreated)
                 from cookie in ArbMap.Default.GeneratorFor<string>()
                 select Tuple.Create(page, created, cookie ?? string.Empty)).ToArbitrary();
            Prop.ForAll(cases, c =>
            {
                // Lone surrogates cannot survive UTF-8; a real paging cookie is XML and never has them.
                string cookie = c.Item3.Replace('\uD800', 'x');
                cookie = new string(Array.ConvertAll(cookie.ToCharArray(), ch => char.IsSurrogate(ch) ? 'x' : ch));
                var token = new SweepContinuation(c.Item1, cookie, c.Item2, new DateTime(2025, 1, 1));
                SweepContinuation back = SweepContinuation.Decode(token.Encode())!;
                return back.PageNumber == c.Item1 && back.CreatedSoFar == c.Item2 && back.PagingCookie == cookie;
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
        }

        [TestMethod]
        public void No_token_means_start()
        {
            Assert.IsNull(SweepContinuation.Decode(null));
            Assert.IsNull(SweepContinuation.Decode("  "));
            SweepContinuation start = SweepContinuation.Start(new DateTime(2025, 3, 12, 10, 0, 0));
            Assert.AreEqual(1, start.PageNumber);
            Assert.AreEqual("", start.PagingCookie);
            SweepContinuation next = start.NextPage("<cookie/>", 40);
            Assert.AreEqual(2, next.PageNumber);
            Assert.AreEqual(40, next.CreatedSoFar);
            Assert.AreEqual(start.AsOf, next.AsOf);
        }

        [TestMethod]
        [DataRow("not base64 at all!", "not base64")]
        [DataRow("aGVsbG8=", "not made by")]
        [DataRow("YWR2LXN3ZWVwLzIKMQowCjIwMjUwMTAxCg==", "version 2 is not supported")]
        public void Malformed_tokens_are_refused_with_an_actionable_message(string token, string detail)
        {
            var e = Assert.ThrowsExactly<SweepContinuationException>(() => SweepContinuation.Decode(token));

            StringAssert.StartsWith(e.Message, "The continuation token is not valid; start a new sweep by calling adv_RunProactiveSweep without one.");
            StringAssert.Contains(e.Detail, detail);
        }

        [TestMethod]
        [DataRow("adv-sweep/1\n0\n0\n20250101\n", "page number")]
        [DataRow("adv-sweep/1\n-1\n0\n20250101\n", "page number")]
        [DataRow("adv-sweep/1\n1\nx\n20250101\n", "created count")]
        [DataRow("adv-sweep/1\n1\n99999999999\n20250101\n", "created count")]
        [DataRow("adv-sweep/1\n1\n0\n20251301\n", "sweep date")]
        [DataRow("adv-sweep/1\n1\n0\n20250101", "incomplete")]
        public void Malformed_fields_are_refused(string text, string detail)
        {
            string token = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

            var e = Assert.ThrowsExactly<SweepContinuationException>(() => SweepContinuation.Decode(token));

            StringAssert.Contains(e.Detail, detail);
        }

        [TestMethod]
        public void Invalid_utf8_and_oversized_tokens_are_refused()
        {
            Assert.ThrowsExactly<SweepContinuationException>(() => SweepContinuation.Decode(Convert.ToBase64String(new byte[] { 0xff, 0xfe, 0x00 })));
            Assert.ThrowsExactly<SweepContinuationException>(() => SweepContinuation.Decode(new string('A', SweepContinuation.MaxTokenLength + 4)));
        }

        [TestMethod]
        public void A_sweep_date_is_current_from_yesterday_to_today_and_the_first_page_keeps_date_and_count()
        {
            var today = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
            new SweepContinuation(3, Cookie, 12, today.Date).EnsureCurrent(today);
            new SweepContinuation(3, Cookie, 12, today.Date.AddDays(-1)).EnsureCurrent(today);

            var tomorrow = Assert.ThrowsExactly<SweepContinuationException>(() => new SweepContinuation(1, null, 0, today.Date.AddDays(1)).EnsureCurrent(today));
            Assert.AreEqual("its sweep date 2026-03-11 is after today (2026-03-10)", tomorrow.Detail);
            var old = Assert.ThrowsExactly<SweepContinuationException>(() => new SweepContinuation(1, null, 0, today.Date.AddDays(-2)).EnsureCurrent(today));
            Assert.AreEqual("its sweep started on 2026-03-08, more than 1 day before today (2026-03-10)", old.Detail);

            var first = new SweepContinuation(3, Cookie, 12, today.Date.AddDays(-1)).FromFirstPage();
            Assert.AreEqual(1, first.PageNumber);
            Assert.AreEqual(string.Empty, first.PagingCookie);
            Assert.AreEqual(12, first.CreatedSoFar);
            Assert.AreEqual(today.Date.AddDays(-1), first.AsOf);
        }

        [TestMethod]
        public void Sweep_plan_budget_and_summary()
        {
            var plan = new ProactiveSweepPlan(new SweepSettings { PageSize = 9000, BatchSize = 0, TimeBudgetSeconds = 90 }, new FollowUpSettings());

            Assert.AreEqual(5000, plan.PageSize);
            Assert.AreEqual(1000, plan.BatchSize);
            Assert.AreEqual(new DateTime(2025, 3, 19), plan.DueOnOrBefore(new DateTime(2025, 3, 12, 13, 0, 0)));
            Assert.IsTrue(plan.HasTimeForAnotherBatch(TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(10)));
            Assert.IsFalse(plan.HasTimeForAnotherBatch(TimeSpan.FromSeconds(81), TimeSpan.FromSeconds(10)));
            Assert.AreEqual("120 check-in tasks created, 3 already open (620 in this sweep); stopped to stay within the time limit with about 4100 due accounts left: call again with the continuation token.",
                ProactiveSweepPlan.Summarise(120, 3, 620, 4100, false));
            Assert.AreEqual("1 check-in task created (1 in this sweep); the sweep is complete.", ProactiveSweepPlan.Summarise(1, 0, 1, 0, true));
        }
    }
}
