using System;
using System.Linq;
using Advocacy.Sandbox.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox.Query
{
    [TestClass]
    public sealed class ConditionTests
    {
        private readonly Crm _crm = new();

        private string[] Names(params ConditionExpression[] conditions)
        {
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            foreach (var c in conditions) q.Criteria.AddCondition(c);
            return _crm.Engine.RetrieveMultiple(q).Entities.Select(e => e.GetAttributeValue<string>("name")).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        }

        private static ConditionExpression C(string attribute, ConditionOperator op, params object[] values) => new(attribute, op, values);

        [TestMethod]
        public void Equal_on_string_is_case_and_accent_insensitive_and_ignores_trailing_blanks()
        {
            CollectionAssert.AreEqual(new[] { "litware" }, Names(C("name", ConditionOperator.Equal, "LITWARE ")));
            CollectionAssert.AreEqual(new[] { "litware" }, Names(C("description", ConditionOperator.Equal, "cafe OWNER")));
        }

        [TestMethod]
        public void Equal_and_NotEqual_never_match_null()
        {
            CollectionAssert.AreEqual(new[] { "Fabrikam, Inc." }, Names(C("description", ConditionOperator.Equal, "Big customer")));
            CollectionAssert.AreEqual(new[] { "litware" }, Names(C("description", ConditionOperator.NotEqual, "Big customer")));
        }

        [TestMethod]
        public void Null_and_NotNull()
        {
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso" }, Names(C("description", ConditionOperator.Null)));
            CollectionAssert.AreEqual(new[] { "Fabrikam, Inc.", "litware" }, Names(C("description", ConditionOperator.NotNull)));
        }

        [TestMethod]
        public void Lookup_conditions_take_a_guid_and_choice_conditions_an_int()
        {
            CollectionAssert.AreEqual(new[] { "Contoso", "litware" }, Names(C("ownerid", ConditionOperator.Equal, _crm.Alice)));
            CollectionAssert.AreEqual(new[] { "Contoso", "litware" }, Names(C("industrycode", ConditionOperator.Equal, 1)));
            CollectionAssert.AreEqual(new[] { "A. Datum", "Fabrikam, Inc." }, Names(C("industrycode", ConditionOperator.NotEqual, 1)));
        }

        [TestMethod]
        public void Money_compares_with_a_decimal()
        {
            CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam, Inc." }, Names(C("revenue", ConditionOperator.GreaterEqual, 1000m)));
            CollectionAssert.AreEqual(new[] { "litware" }, Names(C("revenue", ConditionOperator.LessThan, 1000m)));
            CollectionAssert.AreEqual(new[] { "Fabrikam, Inc." }, Names(C("revenue", ConditionOperator.GreaterThan, 1000)));
            CollectionAssert.AreEqual(new[] { "Contoso", "litware" }, Names(C("revenue", ConditionOperator.LessEqual, 1000m)));
        }

        [TestMethod]
        public void Money_and_choices_compare_with_every_kind_of_condition_value_the_same_way()
        {
            // Money and choice values are compared without boxing the row's number (a speed path); whatever form the
            // condition value takes, the answer is the one the general comparison gives.
            foreach (var thousand in new object[] { 1000m, 1000, 1000L, 1000.0, new Money(1000m), "1000" })
            {
                CollectionAssert.AreEqual(new[] { "Contoso" }, Names(C("revenue", ConditionOperator.Equal, thousand)), thousand.GetType().Name);
                CollectionAssert.AreEqual(new[] { "Fabrikam, Inc.", "litware" }, Names(C("revenue", ConditionOperator.NotEqual, thousand)), thousand.GetType().Name);
                CollectionAssert.AreEqual(new[] { "Fabrikam, Inc." }, Names(C("revenue", ConditionOperator.GreaterThan, thousand)), thousand.GetType().Name);
            }
            foreach (var one in new object[] { 1, 1L, 1m, new OptionSetValue(1), "1" })
            {
                CollectionAssert.AreEqual(new[] { "Contoso", "litware" }, Names(C("industrycode", ConditionOperator.Equal, one)), one.GetType().Name);
                CollectionAssert.AreEqual(new[] { "A. Datum", "Fabrikam, Inc." }, Names(C("industrycode", ConditionOperator.GreaterThan, one)), one.GetType().Name);
                CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso", "Fabrikam, Inc.", "litware" }, Names(C("industrycode", ConditionOperator.GreaterEqual, one)), one.GetType().Name);
            }
            Assert.ThrowsExactly<QueryException>(() => Names(C("revenue", ConditionOperator.GreaterThan, "a lot")));
        }

        [TestMethod]
        public void In_and_NotIn_including_a_single_array_argument()
        {
            CollectionAssert.AreEqual(new[] { "A. Datum", "Fabrikam, Inc." }, Names(C("industrycode", ConditionOperator.In, 2, 3)));
            CollectionAssert.AreEqual(new[] { "A. Datum", "Fabrikam, Inc." }, Names(new ConditionExpression("industrycode", ConditionOperator.In, new[] { 2, 3 })));
            CollectionAssert.AreEqual(new[] { "Contoso", "litware" }, Names(C("industrycode", ConditionOperator.NotIn, 2, 3)));
            // NOT IN never matches null (SQL).
            CollectionAssert.AreEqual(new[] { "Contoso" }, Names(C("numberofemployees", ConditionOperator.NotIn, 200, 10)));
            // A lookup accepts Guids, or their string form.
            CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam, Inc.", "litware" }, Names(C("ownerid", ConditionOperator.In, _crm.Alice, _crm.Bob.ToString())));
        }

        [TestMethod]
        public void Like_wildcards_and_string_operators()
        {
            CollectionAssert.AreEqual(new[] { "Fabrikam, Inc.", "litware" }, Names(C("name", ConditionOperator.Like, "%i%a%")));
            CollectionAssert.AreEqual(new[] { "Contoso" }, Names(C("name", ConditionOperator.Like, "c_ntos_")));
            CollectionAssert.AreEqual(new[] { "A. Datum", "Fabrikam, Inc.", "litware" }, Names(C("name", ConditionOperator.NotLike, "CON%")));
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso" }, Names(C("name", ConditionOperator.Like, "[ac]%")));
            CollectionAssert.AreEqual(new[] { "litware" }, Names(C("name", ConditionOperator.BeginsWith, "LIT")));
            CollectionAssert.AreEqual(new[] { "Fabrikam, Inc." }, Names(C("name", ConditionOperator.EndsWith, "inc.")));
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso", "litware" }, Names(C("name", ConditionOperator.DoesNotEndWith, "inc.")));
            CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam, Inc.", "litware" }, Names(C("name", ConditionOperator.DoesNotBeginWith, "a.")));
            CollectionAssert.AreEqual(new[] { "Fabrikam, Inc." }, Names(C("name", ConditionOperator.Contains, "RIK")));
            // A literal % in begins-with is not a wildcard.
            CollectionAssert.AreEqual(Array.Empty<string>(), Names(C("name", ConditionOperator.BeginsWith, "%")));
        }

        [TestMethod]
        public void Between_and_NotBetween()
        {
            CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam, Inc." }, Names(C("numberofemployees", ConditionOperator.Between, 50, 200)));
            CollectionAssert.AreEqual(new[] { "A. Datum" }, Names(C("numberofemployees", ConditionOperator.NotBetween, 50, 200)));
        }

        [TestMethod]
        public void Dates_on_and_relative()
        {
            var yesterday = Crm.Now.AddDays(-1).Date;
            CollectionAssert.AreEqual(new[] { "Contoso" }, Names(C("createdon", ConditionOperator.On, yesterday)));
            CollectionAssert.AreEqual(new[] { "Contoso" }, Names(C("createdon", ConditionOperator.Yesterday)));
            CollectionAssert.AreEqual(new[] { "A. Datum" }, Names(C("createdon", ConditionOperator.Today)));
            CollectionAssert.AreEqual(Array.Empty<string>(), Names(C("createdon", ConditionOperator.Tomorrow)));
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso" }, Names(C("createdon", ConditionOperator.OnOrAfter, yesterday)));
            CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam, Inc.", "litware" }, Names(C("createdon", ConditionOperator.OnOrBefore, yesterday)));
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso", "Fabrikam, Inc." }, Names(C("createdon", ConditionOperator.LastXDays, 10)));
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso" }, Names(C("createdon", ConditionOperator.LastXDays, 9)));
            CollectionAssert.AreEqual(new[] { "A. Datum" }, Names(C("createdon", ConditionOperator.LastXHours, 3)));
            CollectionAssert.AreEqual(Array.Empty<string>(), Names(C("createdon", ConditionOperator.NextXDays, 3)));
            CollectionAssert.AreEqual(new[] { "Fabrikam, Inc.", "litware" }, Names(C("createdon", ConditionOperator.OlderThanXDays, 5)));
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso", "Fabrikam, Inc." }, Names(C("createdon", ConditionOperator.ThisMonth)));
            CollectionAssert.AreEqual(new[] { "litware" }, Names(C("createdon", ConditionOperator.LastMonth)));
            Assert.AreEqual(4, Names(C("createdon", ConditionOperator.ThisYear)).Length);
            CollectionAssert.AreEqual(new[] { "A. Datum", "Contoso" }, Names(C("createdon", ConditionOperator.ThisWeek)));
            CollectionAssert.AreEqual(new[] { "Fabrikam, Inc." }, Names(C("createdon", ConditionOperator.LastWeek)));
            // Values as strings (FetchXML style) are accepted too.
            CollectionAssert.AreEqual(new[] { "Contoso" }, Names(C("createdon", ConditionOperator.On, "2024-05-14")));
        }

        [TestMethod]
        public void Current_user_operators()
        {
            CollectionAssert.AreEqual(new[] { "Contoso", "litware" }, Names(C("ownerid", ConditionOperator.EqualUserId)));
            CollectionAssert.AreEqual(new[] { "A. Datum", "Fabrikam, Inc." }, Names(C("ownerid", ConditionOperator.NotEqualUserId)));
        }

        [TestMethod]
        public void Bool_double_and_decimal_columns()
        {
            CollectionAssert.AreEqual(new[] { "Contoso" }, Names(C("donotphone", ConditionOperator.Equal, true)));
            CollectionAssert.AreEqual(new[] { "Fabrikam, Inc." }, Names(C("donotphone", ConditionOperator.Equal, 0)));
            CollectionAssert.AreEqual(new[] { "Contoso" }, Names(C("rating", ConditionOperator.GreaterThan, 4)));
            CollectionAssert.AreEqual(new[] { "Fabrikam, Inc." }, Names(C("creditlimit", ConditionOperator.Equal, 200)));
        }

        [TestMethod]
        public void Nested_and_or_filters()
        {
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            q.Criteria.FilterOperator = LogicalOperator.And;
            q.Criteria.AddCondition("createdon", ConditionOperator.LastXDays, 30);
            var or = q.Criteria.AddFilter(LogicalOperator.Or);
            or.AddCondition("industrycode", ConditionOperator.Equal, 3);
            var and = or.AddFilter(LogicalOperator.And);
            and.AddCondition("revenue", ConditionOperator.GreaterThan, 2000m);
            and.AddCondition("name", ConditionOperator.Like, "F%");
            var names = _crm.Engine.RetrieveMultiple(q).Entities.Select(e => e.GetAttributeValue<string>("name")).OrderBy(n => n).ToArray();
            CollectionAssert.AreEqual(new[] { "A. Datum", "Fabrikam, Inc." }, names);
        }

        [TestMethod]
        public void Column_comparison()
        {
            var q = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            q.Criteria.AddCondition(new ConditionExpression("numberofemployees", ConditionOperator.GreaterEqual, true, "creditlimit"));
            var names = _crm.Engine.RetrieveMultiple(q).Entities.Select(e => e.GetAttributeValue<string>("name")).ToArray();
            CollectionAssert.AreEquivalent(new[] { "Fabrikam, Inc." }, names);
        }

        [TestMethod]
        public void Unknown_column_and_table_are_rejected_like_Dataverse()
        {
            var e = Assert.ThrowsExactly<QueryException>(() => Names(C("foo", ConditionOperator.Equal, 1)));
            StringAssert.Contains(e.Message, "'account' entity doesn't contain attribute with Name = 'foo'");
            Assert.AreEqual(QueryErrorCodes.NoAttribute, e.ErrorCode);
            var e2 = Assert.ThrowsExactly<QueryException>(() => _crm.Engine.RetrieveMultiple(new QueryExpression("nope")));
            Assert.AreEqual(QueryErrorCodes.NoEntity, e2.ErrorCode);
            Assert.ThrowsExactly<QueryException>(() => _crm.Engine.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("bar") }));
        }

        [TestMethod]
        public void Wrong_value_type_is_rejected()
        {
            Assert.ThrowsExactly<QueryException>(() => Names(C("ownerid", ConditionOperator.Equal, 5)));
            Assert.ThrowsExactly<QueryException>(() => Names(C("numberofemployees", ConditionOperator.Equal, "many")));
            Assert.ThrowsExactly<QueryException>(() => Names(C("numberofemployees", ConditionOperator.Equal)));
        }
    }
}
