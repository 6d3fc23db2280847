using System;
using System.Data.SqlTypes;
using System.Globalization;
using System.Linq;
using Advocacy.Sandbox.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox.Query
{
    /// <summary>
    /// Large sorts compare strings by collation sort keys instead of one culture-aware comparison per pair; the order
    /// must stay the collation's (case- and accent-insensitive), ties by the platform's id order.
    /// </summary>
    [TestClass]
    public sealed class LargeSortTests
    {
        [TestMethod]
        public void Ordering_hundreds_of_names_follows_the_case_and_accent_insensitive_collation_then_the_id() =>
            OrderedAsTheCollationOrders(new[] { "Café", "cafe", "CAFE", "Zebra", "zèbre", "apple", "Äpfel", "apfel", "b", "B ", "ß", "ss", "Ōsaka", "osaka", "" });

        [TestMethod]
        public void Ordering_hundreds_of_plain_ascii_names_follows_the_collation_too() =>
            OrderedAsTheCollationOrders(new[] { "Account 9", "account 10", "ACCOUNT", "a", "A ", "Zed", "zed2", "0", "00", " x", "x", "X Y", "xy", "" });

        private static void OrderedAsTheCollationOrders(string[] words)
        {
            var source = new TestTableSource().Table("account", "accountid", "name");
            var random = new Random(3);
            var ids = Enumerable.Range(0, 300).Select(i => source.Add("account", ("name", words[random.Next(words.Length)] + (i % 4 == 0 ? "" : " " + random.Next(5)))).Id).ToArray();
            var engine = new QueryEngine(source, () => DateTime.UtcNow, () => Guid.Empty);
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), TopCount = 300 };
            q.AddOrder("name", OrderType.Descending);

            var got = engine.RetrieveMultiple(q).Entities.Select(e => e.Id).ToList();

            var collation = CultureInfo.InvariantCulture.CompareInfo;
            const CompareOptions options = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace | CompareOptions.IgnoreKanaType | CompareOptions.IgnoreWidth;
            var names = source.Scan("account").ToDictionary(e => e.Id, e => e.GetAttributeValue<string>("name"));
            var expected = ids.ToList();
            expected.Sort((a, b) =>
            {
                var byName = -collation.Compare(names[a], names[b], options);
                return byName != 0 ? byName : new SqlGuid(a).CompareTo(new SqlGuid(b));
            });
            CollectionAssert.AreEqual(expected, got);
        }
    }
}
