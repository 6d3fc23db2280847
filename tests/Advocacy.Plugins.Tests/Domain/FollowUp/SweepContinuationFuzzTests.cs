using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Advocacy.Plugins.Domain.FollowUp;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    /// <summary>
    /// Issue 14: random and mutated continuation tokens. Decode either refuses with SweepContinuationException or
    /// gives a position the sweep can carry on from (next page, more tasks, its date arithmetic) without any other exception.
    /// </summary>
    [TestClass]
    public sealed class SweepContinuationFuzzTests
    {
        private static string Token(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

        /// <summary>What the sweep does with a decoded position: read the next page, count tasks, compute due dates.</summary>
        private static void UseLikeTheSweep(SweepContinuation position)
        {
            SweepContinuation next = position.NextPage("<cookie/>", 5000);
            _ = next.AsOf.AddDays(3650 + 365 + 1);
            _ = next.ToString();
            _ = next.Encode();
        }

        private static bool DecodesOrRefusesClearly(string token)
        {
            SweepContinuation? position;
            try
            {
                position = SweepContinuation.Decode(token);
            }
            catch (SweepContinuationException e)
            {
                Assert.IsTrue(e.Message.Length < 400, e.Message);
                return true;
            }

            if (position != null)
            {
                UseLikeTheSweep(position);
            }

            return true;
        }

        [TestMethod]
        [DataRow("adv-sweep/1\n2147483647\n0\n20250101\n", "page number")]
        [DataRow("adv-sweep/1\n2147483646\n0\n20250101\n", "page number")]
        [DataRow("adv-sweep/1\n1\n2147483647\n20250101\n", "created count")]
        [DataRow("adv-sweep/1\n1\n0\n99991225\n", "sweep date")]
        [DataRow("adv-sweep/1\n1\n0\n99991231\n", "sweep date")]
        public void Values_the_sweep_cannot_carry_on_from_are_refused_clearly(string text, string detail)
        {
            var e = Assert.ThrowsExactly<SweepContinuationException>(() => SweepContinuation.Decode(Token(text)));

            StringAssert.Contains(e.Detail, detail);
        }

        [TestMethod]
        public void The_largest_accepted_values_still_carry_on()
        {
            string text = $"adv-sweep/1\n{SweepContinuation.MaxPageNumber}\n{SweepContinuation.MaxCreated}\n{SweepContinuation.MaxAsOf:yyyyMMdd}\n";

            UseLikeTheSweep(SweepContinuation.Decode(Token(text))!);
        }

        [TestMethod]
        public void Random_fields_give_a_usable_position_or_the_clear_exception()
        {
            Gen<string> number = Gen.OneOf(
                Gen.Choose(int.MinValue, int.MaxValue).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Gen.Elements("0", "1", "2147483646", "2147483647", "2147483648", "-1", "+1", " 1", "1e3", "", "٣", "00000000001", "1000000", "1000001", "1000000000", "1000000001"));
            Gen<string> date = Gen.OneOf(
                Gen.Choose(0, 99_999_999).Select(n => n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)),
                Gen.Elements("99991225", "99991231", "99800101", "99791231", "00010101", "20250229", "20240229", "2025011", "", "2025-01-01"));
            Gen<string> text =
                from header in Gen.Elements("adv-sweep/1", "adv-sweep/1", "adv-sweep/2", "adv-sweep/", "x")
                from page in number
                from created in number
                from asOf in date
                from cookie in Gen.Elements("", "<cookie/>", "\n\n", "\uFFFD")
                from parts in Gen.Choose(1, 5)
                select string.Join("\n", new[] { header, page, created, asOf, cookie }.Take(parts));
            var clock = Stopwatch.StartNew();

            Prop.ForAll(text.ToArbitrary(), t => DecodesOrRefusesClearly(Token(t))).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

            Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        }

        [TestMethod]
        public void Mutated_and_random_tokens_give_a_usable_position_or_the_clear_exception()
        {
            string good = new SweepContinuation(7, "<cookie page=\"7\"><accountid last=\"{8E2B}\" /></cookie>", 1234, new DateTime(2025, 3, 12)).Encode();
            Gen<string> mutated =
                from edits in Gen.Choose(0, good.Length - 1).Zip(Gen.Choose(0, 127)).ListOf(3)
                select new string(edits.Aggregate(good.ToCharArray(), (chars, edit) => { chars[edit.Item1] = (char)edit.Item2; return chars; }));
            Gen<string> inputs = Gen.OneOf(mutated, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""), ArbMap.Default.GeneratorFor<byte[]>().Select(b => Convert.ToBase64String(b ?? Array.Empty<byte>())));

            Prop.ForAll(inputs.ToArbitrary(), DecodesOrRefusesClearly).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
        }
    }
}
