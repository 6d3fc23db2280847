using System.Collections.Generic;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox.Query
{
    /// <summary>
    /// Conditions on a choices (multi-select) column compare sets of options. contain-values and not-contain-values
    /// are checked against Microsoft Learn's own example ("Choices columns": the outdoor activities of eight contacts);
    /// eq, in, ne and not-in against what a Dynamics 365 organisation was observed to return (exact sets in any order;
    /// the negations also return rows without a selection) — see <c>MultiSelectCondition</c>.
    /// </summary>
    [TestClass]
    public sealed class MultiSelectTests
    {
        private const string Table = "sbx_person";
        private const string Activities = "sbx_activities";

        private static DataverseSandbox Sandbox(params (string Name, int[]? Options)[] people)
        {
            var sandbox = SandboxFixture.Create();
            var labels = new Dictionary<int, string>();
            for (int i = 1; i <= 9; i++)
            {
                labels[i] = "option " + i;
            }
            sandbox.Metadata.AddTable(Table,
                new ColumnMetadata("sbx_name", ColumnType.String),
                new ColumnMetadata(Activities, ColumnType.MultiChoice, options: labels));
            foreach (var (name, options) in people)
            {
                var row = new Entity(Table) { ["sbx_name"] = name };
                if (options != null)
                {
                    row[Activities] = new OptionSetValueCollection(options.Select(o => new OptionSetValue(o)).ToList());
                }
                sandbox.Service.Create(row);
            }
            return sandbox;
        }

        /// <summary>Learn's data set: swimming 1, hiking 2, mountain climbing 3, fishing 4, hunting 5, boating 7, skiing 8, camping 9.</summary>
        private static DataverseSandbox LearnExample() => Sandbox(
            ("Wayne Yarborough", new[] { 1, 9 }),
            ("Monte Orton", new[] { 2 }),
            ("Randal Maple", new[] { 4 }),
            ("Hiram Mundy", new[] { 2, 3, 8, 9 }),
            ("Barbara Weber", new[] { 1, 4, 7 }),
            ("Georgette Sullivan", new[] { 4, 5, 9 }),
            ("Verna Kennedy", new[] { 2, 4, 9 }),
            ("Marvin Bracken", new[] { 1, 2, 8, 9 }));

        private static DataverseSandbox Sets() => Sandbox(
            ("1,2", new[] { 1, 2 }),
            ("2", new[] { 2 }),
            ("2,3", new[] { 2, 3 }),
            ("1,2,3", new[] { 1, 2, 3 }),
            ("none", null));

        private static string[] Names(DataverseSandbox sandbox, ConditionOperator op, params object[] values)
        {
            var query = new QueryExpression(Table) { ColumnSet = new ColumnSet("sbx_name") };
            query.Criteria.AddCondition(Activities, op, values);
            return sandbox.Service.RetrieveMultiple(query).Entities.Select(e => (string)e["sbx_name"]).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
        }

        private static string[] Fetch(DataverseSandbox sandbox, string op, params int[] values)
        {
            string condition = values.Length == 1 && op is "eq" or "neq" or "ne"
                ? $"<condition attribute='{Activities}' operator='{op}' value='{values[0]}' />"
                : $"<condition attribute='{Activities}' operator='{op}'>{string.Concat(values.Select(v => $"<value>{v}</value>"))}</condition>";
            var fetch = $"<fetch><entity name='{Table}'><attribute name='sbx_name' /><filter>{condition}</filter></entity></fetch>";
            return sandbox.Service.RetrieveMultiple(new FetchExpression(fetch)).Entities.Select(e => (string)e["sbx_name"]).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
        }

        [TestMethod]
        public void Contain_values_returns_the_contacts_who_like_hiking_as_in_Microsofts_example()
        {
            var sandbox = LearnExample();
            var expected = new[] { "Hiram Mundy", "Marvin Bracken", "Monte Orton", "Verna Kennedy" };
            CollectionAssert.AreEqual(expected, Names(sandbox, ConditionOperator.ContainValues, 2));
            CollectionAssert.AreEqual(expected, Fetch(sandbox, "contain-values", 2));
        }

        [TestMethod]
        public void Not_contain_values_returns_the_contacts_who_do_not_like_hiking_as_in_Microsofts_example()
        {
            var sandbox = LearnExample();
            var expected = new[] { "Barbara Weber", "Georgette Sullivan", "Randal Maple", "Wayne Yarborough" };
            CollectionAssert.AreEqual(expected, Names(sandbox, ConditionOperator.DoesNotContainValues, 2));
            CollectionAssert.AreEqual(expected, Fetch(sandbox, "not-contain-values", 2));
        }

        [TestMethod]
        public void Contain_values_with_several_values_matches_rows_with_any_of_them_and_its_negation_rows_with_none_including_empty_ones()
        {
            var sandbox = Sets();
            CollectionAssert.AreEqual(new[] { "1,2", "1,2,3", "2,3" }, Names(sandbox, ConditionOperator.ContainValues, 1, 3));
            CollectionAssert.AreEqual(new[] { "1,2", "1,2,3", "2,3" }, Fetch(sandbox, "contain-values", 3, 1));
            CollectionAssert.AreEqual(new[] { "2", "none" }, Names(sandbox, ConditionOperator.DoesNotContainValues, "3", "1"));
            CollectionAssert.AreEqual(new[] { "none" }, Fetch(sandbox, "not-contain-values", 2, 3));
        }

        [TestMethod]
        public void Equal_matches_only_the_row_whose_selection_is_exactly_that_option_and_not_equal_every_other_row_including_empty_ones()
        {
            var sandbox = Sets();
            CollectionAssert.AreEqual(new[] { "2" }, Names(sandbox, ConditionOperator.Equal, 2));
            CollectionAssert.AreEqual(new[] { "2" }, Names(sandbox, ConditionOperator.Equal, "2"));
            CollectionAssert.AreEqual(new[] { "2" }, Fetch(sandbox, "eq", 2));
            CollectionAssert.AreEqual(new[] { "1,2", "1,2,3", "2,3", "none" }, Names(sandbox, ConditionOperator.NotEqual, 2));
            CollectionAssert.AreEqual(new[] { "1,2", "1,2,3", "2,3", "none" }, Fetch(sandbox, "ne", 2));
        }

        [TestMethod]
        public void In_matches_the_exact_set_in_any_order_and_not_in_every_other_row_including_empty_ones()
        {
            var sandbox = Sets();
            CollectionAssert.AreEqual(new[] { "2,3" }, Names(sandbox, ConditionOperator.In, 3, 2));
            CollectionAssert.AreEqual(new[] { "1,2,3" }, Names(sandbox, ConditionOperator.In, new[] { 3, 1, 2 }));
            CollectionAssert.AreEqual(new[] { "2" }, Fetch(sandbox, "in", 2));
            CollectionAssert.AreEqual(new[] { "1,2", "1,2,3", "2", "none" }, Names(sandbox, ConditionOperator.NotIn, "3", "2"));
            CollectionAssert.AreEqual(new[] { "1,2", "1,2,3", "2", "none" }, Fetch(sandbox, "not-in", 2, 3));
        }

        [TestMethod]
        public void Null_and_not_null_tell_rows_without_a_selection_from_the_others()
        {
            var sandbox = Sets();
            CollectionAssert.AreEqual(new[] { "none" }, Names(sandbox, ConditionOperator.Null));
            CollectionAssert.AreEqual(new[] { "1,2", "1,2,3", "2", "2,3" }, Names(sandbox, ConditionOperator.NotNull));
        }

        [TestMethod]
        public void Option_objects_and_several_values_for_equal_are_refused_as_Dataverse_refuses_them()
        {
            var sandbox = Sets();
            Assert.ThrowsExactly<SandboxFaultException>(() => Names(sandbox, ConditionOperator.ContainValues, new OptionSetValue(2)));
            Assert.ThrowsExactly<SandboxFaultException>(() => Names(sandbox, ConditionOperator.In,
                new OptionSetValueCollection(new List<OptionSetValue> { new(1), new(2) })));
            Assert.ThrowsExactly<SandboxFaultException>(() => Names(sandbox, ConditionOperator.Equal, new[] { 1, 2, 3 }));
            Assert.ThrowsExactly<SandboxFaultException>(() => Names(sandbox, ConditionOperator.Like, "1%"));
        }

        [TestMethod]
        public void Without_metadata_a_stored_option_collection_still_gets_the_set_semantics()
        {
            var sandbox = Sets();
            sandbox.Metadata.Strict = false;
            sandbox.Service.Create(new Entity("sbx_untyped") { ["sbx_name"] = "1,2", [Activities] = new OptionSetValueCollection(new List<OptionSetValue> { new(1), new(2) }) });
            sandbox.Service.Create(new Entity("sbx_untyped") { ["sbx_name"] = "1", [Activities] = new OptionSetValueCollection(new List<OptionSetValue> { new(1) }) });
            var query = new QueryExpression("sbx_untyped") { ColumnSet = new ColumnSet("sbx_name") };
            query.Criteria.AddCondition(Activities, ConditionOperator.In, 1);
            Assert.AreEqual("1", (string)sandbox.Service.RetrieveMultiple(query).Entities.Single()["sbx_name"]);
        }
    }
}
