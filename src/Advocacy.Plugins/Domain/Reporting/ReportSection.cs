using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.Choices;
using Advocacy.Plugins.Domain.Loyalty;

namespace Advocacy.Plugins.Domain.Reporting
{
    /// <summary>Open and overdue counts of one task kind.</summary>
    public sealed class TaskCounts
    {
        internal TaskCounts()
        {
        }

        public int Open { get; internal set; }

        public int Overdue { get; internal set; }
    }

    /// <summary>The metrics for one slice of the report: everything, one advocate, or one tier.</summary>
    public sealed class ReportSection
    {
        /// <summary>Every task kind, in report order: the order of the task-kind table.</summary>
        internal static readonly AdvocacyTaskKind[] Kinds = AdvocacyChoices.TaskKinds.Select(o => o.Item).ToArray();

        internal static readonly ImpactBand[] Bands = { ImpactBand.Low, ImpactBand.Moderate, ImpactBand.High, ImpactBand.Severe };

        private readonly Dictionary<AdvocacyTaskKind, TaskCounts> tasksByKind = new Dictionary<AdvocacyTaskKind, TaskCounts>();
        private readonly Dictionary<ImpactBand, int> inconveniencesByBand = new Dictionary<ImpactBand, int>();
        private long csatSum;

        internal ReportSection(string key, string label, Guid? advocateId, CustomerTier? tier, DateTime? month = null)
        {
            Key = key;
            Label = label;
            AdvocateId = advocateId;
            Tier = tier;
            Month = month;
            foreach (AdvocacyTaskKind kind in Kinds)
            {
                tasksByKind[kind] = new TaskCounts();
            }

            foreach (ImpactBand band in Bands)
            {
                inconveniencesByBand[band] = 0;
            }
        }

        /// <summary>"overall", "advocate:{id:N}", "advocate:none", "tier:strategic", "tier:none", "month:2026-03".</summary>
        public string Key { get; }

        public string Label { get; internal set; }

        public Guid? AdvocateId { get; }

        public CustomerTier? Tier { get; }

        /// <summary>The first day (UTC) of the month of a by-month section; null for the others.</summary>
        public DateTime? Month { get; }

        public int NpsResponses => Promoters + Passives + Detractors;

        /// <summary>NPS 9–10.</summary>
        public int Promoters { get; private set; }

        /// <summary>NPS 7–8.</summary>
        public int Passives { get; private set; }

        /// <summary>NPS 0–6.</summary>
        public int Detractors { get; private set; }

        /// <summary>% promoters − % detractors, rounded half away from zero; null without responses.</summary>
        public int? Nps => NetPromoterScore.FromCounts(Promoters, Detractors, Promoters + Passives + Detractors);

        public int CsatResponses { get; private set; }

        /// <summary>Average CSAT (1–5) to 2 decimals, half away from zero; null without responses.</summary>
        // "+ 0.00m" fixes the scale at 2 decimals, so 4.5 reads "4.50" in JSON and in the CLI alike.
        public decimal? AverageCsat => CsatResponses == 0 ? (decimal?)null : Math.Round((decimal)csatSum / CsatResponses, 2, MidpointRounding.AwayFromZero) + 0.00m;

        public int OpenTasks { get; private set; }

        public int OverdueTasks { get; private set; }

        public IReadOnlyDictionary<AdvocacyTaskKind, TaskCounts> TasksByKind => tasksByKind;

        public int Inconveniences { get; private set; }

        public IReadOnlyDictionary<ImpactBand, int> InconveniencesByBand => inconveniencesByBand;

        internal void AddNps(int nps, int count)
        {
            if (nps >= 9)
            {
                Promoters += count;
            }
            else if (nps >= 7)
            {
                Passives += count;
            }
            else
            {
                Detractors += count;
            }
        }

        internal void AddCsat(int csat, int count)
        {
            CsatResponses += count;
            csatSum += (long)csat * count;
        }

        internal void AddTasks(AdvocacyTaskKind kind, int open, int overdue)
        {
            if (!tasksByKind.TryGetValue(kind, out TaskCounts? counts))
            {
                return;
            }

            counts.Open += open;
            counts.Overdue += overdue;
            OpenTasks += open;
            OverdueTasks += overdue;
        }

        internal void AddInconveniences(ImpactBand band, int count)
        {
            if (!inconveniencesByBand.ContainsKey(band))
            {
                return;
            }

            inconveniencesByBand[band] += count;
            Inconveniences += count;
        }
    }

}
