using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Choices;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.SolutionSchema
{
    /// <summary>
    /// The domain's choice tables (<see cref="AdvocacyChoices"/>) against the solution's option sets: every
    /// option of every choice, value and label, both ways, and the columns that use each choice.
    /// </summary>
    [TestClass]
    public sealed class ChoiceTableTests
    {
        /// <summary>The columns the product reads or writes through each table.</summary>
        private static readonly Dictionary<string, string[]> ColumnsByOptionSet = new Dictionary<string, string[]>
        {
            ["adv_tier"] = new[] { "account.adv_tier", "adv_advocate.adv_tiers" },
            ["adv_inconveniencekind"] = new[] { "adv_inconvenience.adv_kind" },
            ["adv_impactband"] = new[] { "adv_inconvenience.adv_impactband" },
            ["adv_loyaltyrisk"] = new[] { "account.adv_loyaltyrisk" },
            ["adv_specialty"] = new[] { "adv_advocate.adv_specialties" },
            ["adv_taskkind"] = new[] { "task.adv_kind" },
        };

        private static SolutionFolder S => SolutionFolder.Current;

        public static IEnumerable<object[]> Tables => AdvocacyChoices.All.Select(t => new object[] { t.OptionSetName });

        [TestMethod]
        [DynamicData(nameof(Tables))]
        public void Every_option_of_the_table_is_in_the_solution_with_its_label_and_no_other(string optionSetName)
        {
            IChoiceTable table = AdvocacyChoices.All.Single(t => t.OptionSetName == optionSetName);
            Dictionary<int, string> solution = OptionsOf(OptionSet(optionSetName));

            var failures = new List<string>();
            foreach (IChoiceOption option in table.Options)
            {
                if (!solution.TryGetValue(option.Value, out string? label))
                {
                    failures.Add(optionSetName + ": the table's " + option.Name + " = " + Text(option.Value) + " is not an option in the solution");
                }
                else if (label != option.Label)
                {
                    failures.Add(optionSetName + ": " + Text(option.Value) + " is labelled \"" + label + "\" in the solution but \"" + option.Label + "\" in the table");
                }
            }

            foreach (KeyValuePair<int, string> option in solution)
            {
                if (table.Options.All(o => o.Value != option.Key))
                {
                    failures.Add(optionSetName + ": the solution's option " + Text(option.Key) + " (\"" + option.Value + "\") is missing from the table");
                }
            }

            Assert.AreEqual(0, failures.Count, Environment.NewLine + string.Join(Environment.NewLine, failures));
        }

        [TestMethod]
        [DynamicData(nameof(Tables))]
        public void The_columns_that_use_the_choice_name_its_option_set(string optionSetName)
        {
            Assert.IsTrue(ColumnsByOptionSet.ContainsKey(optionSetName), optionSetName + ": say which columns use this table");
            foreach (string column in ColumnsByOptionSet[optionSetName])
            {
                string[] parts = column.Split('.');
                Assert.IsTrue(S.Entities.TryGetValue(parts[0], out EntityFile? entity), column + ": no table " + parts[0] + " in the solution");
                Assert.IsTrue(entity!.Attributes.TryGetValue(parts[1], out XElement? attribute), column + ": no such column in the solution");
                string? name = (string?)attribute!.Element("OptionSetName") ?? (string?)attribute.Element("optionset")?.Attribute("Name");
                Assert.AreEqual(optionSetName, name, column + " uses another choice");
            }
        }

        [TestMethod]
        public void Every_enum_value_has_exactly_one_option()
        {
            AssertCovers(AdvocacyChoices.Tiers);
            AssertCovers(AdvocacyChoices.InconvenienceKinds);
            AssertCovers(AdvocacyChoices.ImpactBands);
            AssertCovers(AdvocacyChoices.LoyaltyRisks);
            AssertCovers(AdvocacyChoices.Specialties);
            AssertCovers(AdvocacyChoices.TaskKinds);
        }

        [TestMethod]
        public void Task_kinds_carry_distinct_report_keys_and_the_urgent_kinds()
        {
            var keys = AdvocacyChoices.TaskKinds.Select(k => k.ReportKey).ToList();
            CollectionAssert.AllItemsAreUnique(keys);
            Assert.IsTrue(keys.All(k => k.Length > 0 && char.IsLower(k[0])), "report keys are camelCase JSON names");
            CollectionAssert.AreEquivalent(
                new[] { AdvocacyTaskKind.ImpactReview, AdvocacyTaskKind.DetractorRecovery, AdvocacyTaskKind.ManagerEscalation },
                AdvocacyChoices.TaskKinds.Where(k => k.IsUrgent).Select(k => k.Item).ToList());
        }

        [TestMethod]
        public void A_table_refuses_a_value_or_an_item_listed_twice()
        {
            Assert.ThrowsExactly<ArgumentException>(() => new ChoiceTable<LoyaltyRisk>("x",
                new ChoiceOption<LoyaltyRisk>(LoyaltyRisk.Low, 1, "Low"), new ChoiceOption<LoyaltyRisk>(LoyaltyRisk.High, 1, "High")));
            Assert.ThrowsExactly<ArgumentException>(() => new ChoiceTable<LoyaltyRisk>("x",
                new ChoiceOption<LoyaltyRisk>(LoyaltyRisk.Low, 1, "Low"), new ChoiceOption<LoyaltyRisk>(LoyaltyRisk.Low, 2, "Low")));
        }

        private static void AssertCovers<T, TOption>(ChoiceTable<T, TOption> table)
            where T : struct, Enum
            where TOption : ChoiceOption<T>
        {
            var missing = Enum.GetValues(typeof(T)).Cast<T>().Where(v => !table.Contains(v)).ToList();
            Assert.AreEqual(0, missing.Count, table.OptionSetName + " has no option for " + string.Join(", ", missing));
            Assert.AreEqual(Enum.GetValues(typeof(T)).Length, table.Count, table.OptionSetName);
        }

        /// <summary>The option set: global (OptionSets/{name}.xml) or local to a column of an Entity.xml.</summary>
        private static XElement OptionSet(string name)
        {
            var found = new List<XElement>();
            if (S.Documents.TryGetValue("OptionSets/" + name + ".xml", out XDocument? global))
            {
                found.Add(global.Root!);
            }

            found.AddRange(S.Entities.Values
                .SelectMany(e => e.Document.Descendants("optionset"))
                .Where(o => (string?)o.Attribute("Name") == name));
            Assert.HasCount(1, found, name + ": expected exactly one option set of this name in solution/");
            return found[0];
        }

        private static Dictionary<int, string> OptionsOf(XElement optionSet)
        {
            var options = new Dictionary<int, string>();
            foreach (XElement option in optionSet.Element("options")!.Elements("option"))
            {
                int value = int.Parse((string)option.Attribute("value")!, CultureInfo.InvariantCulture);
                string label = option.Element("labels")!.Elements("label").Single(l => (string?)l.Attribute("languagecode") == "1033").Attribute("description")!.Value;
                Assert.IsFalse(options.ContainsKey(value), (string?)optionSet.Attribute("Name") + ": value " + Text(value) + " twice in the solution");
                options.Add(value, label);
            }

            Assert.IsTrue(options.Count > 0, (string?)optionSet.Attribute("Name") + " has no options");
            return options;
        }

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
