using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.Security
{
    /// <summary>
    /// The columns only the product writes (DESIGN §6: computed and system-maintained columns are never taken from
    /// users), table by table, and who counts as "the product".
    /// <list type="bullet">
    /// <item>task <c>adv_kind</c>, <c>adv_sourcekey</c>: the product's marks. The key means "this work was already
    /// raised" and the kind is what the sweep, the report and the cadence read; a user who could write them could squat
    /// a key ("checkin:{case}" on their own task stopped the advocate's check-in) or a kind (an open "proactive check-in"
    /// of their own made the sweep skip the account).</item>
    /// <item>account <c>adv_inconvenienceindex</c>, <c>adv_loyaltyrisk</c>, <c>adv_lastnps</c>, <c>adv_lastcsat</c>
    /// (loyalty, recomputed from inconveniences and feedback), <c>adv_lastproactivecontact</c>,
    /// <c>adv_nextproactivecontact</c> (the cadence: moved by check-ins and tier changes).</item>
    /// <item>incident <c>adv_impactscore</c> (the worst linked inconvenience's score).</item>
    /// <item>adv_advocate <c>adv_lastassignedon</c> (the selection's "longest without a new account"); its
    /// <c>adv_accountcount</c> is recomputed by its own step instead (a wrong value is replaced, not refused).</item>
    /// <item>adv_assignmentlock: every column — a lock row is the product's, whatever is written to it.</item>
    /// </list>
    /// The users' usual roles (a Customer Service Representative writes cases and accounts) reach these columns, so
    /// roles alone cannot protect them. Field security would hide them from every user without a profile (the index and
    /// risk drive views and the report), so a step refuses the write instead.
    /// <para>
    /// "The product" is read from where the request comes from, not from who it runs as: Dataverse raises <c>Depth</c>
    /// every time "a running plug-in or workflow issues a message request" (Microsoft Learn, IExecutionContext.Depth), so
    /// a request at depth 1 came straight from outside the server — a form, the Web API, a flow, an import — whoever the
    /// user, and every write the product makes (as SYSTEM from a plug-in, or as the workflow's user from a custom workflow
    /// activity) arrives at depth 2 or more. Only administrators register plug-ins and workflows, so code inside the
    /// server is trusted code. This is not recursion control, which Microsoft advises against basing on Depth: the rule is
    /// "a client may not set these columns". Administrators migrating data use the platform's bypass of custom logic.
    /// </para>
    /// </summary>
    public static class ProductColumns
    {
        /// <summary>Stands for "every column of the table".</summary>
        public const string AllColumns = "*";

        private static readonly Dictionary<string, string[]> ByTable = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["task"] = new[] { "adv_kind", "adv_sourcekey" },
            ["account"] = new[] { "adv_inconvenienceindex", "adv_loyaltyrisk", "adv_lastnps", "adv_lastcsat", "adv_lastproactivecontact", "adv_nextproactivecontact" },
            ["incident"] = new[] { "adv_impactscore" },
            ["adv_advocate"] = new[] { "adv_lastassignedon" },
            ["adv_assignmentlock"] = new[] { AllColumns },
        };

        /// <summary>The tables that have product columns.</summary>
        public static IEnumerable<string> Tables => ByTable.Keys;

        /// <summary>The product's columns of a table (<see cref="AllColumns"/> for all); empty for any other table.</summary>
        public static IReadOnlyList<string> Of(string table) => ByTable.TryGetValue(table ?? string.Empty, out var columns) ? columns : Array.Empty<string>();

        /// <summary>Whether the column of the table is the product's.</summary>
        public static bool IsProductColumn(string table, string column)
        {
            var columns = Of(table);
            return columns.Contains(AllColumns) || columns.Contains(column, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Whether a request at <paramref name="depth"/> may set or change product columns.</summary>
        public static bool MayChange(int depth) => depth > 1;

        /// <summary>The message a client gets when its save sets product columns; names them (worded for the caller).</summary>
        public static Phrase Refusal(string table, IReadOnlyCollection<string> columns)
        {
            if (Of(table).Contains(AllColumns))
            {
                return Phrase.Of(TextKey.ErrorProductRows, table);
            }

            return Phrase.Of(columns.Count == 1 ? TextKey.ErrorProductColumn : TextKey.ErrorProductColumns, table,
                string.Join(", ", columns), Phrase.Of(Why(table)));
        }

        private static readonly string[] AdvocacyColumnsAMergeCannotTake = { "adv_tier", "adv_cadencedays" };

        /// <summary>
        /// Whether a merge may not take the account column from the merged account (its UpdateContent): the product's own
        /// columns, and the tier and cadence, whose change needs the steps that assign an advocate and plan check-ins — steps
        /// a merge does not run for the surviving account (whether the platform runs its Update steps is not published). The
        /// advocate may come along: the merge's own step settles it.
        /// </summary>
        public static bool MergeCannotTake(string column) =>
            IsProductColumn("account", column) || AdvocacyColumnsAMergeCannotTake.Contains(column, StringComparer.OrdinalIgnoreCase);

        /// <summary>The message for a merge that sets such columns (worded for the caller); product columns first.</summary>
        public static Phrase MergeRefusal(string accountName, IReadOnlyCollection<string> columns)
        {
            var product = columns.Where(c => IsProductColumn("account", c)).ToList();
            return product.Count > 0
                ? Phrase.Of(TextKey.ErrorMergeProductColumns, accountName, string.Join(", ", product), Phrase.Of(TextKey.WhyProductAccountColumns))
                : Phrase.Of(TextKey.ErrorMergeAdvocacyColumns, accountName, string.Join(", ", columns));
        }

        private static TextKey Why(string table) => table switch
        {
            "task" => TextKey.WhyProductTaskColumns,
            "account" => TextKey.WhyProductAccountColumns,
            "incident" => TextKey.WhyProductCaseColumns,
            _ => TextKey.WhyProductColumns,
        };
    }
}
