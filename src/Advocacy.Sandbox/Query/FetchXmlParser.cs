using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Sandbox.Query
{
    /// <summary>Parses FetchXML (System.Xml.Linq) into the engine's model, rejecting what Dataverse rejects.</summary>
    internal static class FetchXmlParser
    {
        private static readonly Dictionary<string, ConditionOperator> Operators = new(StringComparer.OrdinalIgnoreCase)
        {
            ["eq"] = ConditionOperator.Equal,
            ["ne"] = ConditionOperator.NotEqual,
            ["neq"] = ConditionOperator.NotEqual,
            ["gt"] = ConditionOperator.GreaterThan,
            ["ge"] = ConditionOperator.GreaterEqual,
            ["lt"] = ConditionOperator.LessThan,
            ["le"] = ConditionOperator.LessEqual,
            ["like"] = ConditionOperator.Like,
            ["not-like"] = ConditionOperator.NotLike,
            ["in"] = ConditionOperator.In,
            ["not-in"] = ConditionOperator.NotIn,
            ["between"] = ConditionOperator.Between,
            ["not-between"] = ConditionOperator.NotBetween,
            ["null"] = ConditionOperator.Null,
            ["not-null"] = ConditionOperator.NotNull,
            ["yesterday"] = ConditionOperator.Yesterday,
            ["today"] = ConditionOperator.Today,
            ["tomorrow"] = ConditionOperator.Tomorrow,
            ["last-seven-days"] = ConditionOperator.Last7Days,
            ["next-seven-days"] = ConditionOperator.Next7Days,
            ["last-week"] = ConditionOperator.LastWeek,
            ["this-week"] = ConditionOperator.ThisWeek,
            ["next-week"] = ConditionOperator.NextWeek,
            ["last-month"] = ConditionOperator.LastMonth,
            ["this-month"] = ConditionOperator.ThisMonth,
            ["next-month"] = ConditionOperator.NextMonth,
            ["on"] = ConditionOperator.On,
            ["not-on"] = ConditionOperator.NotOn,
            ["on-or-before"] = ConditionOperator.OnOrBefore,
            ["on-or-after"] = ConditionOperator.OnOrAfter,
            ["last-year"] = ConditionOperator.LastYear,
            ["this-year"] = ConditionOperator.ThisYear,
            ["next-year"] = ConditionOperator.NextYear,
            ["last-x-hours"] = ConditionOperator.LastXHours,
            ["next-x-hours"] = ConditionOperator.NextXHours,
            ["last-x-days"] = ConditionOperator.LastXDays,
            ["next-x-days"] = ConditionOperator.NextXDays,
            ["last-x-weeks"] = ConditionOperator.LastXWeeks,
            ["next-x-weeks"] = ConditionOperator.NextXWeeks,
            ["last-x-months"] = ConditionOperator.LastXMonths,
            ["next-x-months"] = ConditionOperator.NextXMonths,
            ["last-x-years"] = ConditionOperator.LastXYears,
            ["next-x-years"] = ConditionOperator.NextXYears,
            ["olderthan-x-minutes"] = ConditionOperator.OlderThanXMinutes,
            ["olderthan-x-hours"] = ConditionOperator.OlderThanXHours,
            ["olderthan-x-days"] = ConditionOperator.OlderThanXDays,
            ["olderthan-x-weeks"] = ConditionOperator.OlderThanXWeeks,
            ["olderthan-x-months"] = ConditionOperator.OlderThanXMonths,
            ["olderthan-x-years"] = ConditionOperator.OlderThanXYears,
            ["eq-userid"] = ConditionOperator.EqualUserId,
            ["ne-userid"] = ConditionOperator.NotEqualUserId,
            ["eq-businessid"] = ConditionOperator.EqualBusinessId,
            ["ne-businessid"] = ConditionOperator.NotEqualBusinessId,
            ["begins-with"] = ConditionOperator.BeginsWith,
            ["not-begin-with"] = ConditionOperator.DoesNotBeginWith,
            ["ends-with"] = ConditionOperator.EndsWith,
            ["not-end-with"] = ConditionOperator.DoesNotEndWith,
            ["contain-values"] = ConditionOperator.ContainValues,
            ["not-contain-values"] = ConditionOperator.DoesNotContainValues,
        };

        public static QuerySpec Parse(string? fetchXml)
        {
            if (string.IsNullOrWhiteSpace(fetchXml))
                throw Invalid("The FetchXML query is empty.");
            XElement fetch;
            try
            {
                fetch = XElement.Parse(fetchXml);
            }
            catch (XmlException e)
            {
                throw new QueryException(QueryErrorCodes.InvalidQuery, "Invalid XML in the FetchXML query: " + e.Message, e);
            }
            if (fetch.Name.LocalName != "fetch")
                throw Invalid($"The root element of a FetchXML query must be 'fetch', not '{fetch.Name.LocalName}'.");
            CheckAttributes(fetch, "version", "count", "page", "paging-cookie", "utc-offset", "aggregate", "distinct", "top", "mapping",
                "min-active-row-version", "output-format", "returntotalrecordcount", "no-lock", "useraworderby", "aggregatelimit",
                "latematerialize", "options", "datasource");

            var spec = new QuerySpec
            {
                FromFetch = true,
                Distinct = Bool(fetch, "distinct"),
                Aggregate = Bool(fetch, "aggregate"),
                ReturnTotalRecordCount = Bool(fetch, "returntotalrecordcount"),
                RawOrderBy = Bool(fetch, "useraworderby"),
                Top = OptionalInt(fetch, "top"),
                PageSize = OptionalInt(fetch, "count") ?? 0,
                PageNumber = OptionalInt(fetch, "page") ?? 0,
                AggregateLimit = OptionalInt(fetch, "aggregatelimit"),
            };
            // no-lock changes nothing here (there are no SQL locks to skip), but a value that is not a boolean is refused.
            Bool(fetch, "no-lock");
            var cookie = (string?)fetch.Attribute("paging-cookie");
            spec.PagingCookie = string.IsNullOrEmpty(cookie) ? null : cookie;
            if (spec.Top.HasValue && (fetch.Attribute("count") != null || fetch.Attribute("page") != null))
                throw Invalid("The 'top' attribute can't be specified with paging attributes 'count' or 'page'.");
            if (spec.Top is > 5000)
                throw Invalid("The 'top' attribute value can't be greater than 5000.");

            var entities = fetch.Elements().ToList();
            foreach (var other in entities.Where(e => e.Name.LocalName != "entity"))
                throw Invalid($"The element '{other.Name.LocalName}' is not allowed in 'fetch'.");
            if (entities.Count != 1)
                throw Invalid("A FetchXML query must contain exactly one 'entity' element.");
            var entity = entities[0];
            CheckAttributes(entity, "name", "enableprefiltering", "prefilterparametername");
            var root = new QueryNode { EntityName = Required(entity, "name"), };
            root.Alias = root.EntityName;
            spec.Root = root;
            spec.Nodes.Add(root);
            var counter = 0;
            ReadNode(spec, root, entity, ref counter);
            // Link-entity aliases and column aliases name the result's columns together: one name, one meaning.
            var aliases = spec.Nodes.Where(n => n.ExplicitAlias).Select(n => n.Alias)
                .Concat(spec.Nodes.SelectMany(n => n.Columns).Where(c => c.Alias != null).Select(c => c.Alias!));
            if (aliases.GroupBy(a => a, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
                throw new QueryException(QueryErrorCodes.DuplicateAlias, "FetchXML should have unique aliases.");
            // An entity without attribute elements returns all its columns.
            if (!root.AllColumns && root.Columns.Count == 0 && !spec.Aggregate) root.AllColumns = true;
            return spec;
        }

        private static void ReadNode(QuerySpec spec, QueryNode node, XElement element, ref int counter)
        {
            var filters = new List<QueryFilter>();
            foreach (var child in element.Elements())
            {
                switch (child.Name.LocalName)
                {
                    case "attribute":
                        node.Columns.Add(Column(spec, node, child));
                        break;
                    case "all-attributes":
                        node.AllColumns = true;
                        break;
                    case "no-attrs":
                        break;
                    case "order":
                        CheckAttributes(child, "attribute", "alias", "descending", "entityname");
                        var attribute = (string?)child.Attribute("attribute");
                        var alias = (string?)child.Attribute("alias");
                        // An order without either is refused by the engine with the platform's fault for the kind of query.
                        spec.Orders.Add(new QueryOrder
                        {
                            Node = node,
                            Attribute = string.IsNullOrEmpty(attribute) ? null : attribute,
                            Alias = string.IsNullOrEmpty(alias) ? null : alias,
                            Descending = Bool(child, "descending"),
                            EntityName = string.IsNullOrEmpty((string?)child.Attribute("entityname")) ? null : (string?)child.Attribute("entityname"),
                        });
                        break;
                    case "filter":
                        filters.Add(Filter(child));
                        break;
                    case "link-entity":
                        ReadLink(spec, node, child, ref counter);
                        break;
                    default:
                        throw Invalid($"The element '{child.Name.LocalName}' is not allowed in '{element.Name.LocalName}'.");
                }
            }
            if (filters.Count == 1) node.Filter = filters[0];
            else if (filters.Count > 1)
            {
                node.Filter = new QueryFilter();
                node.Filter.Filters.AddRange(filters);
            }
        }

        private static void ReadLink(QuerySpec spec, QueryNode parent, XElement element, ref int counter)
        {
            CheckAttributes(element, "name", "from", "to", "alias", "link-type", "visible", "intersect", "enableprefiltering", "prefilterparametername");
            counter++;
            if (spec.Nodes.Count > 15)
                throw new QueryException(QueryErrorCodes.TooManyLinkEntities, "Number of link entities in query exceeded maximum limit.");
            var name = Required(element, "name");
            var alias = (string?)element.Attribute("alias");
            var node = new QueryNode
            {
                Index = spec.Nodes.Count,
                EntityName = name,
                ExplicitAlias = !string.IsNullOrEmpty(alias),
                Alias = string.IsNullOrEmpty(alias) ? name + counter.ToString(CultureInfo.InvariantCulture) : alias!,
                Parent = parent,
                ParentAttribute = Required(element, "to"),
                ChildAttribute = Required(element, "from"),
                Join = ((string?)element.Attribute("link-type"))?.ToLowerInvariant() switch
                {
                    null or "" or "inner" => JoinOperator.Inner,
                    "outer" => JoinOperator.LeftOuter,
                    "natural" => JoinOperator.Natural,
                    "exists" => JoinOperator.Exists,
                    "in" => JoinOperator.In,
                    "any" => JoinOperator.Any,
                    "not any" or "not-any" => JoinOperator.NotAny,
                    "all" => JoinOperator.All,
                    "not all" or "not-all" => JoinOperator.NotAll,
                    "matchfirstrowusingcrossapply" => JoinOperator.MatchFirstRowUsingCrossApply,
                    // The platform's words list the link types of its first FetchXML; any, not any, all and not all came later.
                    _ => throw new QueryException(QueryErrorCodes.InvalidLinkType,
                        "The only valid values for link-type attribute are 'natural', 'inner','in','exists','matchfirstrowusingcrossapply' and 'outer'."),
                },
            };
            spec.Nodes.Add(node);
            parent.Links.Add(node);
            ReadNode(spec, node, element, ref counter);
        }

        private static QueryColumn Column(QuerySpec spec, QueryNode node, XElement element)
        {
            CheckAttributes(element, "name", "alias", "aggregate", "groupby", "dategrouping", "distinct", "usertimezone", "build", "addedby", "rowaggregate");
            var column = new QueryColumn { Node = node, Attribute = Required(element, "name") };
            var alias = (string?)element.Attribute("alias");
            column.Alias = string.IsNullOrEmpty(alias) ? null : alias;
            column.GroupBy = Bool(element, "groupby");
            column.UserTimeZone = element.Attribute("usertimezone") == null || Bool(element, "usertimezone");
            column.Distinct = Bool(element, "distinct");
            column.Aggregate = ((string?)element.Attribute("aggregate"))?.ToLowerInvariant() switch
            {
                null or "" => AggregateKind.None,
                "count" => AggregateKind.Count,
                "countcolumn" => AggregateKind.CountColumn,
                "sum" => AggregateKind.Sum,
                "avg" => AggregateKind.Avg,
                "min" => AggregateKind.Min,
                "max" => AggregateKind.Max,
                var other => throw Invalid($"The aggregate function '{other}' is not valid."),
            };
            column.DateGrouping = ((string?)element.Attribute("dategrouping"))?.ToLowerInvariant() switch
            {
                null or "" => DateGrouping.None,
                "day" => DateGrouping.Day,
                "week" => DateGrouping.Week,
                "month" => DateGrouping.Month,
                "quarter" => DateGrouping.Quarter,
                "year" => DateGrouping.Year,
                "fiscal-period" or "fiscal-year" => throw new QueryException(QueryErrorCodes.NotSupported,
                    $"dategrouping '{(string?)element.Attribute("dategrouping")}' needs the organization's fiscal year settings, which the sandbox does not model."),
                _ => throw new QueryException(QueryErrorCodes.InvalidDateGrouping, "An invalid value was specified for dategrouping."),
            };
            if (!spec.Aggregate && (column.Aggregate != AggregateKind.None || column.GroupBy))
                throw Invalid("An attribute with 'aggregate' or 'groupby' requires aggregate='true' on the fetch element.");
            if (column.Aggregate != AggregateKind.None && column.GroupBy)
                throw new QueryException(QueryErrorCodes.GroupByAndAggregate, "An attribute can either be an aggregate or a Group By but not both");
            return column;
        }

        private static QueryFilter Filter(XElement element, int depth = 1)
        {
            QueryFilter.CheckDepth(depth);
            CheckAttributes(element, "type", "isquickfindfields", "overridequickfindrecordlimitenabled", "overridequickfindrecordlimitdisabled", "hint");
            var filter = new QueryFilter
            {
                IsOr = ((string?)element.Attribute("type"))?.ToLowerInvariant() switch
                {
                    null or "" or "and" => false,
                    "or" => true,
                    _ => throw new QueryException(QueryErrorCodes.InvalidFilterType, "Unsupported filter type. Valid values are 'and', or 'or'."),
                },
            };
            foreach (var child in element.Elements())
            {
                switch (child.Name.LocalName)
                {
                    case "condition": filter.Conditions.Add(Condition(child)); break;
                    case "filter": filter.Filters.Add(Filter(child, depth + 1)); break;
                    case "link-entity":
                        throw new QueryException(QueryErrorCodes.NotSupported, "link-entity inside a filter (any / not any) is not supported by the sandbox; put it under the entity.");
                    default: throw Invalid($"The element '{child.Name.LocalName}' is not allowed in 'filter'.");
                }
            }
            return filter;
        }

        private static QueryCondition Condition(XElement element)
        {
            CheckAttributes(element, "attribute", "operator", "value", "entityname", "valueof", "column", "uiname", "uitype", "uihidden");
            var attribute = (string?)element.Attribute("attribute") ?? (string?)element.Attribute("column");
            if (string.IsNullOrEmpty(attribute)) throw Invalid("A 'condition' element requires an 'attribute'.");
            var opName = Required(element, "operator");
            if (!Operators.TryGetValue(opName, out var op))
                throw new QueryException(QueryErrorCodes.InvalidQuery, $"The condition operator '{opName}' is not valid or not supported by the sandbox.");
            var values = new List<object?>();
            var single = (string?)element.Attribute("value");
            if (single != null) values.Add(single);
            foreach (var v in element.Elements())
            {
                if (v.Name.LocalName != "value") throw Invalid($"The element '{v.Name.LocalName}' is not allowed in 'condition'.");
                values.Add(v.Value);
            }
            var entityName = (string?)element.Attribute("entityname");
            var valueOf = (string?)element.Attribute("valueof");
            return new QueryCondition
            {
                Attribute = attribute!,
                Operator = op,
                Values = values.ToArray(),
                EntityName = string.IsNullOrEmpty(entityName) ? null : entityName,
                ValueOf = string.IsNullOrEmpty(valueOf) ? null : valueOf,
            };
        }

        private static void CheckAttributes(XElement element, params string[] allowed)
        {
            foreach (var a in element.Attributes())
            {
                if (a.IsNamespaceDeclaration) continue;
                if (!allowed.Contains(a.Name.LocalName, StringComparer.Ordinal))
                    throw Invalid($"The '{a.Name.LocalName}' attribute is not declared on the '{element.Name.LocalName}' element.");
            }
        }

        private static string Required(XElement element, string name)
        {
            var v = (string?)element.Attribute(name);
            if (string.IsNullOrEmpty(v))
                throw Invalid($"The '{element.Name.LocalName}' element requires the '{name}' attribute.");
            return v!;
        }

        private static bool Bool(XElement element, string name)
        {
            var v = (string?)element.Attribute(name);
            return v?.Trim().ToLowerInvariant() switch
            {
                null or "" or "false" or "0" => false,
                "true" or "1" => true,
                _ => throw name switch
                {
                    // The attributes the platform's deserializer has a fault of its own for, in its words.
                    "distinct" => NotBoolean(QueryErrorCodes.InvalidDistinct, name),
                    "no-lock" => NotBoolean(QueryErrorCodes.InvalidNoLock, name),
                    "descending" => NotBoolean(QueryErrorCodes.InvalidDescending, name),
                    "groupby" => NotBoolean(QueryErrorCodes.InvalidGroupBy, name),
                    "useraworderby" => NotBoolean(QueryErrorCodes.InvalidUseRawOrderBy, name),
                    _ => Invalid($"The '{name}' attribute of '{element.Name.LocalName}' must be true or false, not '{v}'."),
                },
            };

            static QueryException NotBoolean(int code, string name) =>
                new(code, $"The only valid values for {name} attribute are 'true', 'false', '1', and '0'.");
        }

        private static int? OptionalInt(XElement element, string name)
        {
            var v = (string?)element.Attribute(name);
            if (string.IsNullOrEmpty(v)) return null;
            if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0)
                throw Invalid($"The '{name}' attribute of '{element.Name.LocalName}' must be a non-negative whole number, not '{v}'.");
            return n;
        }

        private static QueryException Invalid(string message) => new(QueryErrorCodes.InvalidQuery, message);
    }
}
