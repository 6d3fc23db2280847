using System.Collections.Generic;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The limits Microsoft publishes for standard columns the product writes, laid over the built-in standard tables
    /// (Microsoft Learn, "Task table/entity reference": subject MaxLength 200, description (Memo) 2000, category and
    /// subcategory 250, percentcomplete 0–100, actualdurationminutes from 0). Other standard tables' limits are not
    /// modelled yet (README: differences from Dataverse).
    /// </summary>
    internal static class StandardLimits
    {
        private static readonly Dictionary<string, (string Column, int? MaxLength, decimal? Min, decimal? Max)[]> Limits = new()
        {
            ["task"] = new (string, int?, decimal?, decimal?)[]
            {
                ("subject", 200, null, null),
                ("description", 2000, null, null),
                ("category", 250, null, null),
                ("subcategory", 250, null, null),
                ("percentcomplete", null, 0m, 100m),
                ("actualdurationminutes", null, 0m, 2147483647m),
            },
        };

        public static TableMetadata Apply(TableMetadata table)
        {
            if (Limits.TryGetValue(table.LogicalName, out var limits))
            {
                foreach (var (name, maxLength, min, max) in limits)
                {
                    if (table.Column(name) is ColumnMetadata column)
                    {
                        table.Add(column.WithLimits(maxLength, min, max));
                    }
                }
            }
            return table;
        }
    }
}
