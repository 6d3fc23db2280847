using System.Collections.Generic;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>
    /// A task's <c>adv_kind</c> and <c>adv_sourcekey</c> are the product's marks: the key is "this work was already
    /// raised" (one open task per key) and the kind is what the sweep, the report and the cadence read. A user who could
    /// write them could squat a key ("checkin:{case}" on their own task stops the advocate's check-in) or a kind (an open
    /// "proactive check-in" of their own makes the sweep skip the account). So only the product writes them.
    /// <para>
    /// Who is "the product" is read from where the request comes from, not from who it runs as: Dataverse raises
    /// <c>Depth</c> every time "a running plug-in or workflow issues a message request" (Microsoft Learn,
    /// IExecutionContext.Depth), so a request at depth 1 came straight from outside the server — a form, the Web API,
    /// a flow, an import — whoever the user, and every write the product makes (as SYSTEM from a plug-in, or as the
    /// workflow's user from a custom workflow activity) arrives at depth 2 or more. Only admins can register plug-ins
    /// and workflows, so code running inside the server is trusted code. This is not recursion control (which Microsoft
    /// advises against basing on Depth): the rule is "a client may not set these columns".
    /// </para>
    /// </summary>
    public static class ProductTaskMarks
    {
        public const string KindColumn = "adv_kind";
        public const string KeyColumn = "adv_sourcekey";

        /// <summary>Whether a request at <paramref name="depth"/> may set or change the marks.</summary>
        public static bool MayChange(int depth) => depth > 1;

        /// <summary>The message a client gets when its save sets a mark; names the columns it tried to change.</summary>
        public static string Refusal(IReadOnlyCollection<string> columns) =>
            "The task column" + (columns.Count == 1 ? " " : "s ") + string.Join(" and ", columns)
            + (columns.Count == 1 ? " is" : " are") + " set only by Customer Advocacy (it marks the product's own follow-up tasks)."
            + " Save the task without " + (columns.Count == 1 ? "it" : "them") + ": a task you create yourself is an ordinary task.";
    }
}
