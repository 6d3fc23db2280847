using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Sandbox.Query
{
    /// <summary>
    /// The sandbox's RetrieveMultiple: QueryExpression, QueryByAttribute and FetchExpression over an
    /// <see cref="ITableSource"/>, with Dataverse's semantics (SQL null logic, case- and accent-insensitive strings,
    /// joins, orders, distinct, top, paging with cookies, FetchXML aggregates). Results are clones: callers can't change
    /// the store through them. Thread-safe as long as the source's Scan is.
    /// </summary>
    public sealed class QueryEngine
    {
        /// <summary>Dataverse's default and maximum page size.</summary>
        public const int MaxPageSize = 5000;

        /// <summary>Dataverse's cap on TotalRecordCount.</summary>
        public const int TotalRecordCountLimit = 5000;

        /// <summary>
        /// The most rows simple paging (page numbers without a paging cookie) reaches: Microsoft Learn, "Page results using
        /// FetchXml": "The total number of rows that can be retrieved using simple paging is 50,000."
        /// </summary>
        public const int SimplePagingLimit = 50_000;

        private readonly ITableSource _source;
        private readonly Func<DateTime> _utcNow;
        private readonly Func<Guid> _currentUserId;
        private readonly Func<Guid>? _currentBusinessUnitId;

        /// <summary>Creates an engine.</summary>
        /// <param name="source">The rows.</param>
        /// <param name="utcNow">The clock, for relative date operators (today, last-x-days...).</param>
        /// <param name="currentUserId">The calling user, for eq-userid / ne-userid.</param>
        /// <param name="currentBusinessUnitId">The caller's business unit, for eq-businessid (optional).</param>
        public QueryEngine(ITableSource source, Func<DateTime> utcNow, Func<Guid> currentUserId, Func<Guid>? currentBusinessUnitId = null)
        {
            _source = source ?? throw new ArgumentNullException(nameof(source));
            _utcNow = utcNow ?? throw new ArgumentNullException(nameof(utcNow));
            _currentUserId = currentUserId ?? throw new ArgumentNullException(nameof(currentUserId));
            _currentBusinessUnitId = currentBusinessUnitId;
        }

        /// <summary>The calling user's time zone, in which date operators count days (UTC when not set).</summary>
        public TimeZoneInfo UserZone { get; set; } = TimeZoneInfo.Utc;

        /// <summary>Whether a column (table, column) holds user-local values; date-only and time-zone-independent columns do not.</summary>
        public Func<string, string, bool>? IsUserLocal { get; set; }

        /// <summary>
        /// Which rows of a table the caller may read (null for a table whose rows all are): applied where the engine reads
        /// a table — the root, every linked table, the id-ordered paging path — so unreadable rows take no part in joins,
        /// filters, pages or aggregates, as the platform applies its access check inside the query.
        /// </summary>
        public Func<string, Func<object, bool>?>? ReadableRows { get; set; }

        /// <summary>Rows an aggregate query may read before it fails with AggregateQueryRecordLimit, as in Dataverse (50,000).</summary>
        public int AggregateRecordLimit { get; set; } = 50000;

        /// <summary>Runs a QueryExpression, QueryByAttribute or FetchExpression.</summary>
        /// <exception cref="QueryException">The query is one Dataverse would reject.</exception>
        public EntityCollection RetrieveMultiple(QueryBase query)
        {
            var spec = query switch
            {
                null => throw new ArgumentNullException(nameof(query)),
                QueryExpression qe => QueryExpressionTranslator.Translate(qe),
                FetchExpression fe => FetchXmlParser.Parse(fe.Query),
                QueryByAttribute qa => QueryExpressionTranslator.Translate(qa),
                _ => throw new QueryException(QueryErrorCodes.NotSupported, $"Query type {query.GetType().Name} is not supported."),
            };
            return Execute(spec);
        }

        private EntityCollection Execute(QuerySpec spec)
        {
            RequireCookieForDeepPages(spec);
            var validator = new Validator(_source, spec);
            foreach (var node in spec.Nodes) validator.RequireTable(node.EntityName);
            foreach (var node in spec.Nodes)
            {
                foreach (var c in node.Columns) validator.RequireColumn(node, c.Attribute);
                if (node.Parent != null)
                {
                    validator.RequireColumn(node.Parent, node.ParentAttribute);
                    validator.RequireColumn(node, node.ChildAttribute);
                    if (node.Parent.IsSemiJoin)
                        throw new QueryException(QueryErrorCodes.NotSupported, "The sandbox does not support links nested under an exists / in / any / not-any link.");
                    if (node.Join is JoinOperator.All or JoinOperator.NotAll)
                        throw new QueryException(QueryErrorCodes.NotSupported, $"The {node.Join} link type is not supported by the sandbox.");
                }
            }
            foreach (var o in spec.Orders)
            {
                if (o.EntityName != null) o.Node = validator.ResolveNode(o.EntityName, o.Node);
                // The platform's rule, in its words (Microsoft Learn, "Web service error codes", QueryBuilder…OrderBy): an
                // aggregate query orders by the alias of one of its columns, any other query by an attribute.
                if (spec.Aggregate)
                {
                    if (o.Attribute != null)
                        throw new QueryException(QueryErrorCodes.AttributeNotAllowedForAggregateOrderBy, "An attribute cannot be specified for an order clause for an aggregate Query. Use an alias.");
                    if (o.Alias == null)
                        throw new QueryException(QueryErrorCodes.AliasRequiredForAggregateOrderBy, "An alias is required for an order clause for an aggregate Query.");
                }
                else
                {
                    if (o.Alias != null)
                        throw new QueryException(QueryErrorCodes.AliasNotAllowedForNonAggregateOrderBy, "An alias cannot be specified for an order clause for a non-aggregate Query. Use an attribute.");
                    if (o.Attribute == null)
                        throw new QueryException(QueryErrorCodes.AttributeRequiredForNonAggregateOrderBy, "An attribute is required for an order clause for a non-aggregate Query.");
                    validator.RequireColumn(o.Node, o.Attribute);
                }
            }

            var compiler = new PredicateCompiler(spec, validator, _utcNow(), _currentUserId, _currentBusinessUnitId, UserZone, IsUserLocal);
            var linkFilters = new RowPredicate?[spec.Nodes.Count];
            for (var i = 1; i < spec.Nodes.Count; i++) linkFilters[i] = compiler.Compile(spec.Nodes[i].Filter, spec.Nodes[i]);
            validator.Touched.Clear();
            var rootFilter = compiler.Compile(spec.Root.Filter, spec.Root);
            var rootOnly = validator.Touched.All(i => i == 0);

            if (SelectInIdOrder(spec, rootFilter) is { } page) return page;
            var rows = Scan(spec, rootOnly ? rootFilter : null);
            for (var i = 1; i < spec.Nodes.Count; i++) rows = Join(spec, spec.Nodes[i], rows, linkFilters[i]);
            if (!rootOnly && rootFilter != null) rows = rows.Where(r => rootFilter(r)).ToList();

            return spec.Aggregate ? Aggregate(spec, rows) : Select(spec, rows);
        }

        /// <summary>
        /// A page whose end lies past the simple paging limit needs the previous page's cookie: the platform refuses it
        /// with OverRetrievalUpperLimitWithoutPagingCookie (Microsoft Learn, "Web service error codes"), whatever the
        /// table holds — so a loop that pages by number alone fails at page 11 of 5,000 there, and here.
        /// </summary>
        private static void RequireCookieForDeepPages(QuerySpec spec)
        {
            if (spec.Top.HasValue || spec.PagingCookie != null || spec.PageNumber <= 1)
            {
                return;
            }
            long size = spec.PageSize > 0 ? Math.Min(spec.PageSize, MaxPageSize) : MaxPageSize;
            if (spec.PageNumber * size > SimplePagingLimit)
            {
                throw new QueryException(QueryErrorCodes.OverRetrievalUpperLimitWithoutPagingCookie,
                    "Over upper limit of records that can be requested without a paging cookie. A paging cookie is required when retrieving a high page number.");
            }
        }

        /// <summary>
        /// A plain query over one table ordered by the primary id alone (or not at all, which Dataverse pages by the id
        /// too): read rows in id order from the paging cookie's last id and stop one row after the page, so each page
        /// costs a page's worth of rows however deep it is. Null when the query needs the general path (links, other
        /// orders, distinct, total count, aggregates, a cookie of another shape, or a source without the order).
        /// </summary>
        private EntityCollection? SelectInIdOrder(QuerySpec spec, RowPredicate? filter)
        {
            if (_source is not IRowSource ordered || spec.Aggregate || spec.Distinct || spec.ReturnTotalRecordCount || spec.Nodes.Count != 1)
                return null;
            var pk = _source.PrimaryIdAttribute(spec.Root.EntityName);
            if (spec.Orders.Any(o => o.Node.Index != 0 || o.Descending || o.Attribute != pk)) return null;

            long skip = 0;
            int size;
            Guid? after = null;
            var page = Math.Max(1, spec.PageNumber);
            if (spec.Top.HasValue) size = Math.Max(0, spec.Top.Value);
            else
            {
                size = spec.PageSize > 0 ? Math.Min(spec.PageSize, MaxPageSize) : MaxPageSize;
                skip = (long)(page - 1) * size;
                if (spec.PagingCookie != null && page > 1)
                {
                    var cookie = ParseCookie(spec.PagingCookie);
                    var idElement = cookie.Element(pk);
                    // Only the shape this engine writes for such a query: the id alone.
                    if (idElement == null || cookie.Elements().Count() != 1 || !Guid.TryParse((string?)idElement.Attribute("last"), out var lastId))
                        return null;
                    after = lastId;
                    skip = 0;
                }
            }
            var ids = IdsRequiredBy(spec.Root, pk);
            var rows = (ids != null ? ordered.SeekByIds(spec.Root.EntityName, ids, after) : null) ?? ordered.ScanById(spec.Root.EntityName, after);
            if (rows == null) return null;
            rows = Readable(spec.Root.EntityName, rows);

            var taken = new List<object?[]>(Math.Min(size, 1024));
            var more = false;
            long skipped = 0;
            if (size > 0)
            {
                foreach (var e in rows)
                {
                    var row = new object?[] { e };
                    if (filter != null && !filter(row)) continue;
                    if (skipped < skip) { skipped++; continue; }
                    if (taken.Count == size) { more = !spec.Top.HasValue; break; }
                    taken.Add(row);
                    if (spec.Top.HasValue && taken.Count == size) break;
                }
            }
            var result = new EntityCollection { EntityName = spec.Root.EntityName, MoreRecords = more, TotalRecordCount = -1 };
            foreach (var row in taken) result.Entities.Add(Project(spec, row, pk));
            if (!spec.Top.HasValue && taken.Count > 0)
                result.PagingCookie = Cookie(spec, taken[0], taken[^1], pk, page);
            return result;
        }

        /// <summary>
        /// The ids a root filter requires its primary id to be among — an equal or in condition on the primary id at the top
        /// level of an and-filter, with id values — or null when it does not (the table is read in id order). The filter is
        /// still applied to each row read, so this only narrows what is read.
        /// </summary>
        private static IReadOnlyList<Guid>? IdsRequiredBy(QueryNode root, string pk)
        {
            if (root.Filter is not { IsOr: false } filter) return null;
            foreach (var c in filter.Conditions)
            {
                if (c.Operator is not (ConditionOperator.Equal or ConditionOperator.In) || c.ValueOf != null || c.Values.Length == 0
                    || !string.Equals(c.Attribute, pk, StringComparison.OrdinalIgnoreCase)
                    || (c.EntityName != null && !string.Equals(c.EntityName, root.Alias, StringComparison.OrdinalIgnoreCase) && !string.Equals(c.EntityName, root.EntityName, StringComparison.OrdinalIgnoreCase)))
                    continue;
                var ids = new List<Guid>(c.Values.Length);
                foreach (var v in c.Values)
                {
                    // FetchXML gives its values as text ("{…}" or bare); anything that is not an id leaves the scan to decide.
                    if (v is Guid g || (v is string text && Guid.TryParse(text, out g))) ids.Add(g);
                    else { ids = null; break; }
                }
                if (ids != null) return ids;
            }
            return null;
        }

        private List<object?[]> Scan(QuerySpec spec, RowPredicate? filter)
        {
            var width = spec.Nodes.Count;
            var rows = new List<object?[]>();
            object?[]? spare = null; // a rejected row's array is used for the next row: only kept rows get one of their own
            foreach (var e in Rows(spec.Root.EntityName))
            {
                var row = spare ?? new object?[width];
                row[0] = e;
                if (filter == null || filter(row))
                {
                    rows.Add(row);
                    spare = null;
                }
                else spare = row;
            }
            return rows;
        }

        /// <summary>Hash join of the rows with a link's table on the link's columns.</summary>
        private List<object?[]> Join(QuerySpec spec, QueryNode link, List<object?[]> rows, RowPredicate? criteria)
        {
            var index = new Dictionary<object, List<object>>();
            foreach (var e in Rows(link.EntityName))
            {
                var key = Values.Key(Values.Normalize(PredicateCompiler.Get(e, link.ChildAttribute)));
                if (key == null) continue;
                if (!index.TryGetValue(key, out var list)) index[key] = list = new List<object>(1);
                list.Add(e);
            }
            var parentIndex = link.Parent!.Index;
            var slot = link.Index;
            var result = new List<object?[]>(rows.Count);
            foreach (var row in rows)
            {
                List<object>? candidates = null;
                var parent = row[parentIndex];
                if (parent != null)
                {
                    var key = Values.Key(Values.Normalize(PredicateCompiler.Get(parent, link.ParentAttribute)));
                    if (key != null) index.TryGetValue(key, out candidates);
                }
                switch (link.Join)
                {
                    case JoinOperator.Exists:
                    case JoinOperator.In:
                    case JoinOperator.Any:
                    case JoinOperator.NotAny:
                    {
                        var found = false;
                        if (candidates != null)
                            foreach (var c in candidates)
                            {
                                row[slot] = c;
                                if (criteria == null || criteria(row)) { found = true; break; }
                            }
                        row[slot] = null;
                        if (found == (link.Join != JoinOperator.NotAny)) result.Add(row);
                        break;
                    }
                    default:
                    {
                        var matched = false;
                        if (candidates != null)
                            foreach (var c in candidates)
                            {
                                var extended = (object?[])row.Clone();
                                extended[slot] = c;
                                if (criteria != null && !criteria(extended)) continue;
                                result.Add(extended);
                                matched = true;
                                if (link.Join == JoinOperator.MatchFirstRowUsingCrossApply) break;
                            }
                        if (!matched && link.Join is JoinOperator.LeftOuter or JoinOperator.MatchFirstRowUsingCrossApply)
                            result.Add(row);
                        break;
                    }
                }
            }
            return result;
        }

        // ----------------------------------------------------------------------------------------------- plain queries

        private EntityCollection Select(QuerySpec spec, List<object?[]> rows)
        {
            var pk = _source.PrimaryIdAttribute(spec.Root.EntityName);
            Sort(spec, rows, pk, RowsRead(spec));

            List<Entity>? distinct = null;
            if (spec.Distinct)
            {
                distinct = new List<Entity>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var row in rows)
                {
                    var e = Project(spec, row, pk);
                    if (seen.Add(Signature(e))) distinct.Add(e);
                }
            }
            var total = distinct?.Count ?? rows.Count;

            int start, size;
            bool more;
            string? cookie = null;
            if (spec.Top.HasValue)
            {
                start = 0;
                size = Math.Max(0, spec.Top.Value);
                more = false;
            }
            else
            {
                size = spec.PageSize > 0 ? Math.Min(spec.PageSize, MaxPageSize) : MaxPageSize;
                var page = Math.Max(1, spec.PageNumber);
                // In long arithmetic: page 429,497 of 5,000 is past int.MaxValue rows, which is past the end (an
                // empty page with MoreRecords false), never a wrapped-around negative start.
                start = (int)Math.Min((long)(page - 1) * size, total);
                if (spec.PagingCookie != null && page > 1 && distinct == null)
                    start = ContinueAfter(spec.PagingCookie, rows, pk, start);
                more = (long)start + size < total;
            }
            start = Math.Min(start, total);
            var count = Math.Min(size, total - start);

            var result = new EntityCollection { EntityName = spec.Root.EntityName };
            for (var i = start; i < start + count; i++)
                result.Entities.Add(distinct != null ? distinct[i] : Project(spec, rows[i], pk));
            if (!spec.Top.HasValue && distinct == null && count > 0)
                cookie = Cookie(spec, rows[start], rows[start + count - 1], pk, Math.Max(1, spec.PageNumber));
            result.MoreRecords = more;
            result.PagingCookie = cookie;
            if (spec.ReturnTotalRecordCount)
            {
                result.TotalRecordCount = Math.Min(total, TotalRecordCountLimit);
                result.TotalRecordCountLimitExceeded = total > TotalRecordCountLimit;
            }
            else
            {
                result.TotalRecordCount = -1;
            }
            return result;
        }

        /// <summary>
        /// How many leading rows of the sorted result <see cref="Select"/> reads: the top count, or every row up to the end
        /// of the page asked for by number. Null when it may read any row (distinct, or a paging cookie to continue after).
        /// </summary>
        private static int? RowsRead(QuerySpec spec)
        {
            if (spec.Distinct) return null;
            if (spec.Top.HasValue) return Math.Max(0, spec.Top.Value);
            if (spec.PagingCookie != null && spec.PageNumber > 1) return null;
            var size = spec.PageSize > 0 ? Math.Min(spec.PageSize, MaxPageSize) : MaxPageSize;
            var end = (long)Math.Max(1, spec.PageNumber) * size;
            return end < int.MaxValue ? (int)end : null;
        }

        private IEnumerable<object> Rows(string table) => Readable(table, _source is IRowSource rows ? rows.ScanRows(table) : _source.Scan(table));

        private IEnumerable<object> Readable(string table, IEnumerable<object> rows) =>
            ReadableRows?.Invoke(table) is { } readable ? rows.Where(readable) : rows;

        private static Guid RootId(object? root, string pk)
        {
            if (root == null) return Guid.Empty;
            if (root is IStoredRow stored) return stored.Id;
            if (((Entity)root).Id != Guid.Empty) return ((Entity)root).Id;
            return PredicateCompiler.Get(root, pk) is Guid g ? g : Guid.Empty;
        }

        /// <summary>Orders by the query's orders, then (as Dataverse does for paging) by the primary id.</summary>
        /// <param name="needed">
        /// Only this many leading rows are read afterwards (a top count, or the pages up to the one asked for): they are
        /// picked out first and only they are sorted; the rest follow in no particular order. Null sorts every row.
        /// </param>
        private void Sort(QuerySpec spec, List<object?[]> rows, string pk, int? needed = null)
        {
            var keys = new List<(object?[] Keys, bool Descending, bool Folded)>();
            foreach (var o in spec.Orders)
            {
                var node = o.Node;
                string attribute;
                if (o.Attribute != null) attribute = o.Attribute;
                else
                {
                    var column = spec.Nodes.SelectMany(n => n.Columns).FirstOrDefault(c => string.Equals(c.Alias, o.Alias, StringComparison.OrdinalIgnoreCase))
                        ?? throw new QueryException(QueryErrorCodes.InvalidQuery, $"The order alias '{o.Alias}' does not match any attribute alias of the query.");
                    node = column.Node;
                    attribute = column.Attribute;
                }
                var values = new object?[rows.Count];
                for (var i = 0; i < rows.Count; i++) values[i] = SortKey(spec, node, attribute, PredicateCompiler.Get(rows[i][node.Index], attribute));
                var folded = CollationKey.Replace(values);
                keys.Add((values, o.Descending, folded));
            }
            var ids = new SqlGuidKey[rows.Count];
            for (var i = 0; i < rows.Count; i++) ids[i] = new SqlGuidKey(RootId(rows[i][0], pk));
            var order = new int[rows.Count];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            var keyArray = keys.ToArray();
            Comparison<int> compare = (a, b) =>
            {
                foreach (var (values, descending, folded) in keyArray)
                {
                    var c = folded && values[a] is string sa && values[b] is string sb
                        ? Math.Sign(string.Compare(sa, sb, StringComparison.OrdinalIgnoreCase))
                        : CompareSortKeys(values[a], values[b]);
                    if (c != 0) return descending ? -c : c;
                }
                var byId = ids[a].CompareTo(ids[b]);
                return byId != 0 ? byId : a.CompareTo(b);
            };
            if (needed is { } k && k < order.Length / 2)
            {
                TopFirst.Select(order, k, compare);
                Array.Sort(order, 0, k, Comparer<int>.Create(compare));
            }
            else
            {
                Array.Sort(order, compare);
            }
            var sorted = new object?[rows.Count][];
            for (var i = 0; i < order.Length; i++) sorted[i] = rows[order[i]];
            rows.Clear();
            rows.AddRange(sorted);
        }

        /// <summary>
        /// Sort key of a value: lookups by name (then id) as Dataverse orders them; choices and Yes/No by label unless
        /// useraworderby (by value when the source has no label); others by their SQL value. Nulls sort first.
        /// </summary>
        private object? SortKey(QuerySpec spec, QueryNode node, string attribute, object? value)
        {
            switch (value)
            {
                case null: return null;
                case EntityReference r: return new LookupKey(r.Name, r.Id);
                case OptionSetValue o when !spec.RawOrderBy:
                    return (object?)_source.ChoiceLabel(node.EntityName, attribute, o.Value) ?? o.Value;
                case OptionSetValueCollection many:
                    return string.Join(",", many.Where(x => x != null).Select(x => x.Value.ToString(CultureInfo.InvariantCulture)));
                default: return Values.Normalize(value);
            }
        }

        private sealed record LookupKey(string? Name, Guid Id);

        /// <summary>
        /// A string's sort key under the engine's collation: comparing two keys' bytes orders as comparing the strings
        /// does (CompareInfo.GetSortKey), but a sort of 40,000 names then makes 40,000 keys instead of 600,000
        /// culture-aware comparisons.
        /// </summary>
        private sealed class CollationKey : IComparable<CollationKey>
        {
            private readonly byte[] _bytes;

            private CollationKey(byte[] bytes) => _bytes = bytes;

            public int CompareTo(CollationKey? other) => Math.Sign(_bytes.AsSpan().SequenceCompareTo(other!._bytes));

            /// <summary>
            /// Replaces the values by keys when every one is a string (or null); otherwise leaves them. True when they are
            /// left as plain ASCII strings to be compared ignoring case instead (see below).
            /// </summary>
            public static bool Replace(object?[] values)
            {
                if (values.Length < 64) return false;
                foreach (var v in values)
                    if (v != null && v is not string) return false;
                // Names of ASCII letters, digits and spaces only (the usual case) order under the case- and accent-
                // insensitive collation exactly as their upper-case forms do ordinally (space < digits < letters;
                // checked against CompareInfo on millions of random pairs, and by LargeSortTests), which is what an
                // ordinal ignore-case comparison compares: no ICU call and no key at all.
                var plain = true;
                foreach (var v in values)
                    if (v != null && !IsPlainAscii((string)v)) { plain = false; break; }
                if (plain) return true;
                var keys = new object?[values.Length];
                try
                {
                    for (var i = 0; i < values.Length; i++)
                        if (values[i] is string text) keys[i] = new CollationKey(Values.SortKeyBytes(text));
                }
                catch (PlatformNotSupportedException)
                {
                    return false; // invariant-globalization mode has no sort keys: the strings are compared as they are
                }
                Array.Copy(keys, values, values.Length);
                return false;
            }

            private static bool IsPlainAscii(string text)
            {
                foreach (var c in text)
                    if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or ' ')) return false;
                return true;
            }
        }

        private static int CompareSortKeys(object? a, object? b)
        {
            if (a == null) return b == null ? 0 : -1;
            if (b == null) return 1;
            if (a is CollationKey ka && b is CollationKey kb) return ka.CompareTo(kb);
            if (a is LookupKey la && b is LookupKey lb)
            {
                if (la.Name != null && lb.Name != null)
                {
                    var byName = Values.Compare(la.Name, lb.Name);
                    if (byName != 0) return byName;
                }
                else if (la.Name != null || lb.Name != null) return la.Name == null ? -1 : 1;
                return Values.CompareGuids(la.Id, lb.Id);
            }
            return Values.Compare(a, b);
        }

        private Entity Project(QuerySpec spec, object?[] row, string pk)
        {
            var root = row[0]!;
            var id = RootId(root, pk);
            var result = new Entity(spec.Root.EntityName);
            var rootName = spec.Root.EntityName;
            if (spec.Root.AllColumns)
            {
                foreach (var a in PredicateCompiler.Columns(root))
                    if (a.Value != null) Put(result, a.Key, rootName, a.Key, a.Value, aliased: false);
            }
            else
            {
                foreach (var c in spec.Root.Columns)
                {
                    var v = PredicateCompiler.Get(root, c.Attribute);
                    if (v == null) continue;
                    if (c.Alias != null) Put(result, c.Alias, rootName, c.Attribute, v, aliased: true);
                    else Put(result, c.Attribute, rootName, c.Attribute, v, aliased: false);
                }
            }
            var idRequested = spec.Root.AllColumns || spec.Root.Columns.Any(c => c.Attribute == pk && c.Alias == null);
            if (!spec.Distinct || idRequested)
            {
                result.Id = id;
                if (id != Guid.Empty) result.Attributes[pk] = id;
            }
            for (var i = 1; i < spec.Nodes.Count; i++)
            {
                var node = spec.Nodes[i];
                var linked = row[i];
                if (linked == null || node.IsSemiJoin) continue;
                if (node.AllColumns)
                {
                    foreach (var a in PredicateCompiler.Columns(linked))
                        if (a.Value != null) Put(result, node.Alias + "." + a.Key, node.EntityName, a.Key, a.Value, aliased: true);
                }
                else
                {
                    foreach (var c in node.Columns)
                    {
                        var v = PredicateCompiler.Get(linked, c.Attribute);
                        if (v != null) Put(result, c.Alias ?? node.Alias + "." + c.Attribute, node.EntityName, c.Attribute, v, aliased: true);
                    }
                }
            }
            return result;
        }

        private void Put(Entity target, string key, string entity, string attribute, object value, bool aliased)
        {
            var copy = Values.Clone(value);
            target.Attributes[key] = aliased ? new AliasedValue(entity, attribute, copy) : copy;
            Formatter.Add(_source, target, key, entity, attribute, value);
        }

        private static string Signature(Entity e)
        {
            var sb = new StringBuilder();
            foreach (var key in e.Attributes.Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                var v = Values.Key(Values.Normalize(e.Attributes[key]));
                sb.Append(key).Append('\u0001').Append(v is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v?.ToString()).Append('\u0002');
            }
            return sb.ToString();
        }

        // ------------------------------------------------------------------------------------------------ paging cookie

        /// <summary>
        /// Dataverse's cookie: &lt;cookie page="1"&gt;&lt;name last="..." first="..." /&gt;&lt;accountid last="{GUID}" first="{GUID}" /&gt;&lt;/cookie&gt;
        /// (the root's ordered columns, then the primary id).
        /// </summary>
        private static string Cookie(QuerySpec spec, object?[] first, object?[] last, string pk, int page)
        {
            var cookie = new XElement("cookie", new XAttribute("page", page.ToString(CultureInfo.InvariantCulture)));
            foreach (var o in spec.Orders)
            {
                if (o.Node.Index != 0 || o.Attribute == null || o.Attribute == pk) continue;
                cookie.Add(new XElement(o.Attribute,
                    new XAttribute("last", CookieValue(PredicateCompiler.Get(last[0], o.Attribute))),
                    new XAttribute("first", CookieValue(PredicateCompiler.Get(first[0], o.Attribute)))));
            }
            cookie.Add(new XElement(pk,
                new XAttribute("last", RootId(last[0], pk).ToString("B").ToUpperInvariant()),
                new XAttribute("first", RootId(first[0], pk).ToString("B").ToUpperInvariant())));
            return cookie.ToString(SaveOptions.DisableFormatting);
        }

        private static string CookieValue(object? value) => Values.Normalize(value) switch
        {
            null => "",
            Guid g => g.ToString("B").ToUpperInvariant(),
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var v => v.ToString() ?? "",
        };

        /// <summary>
        /// The first row after the cookie's last row: found by its primary id; if that row is gone and the query is
        /// ordered by the id only, the first row with a greater id; otherwise simple paging.
        /// </summary>
        private static int ContinueAfter(string cookieText, List<object?[]> rows, string pk, int fallback)
        {
            var cookie = ParseCookie(cookieText);
            var idElement = cookie.Element(pk);
            if (idElement == null || !Guid.TryParse((string?)idElement.Attribute("last"), out var lastId)) return fallback;
            for (var i = rows.Count - 1; i >= 0; i--)
                if (RootId(rows[i][0], pk) == lastId) return i + 1;
            if (cookie.Elements().Count() == 1)
            {
                for (var i = 0; i < rows.Count; i++)
                    if (Values.CompareGuids(RootId(rows[i][0], pk), lastId) > 0) return i;
                return rows.Count;
            }
            return fallback;
        }

        private static XElement ParseCookie(string cookieText)
        {
            try
            {
                return XElement.Parse(cookieText);
            }
            catch (XmlException e)
            {
                throw new QueryException(QueryErrorCodes.InvalidArgument, "The paging cookie is not valid XML: " + e.Message, e);
            }
        }

        // -------------------------------------------------------------------------------------------------- aggregates

        private EntityCollection Aggregate(QuerySpec spec, List<object?[]> rows)
        {
            var limit = Math.Min(spec.AggregateLimit ?? AggregateRecordLimit, AggregateRecordLimit);
            if (rows.Count > limit)
                throw new QueryException(QueryErrorCodes.AggregateQueryRecordLimit, "AggregateQueryRecordLimit exceeded. Cannot perform this operation.");

            var columns = spec.Nodes.SelectMany(n => n.Columns).ToList();
            if (spec.Nodes.Any(n => n.AllColumns))
                throw new QueryException(QueryErrorCodes.InvalidQuery, "An aggregate query can't use all-attributes.");
            foreach (var c in columns)
            {
                if (c.Aggregate == AggregateKind.None && !c.GroupBy)
                    throw new QueryException(QueryErrorCodes.InvalidQuery,
                        $"Attribute '{c.Attribute}' of an aggregate query must have an aggregate function or groupby='true'.");
                if (c.Aggregate != AggregateKind.None && c.Alias == null)
                    throw new QueryException(QueryErrorCodes.InvalidQuery, $"An alias is required for the aggregate attribute '{c.Attribute}'.");
            }
            var groupBy = columns.Where(c => c.GroupBy).ToList();
            var aggregates = columns.Where(c => !c.GroupBy).ToList();

            // Group the rows by the groupby values.
            // The key is the grouped values' hashable keys (case-folded strings, numbers as decimals, ids), compared
            // element by element: no per-row string is built.
            var groups = new Dictionary<object?[], Group>(GroupKeyComparer.Instance);
            // Plain counts need only how many rows a group has; other aggregates read the group's rows.
            bool keepRows = aggregates.Any(c => !IsPlainCount(c));
            var groupOrder = new List<object?[]>();
            var scratch = new object?[groupBy.Count];
            var zones = groupBy.Select(GroupingZone).ToArray();
            // Grouped values are mostly a few stored objects seen again and again (an owner's reference, a choice, a
            // shared box): each one's key is made once, not once per row — a boxed id per row was most of a count by
            // owner's garbage. Stored values are never changed in place, so an object's key stays what it was.
            var keys = new Dictionary<object, object?>(ReferenceEqualityComparer.Instance);
            object? KeyOf(object? value)
            {
                if (value == null) return null;
                if (keys.TryGetValue(value, out var known)) return known;
                var key = Values.Key(Values.Normalize(value));
                if (keys.Count < 4096) keys[value] = key;
                return key;
            }
            foreach (var row in rows)
            {
                for (var i = 0; i < groupBy.Count; i++)
                    scratch[i] = KeyOf(GroupValue(groupBy[i], PredicateCompiler.Get(row[groupBy[i].Node.Index], groupBy[i].Attribute), zones[i]));
                if (!groups.TryGetValue(scratch, out var group))
                {
                    // A new group: its key and shown values are kept; other rows only look theirs up.
                    var values = new object?[groupBy.Count];
                    for (var i = 0; i < groupBy.Count; i++)
                        values[i] = GroupValue(groupBy[i], PredicateCompiler.Get(row[groupBy[i].Node.Index], groupBy[i].Attribute), zones[i]);
                    var key = (object?[])scratch.Clone();
                    group = new Group(values, keepRows ? new List<object?[]>() : null);
                    groups[key] = group;
                    groupOrder.Add(key);
                }
                group.Rows?.Add(row);
                group.Count++;
            }
            if (groupBy.Count == 0 && groups.Count == 0)
            {
                var none = Array.Empty<object?>();
                groups[none] = new Group(none, keepRows ? new List<object?[]>() : null);
                groupOrder.Add(none);
            }

            var results = new List<Entity>();
            foreach (var key in groupOrder)
            {
                var group = groups[key];
                var values = group.Values;
                var e = new Entity(spec.Root.EntityName);
                for (var i = 0; i < groupBy.Count; i++)
                {
                    var c = groupBy[i];
                    if (values[i] == null) continue;
                    Put(e, ResultKey(c), c.Node.EntityName, c.Attribute, values[i]!, aliased: true);
                }
                foreach (var c in aggregates)
                {
                    var value = IsPlainCount(c) ? group.Count : Compute(c, group.Rows!);
                    if (value == null)
                    {
                        // sum/avg/min/max over no values: Dataverse still returns the alias, an AliasedValue whose
                        // Value is null (the fetch result's <alias /> element, type="null"), never a missing key.
                        e.Attributes[c.Alias!] = new AliasedValue(c.Node.EntityName, c.Attribute, null);
                        continue;
                    }
                    Put(e, c.Alias!, c.Node.EntityName, c.Attribute, value, aliased: true);
                }
                results.Add(e);
            }

            // Order by aliases (or grouped attributes); by default by the group values.
            var orders = new List<(string Key, bool Descending)>();
            foreach (var o in spec.Orders)
            {
                if (o.Alias != null) orders.Add((o.Alias, o.Descending));
                else
                {
                    var c = groupBy.FirstOrDefault(g => g.Node == o.Node && string.Equals(g.Attribute, o.Attribute, StringComparison.OrdinalIgnoreCase))
                        ?? throw new QueryException(QueryErrorCodes.InvalidQuery,
                            $"An aggregate query can only be ordered by an alias or a groupby attribute; '{o.Attribute}' is neither.");
                    orders.Add((ResultKey(c), o.Descending));
                }
            }
            if (orders.Count == 0) orders.AddRange(groupBy.Select(g => (ResultKey(g), false)));
            var sorted = results.Select((e, i) => (e, i)).ToList();
            sorted.Sort((a, b) =>
            {
                foreach (var (k, descending) in orders)
                {
                    var c = CompareSortKeys(AggregateSortKey(spec, a.e, k), AggregateSortKey(spec, b.e, k));
                    if (c != 0) return descending ? -c : c;
                }
                return a.i.CompareTo(b.i);
            });

            int start = 0, size = sorted.Count;
            var more = false;
            if (spec.Top.HasValue) size = Math.Max(0, spec.Top.Value);
            else
            {
                size = spec.PageSize > 0 ? Math.Min(spec.PageSize, MaxPageSize) : MaxPageSize;
                start = (int)Math.Min((long)(Math.Max(1, spec.PageNumber) - 1) * size, sorted.Count);
                more = (long)start + size < sorted.Count;
            }
            var collection = new EntityCollection { EntityName = spec.Root.EntityName, MoreRecords = more, TotalRecordCount = -1 };
            foreach (var (e, _) in sorted.Skip(start).Take(size)) collection.Entities.Add(e);
            if (spec.ReturnTotalRecordCount)
            {
                collection.TotalRecordCount = Math.Min(sorted.Count, TotalRecordCountLimit);
                collection.TotalRecordCountLimitExceeded = sorted.Count > TotalRecordCountLimit;
            }
            return collection;
        }

        private sealed class GroupKeyComparer : IEqualityComparer<object?[]>
        {
            public static readonly GroupKeyComparer Instance = new();

            public bool Equals(object?[]? x, object?[]? y)
            {
                if (x!.Length != y!.Length) return false;
                for (var i = 0; i < x.Length; i++)
                    if (!Equals(x[i], y[i])) return false;
                return true;
            }

            public int GetHashCode(object?[] key)
            {
                var hash = new HashCode();
                foreach (var k in key) hash.Add(k);
                return hash.ToHashCode();
            }
        }

        private static string ResultKey(QueryColumn c) =>
            c.Alias ?? (c.Node.Index == 0 ? c.Attribute : c.Node.Alias + "." + c.Attribute);

        private object? AggregateSortKey(QuerySpec spec, Entity e, string key)
        {
            if (!e.Attributes.TryGetValue(key, out var v) || v is not AliasedValue a) return null;
            var node = spec.Nodes.FirstOrDefault(n => n.EntityName == a.EntityLogicalName) ?? spec.Root;
            return SortKey(spec, node, a.AttributeLogicalName, a.Value);
        }

        /// <summary>
        /// The zone a date grouping column's values are grouped in: the caller's (Microsoft Learn, FetchXml attribute
        /// element: usertimezone "When you don't set this attribute, the default value is true, and the user's time zone
        /// is used"), UTC with usertimezone='false', and none for date-only and time-zone-independent columns, whose
        /// values are not converted for anyone. Null: group the stored value as it is.
        /// </summary>
        private TimeZoneInfo? GroupingZone(QueryColumn c) =>
            c.DateGrouping == DateGrouping.None || !c.UserTimeZone || UserZone == TimeZoneInfo.Utc
                || IsUserLocal?.Invoke(c.Node.EntityName, c.Attribute) == false
                ? null
                : UserZone;

        private static object? GroupValue(QueryColumn c, object? value, TimeZoneInfo? zone)
        {
            if (c.DateGrouping == DateGrouping.None || value == null) return value;
            if (value is not DateTime d)
                throw new QueryException(QueryErrorCodes.InvalidQuery, $"dategrouping applies to date and time columns only; '{c.Attribute}' is not one.");
            if (zone != null)
            {
                d = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(d, DateTimeKind.Utc), zone);
            }
            return c.DateGrouping switch
            {
                DateGrouping.Day => d.Day,
                // SQL Server DATEPART(week): week 1 holds 1 January, weeks start on Sunday.
                DateGrouping.Week => (d.DayOfYear + (int)new DateTime(d.Year, 1, 1).DayOfWeek - 1) / 7 + 1,
                DateGrouping.Month => d.Month,
                DateGrouping.Quarter => (d.Month - 1) / 3 + 1,
                _ => d.Year,
            };
        }

        /// <summary>count (not distinct) counts a group's rows: no value is read (the primary id would be boxed per row).</summary>
        private static bool IsPlainCount(QueryColumn c) => c.Aggregate == AggregateKind.Count && !c.Distinct;

        /// <summary>One group of an aggregate: its shown values, its rows when an aggregate reads them, and how many rows.</summary>
        private sealed class Group
        {
            public Group(object?[] values, List<object?[]>? rows)
            {
                Values = values;
                Rows = rows;
            }

            public object?[] Values { get; }
            public List<object?[]>? Rows { get; }
            public int Count { get; set; }
        }

        private static object? Compute(QueryColumn c, List<object?[]> rows)
        {
            var raw = new List<object>(rows.Count);
            foreach (var row in rows)
            {
                var v = PredicateCompiler.Get(row[c.Node.Index], c.Attribute);
                if (v != null) raw.Add(v);
            }
            IEnumerable<object> values = raw;
            if (c.Distinct)
            {
                var seen = new HashSet<object>();
                values = raw.Where(v => Values.Key(Values.Normalize(v)) is { } k && seen.Add(k)).ToList();
            }
            switch (c.Aggregate)
            {
                case AggregateKind.Count:
                    return values.Count(); // distinct: a plain count is the group's row count (IsPlainCount)
                case AggregateKind.CountColumn:
                    return values.Count();
                case AggregateKind.Min:
                case AggregateKind.Max:
                {
                    object? best = null;
                    foreach (var v in values)
                    {
                        if (best == null) { best = v; continue; }
                        var cmp = Values.Compare(Values.Normalize(v)!, Values.Normalize(best)!);
                        if (c.Aggregate == AggregateKind.Min ? cmp < 0 : cmp > 0) best = v;
                    }
                    return best;
                }
                case AggregateKind.Sum:
                case AggregateKind.Avg:
                {
                    var list = values.ToList();
                    if (list.Count == 0) return null;
                    var first = list[0];
                    if (first is not (Money or int or long or decimal or double or float))
                        throw new QueryException(QueryErrorCodes.InvalidQuery, $"The {c.Aggregate} aggregate applies to number and currency columns only; '{c.Attribute}' is not one.");
                    var avg = c.Aggregate == AggregateKind.Avg;
                    if (first is double or float)
                    {
                        var sum = list.Sum(v => Convert.ToDouble(Values.Normalize(v), CultureInfo.InvariantCulture));
                        return avg ? sum / list.Count : sum;
                    }
                    var total = list.Sum(v => Convert.ToDecimal(Values.Normalize(v), CultureInfo.InvariantCulture));
                    if (avg)
                    {
                        var mean = total / list.Count;
                        return first is Money ? new Money(mean) : mean;
                    }
                    return first switch
                    {
                        Money => new Money(total),
                        int => total is >= int.MinValue and <= int.MaxValue ? (object)(int)total : total,
                        long => (long)total,
                        _ => total,
                    };
                }
                default:
                    throw new QueryException(QueryErrorCodes.InvalidQuery, $"Unknown aggregate on '{c.Attribute}'.");
            }
        }
    }

    /// <summary>Moves the k smallest items (by the comparison) to the front of an array, in no particular order.</summary>
    internal static class TopFirst
    {
        /// <summary>
        /// Quickselect (Hoare's partition, median of three, iterative): about 2n comparisons on average instead of the
        /// n log n of a full sort, so a top 5,000 of 40,000 matching rows sorts 5,000 of them, not 40,000.
        /// </summary>
        public static void Select(int[] items, int k, Comparison<int> compare)
        {
            int lo = 0, hi = items.Length - 1;
            while (lo < hi && k > lo && k <= hi)
            {
                int mid = lo + (hi - lo) / 2;
                if (compare(items[mid], items[lo]) < 0) Swap(items, lo, mid);
                if (compare(items[hi], items[lo]) < 0) Swap(items, lo, hi);
                if (compare(items[hi], items[mid]) < 0) Swap(items, mid, hi);
                int pivot = items[mid];
                int i = lo, j = hi;
                while (i <= j)
                {
                    while (compare(items[i], pivot) < 0) i++;
                    while (compare(items[j], pivot) > 0) j--;
                    if (i <= j)
                    {
                        Swap(items, i, j);
                        i++;
                        j--;
                    }
                }
                // items[lo..j] <= pivot <= items[i..hi]; the first k are settled once k falls between the two parts.
                if (k <= j) hi = j;
                else if (k >= i) lo = i;
                else return;
            }
        }

        private static void Swap(int[] items, int a, int b) => (items[a], items[b]) = (items[b], items[a]);
    }
}
