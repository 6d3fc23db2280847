using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Words;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Words
{
    [TestClass]
    public sealed class StringTableTests
    {
        private static readonly Regex Placeholder = new Regex(@"\{(\d+)\}");

        private static string[] Placeholders(string template) =>
            Placeholder.Matches(template).Cast<Match>().Select(m => m.Value).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToArray();

        [TestMethod]
        public void Every_key_has_English_text()
        {
            var missing = Enum.GetValues(typeof(TextKey)).Cast<TextKey>().Where(k => !EnglishTexts.Table.Entries.ContainsKey(k)).ToList();

            Assert.IsEmpty(missing, "English lacks: " + string.Join(", ", missing));
        }

        [TestMethod]
        public void Every_shipped_table_has_every_English_key_with_the_same_placeholders_and_nothing_else()
        {
            foreach (var table in Language.Tables.Where(t => t != EnglishTexts.Table))
            {
                var problems = new List<string>();
                foreach (var entry in EnglishTexts.Table.Entries)
                {
                    if (!table.Entries.TryGetValue(entry.Key, out var text))
                    {
                        problems.Add(entry.Key + " is missing");
                    }
                    else if (!Placeholders(entry.Value).SequenceEqual(Placeholders(text)))
                    {
                        problems.Add(entry.Key + " has " + string.Join("", Placeholders(text)) + " where English has " + string.Join("", Placeholders(entry.Value)));
                    }
                    else if (string.IsNullOrEmpty(text) != string.IsNullOrEmpty(entry.Value))
                    {
                        problems.Add(entry.Key + " is empty");
                    }
                }

                problems.AddRange(table.Entries.Keys.Where(k => !EnglishTexts.Table.Entries.ContainsKey(k)).Select(k => k + " is not an English key"));
                Assert.IsEmpty(problems, table.Name + ": " + string.Join("; ", problems));
            }
        }

        [TestMethod]
        public void A_key_missing_from_a_table_would_be_found()
        {
            // The check above must be able to fail: a table without one key and one with a dropped placeholder.
            var partial = EnglishTexts.Table.Entries.Where(e => e.Key != TextKey.RouteAnd).ToDictionary(e => e.Key, e => e.Value);
            partial[TextKey.MoneyAtStake] = "auf dem Spiel";

            Assert.IsFalse(partial.ContainsKey(TextKey.RouteAnd));
            CollectionAssert.AreNotEqual(Placeholders(EnglishTexts.Table.Entries[TextKey.MoneyAtStake]), Placeholders(partial[TextKey.MoneyAtStake]));
        }

        [TestMethod]
        public void Every_template_in_every_table_formats_with_its_placeholders_filled()
        {
            foreach (var table in Language.Tables)
            {
                var language = Language.For(table.LanguageId, null);
                foreach (var entry in table.Entries)
                {
                    var args = Enumerable.Range(0, 10).Select(i => (object)("«" + i + "»")).ToArray();
                    var text = language.Format(entry.Key, args);
                    foreach (var p in Placeholders(entry.Value))
                    {
                        StringAssert.Contains(text, "«" + p.Trim('{', '}') + "»", table.Name + " " + entry.Key);
                    }

                    Assert.DoesNotMatchRegex(Placeholder, text, table.Name + " " + entry.Key);
                }
            }
        }

        [TestMethod]
        public void German_readers_get_German_words_and_with_localeid_1031_dates_like_10_03_2026_and_money_like_5_760_00()
        {
            var german = Language.For(1031, 1031);
            var day = new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);

            Assert.AreEqual(1031, german.LanguageId);
            Assert.AreEqual("10.03.2026", german.Date(day));
            Assert.AreEqual("5.760,00", 5760m.ToString("N2", german.NumberFormat));
            Assert.AreEqual("12 Tage zu spät geliefert", german.Format(TextKey.DelayDeliveredLate, german.Format(TextKey.DaysMany, 12)));
            Assert.AreEqual("Kunde der Stufe „strategisch“", german.Format(TextKey.TierCustomer, CustomerTier.Strategic));
        }

        [TestMethod]
        public void Words_follow_uilanguageid_and_formats_follow_localeid_independently()
        {
            var day = new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);

            Assert.AreEqual("Tue 10 Mar 2026", Language.English.Date(day), "no settings: the house style");
            Assert.AreEqual("Tue 10 Mar 2026", Language.For(1033, 1033).Date(day), "1033, every new user's default: the house style");
            Assert.AreEqual("10/03/2026", Language.For(1033, 2057).Date(day), "en-GB");
            Assert.AreEqual("10.03.2026", Language.For(1031, 1033).Date(day), "German with the platform's default locale: German formats");
            Assert.AreEqual("strategic", Language.For(1033, 1031).Word(CustomerTier.Strategic), "English words ...");
            Assert.AreEqual("10.03.2026", Language.For(1033, 1031).Date(day), "... German dates");
            Assert.AreEqual("10.03.2026", Language.For(1031, null).Date(day), "German without a locale: German formats");
        }

        [TestMethod]
        public void A_language_we_ship_no_table_for_reads_English_with_its_own_formats()
        {
            var french = Language.For(1036, 1036);

            Assert.AreEqual(1033, french.LanguageId);
            Assert.IsFalse(Language.IsShipped(1036));
            Assert.AreEqual("delivered 3 days late", french.Format(TextKey.DelayDeliveredLate, french.Format(TextKey.DaysMany, 3)));
            Assert.AreEqual("10/03/2026", french.Date(new DateTime(2026, 3, 10)));
            Assert.AreEqual(1033, Language.For(1031 + 1, null).LanguageId);
        }

        [TestMethod]
        public void An_unknown_locale_falls_back_to_the_languages_default_formats()
        {
            Assert.AreEqual("Tue 10 Mar 2026", Language.For(1033, 999999).Date(new DateTime(2026, 3, 10)));
            Assert.AreEqual("10.03.2026", Language.For(1031, 999999).Date(new DateTime(2026, 3, 10)));
        }

        [TestMethod]
        public void A_phrase_is_worded_for_each_reader_and_survives_encoding_between_steps()
        {
            var reason = Phrase.Join("; ", new object[]
            {
                Phrase.Of(TextKey.ReasonChoseSpecialist, "Lee (Park), Jr.", Specialty.Logistics, "0/25"),
                Phrase.Of(TextKey.RouteStaysWith, Phrase.Of(TextKey.RouteAway, "Ann", Phrase.Of(TextKey.AwayUntil, new DateTime(2026, 3, 12, 0, 0, 0, DateTimeKind.Utc))), "Ann"),
                Phrase.Of(TextKey.ReasonNonePart, 3, Phrase.Of(TextKey.StateAtCapacity)),
                Phrase.Of(TextKey.TierCustomer, CustomerTier.Key),
                Phrase.Of(TextKey.ImpactHeadline, 82, ImpactBand.Severe),
                Phrase.Of(TextKey.ErrorAmountNegative, Phrase.Of(TextKey.FieldOrderValue), -12.5m),
                null!,
            });

            var decoded = Phrase.Decode(reason.Encode());

            Assert.AreEqual(reason.In(Language.English), decoded.In(Language.English));
            Assert.AreEqual(reason.In(Language.German), decoded.In(Language.German));
            StringAssert.StartsWith(reason.ToString(), "chose Lee (Park), Jr.: logistics specialist, lowest load 0/25; Ann is out of office until Thu 12 Mar 2026; urgent work stays with Ann");
            StringAssert.StartsWith(reason.In(Language.German), "Lee (Park), Jr. gewählt: Fachgebiet Logistik, geringste Auslastung 0/25; Ann ist abwesend bis 12.03.2026");
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("(")]
        [DataRow("(k1")]
        [DataRow("(k1,s99:abc)")]
        [DataRow("(x)")]
        [DataRow("(k1)trailing")]
        [DataRow("(k1,q1;)")]
        public void Text_that_is_not_an_encoded_phrase_is_refused(string encoded)
        {
            Assert.ThrowsExactly<FormatException>(() => Phrase.Decode(encoded));
        }

        [TestMethod]
        public void An_input_error_carries_its_words_so_each_caller_reads_it_in_their_language()
        {
            var error = new AdvocacyInputException(Phrase.Of(TextKey.ErrorNpsRange, 11));

            Assert.AreEqual("Enter an NPS score from 0 to 10 (found 11).", error.Message);
            Assert.AreEqual("Geben Sie einen NPS-Wert von 0 bis 10 ein (gefunden: 11).", error.MessageIn(Language.German));
        }
    }
}
