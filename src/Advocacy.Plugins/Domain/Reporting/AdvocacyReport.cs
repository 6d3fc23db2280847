using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.Choices;

namespace Advocacy.Plugins.Domain.Reporting
{
    /// <summary>
    /// The management report (DESIGN §5): loyalty and workload overall, per advocate and per tier, and loyalty and
    /// impact by month over the report's period. Built by
    /// <see cref="AdvocacyReportBuilder"/> from aggregate rows; rendered by the CLI or returned as JSON by a
    /// Custom API.
    /// </summary>
    public sealed class AdvocacyReport
    {
        internal AdvocacyReport(DateTime generatedOn, ReportSection overall, IReadOnlyList<ReportSection> byAdvocate, IReadOnlyList<ReportSection> byTier,
            ReportPeriod? period, IReadOnlyList<ReportSection> byMonth)
        {
            GeneratedOn = generatedOn;
            Overall = overall;
            ByAdvocate = byAdvocate;
            ByTier = byTier;
            Period = period;
            ByMonth = byMonth;
        }

        public DateTime GeneratedOn { get; }

        public ReportSection Overall { get; }

        /// <summary>By advocate name (ordinal) then id; "No advocate" last.</summary>
        public IReadOnlyList<ReportSection> ByAdvocate { get; }

        /// <summary>Strategic, key, standard, then "No tier" — only tiers with any data.</summary>
        public IReadOnlyList<ReportSection> ByTier { get; }

        /// <summary>The dates answers and inconveniences were counted from; null when the rows were not read for a period.</summary>
        public ReportPeriod? Period { get; }

        /// <summary>
        /// NPS, CSAT and inconveniences per calendar month (UTC), oldest first: every month of the period, with or
        /// without data, so a chart's time axis has no gaps; tasks are not by month (they are counted as of now).
        /// </summary>
        public IReadOnlyList<ReportSection> ByMonth { get; }

        /// <summary>
        /// Stable JSON: fixed key order, invariant numbers, ISO dates, every section with the same keys (null where
        /// there is no value), so a flow or a diff can rely on its shape.
        /// </summary>
        public string ToJson()
        {
            var json = new JsonWriter();
            json.BeginObject();
            json.Name("generatedOn").String(GeneratedOn.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.Name("overall");
            WriteSection(json, Overall);
            json.Name("byAdvocate").BeginArray();
            foreach (ReportSection section in ByAdvocate)
            {
                WriteSection(json, section);
            }

            json.EndArray();
            json.Name("byTier").BeginArray();
            foreach (ReportSection section in ByTier)
            {
                WriteSection(json, section);
            }

            json.EndArray();

            // Added for the report page (issue 16) after the original keys, so readers of the first shape are unaffected.
            json.Name("period");
            if (Period == null)
            {
                json.Null();
            }
            else
            {
                json.BeginObject();
                json.Name("from").String(ReportPeriod.Date(Period.From));
                json.Name("to").String(ReportPeriod.Date(Period.To));
                json.Name("days").Number(Period.Days);
                json.EndObject();
            }

            json.Name("byMonth").BeginArray();
            foreach (ReportSection section in ByMonth)
            {
                WriteMonth(json, section);
            }

            json.EndArray();
            json.EndObject();
            return json.ToString();
        }

        /// <summary>A month's loyalty and impact (the keys it shares with the other sections, in their order).</summary>
        private static void WriteMonth(JsonWriter json, ReportSection s)
        {
            json.BeginObject();
            json.Name("key").String(s.Key);
            json.Name("label").String(s.Label);
            json.Name("month").String(ReportPeriod.MonthKey(s.Month!.Value));
            WriteLoyalty(json, s);
            WriteImpact(json, s);
            json.EndObject();
        }

        private static void WriteLoyalty(JsonWriter json, ReportSection s)
        {
            json.Name("nps").Number(s.Nps);
            json.Name("npsResponses").Number(s.NpsResponses);
            json.Name("promoters").Number(s.Promoters);
            json.Name("passives").Number(s.Passives);
            json.Name("detractors").Number(s.Detractors);
            json.Name("averageCsat").Number(s.AverageCsat);
            json.Name("csatResponses").Number(s.CsatResponses);
        }

        private static void WriteImpact(JsonWriter json, ReportSection s)
        {
            json.Name("inconveniences").Number(s.Inconveniences);
            json.Name("inconveniencesByBand").BeginObject();
            foreach (ImpactBand band in ReportSection.Bands)
            {
                json.Name(AdvocacyWords.Band(band)).Number(s.InconveniencesByBand[band]);
            }

            json.EndObject();
        }

        private static void WriteSection(JsonWriter json, ReportSection s)
        {
            json.BeginObject();
            json.Name("key").String(s.Key);
            json.Name("label").String(s.Label);
            json.Name("advocateId");
            if (s.AdvocateId.HasValue)
            {
                json.String(s.AdvocateId.Value.ToString("D"));
            }
            else
            {
                json.Null();
            }

            json.Name("tier");
            if (s.Tier.HasValue)
            {
                json.String(AdvocacyWords.Tier(s.Tier.Value));
            }
            else
            {
                json.Null();
            }

            WriteLoyalty(json, s);
            json.Name("openTasks").Number(s.OpenTasks);
            json.Name("overdueTasks").Number(s.OverdueTasks);
            json.Name("tasksByKind").BeginObject();
            foreach (AdvocacyTaskKind kind in ReportSection.Kinds)
            {
                TaskCounts counts = s.TasksByKind[kind];
                json.Name(KindKey(kind)).BeginObject();
                json.Name("open").Number(counts.Open);
                json.Name("overdue").Number(counts.Overdue);
                json.EndObject();
            }

            json.EndObject();
            WriteImpact(json, s);
            json.EndObject();
        }

        private static string KindKey(AdvocacyTaskKind kind) => AdvocacyChoices.TaskKinds.Of(kind).ReportKey;
    }

