using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Sandbox.Query
{
    /// <summary>Translates QueryExpression and QueryByAttribute into the engine's model.</summary>
    internal static class QueryExpressionTranslator
    {
        public static QuerySpec Translate(QueryExpression query)
        {
            if (string.IsNullOrEmpty(query.EntityName))
                throw new QueryException(QueryErrorCodes.InvalidArgument, "QueryExpression.EntityName is required.");
            var spec = new QuerySpec
            {
                Distinct = query.Distinct,
                Top = query.TopCount,
            };
            var paging = query.PageInfo;
            if (paging != null)
            {
                spec.PageSize = paging.Count;
                spec.PageNumber = paging.PageNumber;
                spec.PagingCookie = string.IsNullOrEmpty(paging.PagingCookie) ? null : paging.PagingCookie;
                spec.ReturnTotalRecordCount = paging.ReturnTotalRecordCount;
            }
            if (spec.Top.HasValue && (spec.PageSize > 0 || spec.PageNumber > 1 || spec.PagingCookie != null))
                throw new QueryException(QueryErrorCodes.InvalidArgument,
                    "The Top Count and Paging Info are both specified in the query: a query can have only one of them.");

            var root = new QueryNode { EntityName = query.EntityName, Alias = query.EntityName };
            spec.Root = root;
            spec.Nodes.Add(root);
            AddColumns(root, query.ColumnSet);
            root.Filter = Filter(query.Criteria);
            if (query.Orders != null)
                foreach (var o in query.Orders) spec.Orders.Add(Order(spec, root, o));
            var counter = 0;
            if (query.LinkEntities != null)
                foreach (var link in query.LinkEntities) AddLink(spec, root, link, ref counter);
            return spec;
        }

        /// <summary>
        /// QueryByAttribute: the rows whose columns equal the given values, all of them (a null value asks for a column
        /// without a value). As in Dataverse, at least one attribute is required and each attribute needs its value.
        /// </summary>
        public static QuerySpec Translate(QueryByAttribute query)
        {
            if (string.IsNullOrEmpty(query.EntityName))
                throw new QueryException(QueryErrorCodes.InvalidArgument, "QueryByAttribute.EntityName is required.");
            var attributes = query.Attributes;
            var values = query.Values;
            if (attributes.Count == 0)
                throw new QueryException(QueryErrorCodes.ByAttributeNonEmpty, "QueryByAttribute must specify a non-empty attribute array.");
            if (values.Count != attributes.Count)
                throw new QueryException(QueryErrorCodes.ByAttributeMismatch,
                    "QueryByAttribute must specify a non-empty value array with the same number of elements as in the attributes array.");
            var qe = new QueryExpression(query.EntityName)
            {
                ColumnSet = query.ColumnSet ?? new ColumnSet(),
                TopCount = query.TopCount,
                PageInfo = query.PageInfo,
            };
            for (var i = 0; i < attributes.Count; i++)
            {
                var condition = new ConditionExpression { AttributeName = attributes[i], Operator = values[i] == null ? ConditionOperator.Null : ConditionOperator.Equal };
                if (values[i] != null) condition.Values.Add(values[i]);
                qe.Criteria.Conditions.Add(condition);
            }
            foreach (var o in query.Orders) qe.Orders.Add(o);
            return Translate(qe);
        }

        private static void AddLink(QuerySpec spec, QueryNode parent, LinkEntity link, ref int counter)
        {
            counter++;
            if (spec.Nodes.Count > 15)
                throw new QueryException(QueryErrorCodes.TooManyLinkEntities, "Number of link entities in query exceeded maximum limit.");
            if (string.IsNullOrEmpty(link.LinkToEntityName))
                throw new QueryException(QueryErrorCodes.InvalidArgument, "LinkEntity.LinkToEntityName is required.");
            // LinkFromEntityName is not checked: the SDK's LinkEntity.AddLink copies the outer link's LinkFromEntityName
            // into nested links, and the platform joins a nested link to the link it sits in.
            if (string.IsNullOrEmpty(link.LinkFromAttributeName) || string.IsNullOrEmpty(link.LinkToAttributeName))
                throw new QueryException(QueryErrorCodes.InvalidArgument, "LinkEntity.LinkFromAttributeName and LinkToAttributeName are required.");
            var node = new QueryNode
            {
                Index = spec.Nodes.Count,
                EntityName = link.LinkToEntityName,
                ExplicitAlias = !string.IsNullOrEmpty(link.EntityAlias),
                Alias = string.IsNullOrEmpty(link.EntityAlias) ? link.LinkToEntityName + counter.ToString(System.Globalization.CultureInfo.InvariantCulture) : link.EntityAlias,
                Parent = parent,
                ParentAttribute = link.LinkFromAttributeName,
                ChildAttribute = link.LinkToAttributeName,
                Join = link.JoinOperator,
            };
            spec.Nodes.Add(node);
            parent.Links.Add(node);
            AddColumns(node, link.Columns);
            node.Filter = Filter(link.LinkCriteria);
            if (link.Orders != null)
                foreach (var o in link.Orders) spec.Orders.Add(Order(spec, node, o));
            if (link.LinkEntities != null)
                foreach (var child in link.LinkEntities) AddLink(spec, node, child, ref counter);
        }

        private static void AddColumns(QueryNode node, ColumnSet? columns)
        {
            if (columns == null) return;
            if (columns.AllColumns) { node.AllColumns = true; return; }
            if (columns.Columns == null) return;
            foreach (var c in columns.Columns)
                if (!string.IsNullOrEmpty(c)) node.Columns.Add(new QueryColumn { Node = node, Attribute = c });
        }

        private static QueryOrder Order(QuerySpec spec, QueryNode node, OrderExpression o) => new QueryOrder
        {
            Node = node,
            Attribute = string.IsNullOrEmpty(o.AttributeName) ? null : o.AttributeName,
            Alias = string.IsNullOrEmpty(o.Alias) ? null : o.Alias,
            Descending = o.OrderType == OrderType.Descending,
            EntityName = string.IsNullOrEmpty(o.EntityName) ? null : o.EntityName,
        };

        internal static QueryFilter? Filter(FilterExpression? filter, int depth = 1)
        {
            if (filter == null) return null;
            QueryFilter.CheckDepth(depth);
            var result = new QueryFilter { IsOr = filter.FilterOperator == LogicalOperator.Or };
            if (filter.Conditions != null)
                foreach (var c in filter.Conditions) result.Conditions.Add(Condition(c));
            if (filter.Filters != null)
                foreach (var f in filter.Filters)
                {
                    var child = Filter(f, depth + 1);
                    if (child != null) result.Filters.Add(child);
                }
            return result;
        }

        private static QueryCondition Condition(ConditionExpression c)
        {
            if (string.IsNullOrEmpty(c.AttributeName))
                throw new QueryException(QueryErrorCodes.InvalidArgument, "ConditionExpression.AttributeName is required.");
            var values = Flatten(c.Values);
            var result = new QueryCondition
            {
                EntityName = string.IsNullOrEmpty(c.EntityName) ? null : c.EntityName,
                Attribute = c.AttributeName,
                Operator = c.Operator,
                Values = values,
            };
            if (c.CompareColumns)
            {
                if (values.Length != 1 || values[0] is not string other)
                    throw new QueryException(QueryErrorCodes.InvalidArgument, "A column comparison condition must have exactly one value: the name of the other column.");
                result.ValueOf = other;
                result.Values = Array.Empty<object?>();
            }
            return result;
        }

        /// <summary>Values given as one array or list (a common mistake with the params overloads) are flattened.</summary>
        internal static object?[] Flatten(IEnumerable<object>? values)
        {
            if (values == null) return Array.Empty<object?>();
            var list = new List<object?>();
            foreach (var v in values)
            {
                // An OptionSetValueCollection stays one value: a condition on a choices column refuses it, as Dataverse does.
                if (v is IEnumerable e && v is not string && v is not byte[] && v is not Microsoft.Xrm.Sdk.OptionSetValueCollection)
                    foreach (var x in e) list.Add(x);
                else list.Add(v);
            }
            return list.ToArray();
        }
    }
}
