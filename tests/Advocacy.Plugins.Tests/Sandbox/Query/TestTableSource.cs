using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Sandbox.Query;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox.Query
{
    /// <summary>A dictionary-backed <see cref="ITableSource"/> for the query engine's tests.</summary>
    internal sealed class TestTableSource : ITableSource
    {
        private sealed class TableData
        {
            public string PrimaryId = "";
            public readonly HashSet<string> Columns = new(StringComparer.Ordinal);
            public readonly List<Entity> Rows = new();
        }

        private readonly Dictionary<string, TableData> _tables = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, string, int), string> _labels = new();

        public TestTableSource Table(string name, string primaryId, params string[] columns)
        {
            var t = new TableData { PrimaryId = primaryId };
            t.Columns.Add(primaryId);
            foreach (var c in columns) t.Columns.Add(c);
            _tables[name] = t;
            return this;
        }

        public TestTableSource Label(string table, string attribute, int value, string label)
        {
            _labels[(table, attribute, value)] = label;
            return this;
        }

        public Entity Add(string table, Guid id, params (string Key, object? Value)[] values)
        {
            var t = _tables[table];
            var e = new Entity(table, id);
            e[t.PrimaryId] = id;
            foreach (var (k, v) in values)
            {
                if (!t.Columns.Contains(k)) throw new InvalidOperationException($"{table} has no column {k}");
                if (v != null) e[k] = v;
            }
            t.Rows.Add(e);
            return e;
        }

        public Entity Add(string table, params (string Key, object? Value)[] values) => Add(table, Guid.NewGuid(), values);

        public IEnumerable<Entity> Scan(string logicalName) => _tables[logicalName].Rows;

        public bool TableExists(string logicalName) => _tables.ContainsKey(logicalName);

        public string PrimaryIdAttribute(string logicalName) => _tables[logicalName].PrimaryId;

        public string? ChoiceLabel(string logicalName, string attribute, int value) =>
            _labels.TryGetValue((logicalName, attribute, value), out var l) ? l : null;

        public bool ColumnExists(string logicalName, string attribute) =>
            _tables.TryGetValue(logicalName, out var t) && t.Columns.Contains(attribute);
    }

    /// <summary>A small CRM: users, accounts, contacts, tasks; fixed clock and caller.</summary>
    internal sealed class Crm
    {
        public static readonly DateTime Now = new(2024, 5, 15, 14, 30, 0, DateTimeKind.Utc); // a Wednesday

        public readonly TestTableSource Source = new();
        public readonly Guid Alice = new("11111111-0000-0000-0000-000000000001");
        public readonly Guid Bob = new("11111111-0000-0000-0000-000000000002");
        public readonly Guid Carol = new("11111111-0000-0000-0000-000000000003");
        public readonly Guid Contoso = new("22222222-0000-0000-0000-000000000001");
        public readonly Guid Fabrikam = new("22222222-0000-0000-0000-000000000002");
        public readonly Guid Litware = new("22222222-0000-0000-0000-000000000003");
        public readonly Guid Adatum = new("22222222-0000-0000-0000-000000000004");
        public readonly Guid Nancy = new("33333333-0000-0000-0000-000000000001");
        public readonly Guid Maria = new("33333333-0000-0000-0000-000000000002");
        public readonly Guid Sidney = new("33333333-0000-0000-0000-000000000003");
        public readonly QueryEngine Engine;

        public Crm()
        {
            Source
                .Table("systemuser", "systemuserid", "fullname", "isdisabled")
                .Table("account", "accountid", "name", "revenue", "industrycode", "numberofemployees", "createdon", "primarycontactid", "ownerid", "description", "donotphone", "rating", "creditlimit")
                .Table("contact", "contactid", "fullname", "parentcustomerid", "ownerid", "birthdate", "jobtitle")
                .Table("task", "activityid", "subject", "regardingobjectid", "ownerid", "scheduledend", "prioritycode")
                .Label("account", "industrycode", 1, "Accounting")
                .Label("account", "industrycode", 2, "Consulting")
                .Label("account", "industrycode", 3, "Brokers")
                .Label("account", "donotphone", 1, "Do Not Allow")
                .Label("account", "donotphone", 0, "Allow");

            Source.Add("systemuser", Alice, ("fullname", "Alice Smith"), ("isdisabled", false));
            Source.Add("systemuser", Bob, ("fullname", "Bob Jones"), ("isdisabled", false));
            Source.Add("systemuser", Carol, ("fullname", "Carol White"), ("isdisabled", true));

            Source.Add("account", Contoso, ("name", "Contoso"), ("revenue", new Money(1000m)), ("industrycode", new OptionSetValue(1)),
                ("numberofemployees", 50), ("createdon", Now.AddDays(-1)), ("primarycontactid", Ref("contact", Nancy, "Nancy Anderson")),
                ("ownerid", Ref("systemuser", Alice, "Alice Smith")), ("donotphone", true), ("rating", 4.5), ("creditlimit", 100.5m));
            Source.Add("account", Fabrikam, ("name", "Fabrikam, Inc."), ("revenue", new Money(2500.50m)), ("industrycode", new OptionSetValue(2)),
                ("numberofemployees", 200), ("createdon", Now.AddDays(-10)), ("primarycontactid", Ref("contact", Maria, "Maria Campbell")),
                ("ownerid", Ref("systemuser", Bob, "Bob Jones")), ("description", "Big customer"), ("donotphone", false), ("creditlimit", 200m));
            Source.Add("account", Litware, ("name", "litware"), ("revenue", new Money(500m)), ("industrycode", new OptionSetValue(1)),
                ("createdon", Now.AddDays(-40)), ("ownerid", Ref("systemuser", Alice, "Alice Smith")), ("description", "Café owner"));
            Source.Add("account", Adatum, ("name", "A. Datum"), ("industrycode", new OptionSetValue(3)), ("numberofemployees", 10),
                ("createdon", Now.AddHours(-2)), ("ownerid", Ref("systemuser", Carol, "Carol White")));

            Source.Add("contact", Nancy, ("fullname", "Nancy Anderson"), ("parentcustomerid", Ref("account", Contoso, "Contoso")), ("ownerid", Ref("systemuser", Alice, "Alice Smith")), ("jobtitle", "CEO"));
            Source.Add("contact", Maria, ("fullname", "Maria Campbell"), ("parentcustomerid", Ref("account", Fabrikam, "Fabrikam, Inc.")), ("ownerid", Ref("systemuser", Bob, "Bob Jones")));
            Source.Add("contact", Sidney, ("fullname", "Sidney Higa"), ("parentcustomerid", Ref("account", Contoso, "Contoso")), ("ownerid", Ref("systemuser", Bob, "Bob Jones")));

            Task("Call Contoso", Contoso, Alice, 1);
            Task("Email Contoso", Contoso, Alice, 2);
            Task("Visit Contoso", Contoso, Bob, 2);
            Task("Call Fabrikam", Fabrikam, Bob, 1);
            Task("Unrelated", null, Carol, 0);

            Engine = new QueryEngine(Source, () => Now, () => Alice);
        }

        private void Task(string subject, Guid? regarding, Guid owner, int priority) =>
            Source.Add("task", ("subject", subject), ("regardingobjectid", regarding.HasValue ? Ref("account", regarding.Value, null) : null),
                ("ownerid", Ref("systemuser", owner, null)), ("prioritycode", new OptionSetValue(priority)));

        public static EntityReference Ref(string table, Guid id, string? name) => new(table, id) { Name = name };
    }
}