    /// <summary>
    /// Accumulates aggregate rows into an <see cref="AdvocacyReport"/>. Rows may repeat a group (e.g. two
    /// pages of one aggregate); counts add up. Rows with a non-positive count are ignored.
    /// </summary>
    public sealed class AdvocacyReportBuilder
    {
        private const string NoAdvocateLabel = "No advocate";
        private const string NoTierLabel = "No tier";

        private readonly ReportSection overall = new ReportSection("overall", "All accounts", null, null);
        private readonly Dictionary<Guid, ReportSection> byAdvocate = new Dictionary<Guid, ReportSection>();
        private readonly Dictionary<CustomerTier, ReportSection> byTier = new Dictionary<CustomerTier, ReportSection>();
        private readonly HashSet<Guid> namedAdvocates = new HashSet<Guid>();
        private readonly SortedDictionary<DateTime, ReportSection> byMonth = new SortedDictionary<DateTime, ReportSection>();
        private ReportSection? noAdvocate;
        private ReportSection? noTier;

        public static AdvocacyReport Build(IEnumerable<FeedbackRow>? feedback, IEnumerable<TaskCountRow>? tasks, IEnumerable<InconvenienceCountRow>? inconveniences, DateTime generatedOn,
            ReportPeriod? period = null)
        {
            var builder = new AdvocacyReportBuilder();
            foreach (FeedbackRow row in feedback ?? new FeedbackRow[0])
            {
                builder.Add(row);
            }

            foreach (TaskCountRow row in tasks ?? new TaskCountRow[0])
            {
                builder.Add(row);
            }

            foreach (InconvenienceCountRow row in inconveniences ?? new InconvenienceCountRow[0])
            {
                builder.Add(row);
            }

            return builder.Build(generatedOn, period);
        }

        public AdvocacyReportBuilder Add(FeedbackRow row)
        {
            if (row == null || row.Count <= 0)
            {
                return this;
            }

            bool validNps = row.Nps.HasValue && row.Nps.Value >= 0 && row.Nps.Value <= 10;
            bool validCsat = row.Csat.HasValue && row.Csat.Value >= 1 && row.Csat.Value <= 5;
            foreach (ReportSection section in SectionsFor(row.AdvocateId, row.AdvocateName, row.Tier, row.Month))
            {
                if (validNps)
                {
                    section.AddNps(row.Nps!.Value, row.Count);
                }

                if (validCsat)
                {
                    section.AddCsat(row.Csat!.Value, row.Count);
                }
            }

            return this;
        }

