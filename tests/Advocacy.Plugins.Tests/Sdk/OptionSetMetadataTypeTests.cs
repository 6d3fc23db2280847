using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Metadata;

namespace Advocacy.Plugins.Tests.Sdk
{
    /// <summary>
    /// The choice metadata types a plug-in reads labels through. A compiled call names the member's declaring type, so
    /// these pin where Microsoft declares each member; eng/check-sdk.sh runs them against Microsoft's assembly too.
    /// </summary>
    [TestClass]
    public sealed class OptionSetMetadataTypeTests
    {
        [TestMethod]
        public void Choice_members_are_declared_where_Microsoft_declares_them()
        {
            Assert.AreEqual(typeof(EnumAttributeMetadata), typeof(PicklistAttributeMetadata).GetProperty("OptionSet")!.DeclaringType);
            Assert.AreEqual(typeof(EnumAttributeMetadata), typeof(StateAttributeMetadata).GetProperty("OptionSet")!.DeclaringType);
            Assert.AreEqual(typeof(EnumAttributeMetadata), typeof(MultiSelectPicklistAttributeMetadata).GetProperty("OptionSet")!.DeclaringType);
            Assert.AreEqual(typeof(BooleanAttributeMetadata), typeof(BooleanAttributeMetadata).GetProperty("OptionSet")!.DeclaringType);
            foreach (var name in new[] { "IsGlobal", "Name", "OptionSetType" })
            {
                Assert.AreEqual(typeof(OptionSetMetadataBase), typeof(OptionSetMetadata).GetProperty(name)!.DeclaringType, name);
            }
            foreach (var name in new[] { "Value", "Label" })
            {
                Assert.AreEqual(typeof(OptionMetadata), typeof(StatusOptionMetadata).GetProperty(name)!.DeclaringType, name);
            }
            Assert.AreEqual(typeof(MetadataBase), typeof(LocalizedLabel).BaseType);
            Assert.AreEqual("Microsoft.Xrm.Sdk", typeof(Label).Namespace);
            Assert.AreEqual("Microsoft.Xrm.Sdk", typeof(LocalizedLabel).Namespace);
            Assert.AreEqual(typeof(DataCollection<OptionMetadata>), typeof(OptionMetadataCollection).BaseType);
            Assert.AreEqual(typeof(DataCollection<LocalizedLabel>), typeof(LocalizedLabelCollection).BaseType);
            Assert.IsTrue(typeof(EnumAttributeMetadata).IsAbstract);
            Assert.IsFalse(typeof(OptionSetMetadata).GetProperty("Options")!.SetMethod!.IsPublic, "Options is set by the constructor only");
            Assert.IsFalse(typeof(Label).GetProperty("LocalizedLabels")!.SetMethod!.IsPublic);
        }

        [TestMethod]
        public void Constructors_give_each_column_type_its_AttributeType()
        {
            Assert.AreEqual(AttributeTypeCode.Picklist, new PicklistAttributeMetadata().AttributeType);
            Assert.AreEqual("adv_Tier", new PicklistAttributeMetadata("adv_Tier").SchemaName);
            Assert.AreEqual(AttributeTypeCode.State, new StateAttributeMetadata().AttributeType);
            Assert.AreEqual(AttributeTypeCode.Status, new StatusAttributeMetadata().AttributeType);
            Assert.AreEqual(AttributeTypeCode.Virtual, new MultiSelectPicklistAttributeMetadata().AttributeType, "multi-select columns are Virtual");
            Assert.AreEqual(AttributeTypeCode.Boolean, new BooleanAttributeMetadata().AttributeType);

            var yesNo = new BooleanOptionSetMetadata(new OptionMetadata(new Label("Yes", 1033), 1), new OptionMetadata(new Label("No", 1033), 0));
            Assert.AreSame(yesNo, new BooleanAttributeMetadata("adv_Flag", yesNo).OptionSet);
            Assert.AreEqual(0, yesNo.FalseOption.Value);
        }

        [TestMethod]
        public void A_label_made_from_text_has_that_language_but_no_user_label()
        {
            var label = new Label("Strategisch", 1031);

            Assert.IsNull(label.UserLocalizedLabel);
            Assert.AreEqual("Strategisch", label.LocalizedLabels.Single().Label);
            Assert.AreEqual(1031, label.LocalizedLabels.Single().LanguageCode);

            var both = new Label(new LocalizedLabel("Key", 1033), new[] { new LocalizedLabel("Key", 1033), new LocalizedLabel("Schlüssel", 1031) });
            Assert.AreEqual("Key", both.UserLocalizedLabel.Label);
            Assert.AreEqual(2, both.LocalizedLabels.Count);
            Assert.IsEmpty(new Label().LocalizedLabels, "never null");
        }

        [TestMethod]
        public void An_option_set_made_empty_still_has_an_options_collection()
        {
            Assert.IsEmpty(new OptionSetMetadata().Options);

            var options = new OptionMetadataCollection { new OptionMetadata(104520000), new StatusOptionMetadata(2, 1) };
            var set = new OptionSetMetadata(options) { Name = "adv_tier", IsGlobal = true, OptionSetType = OptionSetType.Picklist };

            Assert.AreSame(options, set.Options);
            Assert.AreEqual(104520000, set.Options[0].Value);
            Assert.AreEqual(1, ((StatusOptionMetadata)set.Options[1]).State);
        }
    }
}
