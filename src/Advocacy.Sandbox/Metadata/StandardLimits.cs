using System.Collections.Generic;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The limits Microsoft publishes for the standard columns <see cref="StandardTables"/> declares, laid over the
    /// built-in standard tables so a save over them fails here as it fails on the platform. Every text (String and Memo)
    /// and every whole number / currency column declared for these tables carries the page's MaxLength or
    /// MinValue/MaxValue, copied from Microsoft Learn's table reference pages (public repositories MicrosoftDocs/powerapps-docs,
    /// <c>powerapps-docs/developer/data-platform/reference/entities/&lt;table&gt;.md</c>, and, for the Dynamics 365 tables the
    /// Dataverse reference does not cover, MicrosoftDocs/dynamics-365-customer-engagement, <c>ce/developer/entities/&lt;table&gt;.md</c>):
    /// <list type="bullet">
    /// <item>"Task table/entity reference": subject 200, description (Memo) 2000, category and subcategory 250,
    /// percentcomplete 0–100, actualdurationminutes from 0.</item>
    /// <item>"Account table/entity reference (Microsoft Dataverse)".</item>
    /// <item>"Contact table/entity reference (Microsoft Dataverse)".</item>
    /// <item>"Incident Entity Reference (Dynamics 365 for Customer Engagement)" (the case).</item>
    /// <item>"SalesOrder Entity Reference (Developer Guide for Dynamics 365 Customer Engagement)": its currency columns
    /// state the platform's own money range (±922,337,203,685,477), which <see cref="ValueTypeCheck"/> enforces for every
    /// currency column anyway; they are listed because the page states them.</item>
    /// <item>"IncidentResolution Entity Reference (Developer Guide for Dynamics 365 Customer Engagement)".</item>
    /// <item>"User (SystemUser) table/entity reference (Microsoft Dataverse)".</item>
    /// <item>"Team table/entity reference (Microsoft Dataverse)".</item>
    /// <item>"Business Unit (BusinessUnit) table/entity reference (Microsoft Dataverse)".</item>
    /// <item>"Subject table/entity reference (Microsoft Dataverse)".</item>
    /// <item>"EnvironmentVariableDefinition entity reference (Microsoft Dataverse)".</item>
    /// <item>"Environment Variable Value (EnvironmentVariableValue) table/entity reference (Microsoft Dataverse)".</item>
    /// </list>
    /// Not published, so left unlimited: timezoneruleversionnumber and utcconversiontimezonecode of team, businessunit and
    /// subject (their pages list no such columns; the sandbox gives every table the audit columns). Other standard tables
    /// (the regional ones) carry no limits (README: differences from Dataverse).
    /// </summary>
    internal static class StandardLimits
    {
        private const decimal IntMin = -2147483648m;
        private const decimal IntMax = 2147483647m;
        private const decimal MoneyMax = 922337203685477m;

        /// <summary>importsequencenumber: the whole int range on every page that lists it.</summary>
        private static readonly (string, int?, decimal?, decimal?) ImportSequence = ("importsequencenumber", null, IntMin, IntMax);

        /// <summary>The time-zone columns as most pages state them: -1 means "none".</summary>
        private static readonly (string, int?, decimal?, decimal?)[] TimeZoneColumns =
        {
            ("timezoneruleversionnumber", null, -1m, IntMax),
            ("utcconversiontimezonecode", null, -1m, IntMax),
        };

        private static readonly Dictionary<string, (string Column, int? MaxLength, decimal? Min, decimal? Max)[]> Limits = new()
        {
            ["task"] = new (string, int?, decimal?, decimal?)[]
            {
                ("subject", 200, null, null),
                ("description", 2000, null, null),
                ("category", 250, null, null),
                ("subcategory", 250, null, null),
                ("percentcomplete", null, 0m, 100m),
                ("actualdurationminutes", null, 0m, IntMax),
            },
            ["account"] = With(TimeZoneColumns,
                ("name", 160, null, null),
                ("accountnumber", 20, null, null),
                ("telephone1", 50, null, null),
                ("emailaddress1", 100, null, null),
                ("address1_city", 80, null, null),
                ("websiteurl", 200, null, null),
                ("description", 2000, null, null),
                ("revenue", null, 0m, 100000000000000m),
                ("numberofemployees", null, 0m, 1000000000m),
                ImportSequence),
            ["contact"] = With(TimeZoneColumns,
                ("fullname", 160, null, null),
                ("firstname", 50, null, null),
                ("lastname", 50, null, null),
                ("emailaddress1", 100, null, null),
                ("telephone1", 50, null, null),
                ("jobtitle", 100, null, null),
                ("description", 2000, null, null),
                ImportSequence),
            ["incident"] = With(TimeZoneColumns,
                ("title", 200, null, null),
                ("ticketnumber", 100, null, null),
                ("description", 2000, null, null),
                ImportSequence),
            // The SalesOrder page (2017) states the whole int range for the time-zone columns, not -1.
            ["salesorder"] = new (string, int?, decimal?, decimal?)[]
            {
                ("name", 300, null, null),
                ("ordernumber", 100, null, null),
                ("description", 2000, null, null),
                ("totalamount", null, -MoneyMax, MoneyMax),
                ("totallineitemamount", null, -MoneyMax, MoneyMax),
                ImportSequence,
                ("timezoneruleversionnumber", null, IntMin, IntMax),
                ("utcconversiontimezonecode", null, IntMin, IntMax),
            },
            ["incidentresolution"] = With(TimeZoneColumns,
                ("subject", 200, null, null),
                ("description", 100000, null, null),
                ("timespent", null, 0m, IntMax),
                ImportSequence),
            ["systemuser"] = With(TimeZoneColumns,
                ("fullname", 200, null, null),
                ("firstname", 256, null, null),
                ("lastname", 256, null, null),
                ("domainname", 1024, null, null),
                ("internalemailaddress", 100, null, null),
                ("title", 128, null, null),
                ImportSequence),
            ["team"] = new (string, int?, decimal?, decimal?)[]
            {
                ("name", 160, null, null),
                ImportSequence,
            },
            ["businessunit"] = new (string, int?, decimal?, decimal?)[]
            {
                ("name", 160, null, null),
                ImportSequence,
            },
            ["subject"] = new (string, int?, decimal?, decimal?)[]
            {
                ("title", 500, null, null),
                ("description", 2000, null, null),
                ImportSequence,
            },
            ["environmentvariabledefinition"] = With(TimeZoneColumns,
                ("schemaname", 100, null, null),
                ("displayname", 100, null, null),
                ("defaultvalue", 2000, null, null),
                ("description", 2000, null, null),
                ImportSequence),
            ["environmentvariablevalue"] = With(TimeZoneColumns,
                ("schemaname", 100, null, null),
                ("value", 2000, null, null),
                ImportSequence),
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

        private static (string, int?, decimal?, decimal?)[] With((string, int?, decimal?, decimal?)[] shared, params (string, int?, decimal?, decimal?)[] own)
        {
            var all = new List<(string, int?, decimal?, decimal?)>(own);
            all.AddRange(shared);
            return all.ToArray();
        }
    }
}