        public AdvocacyReportBuilder Add(TaskCountRow row)
        {
            if (row == null || (row.Open <= 0 && row.Overdue <= 0))
            {
                return this;
            }

            // An overdue task is open by definition; never report more overdue than open.
            int overdue = Math.Max(0, row.Overdue);
            int open = Math.Max(Math.Max(0, row.Open), overdue);
            foreach (ReportSection section in SectionsFor(row.AdvocateId, row.AdvocateName, row.Tier))
            {
                section.AddTasks(row.Kind, open, overdue);
            }

            return this;
        }

        public AdvocacyReportBuilder Add(InconvenienceCountRow row)
        {
            if (row == null || row.Count <= 0)
            {
                return this;
            }

            foreach (ReportSection section in SectionsFor(row.AdvocateId, row.AdvocateName, row.Tier, row.Month))
            {
                section.AddInconveniences(row.Band, row.Count);
            }

            return this;
        }

        /// <param name="period">When given, every month it touches is listed (empty ones too) and the JSON names it.</param>
        public AdvocacyReport Build(DateTime generatedOn, ReportPeriod? period = null)
        {
            var advocates = new List<ReportSection>(byAdvocate.Values);
            advocates.Sort((a, b) =>
            {
                int byName = string.CompareOrdinal(a.Label, b.Label);
                return byName != 0 ? byName : a.AdvocateId!.Value.CompareTo(b.AdvocateId!.Value);
            });
            if (noAdvocate != null)
            {
                advocates.Add(noAdvocate);
            }

            var tiers = new List<ReportSection>();
            foreach (CustomerTier tier in new[] { CustomerTier.Strategic, CustomerTier.Key, CustomerTier.Standard })
            {
                if (byTier.TryGetValue(tier, out ReportSection? section))
                {
                    tiers.Add(section);
                }
            }

            if (noTier != null)
            {
                tiers.Add(noTier);
            }

            if (period != null)
            {
                foreach (DateTime month in period.Months())
                {
                    MonthSection(month);
                }
            }

            return new AdvocacyReport(generatedOn, overall, advocates, tiers, period, new List<ReportSection>(byMonth.Values));
        }

        private ReportSection[] SectionsFor(Guid? advocateId, string? advocateName, CustomerTier? tier, DateTime? month = null)
        {
            return month.HasValue
                ? new[] { overall, AdvocateSection(advocateId, advocateName), TierSection(tier), MonthSection(month.Value) }
                : new[] { overall, AdvocateSection(advocateId, advocateName), TierSection(tier) };
        }

        private ReportSection MonthSection(DateTime day)
        {
            DateTime month = ReportPeriod.MonthOf(day);
            if (!byMonth.TryGetValue(month, out ReportSection? section))
            {
                section = new ReportSection("month:" + ReportPeriod.MonthKey(month), ReportPeriod.MonthLabel(month), null, null, month);
                byMonth.Add(month, section);
            }

            return section;
        }

        private ReportSection AdvocateSection(Guid? advocateId, string? name)
        {
            if (!advocateId.HasValue)
            {
                return noAdvocate ?? (noAdvocate = new ReportSection("advocate:none", NoAdvocateLabel, null, null));
            }

            if (!byAdvocate.TryGetValue(advocateId.Value, out ReportSection? section))
            {
                section = new ReportSection("advocate:" + advocateId.Value.ToString("N"), string.Empty, advocateId, null);
                byAdvocate.Add(advocateId.Value, section);
            }

            // The first non-blank name wins, so a profile renamed between rows does not flip-flop its label;
            // until a name is seen the id stands in.
            if (!string.IsNullOrWhiteSpace(name) && !namedAdvocates.Contains(advocateId.Value))
            {
                section.Label = name!.Trim();
                namedAdvocates.Add(advocateId.Value);
            }
            else if (section.Label.Length == 0)
            {
                section.Label = "Advocate " + advocateId.Value.ToString("D");
            }

            return section;
        }

        private ReportSection TierSection(CustomerTier? tier)
        {
            if (!tier.HasValue || !AdvocacyWords.IsKnown(tier.Value))
            {
                return noTier ?? (noTier = new ReportSection("tier:none", NoTierLabel, null, null));
            }

            if (!byTier.TryGetValue(tier.Value, out ReportSection? section))
            {
                string word = AdvocacyWords.Tier(tier.Value);
                section = new ReportSection("tier:" + word, char.ToUpperInvariant(word[0]) + word.Substring(1), null, tier.Value);
                byTier.Add(tier.Value, section);
            }

            return section;
        }
    }
}
