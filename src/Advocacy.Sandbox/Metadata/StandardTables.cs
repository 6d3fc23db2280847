using System.Collections.Generic;
using System.Linq;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The standard tables our solution touches, with the columns the product and its tests use. The
    /// solution folder only describes what we add, so without these a plug-in writing task.subject would be
    /// rejected. Extend here when a plug-in starts using another standard column.
    /// </summary>
    internal static class StandardTables
    {
        public static IEnumerable<TableMetadata> All() => Tables().Select(Describe).Select(StandardChoices.Apply);

        /// <summary>Schema names, ownership and activity flags of the standard tables (what privilege names are made of).</summary>
        private static TableMetadata Describe(TableMetadata table)
        {
            (table.SchemaName, table.Ownership, table.IsActivity) = table.LogicalName switch
            {
                "account" => ("Account", TableOwnership.UserOwned, false),
                "contact" => ("Contact", TableOwnership.UserOwned, false),
                "incident" => ("Incident", TableOwnership.UserOwned, false),
                "salesorder" => ("SalesOrder", TableOwnership.UserOwned, false),
                "task" => ("Task", TableOwnership.UserOwned, true),
                "incidentresolution" => ("IncidentResolution", TableOwnership.UserOwned, true),
                // prvReadUser, not prvReadSystemUser: the platform's privilege names use the table's old names.
                "systemuser" => ("User", TableOwnership.BusinessOwned, false),
                "team" => ("Team", TableOwnership.BusinessOwned, false),
                "businessunit" => ("BusinessUnit", TableOwnership.BusinessOwned, false),
                "subject" => ("Subject", TableOwnership.OrganizationOwned, false),
                "environmentvariabledefinition" => ("EnvironmentVariableDefinition", TableOwnership.UserOwned, false),
                "environmentvariablevalue" => ("EnvironmentVariableValue", TableOwnership.UserOwned, false),
                _ => (table.SchemaName, table.Ownership, table.IsActivity),
            };
            return table;
        }

        private static IEnumerable<TableMetadata> Tables()
        {
            yield return Owned("account", "name",
                S("name"), S("accountnumber"), S("telephone1"), S("emailaddress1"), S("address1_city"), S("websiteurl"), T("description"),
                L("parentaccountid", "account"), L("primarycontactid", "contact"), M("revenue"), I("numberofemployees"),
                C("customertypecode"), C("industrycode"), C("accountcategorycode"), L("transactioncurrencyid", "transactioncurrency"));

            yield return Owned("contact", "fullname",
                S("fullname"), S("firstname"), S("lastname"), S("emailaddress1"), S("telephone1"), S("jobtitle"), T("description"),
                L("parentcustomerid", "account", "contact"), L("accountid", "account"));

            yield return Owned("incident", "title",
                S("title"), S("ticketnumber"), T("description"), L("customerid", "account", "contact"), C("prioritycode"),
                C("severitycode"), C("caseorigincode"), C("casetypecode"), L("subjectid", "subject"), L("primarycontactid", "contact"),
                L("parentcaseid", "incident"), L("productid", "product"), B("isescalated"), D("escalatedon"), D("resolveby"),
                D("followupby"), L("transactioncurrencyid", "transactioncurrency"));

            yield return Owned("salesorder", "name",
                S("name"), S("ordernumber"), T("description"), L("customerid", "account", "contact"), D("requestdeliveryby"),
                D("datefulfilled"), D("submitdate"), M("totalamount"), M("totallineitemamount"), C("prioritycode"),
                C("shippingmethodcode"), L("pricelevelid", "pricelevel"), L("opportunityid", "opportunity"),
                L("transactioncurrencyid", "transactioncurrency"));

            // task inherits activitypointer's columns; its primary id is activityid, as on the platform.
            yield return Owned("task", "subject",
                S("subject"), T("description"), D("scheduledstart"), D("scheduledend"), D("actualstart"), D("actualend"),
                L("regardingobjectid"), C("prioritycode"), I("actualdurationminutes"), I("scheduleddurationminutes"), I("percentcomplete"),
                S("category"), S("subcategory"), S("activitytypecode"), B("isregularactivity"))
                .WithPrimaryId("activityid");

            // What the resolve dialog (CloseIncident) creates: plug-ins see a case's resolution as its Create.
            yield return Owned("incidentresolution", "subject",
                S("subject"), T("description"), L("incidentid", "incident"), I("timespent"), D("actualend"));

            yield return Table("systemuser", "fullname",
                S("fullname"), S("firstname"), S("lastname"), S("domainname"), S("internalemailaddress"), S("title"),
                L("parentsystemuserid", "systemuser"), B("isdisabled"), L("businessunitid", "businessunit"), C("accessmode"),
                G("azureactivedirectoryobjectid"));

            yield return Table("team", "name",
                S("name"), L("businessunitid", "businessunit"), C("teamtype"), L("administratorid", "systemuser"), B("isdefault"));

            yield return Table("businessunit", "name",
                S("name"), L("parentbusinessunitid", "businessunit"), B("isdisabled"));

            yield return Table("subject", "title", S("title"), L("parentsubject", "subject"), T("description"));

            yield return Owned("environmentvariabledefinition", "schemaname",
                S("schemaname"), S("displayname"), T("defaultvalue"), T("description"), C("type"), B("isrequired"))
                .WithKey("schemaname", "schemaname");

            yield return Owned("environmentvariablevalue", "schemaname",
                S("schemaname"), T("value"), L("environmentvariabledefinitionid", "environmentvariabledefinition"));
        }

        /// <summary>Columns every table has (audit columns and the version stamp).</summary>
        public static IEnumerable<ColumnMetadata> SystemColumns()
        {
            yield return D("createdon");
            yield return D("modifiedon");
            yield return D("overriddencreatedon");
            yield return L("createdby", "systemuser");
            yield return L("modifiedby", "systemuser");
            yield return L("createdonbehalfby", "systemuser");
            yield return L("modifiedonbehalfby", "systemuser");
            yield return new ColumnMetadata("versionnumber", ColumnType.BigInt);
            yield return I("importsequencenumber");
            yield return I("timezoneruleversionnumber");
            yield return I("utcconversiontimezonecode");
        }

        /// <summary>Columns of user- or team-owned tables: owner and state.</summary>
        public static IEnumerable<ColumnMetadata> OwnershipColumns()
        {
            yield return L("ownerid", "systemuser", "team");
            yield return L("owninguser", "systemuser");
            yield return L("owningteam", "team");
            yield return L("owningbusinessunit", "businessunit");
            yield return C("statecode");
            yield return C("statuscode");
        }

        private static TableMetadata Owned(string name, string primaryName, params ColumnMetadata[] columns)
        {
            var table = Table(name, primaryName, columns);
            foreach (var c in OwnershipColumns())
            {
                table.AddIfMissing(c);
            }
            return table;
        }

        private static TableMetadata Table(string name, string primaryName, params ColumnMetadata[] columns)
        {
            var table = new TableMetadata(name, name + "id", primaryName);
            table.Add(new ColumnMetadata(name + "id", ColumnType.UniqueIdentifier));
            foreach (var c in columns)
            {
                table.Add(c);
            }
            foreach (var c in SystemColumns())
            {
                table.AddIfMissing(c);
            }
            return table;
        }

        private static TableMetadata WithPrimaryId(this TableMetadata table, string primaryId)
        {
            table.PrimaryIdAttribute = primaryId;
            table.Add(new ColumnMetadata(primaryId, ColumnType.UniqueIdentifier));
            return table;
        }

        private static TableMetadata WithKey(this TableMetadata table, string name, params string[] columns)
        {
            table.AlternateKeys[name] = columns;
            return table;
        }

        private static ColumnMetadata S(string n) => new(n, ColumnType.String);
        private static ColumnMetadata T(string n) => new(n, ColumnType.String);
        private static ColumnMetadata I(string n) => new(n, ColumnType.Integer);
        private static ColumnMetadata M(string n) => new(n, ColumnType.Money);
        private static ColumnMetadata B(string n) => new(n, ColumnType.Boolean);
        private static ColumnMetadata D(string n) => new(n, ColumnType.DateTime);
        private static ColumnMetadata C(string n) => new(n, ColumnType.Choice);
        private static ColumnMetadata G(string n) => new(n, ColumnType.UniqueIdentifier);
        private static ColumnMetadata L(string n, params string[] targets) => new(n, ColumnType.Lookup, targets);
    }
}
