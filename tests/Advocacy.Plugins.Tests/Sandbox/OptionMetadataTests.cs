using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Plugins.Registration;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Metadata;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// RetrieveAttribute and RetrieveEntity describe choice, state, status, multi-select and Yes/No columns with their
    /// option sets, so a plug-in that reads a choice's label the usual way can be tested. The oracle is the solution's
    /// own XML (OptionSets/*.xml, Entity.xml), read here, not the sandbox's metadata.
    /// </summary>
    [TestClass]
    public sealed class OptionMetadataTests
    {
        private const int English = 1033;
        private const int German = 1031;

        [TestMethod]
        public void A_global_choice_comes_back_as_a_picklist_with_the_solution_s_options_and_labels()
        {
            var sandbox = DataverseSandbox.ForRepository();

            var tier = (PicklistAttributeMetadata)Attribute(sandbox.Service, "account", "adv_tier");

            Assert.AreEqual(AttributeTypeCode.Picklist, tier.AttributeType);
            Assert.AreEqual("adv_tier", tier.OptionSet.Name);
            Assert.AreEqual(true, tier.OptionSet.IsGlobal);
            Assert.AreEqual(OptionSetType.Picklist, tier.OptionSet.OptionSetType);
            AssertOptions(OptionsIn(GlobalOptionSet("adv_tier")), tier.OptionSet.Options, English);
        }

        [TestMethod]
        public void A_user_who_reads_German_gets_the_German_label_and_every_language_beside_it()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var greta = sandbox.SeedUser("Greta Berger");
            sandbox.Regional.SetUserSettings(greta, uiLanguageId: German);

            var tier = (PicklistAttributeMetadata)Attribute(sandbox.CreateService(greta), "account", "adv_tier");

            var expected = OptionsIn(GlobalOptionSet("adv_tier"));
            AssertOptions(expected, tier.OptionSet.Options, German);
            Assert.AreEqual("Strategisch", tier.OptionSet.Options.Single(o => o.Value == 104520000).Label.UserLocalizedLabel.Label, "the solution's German label");
        }

        [TestMethod]
        public void A_language_the_solution_has_no_labels_for_reads_English()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var jeanne = sandbox.SeedUser("Jeanne Martin");
            sandbox.Regional.SetUserSettings(jeanne, uiLanguageId: 1036);

            var tier = (PicklistAttributeMetadata)Attribute(sandbox.CreateService(jeanne), "account", "adv_tier");

            AssertOptions(OptionsIn(GlobalOptionSet("adv_tier")), tier.OptionSet.Options, English);
        }

        [TestMethod]
        public void A_custom_table_s_state_and_status_come_from_its_Entity_xml()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var entityXml = EntityXml("adv_Advocate");

            var state = (StateAttributeMetadata)Attribute(sandbox.Service, "adv_advocate", "statecode");
            var status = (StatusAttributeMetadata)Attribute(sandbox.Service, "adv_advocate", "statuscode");

            Assert.AreEqual(AttributeTypeCode.State, state.AttributeType);
            Assert.AreEqual(OptionSetType.State, state.OptionSet.OptionSetType);
            Assert.AreEqual("adv_advocate_statecode", state.OptionSet.Name);
            Assert.AreEqual(false, state.OptionSet.IsGlobal);
            var stateXml = LocalOptionSet(entityXml, "statecode");
            AssertOptions(OptionsIn(stateXml), state.OptionSet.Options, English);
            foreach (var xml in stateXml.Descendants("state"))
            {
                var option = (StateOptionMetadata)state.OptionSet.Options.Single(o => o.Value == (int)xml.Attribute("value")!);
                Assert.AreEqual((int)xml.Attribute("defaultstatus")!, option.DefaultStatus);
                Assert.AreEqual((string)xml.Attribute("invariantname")!, option.InvariantName);
            }

            Assert.AreEqual(AttributeTypeCode.Status, status.AttributeType);
            var statusXml = LocalOptionSet(entityXml, "statuscode");
            AssertOptions(OptionsIn(statusXml), status.OptionSet.Options, English);
            foreach (var xml in statusXml.Descendants("status"))
            {
                var option = (StatusOptionMetadata)status.OptionSet.Options.Single(o => o.Value == (int)xml.Attribute("value")!);
                Assert.AreEqual((int)xml.Attribute("state")!, option.State);
            }
        }

        [TestMethod]
        public void A_standard_table_s_state_and_status_carry_the_platform_s_default_options()
        {
            var sandbox = DataverseSandbox.ForRepository();

            var accountState = (StateAttributeMetadata)Attribute(sandbox.Service, "account", "statecode");
            var accountStatus = (StatusAttributeMetadata)Attribute(sandbox.Service, "account", "statuscode");
            var taskStatus = (StatusAttributeMetadata)Attribute(sandbox.Service, "task", "statuscode");

            CollectionAssert.AreEqual(new[] { "0 Active 1", "1 Inactive 2" },
                accountState.OptionSet.Options.Cast<StateOptionMetadata>().Select(o => $"{o.Value} {o.Label.UserLocalizedLabel.Label} {o.DefaultStatus}").ToArray());
            CollectionAssert.AreEqual(new[] { "1 Active 0", "2 Inactive 1" },
                accountStatus.OptionSet.Options.Cast<StatusOptionMetadata>().Select(o => $"{o.Value} {o.Label.UserLocalizedLabel.Label} {o.State}").ToArray());
            Assert.AreEqual("account_statecode", accountState.OptionSet.Name);
            // A completed task is statecode 1 with statuscode 5, the pair the product writes when it closes a task.
            var completed = (StatusOptionMetadata)taskStatus.OptionSet.Options.Single(o => o.Value == 5);
            Assert.AreEqual("Completed", completed.Label.UserLocalizedLabel.Label);
            Assert.AreEqual(1, completed.State);
        }

        [TestMethod]
        public void A_Yes_No_column_has_its_true_and_false_options_with_the_solution_s_labels()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var greta = sandbox.SeedUser("Greta Berger");
            sandbox.Regional.SetUserSettings(greta, uiLanguageId: German);
            var expected = OptionsIn(LocalOptionSet(EntityXml("adv_Inconvenience"), "adv_businesscritical"));

            var critical = (BooleanAttributeMetadata)Attribute(sandbox.Service, "adv_inconvenience", "adv_businesscritical");
            var kritisch = (BooleanAttributeMetadata)Attribute(sandbox.CreateService(greta), "adv_inconvenience", "adv_businesscritical");

            Assert.AreEqual(AttributeTypeCode.Boolean, critical.AttributeType);
            Assert.AreEqual(OptionSetType.Boolean, critical.OptionSet.OptionSetType);
            Assert.AreEqual(1, critical.OptionSet.TrueOption.Value);
            Assert.AreEqual(0, critical.OptionSet.FalseOption.Value);
            Assert.AreEqual(expected[1][English], critical.OptionSet.TrueOption.Label.UserLocalizedLabel.Label);
            Assert.AreEqual(expected[0][English], critical.OptionSet.FalseOption.Label.UserLocalizedLabel.Label);
            Assert.AreEqual(expected[1][German], kritisch.OptionSet.TrueOption.Label.UserLocalizedLabel.Label);
            Assert.AreEqual(expected[0][German], kritisch.OptionSet.FalseOption.Label.UserLocalizedLabel.Label);
        }

        [TestMethod]
        public void A_standard_Yes_No_column_without_labels_in_the_metadata_reads_Yes_and_No()
        {
            var sandbox = DataverseSandbox.ForRepository();

            var escalated = (BooleanAttributeMetadata)Attribute(sandbox.Service, "incident", "isescalated");

            Assert.AreEqual("Yes", escalated.OptionSet.TrueOption.Label.UserLocalizedLabel.Label);
            Assert.AreEqual("No", escalated.OptionSet.FalseOption.Label.UserLocalizedLabel.Label);
        }

        [TestMethod]
        public void A_multi_select_column_is_described_with_the_global_choice_it_uses()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var entityXml = EntityXml("adv_Advocate");

            foreach (var column in new[] { "adv_tiers", "adv_specialties" })
            {
                string setName = ColumnXml(entityXml, column).Elements("OptionSetName").Single().Value;
                var described = (MultiSelectPicklistAttributeMetadata)Attribute(sandbox.Service, "adv_advocate", column);

                Assert.AreEqual(AttributeTypeCode.Virtual, described.AttributeType, "the platform types multi-select columns as Virtual");
                Assert.AreEqual(setName, described.OptionSet.Name, column);
                Assert.AreEqual(true, described.OptionSet.IsGlobal, column);
                AssertOptions(OptionsIn(GlobalOptionSet(setName)), described.OptionSet.Options, English);
            }
        }

        [TestMethod]
        public void RetrieveEntity_with_its_columns_describes_choices_as_RetrieveAttribute_does()
        {
            var sandbox = DataverseSandbox.ForRepository();

            var entity = ((RetrieveEntityResponse)sandbox.Service.Execute(
                new RetrieveEntityRequest { LogicalName = "adv_inconvenience", EntityFilters = EntityFilters.Attributes })).EntityMetadata;

            foreach (var column in new[] { "adv_kind", "adv_impactband", "statecode", "statuscode" })
            {
                var fromEntity = (EnumAttributeMetadata)entity.Attributes.Single(a => a.LogicalName == column);
                var alone = (EnumAttributeMetadata)Attribute(sandbox.Service, "adv_inconvenience", column);
                Assert.AreEqual(alone.GetType(), fromEntity.GetType(), column);
                Assert.AreEqual(alone.OptionSet.Name, fromEntity.OptionSet.Name, column);
                CollectionAssert.AreEqual(Flatten(alone.OptionSet.Options), Flatten(fromEntity.OptionSet.Options), column);
            }
            var critical = (BooleanAttributeMetadata)entity.Attributes.Single(a => a.LogicalName == "adv_businesscritical");
            Assert.AreEqual("Yes", critical.OptionSet.TrueOption.Label.UserLocalizedLabel.Label);
        }

        [TestMethod]
        public void A_plug_in_writes_a_choice_s_label_in_the_language_of_the_user_who_saved()
        {
            var sandbox = DataverseSandbox.ForRepository();
            sandbox.RegisterPlugins(typeof(SbxTierLabelPlugin));
            var greta = sandbox.SeedUser("Greta Berger");
            sandbox.Regional.SetUserSettings(greta, uiLanguageId: German);
            var alex = sandbox.SeedUser("Alex Agent");
            var labels = OptionsIn(GlobalOptionSet("adv_tier"));
            var german = Guid.NewGuid();
            var english = Guid.NewGuid();
            sandbox.Seed(new Entity("account", german) { ["name"] = "Berger GmbH", ["ownerid"] = new EntityReference("systemuser", greta) });
            sandbox.Seed(new Entity("account", english) { ["name"] = "Contoso", ["ownerid"] = new EntityReference("systemuser", alex) });

            sandbox.CreateService(greta).Update(new Entity("account", german) { ["adv_tier"] = new OptionSetValue(104520001) });
            sandbox.CreateService(alex).Update(new Entity("account", english) { ["adv_tier"] = new OptionSetValue(104520001) });

            Assert.AreEqual(labels[104520001][German], sandbox.Get("account", german).GetAttributeValue<string>("description"));
            Assert.AreEqual(labels[104520001][English], sandbox.Get("account", english).GetAttributeValue<string>("description"));
            CollectionAssert.Contains(sandbox.Traces(SbxTierLabelPlugin.Name).ToList(), $"tier 104520001 reads '{labels[104520001][German]}'");
        }

        private static AttributeMetadata Attribute(IOrganizationService service, string table, string column) =>
            ((RetrieveAttributeResponse)service.Execute(new RetrieveAttributeRequest { EntityLogicalName = table, LogicalName = column })).AttributeMetadata;

        /// <summary>Every option's value and labels as the solution's XML states them: value → language → label.</summary>
        private static Dictionary<int, Dictionary<int, string>> OptionsIn(XElement optionSet) =>
            optionSet.Descendants().Where(e => e.Name.LocalName is "option" or "state" or "status").ToDictionary(
                o => (int)o.Attribute("value")!,
                o => o.Element("labels")!.Elements("label").ToDictionary(l => (int)l.Attribute("languagecode")!, l => (string)l.Attribute("description")!));

        private static void AssertOptions(Dictionary<int, Dictionary<int, string>> expected, OptionMetadataCollection actual, int userLanguage)
        {
            CollectionAssert.AreEqual(expected.Keys.ToArray(), actual.Select(o => o.Value!.Value).ToArray(), "values, in the solution's order");
            Assert.IsTrue(expected.Values.All(labels => labels.Count >= 2), "the oracle carries more than one language");
            foreach (var option in actual)
            {
                var labels = expected[option.Value!.Value];
                CollectionAssert.AreEquivalent(labels.Select(l => $"{l.Key} {l.Value}").ToArray(),
                    option.Label.LocalizedLabels.Select(l => $"{l.LanguageCode} {l.Label}").ToArray(), $"labels of {option.Value}");
                Assert.AreEqual(userLanguage, option.Label.UserLocalizedLabel.LanguageCode);
                Assert.AreEqual(labels[userLanguage], option.Label.UserLocalizedLabel.Label);
            }
        }

        private static string[] Flatten(OptionMetadataCollection options) =>
            options.Select(o => $"{o.Value} {string.Join("|", o.Label.LocalizedLabels.Select(l => $"{l.LanguageCode}:{l.Label}"))} {o.Label.UserLocalizedLabel.Label}").ToArray();

        private static string SolutionFolder => DataverseSandbox.FindSolutionFolder() ?? throw new InvalidOperationException("solution/ not found");

        private static XElement GlobalOptionSet(string name) => XDocument.Load(Path.Combine(SolutionFolder, "OptionSets", name + ".xml")).Root!;

        private static XDocument EntityXml(string folder) => XDocument.Load(Path.Combine(SolutionFolder, "Entities", folder, "Entity.xml"));

        private static XElement ColumnXml(XDocument entityXml, string column) =>
            entityXml.Descendants("attribute").Single(a => (string?)a.Element("LogicalName") == column);

        private static XElement LocalOptionSet(XDocument entityXml, string column) => ColumnXml(entityXml, column).Element("optionset")!;
    }

    /// <summary>A plug-in that reads a choice's label the way plug-ins do: RetrieveAttribute, then the option's user label.</summary>
    [CrmPluginRegistration("Update", "account", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "adv_tier", Name, 1, IsolationModeEnum.Sandbox)]
    public sealed class SbxTierLabelPlugin : IPlugin
    {
        public const string Name = "sbx: account tier label (option metadata tests)";

        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, factory) = Ctx.Of(serviceProvider);
            var target = (Entity)context.InputParameters["Target"];
            var tier = target.GetAttributeValue<OptionSetValue>("adv_tier");
            if (tier == null)
            {
                trace.Trace("no tier in the save");
                return;
            }
            var service = factory.CreateOrganizationService(context.UserId);
            var response = (RetrieveAttributeResponse)service.Execute(new RetrieveAttributeRequest { EntityLogicalName = "account", LogicalName = "adv_tier", RetrieveAsIfPublished = true });
            var option = ((EnumAttributeMetadata)response.AttributeMetadata).OptionSet.Options.Single(o => o.Value == tier.Value);
            string label = option.Label.UserLocalizedLabel.Label;
            trace.Trace("tier {0} reads '{1}'", tier.Value, label);
            target["description"] = label;
        }
    }
}
