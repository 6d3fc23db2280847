using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Sandbox.Query
{
    // The engine's own query model: QueryExpression, QueryByAttribute and FetchXML all translate into it.

    internal enum AggregateKind { None, Count, CountColumn, Sum, Avg, Min, Max }

    internal enum DateGrouping { None, Day, Week, Month, Quarter, Year }

    internal sealed class QuerySpec
    {
        public QueryNode Root = null!;
        /// <summary>Root first, then links depth-first; a node's Index is its slot in a joined row.</summary>
        public readonly List<QueryNode> Nodes = new();
        public readonly List<QueryOrder> Orders = new();
        public bool Distinct;
        public int? Top;
        public int PageSize;       // 0: not given
        public int PageNumber;     // 0: not given
        public string? PagingCookie;
        public bool ReturnTotalRecordCount;
        public bool Aggregate;
        public int? AggregateLimit;
        public bool RawOrderBy;
        public bool FromFetch;
    }

    internal sealed class QueryNode
    {
        public int Index;
        public string EntityName = "";
        /// <summary>The prefix of linked columns' keys: the explicit alias or the generated one ("contact1").</summary>
        public string Alias = "";
        public bool ExplicitAlias;
        public QueryNode? Parent;
        /// <summary>Join column on the parent (QueryExpression LinkFromAttributeName, fetch "to").</summary>
        public string ParentAttribute = "";
        /// <summary>Join column on this table (QueryExpression LinkToAttributeName, fetch "from").</summary>
        public string ChildAttribute = "";
        public JoinOperator Join = JoinOperator.Inner;
        public bool AllColumns;
        public readonly List<QueryColumn> Columns = new();
        public QueryFilter? Filter;
        public readonly List<QueryNode> Links = new();
        public bool IsSemiJoin => Join is JoinOperator.Exists or JoinOperator.In or JoinOperator.Any or JoinOperator.NotAny;
    }

    internal sealed class QueryColumn
    {
        public QueryNode Node = null!;
        public string Attribute = "";
        public string? Alias;
        public AggregateKind Aggregate;
        public bool Distinct;
        public bool GroupBy;
        public DateGrouping DateGrouping;
        /// <summary>FetchXML usertimezone: date grouping in the caller's time zone (the default) or, when false, in UTC.</summary>
        public bool UserTimeZone = true;
    }

    internal sealed class QueryFilter
    {
        /// <summary>
        /// Filters nested deeper than this are refused with a fault. Dataverse turns a query into SQL, whose nesting
        /// is bounded too; here the point is that 100,000 nested filters end in a clear fault instead of a stack
        /// overflow that kills the test process. No real query comes near it.
        /// </summary>
        public const int MaxDepth = 100;

        public bool IsOr;
        public readonly List<QueryCondition> Conditions = new();
        public readonly List<QueryFilter> Filters = new();

        public static void CheckDepth(int depth)
        {
            if (depth > MaxDepth)
                throw new QueryException(QueryErrorCodes.InvalidQuery, $"The query nests filters more than {MaxDepth} levels deep; flatten it (an 'in' condition or one 'or' filter with many conditions).");
        }
    }

    internal sealed class QueryCondition
    {
        /// <summary>Alias (or table name) of the node the column belongs to; null: the filter's own node.</summary>
        public string? EntityName;
        public string Attribute = "";
        public ConditionOperator Operator;
        public object?[] Values = System.Array.Empty<object?>();
        /// <summary>Column comparison: the other column ("attr" or "alias.attr").</summary>
        public string? ValueOf;
    }

    internal sealed class QueryOrder
    {
        public QueryNode Node = null!;
        public string? Attribute;
        public string? Alias;
        public bool Descending;
        /// <summary>Alias of another node (OrderExpression.EntityName / fetch order entityname), resolved by the engine.</summary>
        public string? EntityName;
    }
}
