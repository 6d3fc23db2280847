using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Data
{
    /// <summary>How a link-entity joins (FetchXML's link-type).</summary>
    public enum FetchLinkType
    {
        Inner,
        Outer,
        Exists,
        In,
        Any,
        NotAny,
        All,
        NotAll,
    }

    /// <summary>An aggregate function of an aggregate query's attribute.</summary>
    public enum FetchAggregate
    {
        Count,
        CountColumn,
        Sum,
        Avg,
        Min,
        Max,
    }

    /// <summary>Grouping of a date attribute in an aggregate query.</summary>
    public enum FetchDateGrouping
    {
        Day,
        Week,
        Month,
        Quarter,
        Year,
    }

    /// <summary>
    /// Builds a FetchXML query as an XML tree, so every name and value is escaped by the XML writer and never
    /// by string concatenation. Elements appear in the order they are added. <c>ToString()</c> gives the query
    /// text for a <c>FetchExpression</c>.
    /// <code>
    /// FetchXml.For("account").Aggregate()
    ///     .Aggregate(FetchAggregate.Count, "accountid", "accounts")
    ///     .GroupBy("adv_advocateid", "advocate")
    ///     .Filter(f => f.Equal("statecode", 0).NotNull("adv_advocateid"))
    /// </code>
    /// </summary>
    public sealed class FetchXml : FetchNode<FetchXml>
    {
        private readonly XElement fetch;
        private bool aggregate;
        private int? top;
        private int? count;

        private FetchXml(string entityName)
            : base(new XElement("entity", new XAttribute("name", Name(entityName, nameof(entityName)))))
        {
            fetch = new XElement("fetch", Element);
        }

        /// <summary>A query of the table <paramref name="entityName"/>.</summary>
        public static FetchXml For(string entityName) => new FetchXml(entityName);

        /// <summary>aggregate="true": the query returns groups (attributes need an aggregate or groupby).</summary>
        public FetchXml Aggregate()
        {
            aggregate = true;
            fetch.SetAttributeValue("aggregate", "true");
            return this;
        }

        /// <summary>distinct="true".</summary>
        public FetchXml Distinct()
        {
            fetch.SetAttributeValue("distinct", "true");
            return this;
        }

        /// <summary>top="n" (1–5000); not with paging.</summary>
        public FetchXml Top(int rows)
        {
            if (rows < 1 || rows > 5000) throw new ArgumentOutOfRangeException(nameof(rows), rows, "top must be between 1 and 5000.");
            if (count.HasValue) throw new InvalidOperationException("A query with paging (count, page) cannot also have top.");
            top = rows;
            fetch.SetAttributeValue("top", rows.ToString(CultureInfo.InvariantCulture));
            return this;
        }

        /// <summary>count="pageSize" page="pageNumber" and, when given, the paging-cookie of the previous page.</summary>
        public FetchXml Page(int pageSize, int pageNumber, string? pagingCookie = null)
        {
            if (pageSize < 1 || pageSize > 5000) throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "count must be between 1 and 5000.");
            if (pageNumber < 1) throw new ArgumentOutOfRangeException(nameof(pageNumber), pageNumber, "page starts at 1.");
            if (top.HasValue) throw new InvalidOperationException("A query with top cannot also have paging (count, page).");
            count = pageSize;
            fetch.SetAttributeValue("count", pageSize.ToString(CultureInfo.InvariantCulture));
            fetch.SetAttributeValue("page", pageNumber.ToString(CultureInfo.InvariantCulture));
            fetch.SetAttributeValue("paging-cookie", string.IsNullOrEmpty(pagingCookie) ? null : pagingCookie);
            return this;
        }

        /// <summary>A copy of the query as an XML tree.</summary>
        public XElement ToXElement()
        {
            if (!aggregate && fetch.Descendants("attribute").Any(a => a.Attribute("aggregate") != null || a.Attribute("groupby") != null))
            {
                throw new InvalidOperationException("An attribute with an aggregate or groupby needs Aggregate() on the query.");
            }

            return new XElement(fetch);
        }

        /// <summary>The FetchXML text (no XML declaration, no indentation).</summary>
        public override string ToString() => ToXElement().ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>A link-entity: a joined table with its own attributes, orders, filters and links.</summary>
    public sealed class FetchLink : FetchNode<FetchLink>
    {
        internal FetchLink(XElement element)
            : base(element)
        {
        }
    }

    /// <summary>What the entity and a link-entity share: attributes, orders, filters and link-entities.</summary>
    public abstract class FetchNode<TSelf> where TSelf : FetchNode<TSelf>
    {
        internal FetchNode(XElement element)
        {
            Element = element;
        }

        internal XElement Element { get; }

        private TSelf Self => (TSelf)this;

        /// <summary>One column, optionally under an alias.</summary>
        public TSelf Attribute(string name, string? alias = null)
        {
            Element.Add(new XElement("attribute", new XAttribute("name", Name(name, nameof(name))), Optional("alias", alias)));
            return Self;
        }

        /// <summary>Several columns.</summary>
        public TSelf Attributes(params string[] names)
        {
            foreach (string name in names ?? throw new ArgumentNullException(nameof(names)))
            {
                Attribute(name);
            }

            return Self;
        }

        /// <summary>An aggregated column of an aggregate query (the alias names it in the result).</summary>
        public TSelf Aggregate(FetchAggregate aggregate, string name, string alias)
        {
            Element.Add(new XElement("attribute",
                new XAttribute("name", Name(name, nameof(name))),
                new XAttribute("alias", Name(alias, nameof(alias))),
                new XAttribute("aggregate", AggregateText(aggregate))));
            return Self;
        }

        /// <summary>A grouped column of an aggregate query, optionally grouped by a date part.</summary>
        /// <param name="utc">Group a date part by its UTC value (<c>usertimezone="false"</c>); Dataverse otherwise takes the
        /// date part in the calling user's time zone (FetchXML reference, "attribute element": usertimezone).</param>
        public TSelf GroupBy(string name, string alias, FetchDateGrouping? dateGrouping = null, bool utc = false)
        {
            Element.Add(new XElement("attribute",
                new XAttribute("name", Name(name, nameof(name))),
                new XAttribute("alias", Name(alias, nameof(alias))),
                new XAttribute("groupby", "true"),
                dateGrouping.HasValue ? new XAttribute("dategrouping", dateGrouping.Value.ToString().ToLowerInvariant()) : null,
                dateGrouping.HasValue && utc ? new XAttribute("usertimezone", "false") : null));
            return Self;
        }

        /// <summary>Order by a column (or, in an aggregate query, by an alias with <see cref="OrderByAlias"/>).</summary>
        public TSelf OrderBy(string attribute, bool descending = false)
        {
            Element.Add(new XElement("order", new XAttribute("attribute", Name(attribute, nameof(attribute))), descending ? new XAttribute("descending", "true") : null));
            return Self;
        }

        /// <summary>Order an aggregate query by an alias.</summary>
        public TSelf OrderByAlias(string alias, bool descending = false)
        {
            Element.Add(new XElement("order", new XAttribute("alias", Name(alias, nameof(alias))), descending ? new XAttribute("descending", "true") : null));
            return Self;
        }

        /// <summary>A filter whose conditions must all hold (type="and").</summary>
        public TSelf Filter(Action<FetchFilter> build) => Filter(FetchFilterType.And, build);

        /// <summary>A filter of the given type.</summary>
        public TSelf Filter(FetchFilterType type, Action<FetchFilter> build)
        {
            Element.Add(FetchFilter.Build(type, build));
            return Self;
        }

        /// <summary>
        /// A link-entity: <paramref name="name"/>.<paramref name="from"/> = this table's <paramref name="to"/>.
        /// <paramref name="build"/> adds its own attributes, filters and links.
        /// </summary>
        public TSelf Link(string name, string from, string to, FetchLinkType type, string? alias = null, Action<FetchLink>? build = null)
        {
            var element = new XElement("link-entity",
                new XAttribute("name", Name(name, nameof(name))),
                new XAttribute("from", Name(from, nameof(from))),
                new XAttribute("to", Name(to, nameof(to))),
                new XAttribute("link-type", LinkTypeText(type)),
                Optional("alias", alias));
            build?.Invoke(new FetchLink(element));
            Element.Add(element);
            return Self;
        }

        internal static string Name(string value, string parameter)
        {
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("A FetchXML name cannot be empty.", parameter);
            return value;
        }

        internal static XAttribute? Optional(string name, string? value) => string.IsNullOrEmpty(value) ? null : new XAttribute(name, value!);

        private static string AggregateText(FetchAggregate aggregate)
        {
            switch (aggregate)
            {
                case FetchAggregate.Count: return "count";
                case FetchAggregate.CountColumn: return "countcolumn";
                case FetchAggregate.Sum: return "sum";
                case FetchAggregate.Avg: return "avg";
                case FetchAggregate.Min: return "min";
                case FetchAggregate.Max: return "max";
                default: throw new ArgumentOutOfRangeException(nameof(aggregate));
            }
        }

        private static string LinkTypeText(FetchLinkType type)
        {
            switch (type)
            {
                case FetchLinkType.Inner: return "inner";
                case FetchLinkType.Outer: return "outer";
                case FetchLinkType.Exists: return "exists";
                case FetchLinkType.In: return "in";
                case FetchLinkType.Any: return "any";
                case FetchLinkType.NotAny: return "not any";
                case FetchLinkType.All: return "all";
                case FetchLinkType.NotAll: return "not all";
                default: throw new ArgumentOutOfRangeException(nameof(type));
            }
        }
    }

    /// <summary>and / or.</summary>
    public enum FetchFilterType
    {
        And,
        Or,
    }

    /// <summary>A filter: conditions and nested filters.</summary>
    public sealed class FetchFilter
    {
        private static readonly HashSet<string> MultiValueOperators = new HashSet<string>(StringComparer.Ordinal)
        {
            "in", "not-in", "between", "not-between", "contain-values", "not-contain-values",
        };

        private readonly XElement element;

        private FetchFilter(XElement element)
        {
            this.element = element;
        }

        /// <summary>attribute = value.</summary>
        public FetchFilter Equal(string attribute, object value) => Condition(attribute, "eq", value);

        /// <summary>attribute ≠ value.</summary>
        public FetchFilter NotEqual(string attribute, object value) => Condition(attribute, "ne", value);

        /// <summary>attribute &lt; value.</summary>
        public FetchFilter LessThan(string attribute, object value) => Condition(attribute, "lt", value);

        /// <summary>attribute ≥ value.</summary>
        public FetchFilter GreaterEqual(string attribute, object value) => Condition(attribute, "ge", value);

        /// <summary>attribute is empty.</summary>
        public FetchFilter Null(string attribute) => Condition(attribute, "null");

        /// <summary>attribute has a value.</summary>
        public FetchFilter NotNull(string attribute) => Condition(attribute, "not-null");

        /// <summary>attribute is one of the values.</summary>
        public FetchFilter In(string attribute, params object[] values) => Condition(attribute, "in", (object)values);

        /// <summary>A condition without a value (e.g. "null", "today").</summary>
        public FetchFilter Condition(string attribute, string @operator) => Add(attribute, @operator, null, null);

        /// <summary>
        /// A condition with one value (value="…"); for "in", "between", "contain-values" and their negations
        /// pass the values as an <see cref="IEnumerable{T}"/> of object.
        /// </summary>
        public FetchFilter Condition(string attribute, string @operator, object value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value), "Use Condition(attribute, operator) or Null(attribute) for a condition without a value.");
            if (value is System.Collections.IEnumerable sequence && !(value is string))
            {
                var items = sequence.Cast<object>().ToList();
                // In("x", new[] { 1, 2 }) arrives as one array inside the params array.
                if (items.Count == 1 && items[0] is System.Collections.IEnumerable inner && !(items[0] is string)) items = inner.Cast<object>().ToList();
                return Condition(attribute, @operator, items);
            }

            if (MultiValueOperators.Contains(@operator)) return Condition(attribute, @operator, new[] { value });
            return Add(attribute, @operator, Text(value), null);
        }

        /// <summary>A condition with several values (&lt;value&gt; elements).</summary>
        public FetchFilter Condition(string attribute, string @operator, IEnumerable<object> values)
        {
            var list = (values ?? throw new ArgumentNullException(nameof(values))).Select(Text).ToList();
            if (list.Count == 0) throw new ArgumentException("A condition on several values needs at least one value.", nameof(values));
            return Add(attribute, @operator, null, list);
        }

        /// <summary>A nested filter whose parts must all hold.</summary>
        public FetchFilter And(Action<FetchFilter> build)
        {
            element.Add(Build(FetchFilterType.And, build));
            return this;
        }

        /// <summary>A nested filter of which one part must hold.</summary>
        public FetchFilter Or(Action<FetchFilter> build)
        {
            element.Add(Build(FetchFilterType.Or, build));
            return this;
        }

        internal static XElement Build(FetchFilterType type, Action<FetchFilter> build)
        {
            if (build == null) throw new ArgumentNullException(nameof(build));
            var element = new XElement("filter", new XAttribute("type", type == FetchFilterType.Or ? "or" : "and"));
            build(new FetchFilter(element));
            return element;
        }

        /// <summary>A value as FetchXML writes it: invariant numbers, "1"/"0", dates as ISO 8601.</summary>
        internal static string Text(object value)
        {
            switch (value)
            {
                case null: throw new ArgumentNullException(nameof(value));
                case string s: return s;
                case bool b: return b ? "1" : "0";
                case Guid g:
                    // Stryker disable once String : equivalent, Guid.ToString("") is the "D" format
                    return g.ToString("D");
                case DateTime d:
                    return d.TimeOfDay == TimeSpan.Zero && d.Kind != DateTimeKind.Utc
                        ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                        : d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (d.Kind == DateTimeKind.Utc ? "Z" : string.Empty);
                case OptionSetValue o: return o.Value.ToString(CultureInfo.InvariantCulture);
                case EntityReference r:
                    // Stryker disable once String : equivalent, Guid.ToString("") is the "D" format
                    return r.Id.ToString("D");
                case Enum e: throw new ArgumentException("Pass the choice value (Choices.Option(...).Value), not the enum " + e.GetType().Name + "." + e + ".", nameof(value));
                case int _:
                case long _:
                case short _:
                case decimal _:
                case double _:
                case float _:
                    return ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture);
                default: throw new ArgumentException("FetchXML has no text for a " + value.GetType().Name + ".", nameof(value));
            }
        }

        private FetchFilter Add(string attribute, string @operator, string? value, List<string>? values)
        {
            if (string.IsNullOrWhiteSpace(@operator)) throw new ArgumentException("A condition needs an operator.", nameof(@operator));
            var condition = new XElement("condition",
                new XAttribute("attribute", FetchNode<FetchXml>.Name(attribute, nameof(attribute))),
                new XAttribute("operator", @operator),
                value == null ? null : new XAttribute("value", value));
            if (values != null)
            {
                foreach (string v in values)
                {
                    condition.Add(new XElement("value", v));
                }
            }

            element.Add(condition);
            return this;
        }
    }
}
