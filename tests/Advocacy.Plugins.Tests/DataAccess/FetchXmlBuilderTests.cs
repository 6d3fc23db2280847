using System;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.DataAccess
{
    /// <summary>
    /// The FetchXML builder's limits, the messages a developer sees when a query is built wrongly, and how the
    /// values FetchXML cannot tell apart by themselves (false, local times, multi-value operators) are written.
    /// </summary>
    [TestClass]
    public sealed class FetchXmlBuilderTests
    {
        private static string Root(FetchXml fetch, string attribute) => (string)XElement.Parse(fetch.ToString()).Attribute(attribute)!;

        [TestMethod]
        public void Top_accepts_1_and_5000_and_refuses_0_and_5001_with_the_range_in_the_message()
        {
            Assert.AreEqual("1", Root(FetchXml.For("account").Top(1), "top"));
            Assert.AreEqual("5000", Root(FetchXml.For("account").Top(5000), "top"));
            foreach (int rows in new[] { 0, 5001 })
            {
                var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => FetchXml.For("account").Top(rows));
                Assert.AreEqual("rows", error.ParamName);
                Assert.AreEqual(rows, error.ActualValue);
                StringAssert.StartsWith(error.Message, "top must be between 1 and 5000.");
            }
        }

        [TestMethod]
        public void Top_after_paging_is_refused_and_says_why()
        {
            var error = Assert.ThrowsExactly<InvalidOperationException>(() => FetchXml.For("account").Page(10, 1).Top(5));
            Assert.AreEqual("A query with paging (count, page) cannot also have top.", error.Message);
        }

        [TestMethod]
        public void Paging_after_top_is_refused_and_says_why()
        {
            var error = Assert.ThrowsExactly<InvalidOperationException>(() => FetchXml.For("account").Top(5).Page(10, 1));
            Assert.AreEqual("A query with top cannot also have paging (count, page).", error.Message);
        }

        [TestMethod]
        public void A_page_size_of_1_to_5000_is_accepted_and_0_is_refused_with_the_range_in_the_message()
        {
            Assert.AreEqual("1", Root(FetchXml.For("account").Page(1, 1), "count"));
            Assert.AreEqual("5000", Root(FetchXml.For("account").Page(5000, 1), "count"));
            var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => FetchXml.For("account").Page(0, 1));
            Assert.AreEqual("pageSize", error.ParamName);
            StringAssert.StartsWith(error.Message, "count must be between 1 and 5000.");
        }

        [TestMethod]
        public void Page_numbers_start_at_1()
        {
            Assert.AreEqual("1", Root(FetchXml.For("account").Page(10, 1), "page"));
            var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => FetchXml.For("account").Page(10, 0));
            Assert.AreEqual("pageNumber", error.ParamName);
            StringAssert.StartsWith(error.Message, "page starts at 1.");
        }

        [TestMethod]
        public void An_aggregate_column_without_Aggregate_on_the_query_is_refused_and_says_why()
        {
            var error = Assert.ThrowsExactly<InvalidOperationException>(() => FetchXml.For("account").GroupBy("adv_tier", "tier").ToXElement());
            Assert.AreEqual("An attribute with an aggregate or groupby needs Aggregate() on the query.", error.Message);
        }

        [TestMethod]
        public void An_empty_name_is_refused_and_names_the_parameter()
        {
            var error = Assert.ThrowsExactly<ArgumentException>(() => FetchXml.For("account").Attribute(" "));
            Assert.AreEqual("name", error.ParamName);
            StringAssert.StartsWith(error.Message, "A FetchXML name cannot be empty.");
        }

        [TestMethod]
        public void Every_multi_value_operator_writes_a_single_value_as_a_value_element()
        {
            foreach (string op in new[] { "in", "not-in", "between", "not-between", "contain-values", "not-contain-values" })
            {
                var condition = XElement.Parse(FetchXml.For("account").Filter(f => f.Condition("adv_tier", op, (object)7)).ToString())
                    .Descendants("condition").Single();
                Assert.IsNull(condition.Attribute("value"), op);
                CollectionAssert.AreEqual(new[] { "7" }, condition.Elements("value").Select(v => v.Value).ToList(), op);
            }

            var single = XElement.Parse(FetchXml.For("account").Filter(f => f.Condition("adv_tier", "eq", (object)7)).ToString()).Descendants("condition").Single();
            Assert.AreEqual("7", (string)single.Attribute("value")!, "a single-value operator keeps the value attribute");
        }

        [TestMethod]
        public void A_null_value_is_refused_and_points_to_the_valueless_overload()
        {
            var error = Assert.ThrowsExactly<ArgumentNullException>(() => FetchXml.For("account").Filter(f => f.Condition("name", "eq", (object)null!)));
            Assert.AreEqual("value", error.ParamName);
            StringAssert.StartsWith(error.Message, "Use Condition(attribute, operator) or Null(attribute) for a condition without a value.");
        }

        [TestMethod]
        public void A_multi_value_condition_without_values_is_refused_and_says_why()
        {
            var error = Assert.ThrowsExactly<ArgumentException>(() => FetchXml.For("account").Filter(f => f.Condition("adv_tier", "in", Enumerable.Empty<object>())));
            Assert.AreEqual("values", error.ParamName);
            StringAssert.StartsWith(error.Message, "A condition on several values needs at least one value.");
        }

        [TestMethod]
        public void A_filter_without_a_builder_is_refused()
        {
            var error = Assert.ThrowsExactly<ArgumentNullException>(() => FetchXml.For("account").Filter(null!));
            Assert.AreEqual("build", error.ParamName);
        }

        [TestMethod]
        public void A_blank_operator_is_refused_and_says_why()
        {
            var error = Assert.ThrowsExactly<ArgumentException>(() => FetchXml.For("account").Filter(f => f.Condition("name", " ")));
            Assert.AreEqual("operator", error.ParamName);
            StringAssert.StartsWith(error.Message, "A condition needs an operator.");
        }

        [TestMethod]
        public void False_is_written_as_0()
        {
            var condition = XElement.Parse(FetchXml.For("account").Filter(f => f.Equal("donotemail", false)).ToString()).Descendants("condition").Single();
            Assert.AreEqual("0", (string)condition.Attribute("value")!);
        }

        [TestMethod]
        public void A_local_time_with_a_time_of_day_keeps_its_time_and_has_no_Z()
        {
            var values = XElement.Parse(FetchXml.For("task").Filter(f => f
                    .LessThan("scheduledend", new DateTime(2026, 3, 10, 14, 5, 0, DateTimeKind.Unspecified))
                    .LessThan("scheduledend", new DateTime(2026, 3, 10, 14, 5, 0, DateTimeKind.Local))
                    .LessThan("scheduledend", new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc)))
                .ToString()).Descendants("condition").Select(c => (string)c.Attribute("value")!).ToList();

            CollectionAssert.AreEqual(new[] { "2026-03-10T14:05:00", "2026-03-10T14:05:00", "2026-03-10T00:00:00Z" }, values, "a UTC midnight is an instant, not a date");
        }

        [TestMethod]
        public void An_enum_is_refused_with_a_message_that_names_it_and_the_fix()
        {
            var error = Assert.ThrowsExactly<ArgumentException>(() => FetchXml.For("task").Filter(f => f.Equal("adv_kind", AdvocacyTaskKind.ImpactReview)));
            Assert.AreEqual("value", error.ParamName);
            StringAssert.StartsWith(error.Message, "Pass the choice value (Choices.Option(...).Value), not the enum AdvocacyTaskKind.ImpactReview.");
        }
    }
}
