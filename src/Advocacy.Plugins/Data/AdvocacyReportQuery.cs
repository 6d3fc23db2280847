using System;
using System.Collections.Generic;
using System.Globalization;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Time;
using Advocacy.Plugins.Domain.Reporting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// The management report's data (DESIGN §5, issue 8 item 7) from FetchXML aggregates, grouped by the
    /// account's advocate and tier, so the cost does not grow with the data: exactly <see cref="RoundTrips"/>
    /// queries — feedback by NPS and CSAT; open and overdue advocacy tasks regarding an account; the same for
    /// tasks regarding a case (through the case's customer account); inconveniences by impact band. Feedback
    /// and inconveniences are limited to a period (default 365 days) to stay inside the platform's 50,000-row
    /// aggregate limit, and are also grouped by the UTC year and month they were created in (the report page's
    /// by-month charts) — inside the same two queries, so the months cost no round trip; open tasks are not
    /// limited by date.
    /// </summary>
    public sealed class AdvocacyReportQuery
    {
        /// <summary>The fixed number of round trips one report costs, whatever the data size.</summary>
        public const int RoundTrips = 6;

        public const int DefaultPeriodDays = 365;

        private readonly IOrganizationService _service;
        private readonly ITracingService _tracing;

        public AdvocacyReportQuery(IOrganizationService service, ITracingService tracing)
        {
            _service = service;
            _tracing = tracing;
        }

        public AdvocacyReport Build(DateTime now, int periodDays)
        {
            ReportPeriod period = ReportPeriod.LastDays(now, periodDays);
            string from = period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

            var feedback = new List<FeedbackRow>();
            // Stryker disable once String : trace text only (the label names the query in the trace)
            var feedbackRows = Fetch("feedback", FeedbackFetch(from));
            foreach (var row in feedbackRows)
            {
                feedback.Add(new FeedbackRow(AdvocateId(row), AdvocateName(row), Tier(row), Int(row, "nps"), Int(row, "csat"), Int(row, "n") ?? 0, Month(row)));
            }

            // The builder wants open and overdue of one group in one row (overdue ⊆ open), so merge the queries.
            var taskGroups = new Dictionary<string, TaskGroup>(StringComparer.Ordinal);
            foreach (bool overdue in new[] { false, true })
            {
                // Overdue as LocalDays defines it for every owner at once: stored due instant at least 12 hours ago.
                string? dueBefore = overdue ? LocalDays.OverdueIfDueBefore(now).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null;
                // Stryker disable once String,Conditional : trace text only (the label names the query in the trace)
                var onAccounts = Fetch(overdue ? "overdue tasks on accounts" : "open tasks on accounts", TasksOnAccountsFetch(dueBefore));
                // Stryker disable once String,Conditional : trace text only (the label names the query in the trace)
                var onCases = Fetch(overdue ? "overdue tasks on cases" : "open tasks on cases", TasksOnCasesFetch(dueBefore));
                foreach (var rows in new[] { onAccounts, onCases })
                {
                    foreach (var row in rows)
                    {
                        var kind = Choices.TaskKind(Aliased<OptionSetValue>(row, "kind"));
                        if (!kind.HasValue) continue;
                        int n = Int(row, "n") ?? 0;
                        var advocateId = AdvocateId(row);
                        var tier = Tier(row);
                        // Stryker disable once String : equivalent, the key only has to be unique per advocate, tier and kind: Guid.ToString("") is the "D" format, a null part "" differs from any id or tier name, and without "|" the parts still split (a 32-digit id or "-", then a tier name no other tier name starts with)
                        string key = (advocateId.HasValue ? advocateId.Value.ToString("N") : "-") + "|" + (tier.HasValue ? tier.Value.ToString() : "-") + "|" + kind.Value;
                        if (!taskGroups.TryGetValue(key, out TaskGroup? group))
                        {
                            group = new TaskGroup(advocateId, AdvocateName(row), tier, kind.Value);
                            taskGroups[key] = group;
                        }

                        if (overdue) group.Overdue += n; else group.Open += n;
                    }
                }
            }

            var tasks = new List<TaskCountRow>();
            foreach (var group in taskGroups.Values)
            {
                tasks.Add(new TaskCountRow(group.AdvocateId, group.AdvocateName, group.Tier, group.Kind, group.Open, group.Overdue));
            }

            var inconveniences = new List<InconvenienceCountRow>();
            // Stryker disable once String : trace text only (the label names the query in the trace)
            var inconvenienceRows = Fetch("inconveniences", InconveniencesFetch(from));
            foreach (var row in inconvenienceRows)
            {
                var band = Choices.Band(Aliased<OptionSetValue>(row, "band"));
                if (band.HasValue)
                {
                    inconveniences.Add(new InconvenienceCountRow(AdvocateId(row), AdvocateName(row), Tier(row), band.Value, Int(row, "n") ?? 0, Month(row)));
                }
            }

            // Stryker disable once all : trace text only
            _tracing.Trace("Report: {0} feedback group(s), {1} task group(s), {2} inconvenience group(s) since {3}; {4} round trips.", feedback.Count, tasks.Count, inconveniences.Count, from, RoundTrips);
            return AdvocacyReportBuilder.Build(feedback, tasks, inconveniences, now, period);
        }

        /// <summary>Active feedback since <paramref name="from"/> (yyyy-MM-dd), counted by NPS, CSAT, tier and advocate.</summary>
        internal static string FeedbackFetch(string from) =>
            FetchXml.For("adv_feedback").Aggregate()
                .Aggregate(FetchAggregate.Count, "adv_feedbackid", "n")
                .GroupBy("adv_nps", "nps")
                .GroupBy("adv_csat", "csat")
                .GroupBy("createdon", "year", FetchDateGrouping.Year, utc: true)
                .GroupBy("createdon", "month", FetchDateGrouping.Month, utc: true)
                .Filter(f => f.Equal("statecode", 0).GreaterEqual("createdon", from))
                .Link("account", "accountid", "adv_accountid", FetchLinkType.Inner, "acc", AccountGroups)
                .ToString();

        /// <summary>Open advocacy tasks regarding an account (due before the instant <paramref name="dueBefore"/> when given: overdue), counted by kind, tier and advocate.</summary>
        internal static string TasksOnAccountsFetch(string? dueBefore) =>
            OpenTasks(dueBefore)
                .Link("account", "accountid", "regardingobjectid", FetchLinkType.Inner, "acc", AccountGroups)
                .ToString();

        /// <summary>The same for tasks regarding a case, through the case's customer account.</summary>
        internal static string TasksOnCasesFetch(string? dueBefore) =>
            OpenTasks(dueBefore)
                .Link("incident", "incidentid", "regardingobjectid", FetchLinkType.Inner, "case", incident => incident
                    .Link("account", "accountid", "customerid", FetchLinkType.Inner, "acc", AccountGroups))
                .ToString();

        /// <summary>Inconveniences with a band since <paramref name="from"/> (yyyy-MM-dd), counted by band, tier and advocate.</summary>
        internal static string InconveniencesFetch(string from) =>
            FetchXml.For("adv_inconvenience").Aggregate()
                .Aggregate(FetchAggregate.Count, "adv_inconvenienceid", "n")
                .GroupBy("adv_impactband", "band")
                .GroupBy("createdon", "year", FetchDateGrouping.Year, utc: true)
                .GroupBy("createdon", "month", FetchDateGrouping.Month, utc: true)
                .Filter(f => f.GreaterEqual("createdon", from).NotNull("adv_impactband"))
                .Link("account", "accountid", "adv_accountid", FetchLinkType.Inner, "acc", AccountGroups)
                .ToString();

        private static FetchXml OpenTasks(string? dueBefore) =>
            FetchXml.For("task").Aggregate()
                .Aggregate(FetchAggregate.Count, "activityid", "n")
                .GroupBy("adv_kind", "kind")
                .Filter(f =>
                {
                    f.Equal("statecode", 0).NotNull("adv_kind");
                    if (dueBefore != null) f.LessThan("scheduledend", dueBefore);
                });

        /// <summary>Inside the link to the account: grouped by tier, and its advocate (outer) grouped by id and name.</summary>
        private static void AccountGroups(FetchLink account) => account
            .GroupBy("adv_tier", "tier")
            .Link("adv_advocate", "adv_advocateid", "adv_advocateid", FetchLinkType.Outer, "adv", advocate => advocate
                .GroupBy("adv_advocateid", "advocate")
                .GroupBy("adv_name", "advocatename"));

        private DataCollection<Entity> Fetch(string what, string fetchXml)
        {
            var rows = _service.RetrieveMultiple(new FetchExpression(fetchXml)).Entities;
            // Stryker disable once all : trace text only
            _tracing.Trace("Report: {0}: {1} group(s).", what, rows.Count);
            return rows;
        }

        private sealed class TaskGroup
        {
            public TaskGroup(Guid? advocateId, string? advocateName, CustomerTier? tier, AdvocacyTaskKind kind)
            {
                AdvocateId = advocateId;
                AdvocateName = advocateName;
                Tier = tier;
                Kind = kind;
            }

            public Guid? AdvocateId { get; }
            public string? AdvocateName { get; }
            public CustomerTier? Tier { get; }
            public AdvocacyTaskKind Kind { get; }
            public int Open { get; set; }
            public int Overdue { get; set; }
        }

        private static T? Aliased<T>(Entity row, string alias) where T : class => row.GetAttributeValue<AliasedValue>(alias)?.Value as T;

        private static int? Int(Entity row, string alias)
        {
            var value = row.GetAttributeValue<AliasedValue>(alias)?.Value;
            return value == null ? (int?)null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
        }

        private static Guid? AdvocateId(Entity row)
        {
            var value = row.GetAttributeValue<AliasedValue>("advocate")?.Value;
            if (value is Guid id) return id;
            if (value is EntityReference reference) return reference.Id;
            return null;
        }

        /// <summary>The first day of the row's year-and-month group; null when the platform returned no date parts.</summary>
        private static DateTime? Month(Entity row)
        {
            int? year = Int(row, "year");
            int? month = Int(row, "month");
            return year.HasValue && month.HasValue && year.Value >= 1 && year.Value <= 9999 && month.Value >= 1 && month.Value <= 12
                ? new DateTime(year.Value, month.Value, 1, 0, 0, 0, DateTimeKind.Utc)
                : (DateTime?)null;
        }

        private static string? AdvocateName(Entity row) => Aliased<string>(row, "advocatename");

        private static CustomerTier? Tier(Entity row) => Choices.Tier(Aliased<OptionSetValue>(row, "tier"));
    }
}
