using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox.Query
{
    /// <summary>
    /// Grouped counts and sums over random rows answer as LINQ's grouping of the same rows does: each group once, its
    /// count the rows it has, its sum theirs — whether the grouped lookups are shared stored objects or each row's own.
    /// </summary>
    [TestClass]
    public sealed class AggregateOracleTests
    {
        [TestMethod]
        public void Counts_and_sums_grouped_by_owner_and_industry_match_linq_over_random_rows()
        {
            var random = new Random(20261201);
            for (int round = 0; round < 5; round++)
            {
                var sandbox = new DataverseSandbox((string?)null) { AggregateRecordLimit = int.MaxValue };
                var owners = Enumerable.Range(0, 1 + random.Next(6)).Select(i => sandbox.SeedUser("Owner " + i)).ToArray();
                var rows = Enumerable.Range(0, random.Next(0, 400)).Select(i => new Entity("account", Guid.NewGuid())
                {
                    ["name"] = "A" + i,
                    // A new reference object per row: groups must be formed by id, not by object.
                    ["ownerid"] = new EntityReference("systemuser", owners[random.Next(owners.Length)]),
                    ["industrycode"] = random.Next(4) == 0 ? null : new OptionSetValue(1 + random.Next(3)),
                    ["numberofemployees"] = random.Next(3) == 0 ? null : random.Next(0, 1000),
                }).ToArray();
                sandbox.Seed(rows);

                var answer = sandbox.Service.RetrieveMultiple(new FetchExpression(
                    "<fetch aggregate='true'><entity name='account'>" +
                    "<attribute name='accountid' alias='n' aggregate='count' />" +
                    "<attribute name='numberofemployees' alias='people' aggregate='sum' />" +
                    "<attribute name='numberofemployees' alias='counted' aggregate='countcolumn' />" +
                    "<attribute name='ownerid' alias='owner' groupby='true' />" +
                    "<attribute name='industrycode' alias='industry' groupby='true' />" +
                    "</entity></fetch>")).Entities
                    .Select(e => (
                        Owner: ((EntityReference)e.GetAttributeValue<AliasedValue>("owner").Value).Id,
                        Industry: (e.GetAttributeValue<AliasedValue>("industry")?.Value as OptionSetValue)?.Value,
                        Count: (int)e.GetAttributeValue<AliasedValue>("n").Value,
                        Sum: e.GetAttributeValue<AliasedValue>("people").Value as int?,
                        Counted: (int)e.GetAttributeValue<AliasedValue>("counted").Value))
                    .OrderBy(g => g.Owner).ThenBy(g => g.Industry).ToList();

                var expected = rows.GroupBy(r => (Owner: r.GetAttributeValue<EntityReference>("ownerid").Id, Industry: r.GetAttributeValue<OptionSetValue>("industrycode")?.Value))
                    .Select(g => (
                        g.Key.Owner, g.Key.Industry, Count: g.Count(),
                        Sum: g.Any(r => r.GetAttributeValue<int?>("numberofemployees") != null) ? g.Sum(r => r.GetAttributeValue<int?>("numberofemployees") ?? 0) : (int?)null,
                        Counted: g.Count(r => r.GetAttributeValue<int?>("numberofemployees") != null)))
                    .OrderBy(g => g.Owner).ThenBy(g => g.Industry).ToList();

                if (rows.Length == 0)
                {
                    Assert.AreEqual(0, answer.Count, "grouped aggregates over no rows are no groups");
                    continue;
                }
                CollectionAssert.AreEqual(expected, answer, $"round {round}: {rows.Length} rows, {owners.Length} owners");
            }
        }
    }
}
