using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sdk
{
    /// <summary>Which SDK values compare by value (plug-ins use this to detect real changes) and which do not.</summary>
    [TestClass]
    public sealed class ValueEqualityTests
    {
        [TestMethod]
        public void Money_compares_by_amount()
        {
            Assert.AreEqual(new Money(12.5m), new Money(12.50m));
            Assert.AreEqual(new Money(12.5m).GetHashCode(), new Money(12.50m).GetHashCode());
            Assert.AreNotEqual(new Money(12.5m), new Money(12.6m));
            Assert.IsFalse(new Money(1m).Equals(null));
        }

        [TestMethod]
        public void OptionSetValue_compares_by_value()
        {
            Assert.AreEqual(new OptionSetValue(3), new OptionSetValue(3));
            Assert.AreEqual(new OptionSetValue(3).GetHashCode(), new OptionSetValue(3).GetHashCode());
            Assert.AreNotEqual(new OptionSetValue(3), new OptionSetValue(4));
        }

        [TestMethod]
        public void EntityReference_compares_logical_name_and_id_but_not_the_display_name()
        {
            var id = Guid.NewGuid();

            Assert.AreEqual(new EntityReference("account", id) { Name = "A" }, new EntityReference("account", id) { Name = "B" });
            Assert.AreEqual(new EntityReference("account", id).GetHashCode(), new EntityReference("account", id).GetHashCode());
            Assert.AreNotEqual(new EntityReference("account", id), new EntityReference("contact", id));
            Assert.AreNotEqual(new EntityReference("account", id), new EntityReference("account", Guid.NewGuid()));
        }

        [TestMethod]
        public void EntityReference_logical_name_comparison_is_case_sensitive()
        {
            var id = Guid.NewGuid();

            Assert.AreNotEqual(new EntityReference("account", id), new EntityReference("Account", id));
        }

        [TestMethod]
        public void EntityReference_by_alternate_key_compares_the_keys()
        {
            Assert.AreEqual(new EntityReference("account", "accountnumber", "A-1"), new EntityReference("account", "accountnumber", "A-1"));
            Assert.AreNotEqual(new EntityReference("account", "accountnumber", "A-1"), new EntityReference("account", "accountnumber", "A-2"));
        }

        [TestMethod]
        public void AliasedValue_does_not_compare_by_value()
        {
            var left = new AliasedValue("adv_advocate", "adv_capacity", 25);
            var right = new AliasedValue("adv_advocate", "adv_capacity", 25);

            Assert.AreNotEqual(left, right);
            Assert.AreEqual(left.Value, right.Value);
        }

        [TestMethod]
        public void Relationship_compares_schema_name_and_role()
        {
            Assert.AreEqual(new Relationship("adv_account_advocate"), new Relationship("adv_account_advocate"));
            Assert.AreNotEqual(
                new Relationship("adv_advocate_backup") { PrimaryEntityRole = EntityRole.Referenced },
                new Relationship("adv_advocate_backup"));
        }
    }
}
