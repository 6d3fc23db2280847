using System.Collections;

namespace Microsoft.Xrm.Sdk.Query
{
    public abstract class QueryBase
    {
        protected QueryBase()
        {
        }
    }

    /// <summary>A FetchXML query.</summary>
    public sealed class FetchExpression : QueryBase
    {
        public FetchExpression()
        {
        }

        public FetchExpression(string query)
        {
            Query = query;
        }

        public string Query { get; set; }
    }

    /// <summary>
    /// A query built in code. A new one selects no columns (only the id comes back): asking for what is
    /// needed is the caller's job, and <c>new ColumnSet(true)</c> is the explicit way to ask for everything.
    /// </summary>
    public sealed class QueryExpression : QueryBase
    {
        private ColumnSet _columnSet;
        private FilterExpression _criteria;
        private PagingInfo _pageInfo;

        public QueryExpression()
        {
            LinkEntities = new DataCollection<LinkEntity>();
            Orders = new DataCollection<OrderExpression>();
        }

        public QueryExpression(string entityName)
            : this()
        {
            EntityName = entityName;
        }

        public bool Distinct { get; set; }

        public bool NoLock { get; set; }

        public PagingInfo PageInfo
        {
            get { return _pageInfo ?? (_pageInfo = new PagingInfo()); }
            set { _pageInfo = value; }
        }

        public DataCollection<LinkEntity> LinkEntities { get; private set; }

        public FilterExpression Criteria
        {
            get { return _criteria ?? (_criteria = new FilterExpression()); }
            set { _criteria = value; }
        }

        public DataCollection<OrderExpression> Orders { get; private set; }

        public string EntityName { get; set; }

        public ColumnSet ColumnSet
        {
            get { return _columnSet ?? (_columnSet = new ColumnSet()); }
            set { _columnSet = value; }
        }

        public int? TopCount { get; set; }

        public void AddOrder(string attributeName, OrderType orderType) => Orders.Add(new OrderExpression(attributeName, orderType));

