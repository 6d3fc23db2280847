using System;

namespace Advocacy.Sandbox.Query
{
    /// <summary>
    /// A query Dataverse would reject. <see cref="ErrorCode"/> carries the platform's error code (as an int, like
    /// OrganizationServiceFault.ErrorCode) so that the organization service can wrap it in the fault Dataverse raises.
    /// </summary>
    public sealed class QueryException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public QueryException(int errorCode, string message) : base(message) => ErrorCode = errorCode;

        /// <summary>Creates the exception with an inner exception (e.g. an XML parse error).</summary>
        public QueryException(int errorCode, string message, Exception inner) : base(message, inner) => ErrorCode = errorCode;

        /// <summary>The Dataverse error code, e.g. <see cref="QueryErrorCodes.NoAttribute"/>.</summary>
        public int ErrorCode { get; }
    }

    /// <summary>Dataverse error codes raised by the query engine (best-effort match of the platform's codes).</summary>
    public static class QueryErrorCodes
    {
        /// <summary>0x80040203: an argument is invalid (e.g. both TopCount and PageInfo).</summary>
        public const int InvalidArgument = unchecked((int)0x80040203);
        /// <summary>0x80041102: the table is not in the metadata cache.</summary>
        public const int NoEntity = unchecked((int)0x80041102);
        /// <summary>0x80041103: the table has no such column.</summary>
        public const int NoAttribute = unchecked((int)0x80041103);
        /// <summary>0x80040216: unexpected / malformed query (e.g. invalid FetchXML).</summary>
        public const int InvalidQuery = unchecked((int)0x80040216);
        /// <summary>0x8004E023: AggregateQueryRecordLimit exceeded.</summary>
        public const int AggregateQueryRecordLimit = unchecked((int)0x8004E023);
        /// <summary>0x8004430D: more than 15 link entities.</summary>
        public const int TooManyLinkEntities = unchecked((int)0x8004430D);
        /// <summary>0x8004800D: an operator or feature the sandbox does not implement (the sandbox's own refusal, not the platform's).</summary>
        public const int NotSupported = unchecked((int)0x8004800D);

        // The platform's query builder faults, each with the code and words Microsoft Learn's "Web service error codes"
        // lists for it (names there: QueryBuilder…).

        /// <summary>0x8004430A OverRetrievalUpperLimitWithoutPagingCookie: a page past 50,000 rows asked for by number alone.</summary>
        public const int OverRetrievalUpperLimitWithoutPagingCookie = unchecked((int)0x8004430A);
        /// <summary>0x80041122 QueryBuilderInvalidFilterType: "Unsupported filter type. Valid values are 'and', or 'or'."</summary>
        public const int InvalidFilterType = unchecked((int)0x80041122);
        /// <summary>0x80041117 QueryBuilderDeserializeInvalidLinkType: a link-entity's link-type is none the platform knows.</summary>
        public const int InvalidLinkType = unchecked((int)0x80041117);
        /// <summary>0x80041135 QueryBuilderInvalidDateGrouping: "An invalid value was specified for dategrouping."</summary>
        public const int InvalidDateGrouping = unchecked((int)0x80041135);
        /// <summary>0x80041137 QueryBuilderAttributeCannotBeGroupByAndAggregate.</summary>
        public const int GroupByAndAggregate = unchecked((int)0x80041137);
        /// <summary>0x80041130 QueryBuilderDuplicateAlias: "FetchXML should have unique aliases."</summary>
        public const int DuplicateAlias = unchecked((int)0x80041130);
        /// <summary>0x80041131 QueryBuilderAttributeNotAllowedForAggregateOrderBy: an aggregate query orders by alias only.</summary>
        public const int AttributeNotAllowedForAggregateOrderBy = unchecked((int)0x80041131);
        /// <summary>0x80041132 QueryBuilderAliasNotAllowedForNonAggregateOrderBy: a non-aggregate query orders by attribute only.</summary>
        public const int AliasNotAllowedForNonAggregateOrderBy = unchecked((int)0x80041132);
        /// <summary>0x80041133 QueryBuilderAttributeRequiredForNonAggregateOrderBy.</summary>
        public const int AttributeRequiredForNonAggregateOrderBy = unchecked((int)0x80041133);
        /// <summary>0x80041134 QueryBuilderAliasRequiredForAggregateOrderBy.</summary>
        public const int AliasRequiredForAggregateOrderBy = unchecked((int)0x80041134);
        /// <summary>0x80041110 QueryBuilderByAttributeNonEmpty: a QueryByAttribute without attributes.</summary>
        public const int ByAttributeNonEmpty = unchecked((int)0x80041110);
        /// <summary>0x8004110F QueryBuilderByAttributeMismatch: a QueryByAttribute whose values do not pair with its attributes.</summary>
        public const int ByAttributeMismatch = unchecked((int)0x8004110F);
        /// <summary>
        /// A true/false attribute of FetchXML with another value: distinct 0x80041115, no-lock 0x80041118, descending
        /// 0x80041119, groupby 0x8004112E, useraworderby 0x800410FD (QueryBuilderDeserializeInvalid…; other attributes
        /// have no code of their own there and carry <see cref="InvalidQuery"/>).
        /// </summary>
        public const int InvalidDistinct = unchecked((int)0x80041115);
        /// <summary>See <see cref="InvalidDistinct"/>.</summary>
        public const int InvalidNoLock = unchecked((int)0x80041118);
        /// <summary>See <see cref="InvalidDistinct"/>.</summary>
        public const int InvalidDescending = unchecked((int)0x80041119);
        /// <summary>See <see cref="InvalidDistinct"/>.</summary>
        public const int InvalidGroupBy = unchecked((int)0x8004112E);
        /// <summary>See <see cref="InvalidDistinct"/>.</summary>
        public const int InvalidUseRawOrderBy = unchecked((int)0x800410FD);
    }
}
