using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox.Query
{
    [TestClass]
    public sealed class AggregateTests
    {
        /// <summary>
        /// An aggregate without groupby over no rows is one row, as SQL's aggregate of an empty set is: count is 0, and
        /// sum, avg, min and max are an AliasedValue whose Value is null (the result carries the alias with type "null").
        /// Code that reads <c>GetAttributeValue&lt;AliasedValue&gt;("total").Value</c> must cope with null, not with a missing row.
        /// </summary>
        [TestMethod]
        public void Sum_and_avg_over_no_rows_are_one_row_with_null_values_and_a_zero_count()
        {
            var crm = new Crm();
            var rows = crm.Engine.RetrieveMultiple(new FetchExpression(@"<fetch aggregate='true'>
  <entity name='account'>
    <attribute name='revenue' alias='total' aggregate='sum' />
    <attribute name='numberofemployees' alias='mean' aggregate='avg' />
    <attribute name='numberofemployees' alias='most' aggregate='max' />
    <attribute name='accountid' alias='n' aggregate='count' />
    <filter><condition attribute='name' operator='eq' value='nobody by this name' /></filter>
  </entity>
</fetch>")).Entities;

            var row = rows.Single();
            foreach (var alias in new[] { "total", "mean", "most" })
            {
                Assert.IsTrue(row.Contains(alias), alias);
                var value = row.GetAttributeValue<AliasedValue>(alias);
                Assert.IsNull(value.Value, alias);
                Assert.AreEqual("account", value.EntityLogicalName);
            }
            Assert.AreEqual(0, row.GetAttributeValue<AliasedValue>("n").Value);
        }
    }
}
