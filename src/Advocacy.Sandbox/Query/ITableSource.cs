using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox.Query
{
    /// <summary>
    /// What the query engine needs from the row store. Implemented by the sandbox's store; tests use a dictionary.
    /// </summary>
    public interface ITableSource
    {
        /// <summary>
        /// Live rows of a table, as stored. Attribute values are Dataverse types: EntityReference, OptionSetValue,
        /// OptionSetValueCollection, Money, DateTime (UTC), Guid, string, int, decimal, double, bool, long.
        /// The engine never mutates them; it returns clones.
        /// </summary>
        IEnumerable<Entity> Scan(string logicalName);

        /// <summary>Whether the table exists.</summary>
        bool TableExists(string logicalName);

        /// <summary>The primary id column, e.g. "accountid".</summary>
        string PrimaryIdAttribute(string logicalName);

        /// <summary>Label of a choice value (or of a Yes/No column's 1/0), null if unknown.</summary>
        string? ChoiceLabel(string logicalName, string attribute, int value);

        /// <summary>Whether a column exists, so that unknown columns are rejected as Dataverse does.</summary>
        bool ColumnExists(string logicalName, string attribute);

        /// <summary>
        /// Whether a column is a choices (multi-select) column: its conditions compare sets of options, and rows
        /// without a value match the negated operators. A source without column types answers false, and the engine
        /// then recognises such a column only by a stored <see cref="OptionSetValueCollection"/>.
        /// </summary>
        bool IsMultiSelect(string logicalName, string attribute) => false;
    }

    /// <summary>
    /// A source that hands the engine its rows without making Entities of them: each row is an Entity or an
    /// <see cref="IStoredRow"/>. The sandbox's store is one; it can also read a table in the platform's primary-id
    /// order from a given id on, so queries ordered by the id alone read one page's worth of rows per page (the
    /// paging cookie's last id is the seek point).
    /// </summary>
    internal interface IRowSource
    {
        /// <summary>The live rows of a table, as <see cref="ITableSource.Scan"/> but without materializing them.</summary>
        IEnumerable<object> ScanRows(string logicalName);

        /// <summary>Rows in uniqueidentifier order after <paramref name="after"/> (all when null), or null when unavailable.</summary>
        IEnumerable<object>? ScanById(string logicalName, System.Guid? after);

        /// <summary>
        /// The live rows with the given ids (those that exist), in uniqueidentifier order after <paramref name="after"/>
        /// (all when null): a query whose filter requires its primary id to be one of a few values reads only those rows.
        /// Null when reading the table in id order is cheaper (the ids are a large part of the table).
        /// </summary>
        IEnumerable<object>? SeekByIds(string logicalName, IReadOnlyCollection<System.Guid> ids, System.Guid? after);
    }

    /// <summary>A stored row the engine reads column by column; it never changes the values.</summary>
    internal interface IStoredRow
    {
        string LogicalName { get; }

        System.Guid Id { get; }

        /// <summary>The row's columns by position, in the order they were written.</summary>
        int Count { get; }

        string NameAt(int i);

        object? ValueAt(int i);

        bool TryGet(string column, out object? value);

        IEnumerable<KeyValuePair<string, object?>> Columns()
        {
            for (int i = 0; i < Count; i++)
            {
                yield return new KeyValuePair<string, object?>(NameAt(i), ValueAt(i));
            }
        }

        /// <summary>An Entity over the row's values (not copies): callers copy before they hand values out.</summary>
        Microsoft.Xrm.Sdk.Entity ToEntity();
    }
}
