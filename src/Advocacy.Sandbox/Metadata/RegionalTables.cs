using System.Collections.Generic;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The platform tables behind time zones, languages and currencies (issue 12): each user's settings, the zone
    /// definitions, the currencies and the organization (its base currency). Read-only to the product; the sandbox
    /// seeds them (<see cref="Regional.SandboxRegional"/>).
    /// </summary>
    internal static class RegionalTables
    {
        public static IEnumerable<TableMetadata> All()
        {
            // usersettings' primary key is the user's id (one row per user, created with the user).
            yield return Table("usersettings", "systemuserid", null, "UserSettings", TableOwnership.BusinessOwned,
                I("timezonecode"), I("uilanguageid"), I("localeid"), I("helplanguageid"), I("timezonebias"),
                L("transactioncurrencyid", "transactioncurrency"), L("businessunitid", "businessunit"),
                S("dateformatstring"), S("timeformatstring"), S("currencysymbol"));

            yield return Table("timezonedefinition", "timezonedefinitionid", "standardname", "TimeZoneDefinition", TableOwnership.OrganizationOwned,
                I("timezonecode"), S("standardname"), S("userinterfacename"), I("bias"), I("retiredorder"), S("daylightname"));

            yield return Table("transactioncurrency", "transactioncurrencyid", "currencyname", "TransactionCurrency", TableOwnership.OrganizationOwned,
                S("currencyname"), S("isocurrencycode"), S("currencysymbol"), I("currencyprecision"),
                new ColumnMetadata("exchangerate", ColumnType.Decimal), C("statecode"), C("statuscode"));

            yield return Table("organization", "organizationid", "name", "Organization", TableOwnership.OrganizationOwned,
                S("name"), L("basecurrencyid", "transactioncurrency"), I("localeid"), I("languagecode"), S("basecurrencysymbol"),
                I("pricingdecimalprecision"), new ColumnMetadata("businessclosurecalendarid", ColumnType.UniqueIdentifier));
        }

        private static TableMetadata Table(string name, string primaryId, string? primaryName, string schemaName, TableOwnership ownership, params ColumnMetadata[] columns)
        {
            var table = new TableMetadata(name, primaryId, primaryName) { SchemaName = schemaName, Ownership = ownership };
            table.Add(new ColumnMetadata(primaryId, ColumnType.UniqueIdentifier));
            foreach (var c in columns)
            {
                table.Add(c);
            }
            foreach (var c in StandardTables.SystemColumns())
            {
                table.AddIfMissing(c);
            }
            return table;
        }

        private static ColumnMetadata S(string n) => new(n, ColumnType.String);
        private static ColumnMetadata I(string n) => new(n, ColumnType.Integer);
        private static ColumnMetadata C(string n) => new(n, ColumnType.Choice);
        private static ColumnMetadata L(string n, params string[] targets) => new(n, ColumnType.Lookup, targets);
    }
}
