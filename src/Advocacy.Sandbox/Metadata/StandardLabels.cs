using System.Collections.Generic;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The English display names of the standard tables the sandbox declares, as Microsoft's table reference pages give
    /// them (Properties: DisplayName, DisplayCollectionName) — the Power Apps pages for the platform's tables, the
    /// Dynamics 365 Customer Engagement pages for case, case resolution and order. A solution's Entity.xml that labels one of
    /// these tables replaces them (SolutionMetadataReader), as a customized label does in an organization. Column labels of
    /// the standard tables are not carried (the pages list hundreds; the sandbox declares the columns the product uses).
    /// </summary>
    internal static class StandardLabels
    {
        private static readonly Dictionary<string, (string Name, string Plural)> Tables = new()
        {
            ["account"] = ("Account", "Accounts"),
            ["contact"] = ("Contact", "Contacts"),
            ["task"] = ("Task", "Tasks"),
            ["systemuser"] = ("User", "Users"),
            ["team"] = ("Team", "Teams"),
            ["businessunit"] = ("Business Unit", "Business Units"),
            ["subject"] = ("Subject", "Subjects"),
            ["environmentvariabledefinition"] = ("Environment Variable Definition", "Environment Variable Definitions"),
            ["environmentvariablevalue"] = ("Environment Variable Value", "Environment Variable Values"),
            ["annotation"] = ("Note", "Notes"),
            ["transactioncurrency"] = ("Currency", "Currencies"),
            ["usersettings"] = ("User Settings", "User Settings"),
            ["timezonedefinition"] = ("Time Zone Definition", "Time Zone Definitions"),
            ["organization"] = ("Organization", "Organizations"),
            ["incident"] = ("Case", "Cases"),
            ["incidentresolution"] = ("Case Resolution", "Case Resolutions"),
            ["salesorder"] = ("Order", "Orders"),
        };

        public static TableMetadata Apply(TableMetadata table)
        {
            if (Tables.TryGetValue(table.LogicalName, out var labels))
            {
                table.DisplayNames ??= new Dictionary<int, string> { [Regional.SandboxRegional.English] = labels.Name };
                table.DisplayCollectionNames ??= new Dictionary<int, string> { [Regional.SandboxRegional.English] = labels.Plural };
            }
            return table;
        }
    }
}
