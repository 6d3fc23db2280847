using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Metadata;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The state and status options of the standard tables the product touches, with their default English labels, so
    /// that RetrieveAttribute describes them as the platform does. Values from Microsoft Learn's table references
    /// (account and contact: Active 0 / Inactive 1 with status Active 1 / Inactive 2; task: "TaskState", Open 0 /
    /// Completed 1 / Canceled 2 with status 2, 3, 4, 7 / 5 / 6; incident: "Incident Entity Reference" (Dynamics 365
    /// Customer Engagement), Active 0 / Resolved 1 / Canceled 2, status In Progress 1, On Hold 2, Waiting for Details 3,
    /// Researching 4 / Problem Solved 5, Information Provided 1000 / Canceled 6, Merged 2000). Only the metadata messages read them: which values a save accepts is unchanged.
    /// </summary>
    internal static class StandardChoices
    {
        public static TableMetadata Apply(TableMetadata table)
        {
            var (states, statuses) = table.LogicalName switch
            {
                "account" or "contact" => (
                    new[] { State(0, "Active", "Active", 1), State(1, "Inactive", "Inactive", 2) },
                    new[] { Status(1, "Active", 0), Status(2, "Inactive", 1) }),
                "task" => (
                    new[] { State(0, "Open", "Open", 2), State(1, "Completed", "Completed", 5), State(2, "Canceled", "Canceled", 6) },
                    new[]
                    {
                        Status(2, "Not Started", 0), Status(3, "In Progress", 0), Status(4, "Waiting on someone else", 0),
                        Status(7, "Deferred", 0), Status(5, "Completed", 1), Status(6, "Canceled", 2),
                    }),
                "incident" => (
                    new[] { State(0, "Active", "Active", 1), State(1, "Resolved", "Resolved", 5), State(2, "Canceled", "Canceled", 6) },
                    new[]
                    {
                        Status(1, "In Progress", 0), Status(2, "On Hold", 0), Status(3, "Waiting for Details", 0), Status(4, "Researching", 0),
                        Status(5, "Problem Solved", 1), Status(1000, "Information Provided", 1), Status(6, "Canceled", 2), Status(2000, "Merged", 2),
                    }),
                _ => ((ChoiceOption[]?)null, (ChoiceOption[]?)null),
            };
            if (states != null && statuses != null && table.HasColumn("statecode") && table.HasColumn("statuscode"))
            {
                table.Add(new ColumnMetadata("statecode", ColumnType.Choice)
                {
                    OptionSet = new ChoiceOptionSet(table.LogicalName + "_statecode", false, OptionSetType.State, states),
                });
                table.Add(new ColumnMetadata("statuscode", ColumnType.Choice)
                {
                    OptionSet = new ChoiceOptionSet(table.LogicalName + "_statuscode", false, OptionSetType.Status, statuses),
                });
            }
            return table;
        }

        private static ChoiceOption State(int value, string label, string invariantName, int defaultStatus) =>
            new(value, new Dictionary<int, string> { [Regional.SandboxRegional.English] = label }) { InvariantName = invariantName, DefaultStatus = defaultStatus };

        private static ChoiceOption Status(int value, string label, int state) =>
            new(value, new Dictionary<int, string> { [Regional.SandboxRegional.English] = label }) { State = state };
    }
}
