using System;
using System.CommandLine;
using System.IO;
using Advocacy.Cli.Commands;
using Advocacy.Cli.Settings;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Cli
{
    [TestClass]
    public sealed class SettingsCommandTests
    {
        private string folder = null!;

        [TestInitialize]
        public void CreateFolder()
        {
            folder = Support.TestRunFolders.New("settings-");
            Directory.CreateDirectory(folder);
        }

        [TestCleanup]
        public void DeleteFolder() => Directory.Delete(folder, recursive: true);

        private FileInfo Write(string json)
        {
            var path = Path.Combine(folder, "settings.json");
            File.WriteAllText(path, json);
            return new FileInfo(path);
        }

        private static (int Code, string Output, string Error) Run(FileInfo? file)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = SettingsCommand.Run(file, output, error);
            return (code, output.ToString(), error.ToString());
        }

        [TestMethod]
        public void Without_a_file_it_prints_every_default()
        {
            var (code, output, error) = Run(null);

            Assert.AreEqual(0, code, error);
            Assert.AreEqual(string.Empty, error);
            Assert.AreEqual(AdvocacySettingsWriter.ToJson(AdvocacySettings.Defaults()), output.TrimEnd('\r', '\n'));
            foreach (var key in new[] { "\"scoring\"", "\"index\"", "\"loyaltyRisk\"", "\"assignment\"", "\"followUp\"", "\"sweep\"", "\"delayMaxPoints\": 35", "\"timeBudgetSeconds\": 90" })
            {
                StringAssert.Contains(output, key);
            }
        }

        [TestMethod]
        public void A_good_file_prints_the_effective_settings_with_its_changes_and_the_defaults()
        {
            var (code, output, error) = Run(Write("{ \"followUp\": { \"cadenceDays\": { \"strategic\": 14 } }, \"sweep\": { \"pageSize\": 500 } }"));

            Assert.AreEqual(0, code, error);
            var effective = AdvocacySettingsParser.Parse(output);
            Assert.AreEqual(14, effective.FollowUp.CadenceDays[CustomerTier.Strategic]);
            Assert.AreEqual(60, effective.FollowUp.CadenceDays[CustomerTier.Key], "an unchanged key keeps its default");
            Assert.AreEqual(500, effective.Sweep.PageSize);
            Assert.AreEqual(AdvocacySettingsWriter.ToJson(effective), output.TrimEnd('\r', '\n'), "every key, as the writer writes it");
        }

        [TestMethod]
        public void A_bad_file_is_refused_naming_the_file_and_the_path_with_a_non_zero_exit_code()
        {
            var file = Write("{ \"scoring\": { \"tierPoints\": { \"strategic\": \"high\" } } }");

            var (code, output, error) = Run(file);

            Assert.AreNotEqual(0, code);
            Assert.AreEqual(string.Empty, output);
            StringAssert.Contains(error, file.FullName);
            StringAssert.Contains(error, "$.scoring.tierPoints.strategic must be a number between 0 and 100 (found \"high\")");
        }

        [TestMethod]
        public void Malformed_json_and_a_missing_file_are_refused()
        {
            var (code, _, error) = Run(Write("{ \"sweep\": "));
            Assert.AreNotEqual(0, code);
            StringAssert.Contains(error, "is not valid JSON");

            var missing = new FileInfo(Path.Combine(folder, "absent.json"));
            (code, _, error) = Run(missing);
            Assert.AreNotEqual(0, code);
            StringAssert.Contains(error, missing.FullName);
        }

        private static (int Code, string Output, string Error) Cli(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = Advocacy.Cli.Program.Run(args, output, error);
            return (code, output.ToString(), error.ToString());
        }

        [TestMethod]
        public void A_value_given_on_the_command_line_prints_the_same_effective_settings_as_the_same_file()
        {
            const string Value = "{ \"sweep\": { \"batchSize\": 200 }, \"index\": { \"halfLifeDays\": 45 } }";
            var (code, output, error) = Cli("settings", "--value", Value);
            var (_, fromFile, _) = Run(Write(Value));

            Assert.AreEqual(0, code, error);
            Assert.AreEqual(fromFile, output);
            Assert.AreEqual(200, AdvocacySettingsParser.Parse(output).Sweep.BatchSize);
        }

        [TestMethod]
        public void A_bad_value_on_the_command_line_is_refused_naming_the_option_and_the_path()
        {
            var (code, output, error) = Cli("settings", "--value", "{ \"sweep\": { \"pageSize\": 6000 } }");

            Assert.AreEqual(1, code);
            Assert.AreEqual(string.Empty, output);
            StringAssert.Contains(error, "advocacy settings: --value: ");
            StringAssert.Contains(error, "$.sweep.pageSize");
        }

        [TestMethod]
        public void A_file_and_a_value_together_are_a_usage_error()
        {
            var (code, _, error) = Cli("settings", "--file", Write("{}").FullName, "--value", "{}");
            Assert.AreEqual(2, code);
            StringAssert.Contains(error, "give --file or --value, not both");
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("   ")]
        [DataRow("{}")]
        [DataRow("{ \"followUp\": { \"cadenceDays\": { \"key\": 45 } } }")]
        [DataRow("{ \"scoring\": { \"highFrom\": 20 } }")]
        [DataRow("{ \"sweep\": { \"timeBudgetSeconds\": 111 } }")]
        [DataRow("{ \"sweeps\": {} }")]
        [DataRow("[1, 2]")]
        [DataRow("{ \"assignment\": { \"specialtyByKind\": { \"lateDelivery\": \"finance\" } } }")]
        public void The_command_accepts_exactly_what_the_plug_ins_accept_and_prints_what_they_would_use(string value)
        {
            // The plug-ins read the value through SettingsReader → AdvocacySettingsCache; the CLI must agree on every value.
            AdvocacySettings? plugIns = null;
            string? refusal = null;
            try
            {
                plugIns = AdvocacySettingsCache.Get(value);
            }
            catch (AdvocacySettingsException e)
            {
                refusal = e.Message;
            }

            var (code, output, error) = Cli("settings", "--value", value);

            if (plugIns != null)
            {
                Assert.AreEqual(0, code, error);
                Assert.AreEqual(AdvocacySettingsWriter.ToJson(plugIns), output.TrimEnd('\r', '\n'));
            }
            else
            {
                Assert.AreEqual(1, code, output);
                StringAssert.Contains(error, refusal!);
            }
        }

        [TestMethod]
        public void The_command_line_binds_the_file_option()
        {
            var root = new RootCommand { SettingsCommand.Create() };
            var parsed = root.Parse(new[] { "settings", "--file", "my settings.json" });
            Assert.AreEqual(0, parsed.Errors.Count, string.Join("; ", parsed.Errors));
            Assert.AreEqual("settings", parsed.CommandResult.Command.Name);

            Assert.AreEqual(0, root.Parse(new[] { "settings" }).Errors.Count, "the file is optional");
        }
    }
}