        public void AddOrder(string attributeName, OrderType orderType, string alias, string entityName) =>
            Orders.Add(new OrderExpression(attributeName, orderType, alias, entityName));

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName) =>
            AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            var link = new LinkEntity(EntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
            LinkEntities.Add(link);
            return link;
        }
    }

    /// <summary>A query for the rows whose columns equal the given values (all of them), with Microsoft's members.</summary>
    public sealed class QueryByAttribute : QueryBase
    {
        private ColumnSet _columnSet;
        private PagingInfo _pageInfo;

        public QueryByAttribute()
        {
            Attributes = new DataCollection<string>();
            Values = new DataCollection<object>();
            Orders = new DataCollection<OrderExpression>();
        }

        public QueryByAttribute(string entityName)
            : this()
        {
            EntityName = entityName;
        }

        public string EntityName { get; set; }

        public ColumnSet ColumnSet
        {
            get { return _columnSet ?? (_columnSet = new ColumnSet()); }
            set { _columnSet = value; }
        }

        public DataCollection<string> Attributes { get; private set; }

        public DataCollection<object> Values { get; private set; }

        public DataCollection<OrderExpression> Orders { get; private set; }

        public PagingInfo PageInfo
        {
            get { return _pageInfo ?? (_pageInfo = new PagingInfo()); }
            set { _pageInfo = value; }
        }

        public int? TopCount { get; set; }

        public void AddAttributeValue(string attributeName, object value)
        {
            Attributes.Add(attributeName);
            Values.Add(value);
        }

        public void AddOrder(string attributeName, OrderType orderType) => Orders.Add(new OrderExpression(attributeName, orderType));
    }

    public sealed class ColumnSet
    {
        private DataCollection<string> _columns;

        public ColumnSet()
        {
        }

        public ColumnSet(bool allColumns)
        {
            AllColumns = allColumns;
        }

        public ColumnSet(params string[] columns)
        {
            Columns.AddRange(columns);
        }

        public bool AllColumns { get; set; }

        public DataCollection<string> Columns
        {
            get { return _columns ?? (_columns = new DataCollection<string>()); }
            set { _columns = value; }
        }

        public void AddColumns(params string[] columns) => Columns.AddRange(columns);

        public void AddColumn(string column) => Columns.Add(column);
    }

    /// <summary>One condition on an attribute.</summary>
    /// <remarks>
    /// The overloads decide how values are read, as in Microsoft's: a single <c>object</c> is one value (even
    /// an array typed as object); an <see cref="ICollection"/> (a list, an int[] or Guid[]) is expanded into its
    /// items; <c>params object[]</c> are the values themselves.
    /// </remarks>
    public sealed class ConditionExpression
    {
        public ConditionExpression()
        {
            Values = new DataCollection<object>();
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, params object[] values)
            : this(null, attributeName, conditionOperator, false, values)
        {
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values)
            : this(entityName, attributeName, conditionOperator, false, values)
        {
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
            : this()
        {
            EntityName = entityName;
            AttributeName = attributeName;
            Operator = conditionOperator;
            CompareColumns = compareColumns;
            Values.AddRange(values);
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
            : this(entityName, attributeName, conditionOperator, compareColumns, new[] { value })
        {
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
            : this(null, attributeName, conditionOperator, compareColumns, new[] { value })
        {
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
            : this(null, attributeName, conditionOperator, compareColumns, values)
        {
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, object value)
            : this(null, attributeName, conditionOperator, false, new[] { value })
        {
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, object value)
            : this(entityName, attributeName, conditionOperator, false, new[] { value })
        {
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator)
            : this(null, attributeName, conditionOperator, false, (object[])null)
        {
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator)
            : this(entityName, attributeName, conditionOperator, false, (object[])null)
        {
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, ICollection values)
            : this(null, attributeName, conditionOperator, false, (object[])null)
        {
            if (values != null)
            {
                foreach (var value in values)
                {
                    Values.Add(value);
                }
            }
        }

        /// <summary>The alias or logical name of a linked entity the attribute belongs to; null for the query's own.</summary>
        public string EntityName { get; set; }

        /// <summary>True when the value is another attribute's name (column comparison).</summary>
        public bool CompareColumns { get; set; }

        public string AttributeName { get; set; }

        public ConditionOperator Operator { get; set; }

        public DataCollection<object> Values { get; private set; }
    }

    public sealed class FilterExpression
    {
        public FilterExpression()
        {
            Conditions = new DataCollection<ConditionExpression>();
            Filters = new DataCollection<FilterExpression>();
        }

        public FilterExpression(LogicalOperator filterOperator)
            : this()
        {
            FilterOperator = filterOperator;
        }

        public LogicalOperator FilterOperator { get; set; }

        public DataCollection<ConditionExpression> Conditions { get; private set; }

        public DataCollection<FilterExpression> Filters { get; private set; }

        public void AddCondition(string attributeName, ConditionOperator conditionOperator, params object[] values) =>
            Conditions.Add(new ConditionExpression(attributeName, conditionOperator, values));

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values) =>
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, values));

        public void AddCondition(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values) =>
            Conditions.Add(new ConditionExpression(attributeName, conditionOperator, compareColumns, values));

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values) =>
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, compareColumns, values));

        public void AddCondition(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value) =>
            Conditions.Add(new ConditionExpression(attributeName, conditionOperator, compareColumns, value));

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value) =>
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, compareColumns, value));

        public void AddCondition(ConditionExpression condition) => Conditions.Add(condition);

        public FilterExpression AddFilter(LogicalOperator logicalOperator)
        {
            var filter = new FilterExpression(logicalOperator);
            Filters.Add(filter);
            return filter;
        }

        public void AddFilter(FilterExpression childFilter) => Filters.Add(childFilter);
    }

    /// <summary>A join from the parent (query or link) to another table.</summary>
    public sealed class LinkEntity
    {
        private ColumnSet _columns;
        private FilterExpression _linkCriteria;

        public LinkEntity()
        {
            LinkEntities = new DataCollection<LinkEntity>();
            Orders = new DataCollection<OrderExpression>();
        }

        public LinkEntity(string linkFromEntityName, string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
            : this()
        {
            LinkFromEntityName = linkFromEntityName;
            LinkToEntityName = linkToEntityName;
            LinkFromAttributeName = linkFromAttributeName;
            LinkToAttributeName = linkToAttributeName;
            JoinOperator = joinOperator;
        }

        public string LinkFromAttributeName { get; set; }

        public string LinkFromEntityName { get; set; }

        public string LinkToEntityName { get; set; }

        public string LinkToAttributeName { get; set; }

        public JoinOperator JoinOperator { get; set; }

        public FilterExpression LinkCriteria
        {
            get { return _linkCriteria ?? (_linkCriteria = new FilterExpression()); }
            set { _linkCriteria = value; }
        }

        public DataCollection<LinkEntity> LinkEntities { get; private set; }

        public ColumnSet Columns
        {
            get { return _columns ?? (_columns = new ColumnSet()); }
            set { _columns = value; }
        }

        public string EntityAlias { get; set; }

        public DataCollection<OrderExpression> Orders { get; private set; }

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName) =>
            AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);

        // Microsoft copies this link's LinkFromEntityName (not LinkToEntityName) into the nested link; we do
        // the same so that code behaves alike on both. A nested link's real parent is the link it sits in.
        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            var link = new LinkEntity(LinkFromEntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
            LinkEntities.Add(link);
            return link;
        }
    }

    public sealed class OrderExpression
    {
        public OrderExpression()
        {
        }

        public OrderExpression(string attributeName, OrderType orderType)
        {
            AttributeName = attributeName;
            OrderType = orderType;
        }

        public OrderExpression(string attributeName, OrderType orderType, string alias)
            : this(attributeName, orderType)
        {
            Alias = alias;
        }

        public OrderExpression(string attributeName, OrderType orderType, string alias, string entityName)
            : this(attributeName, orderType, alias)
        {
            EntityName = entityName;
        }

        public string AttributeName { get; set; }

        public OrderType OrderType { get; set; }

        public string Alias { get; set; }

        public string EntityName { get; set; }
    }

    /// <summary>Which page to return: 1-based <see cref="PageNumber"/>, <see cref="Count"/> rows per page.</summary>
    public sealed class PagingInfo
    {
        public int PageNumber { get; set; }

        public int Count { get; set; }

        public bool ReturnTotalRecordCount { get; set; }

        public string PagingCookie { get; set; }
    }
}
