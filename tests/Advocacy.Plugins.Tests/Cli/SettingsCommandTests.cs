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
            folder = Path.Combine(Path.GetTempPath(), "advocacy-settings-" + Guid.NewGuid().ToString("N"));
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
