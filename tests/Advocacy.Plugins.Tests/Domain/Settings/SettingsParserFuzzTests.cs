using System;
using System.Diagnostics;
using System.Linq;
using Advocacy.Cli.Settings;
using Advocacy.Plugins.Domain.Settings;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Settings
{
    /// <summary>
    /// Issue 14: random and mutated settings values. Only AdvocacySettingsException may escape the parser, and its
    /// message stays short (it quotes at most an excerpt of the bad input) however large the input.
    /// </summary>
    [TestClass]
    public sealed class SettingsParserFuzzTests
    {
        /// <summary>"A few hundred characters": the longest message lists a section's allowed keys.</summary>
        private const int MaxMessageLength = 600;

        private static readonly Lazy<string> Defaults = new(() => AdvocacySettingsWriter.ToJson(AdvocacySettings.Defaults()));

        private static bool ParsesOrRefusesClearly(string json)
        {
            try
            {
                AdvocacySettingsParser.Parse(json);
            }
            catch (AdvocacySettingsException e)
            {
                Assert.IsTrue(e.Message.Length <= MaxMessageLength, $"{e.Message.Length} characters: {e.Message.Substring(0, Math.Min(300, e.Message.Length))}");
                Assert.IsFalse(e.Message.Any(c => char.IsControl(c)), e.Message);
            }

            return true;
        }

        [TestMethod]
        public void A_huge_key_or_value_is_quoted_as_a_short_excerpt()
        {
            string huge = new string('k', 1_000_000);
            var clock = Stopwatch.StartNew();
            foreach (string json in new[]
            {
                "{\"" + huge + "\": 1}",
                "{\"scoring\": {\"" + huge + "\": 1}}",
                "{\"" + huge + "\": 1, \"" + huge + "\": 2}",
                "{\"scoring\": {\"delayMaxPoints\": \"" + huge + "\"}}",
                "{\"scoring\": {\"delayMaxPoints\": 1" + new string('0', 100_000) + "}}",
                "{\"" + huge + "\": {\"" + huge + "\": [" + huge.Replace('k', '1') + "x]}}",
                string.Concat(Enumerable.Repeat("{\"" + new string('a', 1000) + "\":", 60)) + "x",
                "{\"" + huge + "\n\u001b[31m\": 1}",
                "{\"scoring\": " + huge + "}",
            })
            {
                var e = Assert.ThrowsExactly<AdvocacySettingsException>(() => AdvocacySettingsParser.Parse(json));
                Assert.IsTrue(e.Message.Length <= MaxMessageLength, $"{e.Message.Length} characters: {e.Message.Substring(0, 300)}");
                Assert.IsFalse(e.Message.Any(char.IsControl), e.Message);
            }

            Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        }

        [TestMethod]
        public void Random_json_like_text_is_parsed_or_refused_clearly()
        {
            Gen<string> token = Gen.Elements("{", "}", "[", "]", ":", ",", " ", "\"scoring\"", "\"index\"", "\"tierPoints\"", "\"strategic\"",
                "\"x\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\", "1", "-0", "1e999", "0.5", "true", "null", "\"", "\n", "\u0001", "/*", "NaN");
            Gen<string> text = Gen.Choose(0, 40).SelectMany(n => token.ArrayOf(n)).Select(parts => string.Concat(parts));

            Prop.ForAll(text.ToArbitrary(), ParsesOrRefusesClearly).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
        }

        [TestMethod]
        public void Mutated_settings_values_are_parsed_or_refused_clearly()
        {
            string good = Defaults.Value;
            Gen<(int Position, int Kind, char Char)> edit =
                from position in Gen.Choose(0, good.Length - 1)
                from kind in Gen.Choose(0, 3)
                from c in Gen.Elements('{', '}', '[', ']', '"', ',', ':', '-', '9', '0', '.', 'e', 'x', ' ', '\u0000', '\\')
                select (position, kind, c);
            Gen<string> mutated = edit.ListOf(4).Select(edits => edits.Aggregate(good, (json, e) =>
            {
                int p = Math.Min(e.Position, json.Length - 1);
                return e.Kind switch
                {
                    0 => json.Remove(p, 1),
                    1 => json.Insert(p, e.Char.ToString()),
                    2 => json.Remove(p, 1).Insert(p, e.Char.ToString()),
                    _ => json.Insert(p, json.Substring(p, Math.Min(20, json.Length - p))),
                };
            }));
            var clock = Stopwatch.StartNew();

            Prop.ForAll(mutated.ToArbitrary(), ParsesOrRefusesClearly).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
            Prop.ForAll(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "").ToArbitrary(), ParsesOrRefusesClearly).Check(Config.QuickThrowOnFailure.WithMaxTest(200));

            Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        }
    }
}
