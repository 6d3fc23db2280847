using Advocacy.Plugins.Domain.Settings;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// Reads the adv_AdvocacySettings environment variable (the current value when one is set, else the
    /// definition's default) in one round trip, and parses it through the per-value cache.
    /// </summary>
    public sealed class SettingsReader
    {
        private readonly IOrganizationService _service;

        public SettingsReader(IOrganizationService service)
        {
            _service = service;
        }

        public AdvocacySettings Read() => AdvocacySettingsCache.Get(ReadJson());

        public string? ReadJson()
        {
            var query = new QueryExpression("environmentvariabledefinition")
            {
                ColumnSet = new ColumnSet("defaultvalue"),
                TopCount = 1,
            };
            query.Criteria.AddCondition("schemaname", ConditionOperator.Equal, AdvocacySettings.EnvironmentVariableName);
            var value = query.AddLink("environmentvariablevalue", "environmentvariabledefinitionid", "environmentvariabledefinitionid", JoinOperator.LeftOuter);
            value.EntityAlias = "current";
            value.Columns = new ColumnSet("value");

            var rows = _service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0)
            {
                return null;
            }

            var current = rows[0].GetAttributeValue<AliasedValue>("current.value")?.Value as string;
            return !string.IsNullOrWhiteSpace(current) ? current : rows[0].GetAttributeValue<string>("defaultvalue");
        }
    }
}
