using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sdk
{
    [TestClass]
    public sealed class CollectionTests
    {
        [TestMethod]
        public void ParameterCollection_indexer_throws_for_a_missing_parameter()
        {
            var inputs = new ParameterCollection();

            Assert.ThrowsExactly<KeyNotFoundException>(() => _ = inputs["Target"]);
        }

        [TestMethod]
        public void ParameterCollection_TryGetValue_of_T_checks_presence_and_type()
        {
            var target = new Entity("account");
            var inputs = new ParameterCollection { { "Target", target }, { "Nothing", null } };

            Assert.IsTrue(inputs.TryGetValue("Target", out Entity entity));
            Assert.AreSame(target, entity);
            Assert.IsFalse(inputs.TryGetValue("Target", out EntityReference _));
            Assert.IsFalse(inputs.TryGetValue("Nothing", out Entity _));
            Assert.IsFalse(inputs.TryGetValue("Missing", out Entity _));
            Assert.IsTrue(inputs.Contains("Target"));
            Assert.IsFalse(inputs.Contains("target"));
        }

        [TestMethod]
        public void ParameterCollection_Add_throws_on_a_duplicate_key_and_AddOrUpdateIfNotNull_skips_nulls()
        {
            var outputs = new ParameterCollection { { "count", 1 } };

            Assert.ThrowsExactly<ArgumentException>(() => outputs.Add("count", 2));
            outputs.AddOrUpdateIfNotNull("count", 3);
            outputs.AddOrUpdateIfNotNull("message", null);

            Assert.AreEqual(3, outputs["count"]);
            Assert.IsFalse(outputs.Contains("message"));
            Assert.HasCount(1, outputs);
        }

        [TestMethod]
        public void DataCollection_keeps_insertion_order_and_supports_the_dictionary_operations()
        {
            var images = new EntityImageCollection { { "pre", new Entity("account") } };
            images["post"] = new Entity("account");

            CollectionAssert.AreEqual(new[] { "pre", "post" }, images.Keys.ToArray());
            Assert.AreEqual(2, images.Count);
            Assert.IsTrue(images.TryGetValue("pre", out Entity _));
            Assert.IsTrue(images.Remove("pre"));
            Assert.IsFalse(images.Remove("pre"));
            Assert.IsFalse(images.ContainsKey("pre"));
        }

        [TestMethod]
        public void A_collection_nobody_wrote_to_answers_as_an_empty_dictionary_would()
        {
            // The dictionary under a keyed collection is made on the first write (most entities never use their key
            // attributes or formatted values); reads before that behave exactly as on an empty dictionary.
            var entity = new Entity("account");
            var empty = entity.KeyAttributes;

            Assert.AreEqual(0, empty.Count);
            Assert.ThrowsExactly<KeyNotFoundException>(() => _ = empty["accountnumber"]);
            Assert.ThrowsExactly<ArgumentNullException>(() => empty.ContainsKey(null!));
            Assert.ThrowsExactly<ArgumentNullException>(() => empty.TryGetValue(null!, out _));
            Assert.IsFalse(empty.Contains("accountnumber"));
            Assert.IsFalse(empty.TryGetValue("accountnumber", out _));
            Assert.IsFalse(empty.Remove("accountnumber"));
            Assert.IsFalse(empty.Remove(new KeyValuePair<string, object>("accountnumber", 1)));
            Assert.IsFalse(empty.Contains(new KeyValuePair<string, object>("accountnumber", 1)));
            Assert.IsFalse(empty.GetEnumerator().MoveNext());
            empty.Clear();
            empty.CopyTo(new KeyValuePair<string, object>[0], 0);

            // Keys and Values stay live views, as a dictionary's are.
            var keys = empty.Keys;
            var values = entity.FormattedValues.Values;
            empty["accountnumber"] = "A-1";
            entity.FormattedValues["statecode"] = "Active";
            CollectionAssert.AreEqual(new[] { "accountnumber" }, keys.ToArray());
            CollectionAssert.AreEqual(new[] { "Active" }, values.ToArray());
            Assert.AreEqual("A-1", entity.KeyAttributes["accountnumber"]);
        }

        [TestMethod]
        public void Keyed_members_are_declared_on_DataCollection_as_in_Microsofts_assembly()
        {
            // A compiled call names the declaring type; declared elsewhere, it would not bind to the real SDK.
            var declaring = typeof(DataCollection<,>);
            var parameters = typeof(ParameterCollection);
            foreach (var name in new[] { "Item", "Count", "Keys", "Values", "IsReadOnly" })
            {
                Assert.AreEqual(declaring, parameters.GetProperty(name)!.DeclaringType!.GetGenericTypeDefinition(), name);
            }

            foreach (var name in new[] { "Add", "AddRange", "Clear", "Contains", "ContainsKey", "Remove", "CopyTo", "GetEnumerator" })
            {
                var methods = parameters.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == name).ToList();
                Assert.IsNotEmpty(methods, name);
                Assert.IsTrue(methods.All(m => m.DeclaringType!.GetGenericTypeDefinition() == declaring), name);
            }

            var tryGetValue = parameters.GetMethods().Where(m => m.Name == "TryGetValue").ToList();
            Assert.IsTrue(tryGetValue.Any(m => !m.IsGenericMethod && m.DeclaringType!.IsGenericType && m.DeclaringType.GetGenericTypeDefinition() == declaring));
            Assert.IsTrue(tryGetValue.Any(m => m.IsGenericMethod && m.DeclaringType == parameters));
        }

        [TestMethod]
        public void DataCollection_of_T_is_a_Collection_with_AddRange_and_no_public_constructor()
        {
            Assert.AreEqual(typeof(System.Collections.ObjectModel.Collection<Entity>), typeof(DataCollection<Entity>).BaseType);
            Assert.IsEmpty(typeof(DataCollection<Entity>).GetConstructors());

            var references = new EntityReferenceCollection();
            references.AddRange(new EntityReference("account", Guid.NewGuid()), new EntityReference("contact", Guid.NewGuid()));
            Assert.HasCount(2, references.ToArray());
        }

        [TestMethod]
        public void EntityReferenceCollection_copies_the_list_it_is_given()
        {
            var list = new List<EntityReference> { new EntityReference("account", Guid.NewGuid()) };
            var references = new EntityReferenceCollection(list);
            list.Clear();

            Assert.HasCount(1, references);
        }
    }
}
