using System;
using Advocacy.Plugins.Domain;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// A record the caller named does not exist, or the caller cannot see it. The message says which record and what to
    /// do; a use case that runs on the save of a standard table catches it, traces and skips rather than block the save.
    /// </summary>
    public sealed class MissingRecordException : AdvocacyInputException
    {
        public MissingRecordException(string table, TextKey what, Guid id)
            : this(table, id, Phrase.Of(TextKey.ErrorRecordMissing, Phrase.Of(what), id.ToString("D")))
        {
        }

        /// <summary>The same, in the words of the use case that needed the row.</summary>
        public MissingRecordException(string table, Guid id, Phrase message)
            : base(message)
        {
            Table = table;
            Id = id;
        }

        public string Table { get; }

        public Guid Id { get; }
    }

    /// <summary>
    /// Reads one row by id without the platform's "does not exist" fault: a query by id answers with no row, so a missing
    /// record becomes a <see cref="MissingRecordException"/> with a message a user can act on instead of a raw fault.
    /// Same single round trip as Retrieve.
    /// </summary>
    public static class Rows
    {
        /// <exception cref="MissingRecordException">No such row (or not visible to the service's user).</exception>
        public static Entity Read(IOrganizationService service, string table, Guid id, TextKey what, params string[] columns) =>
            Read(service, table, id, what, null, columns);

        /// <param name="links">Adds what the same query reads with the row (linked tables), if anything.</param>
        /// <exception cref="MissingRecordException">No such row (or not visible to the service's user).</exception>
        public static Entity Read(IOrganizationService service, string table, Guid id, TextKey what, Action<QueryExpression>? links, params string[] columns) =>
            Find(service, table, id, links, columns) ?? throw new MissingRecordException(table, what, id);

        /// <returns>The row, or null when there is none (or it cannot be seen).</returns>
        public static Entity? Find(IOrganizationService service, string table, Guid id, Action<QueryExpression>? links, params string[] columns)
        {
            var query = new QueryExpression(table) { ColumnSet = new ColumnSet(columns), TopCount = 1 };
            query.Criteria.AddCondition(table + "id", ConditionOperator.Equal, id);
            links?.Invoke(query);
            var rows = service.RetrieveMultiple(query).Entities;
            return rows.Count > 0 ? rows[0] : null;
        }
    }
}
