using System;
using System.Collections.Generic;
using Advocacy.Cli.Settings;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Domain.Words;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Settings
{
    [TestClass]
    public sealed class AdvocacySettingsParserTests
    {
        private const string Prefix = "The environment variable adv_AdvocacySettings is not valid JSON settings: ";

        private static readonly string DefaultJson = AdvocacySettingsWriter.ToJson(AdvocacySettings.Defaults());

        private static AdvocacySettingsException Error(string json)
        {
            return Assert.ThrowsExactly<AdvocacySettingsException>(() => AdvocacySettingsParser.Parse(json));
        }

        [TestMethod]
        [DataRow(null)]
        [DataRow("")]
        [DataRow("   \r\n\t")]
        [DataRow("{}")]
        [DataRow("{ \"scoring\": {}, \"index\": {}, \"loyaltyRisk\": {}, \"assignment\": {}, \"followUp\": {}, \"sweep\": {} }")]
        public void Absent_values_mean_defaults(string? json)
        {
            Assert.AreEqual(DefaultJson, AdvocacySettingsWriter.ToJson(AdvocacySettingsParser.Parse(json)));
        }

        [TestMethod]
        public void Defaults_are_the_design_numbers()
        {
            var s = AdvocacySettingsParser.Parse(null);
            Assert.AreEqual(35, s.Scoring.DelayMaxPoints);
            Assert.AreEqual(15, s.Scoring.TierPoints[CustomerTier.Strategic]);
            Assert.AreEqual(90, s.Scoring.RecurrenceWindowDays);
            Assert.AreEqual(30, s.Index.HalfLifeDays);
            Assert.AreEqual(180, s.Index.WindowDays);
            Assert.AreEqual(30, s.FollowUp.CadenceDays[CustomerTier.Strategic]);
            Assert.AreEqual(Specialty.Logistics, s.Assignment.SpecialtyByKind[InconvenienceKind.LateDelivery]);
            Assert.IsFalse(s.Assignment.SpecialtyByKind.ContainsKey(InconvenienceKind.Other));
        }

        [TestMethod]
        public void Written_defaults_parse_back_to_the_same_json()
        {
            Assert.AreEqual(DefaultJson, AdvocacySettingsWriter.ToJson(AdvocacySettingsParser.Parse(DefaultJson)));
        }

        [TestMethod]
        public void Every_key_round_trips()
        {
            var changed = EveryValueChanged();
            var json = AdvocacySettingsWriter.ToJson(changed);
            Assert.AreNotEqual(DefaultJson, json);
            var parsed = AdvocacySettingsParser.Parse(json);
            Assert.AreEqual(json, AdvocacySettingsWriter.ToJson(parsed));

            // Spot checks through the object model, one per section and per map.
            Assert.AreEqual(0.0075, parsed.Scoring.LossRatePerDay);
            Assert.AreEqual(9.5, parsed.Scoring.TierPoints[CustomerTier.Key]);
            Assert.AreEqual(45, parsed.Index.HalfLifeDays);
            Assert.AreEqual(25, parsed.LoyaltyRisk.MediumIndexAtLeast);
            Assert.AreEqual(Specialty.Onboarding, parsed.Assignment.SpecialtyByKind[InconvenienceKind.Other]);
            Assert.IsFalse(parsed.Assignment.SpecialtyByKind.ContainsKey(InconvenienceKind.FeeOrPolicyChange));
            Assert.AreEqual(Specialty.Technical, parsed.Assignment.SpecialtyBySubject["wi-fi & \"network\""]);
            Assert.AreEqual(45, parsed.FollowUp.CadenceDays[CustomerTier.Strategic]);
            Assert.AreEqual(4, parsed.FollowUp.CheckInDueBusinessDays[CustomerTier.Key]);
            Assert.AreEqual(77, parsed.Sweep.TimeBudgetSeconds);
            Assert.AreEqual("Feiertage \"Berlin\"", parsed.FollowUp.HolidaySchedule);
            Assert.IsTrue(parsed.FollowUp.BusinessClosures);
        }

        [TestMethod]
        [DataRow("null", null)]
        [DataRow("\"  Company holidays \"", "Company holidays")]
        public void Holiday_schedule_is_a_calendars_name_or_null(string value, string? expected)
        {
            Assert.AreEqual(expected, AdvocacySettingsParser.Parse("{\"followUp\": {\"holidaySchedule\": " + value + "}}").FollowUp.HolidaySchedule);
            Assert.IsNull(AdvocacySettings.Defaults().FollowUp.HolidaySchedule, "weekends only unless a schedule is named");
        }

        [TestMethod]
        public void Every_key_written_changes_exactly_its_own_value()
        {
            // Each leaf of the changed settings, written alone, must differ from the defaults in exactly that key.
            var changed = EveryValueChanged();
            foreach (var single in Leaves(changed))
            {
                var parsed = AdvocacySettingsParser.Parse(single);
                Assert.AreNotEqual(DefaultJson, AdvocacySettingsWriter.ToJson(parsed), single);
            }
        }

        [TestMethod]
        public void Missing_tiers_keep_their_defaults()
        {
            var s = AdvocacySettingsParser.Parse("{\"scoring\":{\"tierPoints\":{\"strategic\":20}},\"followUp\":{\"cadenceDays\":{\"key\":45}}}");
            Assert.AreEqual(20, s.Scoring.TierPoints[CustomerTier.Strategic]);
            Assert.AreEqual(8, s.Scoring.TierPoints[CustomerTier.Key]);
            Assert.AreEqual(45, s.FollowUp.CadenceDays[CustomerTier.Key]);
            Assert.AreEqual(30, s.FollowUp.CadenceDays[CustomerTier.Strategic]);
        }

        [TestMethod]
        public void Specialty_by_kind_merges_and_null_removes()
        {
            var s = AdvocacySettingsParser.Parse("{\"assignment\":{\"specialtyByKind\":{\"other\":\"Onboarding\",\"billingError\":null}}}");
            Assert.AreEqual(Specialty.Onboarding, s.Assignment.SpecialtyByKind[InconvenienceKind.Other]);
            Assert.IsFalse(s.Assignment.SpecialtyByKind.ContainsKey(InconvenienceKind.BillingError));
            Assert.AreEqual(Specialty.Logistics, s.Assignment.SpecialtyByKind[InconvenienceKind.LateDelivery]);
        }

        [TestMethod]
        public void Specialty_by_subject_replaces_the_defaults_and_matches_case_insensitively()
        {
            var s = AdvocacySettingsParser.Parse("{\"assignment\":{\"specialtyBySubject\":{\"Returns\":\"logistics\"}}}");
            Assert.AreEqual(1, s.Assignment.SpecialtyBySubject.Count);
            Assert.AreEqual(Specialty.Logistics, s.Assignment.SpecialtyBySubject["RETURNS"]);
        }

        [TestMethod]
        public void Parse_returns_a_fresh_instance_each_time()
        {
            Assert.AreNotSame(AdvocacySettingsParser.Parse("{}"), AdvocacySettingsParser.Parse("{}"));
        }

        [TestMethod]
        public void Wrong_type_names_the_variable_the_path_and_the_value()
        {
            var error = Error("{\"scoring\": {\"tierPoints\": {\"strategic\": \"high\"}}}");
            Assert.AreEqual(Prefix + "$.scoring.tierPoints.strategic must be a number between 0 and 100 (found \"high\").", error.Message);
            Assert.AreEqual("$.scoring.tierPoints.strategic", error.Path);
            Assert.AreEqual(1, error.Line);
            Assert.AreEqual(42, error.Column);
        }

        [TestMethod]
        [DataRow("{\"scoring\": []}", "$.scoring must be an object (found an array).")]
        [DataRow("[]", "$ must be an object (found an array).")]
        [DataRow("null", "$ must be an object (found null).")]
        [DataRow("{\"index\": {\"windowDays\": -5}}", "$.index.windowDays must be a whole number between 1 and 3650 (found -5).")]
        [DataRow("{\"followUp\": {\"cadenceDays\": {\"key\": 30.5}}}", "$.followUp.cadenceDays.key must be a whole number between 1 and 3650 (found 30.5).")]
        [DataRow("{\"followUp\": {\"cadenceDays\": {\"key\": -1}}}", "$.followUp.cadenceDays.key must be a whole number between 1 and 3650 (found -1).")]
        [DataRow("{\"scoring\": {\"delayScaleDays\": 0}}", "$.scoring.delayScaleDays must be a number greater than 0 and at most 3650 (found 0).")]
        [DataRow("{\"scoring\": {\"delayMaxPoints\": 1e400}}", "$.scoring.delayMaxPoints must be a number between 0 and 100 (found 1e400).")]
        [DataRow("{\"scoring\": {\"criticalPoints\": true}}", "$.scoring.criticalPoints must be a number between 0 and 100 (found true).")]
        [DataRow("{\"sweep\": {\"pageSize\": \"5000\"}}", "$.sweep.pageSize must be a whole number between 1 and 5000 (found \"5000\").")]
        [DataRow("{\"assignment\": {\"specialtyByKind\": {\"lateDelivery\": \"shipping\"}}}",
            "$.assignment.specialtyByKind.lateDelivery must be one of \"logistics\", \"billing\", \"technical\", \"onboarding\" or null for no preference (found \"shipping\").")]
        [DataRow("{\"assignment\": {\"specialtyBySubject\": {\"Shipping & returns\": 3}}}",
            "$.assignment.specialtyBySubject['Shipping & returns'] must be one of \"logistics\", \"billing\", \"technical\", \"onboarding\" (found 3).")]
        [DataRow("{\"assignment\": {\"specialtyBySubject\": {\"Billing\": \"billing\", \"BILLING\": \"billing\"}}}",
            "$.assignment.specialtyBySubject.BILLING repeats a subject already listed (subjects are matched case-insensitively).")]
        [DataRow("{\"followUp\": {\"holidaySchedule\": \"  \"}}", "$.followUp.holidaySchedule is not a holiday schedule's name: give the name of a calendar of type Holiday Schedule (1 to 160 characters), or null for weekends only (found \"  \").")]
        [DataRow("{\"followUp\": {\"holidaySchedule\": 2}}", "$.followUp.holidaySchedule is not a holiday schedule's name: give the name of a calendar of type Holiday Schedule (1 to 160 characters), or null for weekends only (found 2).")]
        [DataRow("{\"followUp\": {\"businessClosures\": \"yes\"}}", "$.followUp.businessClosures must be true or false (found \"yes\").")]
        public void Invalid_values_are_rejected_with_their_path(string json, string expected)
        {
            Assert.AreEqual(Prefix + expected, Error(json).Message);
        }

        [TestMethod]
        public void Unknown_keys_are_rejected_with_a_suggestion()
        {
            var error = Error("{\"scoring\": {\"delayMaxPoint\": 30}}");
            Assert.AreEqual(Prefix + "$.scoring.delayMaxPoint is not a known setting (did you mean \"delayMaxPoints\"?).", error.Message);
            Assert.AreEqual("$.scoring.delayMaxPoint", error.Path);
            Assert.AreEqual(1, error.Line);
            Assert.AreEqual(14, error.Column);

            StringAssert.Contains(Error("{\"Scoring\": {}}").Message, "$.Scoring is not a known setting (did you mean \"scoring\"?)");
            StringAssert.Contains(Error("{\"followUp\": {\"cadenceDays\": {\"gold\": 10}}}").Message,
                "$.followUp.cadenceDays.gold is not a known setting; the keys allowed here are standard, key, strategic");
        }

        [TestMethod]
        public void Unknown_key_wins_over_a_bad_value_in_the_same_object()
        {
            StringAssert.Contains(Error("{\"sweep\": {\"pageSize\": -1, \"bachSize\": 10}}").Message, "$.sweep.bachSize is not a known setting");
        }

        [TestMethod]
        public void Cross_field_rules_blame_the_value_that_was_written()
        {
            Assert.AreEqual(Prefix + "$.scoring.highFrom must be greater than $.scoring.moderateFrom (25) (found 20).",
                Error("{\"scoring\": {\"highFrom\": 20}}").Message);
            Assert.AreEqual(Prefix + "$.scoring.moderateFrom must be less than $.scoring.highFrom (50) (found 60).",
                Error("{\"scoring\": {\"moderateFrom\": 60}}").Message);
            Assert.AreEqual(Prefix + "$.scoring.tierPoints.strategic must be at least $.scoring.tierPoints.key (8) (found 5).",
                Error("{\"scoring\": {\"tierPoints\": {\"strategic\": 5}}}").Message);
            StringAssert.Contains(Error("{\"loyaltyRisk\": {\"mediumNpsAtMost\": 5}}").Message, "$.loyaltyRisk.mediumNpsAtMost must be at least");
            StringAssert.Contains(Error("{\"loyaltyRisk\": {\"mediumIndexAtLeast\": 70}}").Message, "$.loyaltyRisk.mediumIndexAtLeast must be at most");
            StringAssert.Contains(Error("{\"followUp\": {\"managerEscalationNpsAtMost\": 7}}").Message, "$.followUp.managerEscalationNpsAtMost must be at most");
        }

        [TestMethod]
        public void Syntax_errors_name_the_variable_line_column_and_path()
        {
            var json = "{\n  \"scoring\": {\n    \"delayMaxPoints\": 35,\n  }\n}";
            var error = Error(json);
            Assert.AreEqual("The environment variable adv_AdvocacySettings is not valid JSON: expected a key in double quotes but found '}' "
                + "at line 4, column 3 ($.scoring).", error.Message);
            Assert.AreEqual(4, error.Line);
            Assert.AreEqual(3, error.Column);
            Assert.AreEqual("$.scoring", error.Path);
            Assert.IsInstanceOfType<JsonSyntaxException>(error.InnerException);
        }

        [TestMethod]
        public void Duplicate_keys_and_trailing_garbage_are_syntax_errors()
        {
            StringAssert.Contains(Error("{\"sweep\": {\"pageSize\": 10, \"pageSize\": 20}}").Message, "duplicate key \"pageSize\" at line 1, column 28 ($.sweep.pageSize)");
            StringAssert.Contains(Error("{} {}").Message, "after the end of the JSON value");
        }

        [TestMethod]
        public void Settings_errors_are_not_user_input_errors()
        {
            // The admin fixes these, not the user who happened to trigger the plug-in.
            Assert.IsNotInstanceOfType<AdvocacyInputException>(Error("[]"));
        }

        internal static AdvocacySettings EveryValueChanged()
        {
            var s = new AdvocacySettings();
            var sc = s.Scoring;
            sc.DelayMaxPoints = 30;
            sc.DelayScaleDays = 10.5;
            sc.CriticalPoints = 25;
            sc.MoneyMaxPoints = 12;
            sc.MoneyUnit = 500;
            sc.MoneyDecades = 4;
            sc.TierPoints[CustomerTier.Standard] = 1;
            sc.TierPoints[CustomerTier.Key] = 9.5;
            sc.TierPoints[CustomerTier.Strategic] = 16;
            sc.RecurrencePointsEach = 4;
            sc.RecurrenceMaxPoints = 12;
            sc.RecurrenceWindowDays = 120;
            sc.ModerateFrom = 20;
            sc.HighFrom = 45;
            sc.SevereFrom = 70;
            sc.LossRatePerDay = 0.0075;
            sc.LossCriticalMultiplier = 3;
            sc.LossMaxDays = 90;
            s.Index.HalfLifeDays = 45;
            s.Index.WindowDays = 365;
            s.Index.Cap = 90;
            var r = s.LoyaltyRisk;
            r.HighNpsAtMost = 5;
            r.HighCsatAtMost = 1;
            r.HighIndexAtLeast = 70;
            r.MediumNpsAtMost = 7;
            r.MediumCsatAtMost = 2;
            r.MediumIndexAtLeast = 25;
            var a = s.Assignment;
            a.DefaultCapacity = 40;
            a.SpecialtyByKind[InconvenienceKind.Other] = Specialty.Onboarding;
            a.SpecialtyByKind[InconvenienceKind.ServiceOutage] = Specialty.Logistics;
            a.SpecialtyByKind.Remove(InconvenienceKind.FeeOrPolicyChange);
            a.SpecialtyBySubject = new Dictionary<string, Specialty>(StringComparer.OrdinalIgnoreCase)
            {
                { "Returns", Specialty.Logistics },
                { "wi-fi & \"network\"", Specialty.Technical },
            };
            a.ReassignBatchSize = 100;
            a.IntroductionDueBusinessDays = 3;
            var f = s.FollowUp;
            f.CadenceDays[CustomerTier.Strategic] = 45;
            f.CadenceDays[CustomerTier.Key] = 75;
            f.CadenceDays[CustomerTier.Standard] = 120;
            f.CheckInDueBusinessDays[CustomerTier.Strategic] = 2;
            f.CheckInDueBusinessDays[CustomerTier.Key] = 4;
            f.CheckInDueBusinessDays[CustomerTier.Standard] = 6;
            f.ProactiveWindowDays = 10;
            f.ProactiveCheckInDueBusinessDays = 4;
            f.ImpactReviewDueBusinessDays = 2;
            f.DetractorDueBusinessDays = 2;
            f.DetractorNpsAtMost = 5;
            f.DetractorCsatAtMost = 1;
            f.ManagerEscalationNpsAtMost = 2;
            f.UnassignedDueBusinessDays = 3;
            f.HolidaySchedule = "Feiertage \"Berlin\"";
            f.BusinessClosures = true;
            s.Sweep.PageSize = 2000;
            s.Sweep.BatchSize = 200;
            s.Sweep.TimeBudgetSeconds = 77;
            return s;
        }

        /// <summary>"{"section":{"key":value}}" for every leaf of the settings' JSON (maps as a whole).</summary>
        private static IEnumerable<string> Leaves(AdvocacySettings settings)
        {
            var root = (JsonObject)JsonParser.Parse(AdvocacySettingsWriter.ToJson(settings));
            foreach (var section in root.Members)
            {
                foreach (var leaf in ((JsonObject)section.Value).Members)
                {
                    var text = Slice(leaf.Value);
                    yield return "{\"" + section.Name + "\": {\"" + leaf.Name + "\": " + text + "}}";
                }
            }

            string Slice(JsonValue value)
            {
                // Re-serialise just this value through a throw-away settings round trip is overkill; write it directly.
                switch (value)
                {
                    case JsonNumber n:
                        return n.Text;
                    case JsonString str:
                        return "\"" + str.Value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
                    case JsonObject o:
                        var parts = new List<string>();
                        foreach (var m in o.Members)
                        {
                            parts.Add("\"" + m.Name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\": " + Slice(m.Value));
                        }

                        return "{" + string.Join(", ", parts) + "}";
                    default:
                        return value.Kind == JsonValueKind.Null ? "null" : value.Kind == JsonValueKind.True ? "true" : "false";
                }
            }
        }

        [TestMethod]
        [DataRow("{ \"scoring\": { \"tierPoint\": {} } }",
            "$.scoring.tierPoint ist keine bekannte Einstellung (meinten Sie \"tierPoints\"?).",
            "$.scoring.tierPoint is not a known setting (did you mean \"tierPoints\"?).")]
        [DataRow("{ \"scoring\": [] }",
            "$.scoring muss ein Objekt sein (gefunden: ein Array).",
            "$.scoring must be an object (found an array).")]
        [DataRow("{ \"scoring\": { \"moneyUnit\": 0 } }",
            "$.scoring.moneyUnit muss eine Zahl größer als 0 und höchstens",
            "$.scoring.moneyUnit must be a number greater than 0 and at most")]
        public void A_settings_error_reads_German_for_a_German_reader_and_keeps_the_English_message(string json, string german, string english)
        {
            var error = Assert.ThrowsExactly<AdvocacySettingsException>(() => AdvocacySettingsParser.Parse(json));

            StringAssert.Contains(error.MessageIn(Language.German), "Die Umgebungsvariable adv_AdvocacySettings enthält keine gültigen Einstellungen: " + german);
            StringAssert.Contains(error.Message, english);
            Assert.AreEqual(error.Message, error.MessageIn(Language.English));
        }

        [TestMethod]
        public void A_json_syntax_error_reads_German_around_the_json_readers_English_reason()
        {
            var error = Assert.ThrowsExactly<AdvocacySettingsException>(() => AdvocacySettingsParser.Parse("{ \"scoring\": "));

            StringAssert.StartsWith(error.MessageIn(Language.German), "Die Umgebungsvariable adv_AdvocacySettings enthält kein gültiges JSON: ");
            StringAssert.Contains(error.MessageIn(Language.German), " in Zeile 1, Spalte ");
        }
    }
}
