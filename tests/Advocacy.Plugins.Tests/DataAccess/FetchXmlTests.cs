using System;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.DataAccess
{
    [TestClass]
    public sealed class FetchXmlTests
    {
        private const string Nasty = "O'Brien & \"Sons\" <Ltd> ]]> \t line\nbreak";

        [TestMethod]
        public void A_simple_query_reads_as_fetchxml()
        {
            string fetch = FetchXml.For("account").Attributes("accountid", "name").OrderBy("name", descending: true)
                .Filter(f => f.Equal("statecode", 0)).ToString();
            Assert.AreEqual(
                "<fetch><entity name=\"account\"><attribute name=\"accountid\" /><attribute name=\"name\" /><order attribute=\"name\" descending=\"true\" />"
                + "<filter type=\"and\"><condition attribute=\"statecode\" operator=\"eq\" value=\"0\" /></filter></entity></fetch>",
                fetch);
        }

        [TestMethod]
        public void Quotes_ampersands_and_angle_brackets_in_values_are_escaped_and_read_back_unchanged()
        {
            string fetch = FetchXml.For("account").Filter(f => f.Equal("name", Nasty).In("description", Nasty, "plain")).ToString();

            var condition = XElement.Parse(fetch).Descendants("condition").ToList();
            Assert.AreEqual(Nasty, (string)condition[0].Attribute("value")!);
            CollectionAssert.AreEqual(new[] { Nasty, "plain" }, condition[1].Elements("value").Select(v => v.Value).ToList());
            StringAssert.Contains(fetch, "O'Brien &amp; &quot;Sons&quot; &lt;Ltd&gt;");
            Assert.IsFalse(fetch.Contains("<Ltd"), fetch);
        }

        [TestMethod]
        public void The_paging_cookie_is_escaped_and_read_back_unchanged()
        {
            const string cookie = "<cookie page=\"2\"><accountid last=\"{6E2F1C4B-0000-4000-8000-000000000001}\" first=\"{A&B}\" /><name last=\"O'Brien &amp; Sons\" /></cookie>";
            string fetch = FetchXml.For("account").Page(50, 3, cookie).Attribute("accountid").ToString();

            var root = XElement.Parse(fetch);
            Assert.AreEqual("50", (string)root.Attribute("count")!);
            Assert.AreEqual("3", (string)root.Attribute("page")!);
            Assert.AreEqual(cookie, (string)root.Attribute("paging-cookie")!);
            Assert.IsFalse(fetch.Contains("<cookie"), fetch);
        }

        [TestMethod]
        public void No_paging_cookie_attribute_without_a_cookie()
        {
            Assert.IsNull(XElement.Parse(FetchXml.For("account").Page(10, 1, "").ToString()).Attribute("paging-cookie"));
            Assert.IsNull(XElement.Parse(FetchXml.For("account").Page(10, 1).ToString()).Attribute("paging-cookie"));
        }

        [TestMethod]
        public void Filters_nest_in_the_order_they_are_written()
        {
            string fetch = FetchXml.For("account")
                .Filter(f => f.Equal("statecode", 0)
                    .Or(o => o.LessThan("adv_nextproactivecontact", "2026-03-10")
                        .And(a => a.Null("adv_nextproactivecontact").Or(c => c.NotNull("adv_tier").NotNull("adv_advocateid")))))
                .ToString();

            var outer = XElement.Parse(fetch).Element("entity")!.Element("filter")!;
            Assert.AreEqual("and", (string)outer.Attribute("type")!);
            var or = outer.Element("filter")!;
            Assert.AreEqual("or", (string)or.Attribute("type")!);
            Assert.AreEqual("lt", (string)or.Element("condition")!.Attribute("operator")!);
            var and = or.Element("filter")!;
            Assert.AreEqual("and", (string)and.Attribute("type")!);
            Assert.AreEqual("null", (string)and.Element("condition")!.Attribute("operator")!);
            Assert.IsNull(and.Element("condition")!.Attribute("value"), "null takes no value");
            var innerOr = and.Element("filter")!;
            Assert.AreEqual("or", (string)innerOr.Attribute("type")!);
            CollectionAssert.AreEqual(new[] { "adv_tier", "adv_advocateid" }, innerOr.Elements("condition").Select(c => (string)c.Attribute("attribute")!).ToList());
        }

        [TestMethod]
        [DataRow(FetchLinkType.Inner, "inner")]
        [DataRow(FetchLinkType.Outer, "outer")]
        [DataRow(FetchLinkType.Exists, "exists")]
        [DataRow(FetchLinkType.In, "in")]
        [DataRow(FetchLinkType.Any, "any")]
        [DataRow(FetchLinkType.NotAny, "not any")]
        [DataRow(FetchLinkType.All, "all")]
        [DataRow(FetchLinkType.NotAll, "not all")]
        public void Link_types_are_written_as_fetchxml_spells_them(FetchLinkType type, string text)
        {
            var link = XElement.Parse(FetchXml.For("account").Link("task", "regardingobjectid", "accountid", type).ToString()).Element("entity")!.Element("link-entity")!;
            Assert.AreEqual(text, (string)link.Attribute("link-type")!);
            Assert.AreEqual("task", (string)link.Attribute("name")!);
            Assert.AreEqual("regardingobjectid", (string)link.Attribute("from")!);
            Assert.AreEqual("accountid", (string)link.Attribute("to")!);
            Assert.IsNull(link.Attribute("alias"));
        }

        [TestMethod]
        public void Links_carry_their_own_attributes_filters_and_links()
        {
            string fetch = FetchXml.For("task").Aggregate()
                .Aggregate(FetchAggregate.Count, "activityid", "n")
                .Link("incident", "incidentid", "regardingobjectid", FetchLinkType.Inner, "case", c => c
                    .Filter(FetchFilterType.Or, f => f.Equal("prioritycode", 1).Equal("prioritycode", 2))
                    .Link("account", "accountid", "customerid", FetchLinkType.Inner, "acc", a => a
                        .GroupBy("createdon", "month", FetchDateGrouping.Month)
                        .Link("adv_advocate", "adv_advocateid", "adv_advocateid", FetchLinkType.Outer, "adv", v => v.GroupBy("adv_name", "advocatename"))))
                .ToString();

            var incident = XElement.Parse(fetch).Element("entity")!.Element("link-entity")!;
            Assert.AreEqual("case", (string)incident.Attribute("alias")!);
            Assert.AreEqual("or", (string)incident.Element("filter")!.Attribute("type")!);
            var account = incident.Element("link-entity")!;
            var month = account.Element("attribute")!;
            Assert.AreEqual("month", (string)month.Attribute("dategrouping")!);
            Assert.AreEqual("true", (string)month.Attribute("groupby")!);
            var advocate = account.Element("link-entity")!;
            Assert.AreEqual("outer", (string)advocate.Attribute("link-type")!);
            Assert.AreEqual("advocatename", (string)advocate.Element("attribute")!.Attribute("alias")!);
        }

        [TestMethod]
        public void Several_values_become_value_elements()
        {
            var conditions = XElement.Parse(FetchXml.For("task").Filter(f => f
                    .In("adv_kind", 104520001, 104520004)
                    .In("prioritycode", new[] { 0, 2 })
                    .Condition("scheduledend", "between", new object[] { "2026-01-01", "2026-01-31" })
                    .Condition("adv_tiers", "contain-values", 104520000))
                .ToString()).Descendants("condition").ToList();

            CollectionAssert.AreEqual(new[] { "104520001", "104520004" }, conditions[0].Elements("value").Select(v => v.Value).ToList());
            CollectionAssert.AreEqual(new[] { "0", "2" }, conditions[1].Elements("value").Select(v => v.Value).ToList());
            CollectionAssert.AreEqual(new[] { "2026-01-01", "2026-01-31" }, conditions[2].Elements("value").Select(v => v.Value).ToList());
            CollectionAssert.AreEqual(new[] { "104520000" }, conditions[3].Elements("value").Select(v => v.Value).ToList(), "multi-value operators always use value elements");
            Assert.IsTrue(conditions.All(c => c.Attribute("value") == null));
        }

        [TestMethod]
        public void Values_are_written_invariantly()
        {
            var id = Guid.Parse("6e2f1c4b-0000-4000-8000-000000000001");
            var values = XElement.Parse(FetchXml.For("account").Filter(f => f
                    .Equal("a", 1.5m).Equal("b", true).Equal("c", id).Equal("d", new DateTime(2026, 3, 10))
                    .Equal("e", new DateTime(2026, 3, 10, 14, 5, 0, DateTimeKind.Utc)).Equal("f", new OptionSetValue(104520003))
                    .Equal("g", new EntityReference("account", id)).Equal("h", -12345678901L))
                .ToString()).Descendants("condition").Select(c => (string)c.Attribute("value")!).ToList();

            CollectionAssert.AreEqual(new[] { "1.5", "1", id.ToString("D"), "2026-03-10", "2026-03-10T14:05:00Z", "104520003", id.ToString("D"), "-12345678901" }, values);
        }

        [TestMethod]
        public void Mistakes_are_refused_when_building()
        {
            Assert.ThrowsExactly<ArgumentException>(() => FetchXml.For("task").Filter(f => f.Equal("adv_kind", AdvocacyTaskKind.ImpactReview)), "an enum is a position, not a choice value");
            Assert.ThrowsExactly<ArgumentNullException>(() => FetchXml.For("task").Filter(f => f.Equal("subject", null!)));
            Assert.ThrowsExactly<ArgumentException>(() => FetchXml.For(" "));
            Assert.ThrowsExactly<InvalidOperationException>(() => FetchXml.For("account").Top(5).Page(10, 1));
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => FetchXml.For("account").Page(5001, 1));
            Assert.ThrowsExactly<InvalidOperationException>(() => FetchXml.For("account").Aggregate(FetchAggregate.Count, "accountid", "n").ToString(), "aggregate attributes need Aggregate()");
        }

        [TestMethod]
        public void Top_and_distinct()
        {
            var root = XElement.Parse(FetchXml.For("account").Top(5).Distinct().Attribute("name", "n").ToString());
            Assert.AreEqual("5", (string)root.Attribute("top")!);
            Assert.AreEqual("true", (string)root.Attribute("distinct")!);
            Assert.AreEqual("n", (string)root.Element("entity")!.Element("attribute")!.Attribute("alias")!);
        }

        [TestMethod]
        public void The_sandbox_runs_a_built_query_with_an_escaped_value()
        {
            var sandbox = new DataverseSandbox();
            sandbox.Seed(new Entity("account", Guid.NewGuid()) { ["name"] = Nasty }, new Entity("account", Guid.NewGuid()) { ["name"] = "Contoso" });

            var rows = sandbox.Service.RetrieveMultiple(new FetchExpression(FetchXml.For("account").Attribute("name").Filter(f => f.Equal("name", Nasty)).ToString())).Entities;

            Assert.HasCount(1, rows);
            Assert.AreEqual(Nasty, rows[0].GetAttributeValue<string>("name"));
        }
    }
}
