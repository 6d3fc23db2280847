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
        /// <summary>0x80040237-ish: an operator or feature the sandbox does not implement.</summary>
        public const int NotSupported = unchecked((int)0x8004800D);
    }
}
