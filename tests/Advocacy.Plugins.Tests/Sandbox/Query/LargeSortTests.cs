using System;
using System.Collections.Generic;
using System.Data.SqlTypes;
using System.Globalization;
using System.Linq;
using Advocacy.Sandbox.Query;
using FsCheck;
using FsCheck.Fluent;
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

        [TestMethod]
        public void A_top_count_smaller_than_half_the_rows_returns_the_first_rows_of_the_full_order() =>
            OrderedAsTheCollationOrders(new[] { "Account 9", "account 10", "ACCOUNT", "a", "A ", "Zed", "zed2", "0", "00", " x", "x" }, q => q.TopCount = 40);

        [TestMethod]
        public void A_page_by_number_without_a_cookie_returns_its_slice_of_the_full_order() =>
            OrderedAsTheCollationOrders(new[] { "Café", "cafe", "Zebra", "zèbre", "apple", "Äpfel", "b", "B " }, q =>
            {
                q.TopCount = null;
                q.PageInfo = new PagingInfo { PageNumber = 3, Count = 25 };
            }, skip: 50, take: 25);

        [TestMethod]
        public void Picking_the_k_first_items_puts_exactly_the_k_smallest_in_front()
        {
            // The engine sorts only the rows a top count or page reads; TopFirst must pick exactly those. Keys repeat
            // often (ties are broken by position, as the engine breaks them by id).
            Prop.ForAll(ArbMap.Default.ArbFor<int[]>().Generator.Select(a => a.Select(x => x % 7).ToArray()).ToArbitrary(), ArbMap.Default.ArbFor<int>(), (keys, seed) =>
            {
                if (keys.Length == 0) return true;
                var k = Math.Abs(seed % (keys.Length + 1));
                var items = Enumerable.Range(0, keys.Length).ToArray();
                Comparison<int> compare = (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b);
                TopFirst.Select(items, k, compare);
                var expected = Enumerable.Range(0, keys.Length).ToList();
                expected.Sort(compare);
                return new HashSet<int>(items.Take(k)).SetEquals(expected.Take(k)) && items.OrderBy(i => i).SequenceEqual(Enumerable.Range(0, keys.Length));
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
        }

        private static void OrderedAsTheCollationOrders(string[] words, Action<QueryExpression>? shape = null, int skip = 0, int take = 300)
        {
            var source = new TestTableSource().Table("account", "accountid", "name");
            var random = new Random(3);
            var ids = Enumerable.Range(0, 300).Select(i => source.Add("account", ("name", words[random.Next(words.Length)] + (i % 4 == 0 ? "" : " " + random.Next(5)))).Id).ToArray();
            var engine = new QueryEngine(source, () => DateTime.UtcNow, () => Guid.Empty);
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), TopCount = 300 };
            q.AddOrder("name", OrderType.Descending);
            shape?.Invoke(q);
            if (q.TopCount is { } top) take = Math.Min(take, top);

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
            CollectionAssert.AreEqual(expected.Skip(skip).Take(take).ToList(), got);
        }
    }
}
