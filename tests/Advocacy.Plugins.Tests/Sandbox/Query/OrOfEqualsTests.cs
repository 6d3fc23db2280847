using System;
using System.Linq;
using Advocacy.Sandbox.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox.Query
{
    /// <summary>
    /// The engine answers an OR of equal conditions on one column with one hash lookup (as an `in`); these pin that the
    /// rows are those the separate conditions give, with each condition's own semantics kept.
    /// </summary>
    [TestClass]
    public sealed class OrOfEqualsTests
    {
        private readonly Crm _crm = new();

        private string[] Names(Action<FilterExpression> fill)
        {
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            fill(q.Criteria.AddFilter(LogicalOperator.Or));
            return _crm.Engine.RetrieveMultiple(q).Entities.Select(e => e.GetAttributeValue<string>("name")).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        }

        [TestMethod]
        public void Or_of_equal_strings_matches_case_and_accent_insensitively_and_ignores_trailing_blanks()
        {
            var names = Names(or =>
            {
                or.AddCondition("name", ConditionOperator.Equal, "LITWARE ");
                or.AddCondition("name", ConditionOperator.Equal, "contoso");
                or.AddCondition("name", ConditionOperator.Equal, "Nobody");
            });
            CollectionAssert.AreEqual(new[] { "Contoso", "litware" }, names);
        }

        [TestMethod]
        public void Or_of_equal_lookups_choices_and_numbers_mixed_with_other_conditions_keeps_each_ones_rows()
        {
            var names = Names(or =>
            {
                or.AddCondition("ownerid", ConditionOperator.Equal, _crm.Carol);
                or.AddCondition("ownerid", ConditionOperator.Equal, _crm.Bob.ToString());
                or.AddCondition("industrycode", ConditionOperator.Equal, 1);
                or.AddCondition("industrycode", ConditionOperator.Equal, 99);
                or.AddCondition("numberofemployees", ConditionOperator.Equal, 50);
                or.AddCondition("revenue", ConditionOperator.GreaterThan, 100000m);
            });
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso", "Fabrikam, Inc.", "litware" }, names);

            var few = Names(or =>
            {
                or.AddCondition("numberofemployees", ConditionOperator.Equal, 10);
                or.AddCondition("numberofemployees", ConditionOperator.Equal, 200m);
            });
            CollectionAssert.AreEqual(new[] { "A. Datum", "Fabrikam, Inc." }, few);
        }

        [TestMethod]
        public void Or_of_equal_conditions_with_a_value_of_the_wrong_type_fails_as_a_single_one_does()
        {
            Assert.ThrowsExactly<QueryException>(() => Names(or =>
            {
                or.AddCondition("ownerid", ConditionOperator.Equal, _crm.Bob);
                or.AddCondition("ownerid", ConditionOperator.Equal, "not a guid");
            }));
        }
    }
}
