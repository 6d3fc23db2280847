using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sdk
{
    /// <summary>The Entity behaviour plug-ins rely on, as Microsoft's SDK shows it.</summary>
    [TestClass]
    public sealed class EntityTests
    {
        [TestMethod]
        public void Indexer_throws_KeyNotFoundException_for_a_missing_attribute()
        {
            var account = new Entity("account", Guid.NewGuid());

            var error = Assert.ThrowsExactly<KeyNotFoundException>(() => _ = account["name"]);
            StringAssert.Contains(error.Message, "not present in the dictionary");
        }

        [TestMethod]
        public void GetAttributeValue_returns_default_for_a_missing_or_null_attribute()
        {
            var account = new Entity("account") { ["adv_tier"] = null };

            Assert.AreEqual(0, account.GetAttributeValue<int>("adv_capacity"));
            Assert.IsNull(account.GetAttributeValue<int?>("adv_capacity"));
            Assert.IsNull(account.GetAttributeValue<OptionSetValue>("adv_tier"));
            Assert.AreEqual(Guid.Empty, account.GetAttributeValue<Guid>("accountid"));
        }

        [TestMethod]
        public void GetAttributeValue_of_the_wrong_type_throws_InvalidCastException()
        {
            var account = new Entity("account") { ["name"] = "Contoso" };

            Assert.ThrowsExactly<InvalidCastException>(() => account.GetAttributeValue<int>("name"));
        }

        [TestMethod]
        public void TryGetAttributeValue_is_false_for_missing_null_and_mistyped_values()
        {
            var account = new Entity("account") { ["name"] = "Contoso", ["description"] = null };

            Assert.IsTrue(account.TryGetAttributeValue("name", out string name));
            Assert.AreEqual("Contoso", name);
            Assert.IsFalse(account.TryGetAttributeValue("description", out string _));
            Assert.IsFalse(account.TryGetAttributeValue("name", out int _));
            Assert.IsFalse(account.TryGetAttributeValue("missing", out string _));
        }

        [TestMethod]
        public void Assigning_null_keeps_the_attribute_so_an_update_clears_the_column()
        {
            var account = new Entity("account") { ["adv_advocateid"] = new EntityReference("adv_advocate", Guid.NewGuid()) };

            account["adv_advocateid"] = null;

            Assert.IsTrue(account.Contains("adv_advocateid"));
            Assert.HasCount(1, account.Attributes);
            Assert.IsNull(account["adv_advocateid"]);
        }

        [TestMethod]
        public void Attribute_names_are_case_sensitive()
        {
            var account = new Entity("account") { ["name"] = "Contoso" };

            Assert.IsFalse(account.Contains("Name"));
            Assert.IsNull(account.GetAttributeValue<string>("Name"));
        }

        [TestMethod]
        public void Adding_an_attribute_twice_throws_but_the_indexer_overwrites()
        {
            var account = new Entity("account");
            account.Attributes.Add("name", "A");

            Assert.ThrowsExactly<ArgumentException>(() => account.Attributes.Add("name", "B"));
            account["name"] = "B";
            Assert.AreEqual("B", account["name"]);
        }

        [TestMethod]
        public void Id_and_the_primary_key_attribute_are_independent_as_on_the_platform()
        {
            var id = Guid.NewGuid();
            var account = new Entity("account", id);

            Assert.AreEqual(id, account.Id);
            Assert.IsFalse(account.Contains("accountid"));

            var other = new Entity("account") { ["accountid"] = id };
            Assert.AreEqual(Guid.Empty, other.Id);
        }

        [TestMethod]
        public void ToEntityReference_carries_logical_name_and_id_only()
        {
            var id = Guid.NewGuid();
            var account = new Entity("account", id) { ["name"] = "Contoso" };

            var reference = account.ToEntityReference();

            Assert.AreEqual("account", reference.LogicalName);
            Assert.AreEqual(id, reference.Id);
            Assert.IsNull(reference.Name);
            Assert.AreEqual(new EntityReference("account", id), reference);
        }

        [TestMethod]
        public void Alternate_key_constructor_fills_KeyAttributes_not_Attributes()
        {
            var account = new Entity("account", "accountnumber", "A-1");

            Assert.AreEqual("A-1", account.KeyAttributes["accountnumber"]);
            Assert.IsEmpty(account.Attributes);
            Assert.AreEqual(Guid.Empty, account.Id);
        }

        [TestMethod]
        public void ToEntity_returns_a_view_that_shares_the_attributes()
        {
            var account = new Entity("account", Guid.NewGuid()) { ["name"] = "Contoso" };

            var view = account.ToEntity<Entity>();
            view["name"] = "Fabrikam";

            Assert.AreNotSame(account, view);
            Assert.AreEqual(account.Id, view.Id);
            Assert.AreEqual("Fabrikam", account["name"]);
        }

        [TestMethod]
        public void A_new_entity_has_empty_collections_and_no_logical_name()
        {
            var entity = new Entity();

            Assert.IsNull(entity.LogicalName);
            Assert.IsEmpty(entity.Attributes);
            Assert.IsEmpty(entity.FormattedValues);
            Assert.IsEmpty(entity.KeyAttributes);
            Assert.IsNull(entity.EntityState);
        }

        [TestMethod]
        public void EntityCollection_copies_the_list_it_is_given()
        {
            var rows = new List<Entity> { new Entity("account") };
            var collection = new EntityCollection(rows);
            rows.Add(new Entity("account"));

            Assert.HasCount(1, collection.Entities);
            Assert.AreSame(collection.Entities[0], collection[0]);
            Assert.IsFalse(collection.MoreRecords);
        }
    }
}
