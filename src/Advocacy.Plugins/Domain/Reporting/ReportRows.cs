using System;

namespace Advocacy.Plugins.Domain.Reporting
{
    /// <summary>
    /// Feedback answers, one row per answer or — from an aggregate FetchXML grouped by advocate, tier, NPS and
    /// CSAT — one row per group with its <see cref="Count"/>. Values outside NPS 0–10 or CSAT 1–5 are ignored
    /// rather than allowed to skew a metric management reads.
    /// </summary>
    public sealed class FeedbackRow
    {
        public FeedbackRow(Guid? advocateId, string? advocateName, CustomerTier? tier, int? nps, int? csat, int count = 1, DateTime? month = null)
        {
            AdvocateId = advocateId;
            AdvocateName = advocateName;
            Tier = tier;
            Nps = nps;
            Csat = csat;
            Count = count;
            Month = month;
        }

        /// <summary>Any day of the month the answers were recorded in (null: not grouped by month).</summary>
        public DateTime? Month { get; }

        public Guid? AdvocateId { get; }

        public string? AdvocateName { get; }

        public CustomerTier? Tier { get; }

        public int? Nps { get; }

        public int? Csat { get; }

        public int Count { get; }
    }

    /// <summary>Open and overdue advocacy tasks of one kind for one advocate and tier (aggregate row).</summary>
    public sealed class TaskCountRow
    {
        public TaskCountRow(Guid? advocateId, string? advocateName, CustomerTier? tier, AdvocacyTaskKind kind, int open, int overdue)
        {
            AdvocateId = advocateId;
            AdvocateName = advocateName;
            Tier = tier;
            Kind = kind;
            Open = open;
            Overdue = overdue;
        }

        public Guid? AdvocateId { get; }

        public string? AdvocateName { get; }

        public CustomerTier? Tier { get; }

        public AdvocacyTaskKind Kind { get; }

        /// <summary>Open tasks, overdue ones included.</summary>
        public int Open { get; }

        /// <summary>Open tasks past their due date (a subset of Open).</summary>
        public int Overdue { get; }
    }

    /// <summary>Inconveniences of one impact band for one advocate and tier (aggregate row).</summary>
    public sealed class InconvenienceCountRow
    {
        public InconvenienceCountRow(Guid? advocateId, string? advocateName, CustomerTier? tier, ImpactBand band, int count, DateTime? month = null)
        {
            AdvocateId = advocateId;
            AdvocateName = advocateName;
            Tier = tier;
            Band = band;
            Count = count;
            Month = month;
        }

        /// <summary>Any day of the month the inconveniences were recorded in (null: not grouped by month).</summary>
        public DateTime? Month { get; }

        public Guid? AdvocateId { get; }

        public string? AdvocateName { get; }

        public CustomerTier? Tier { get; }

        public ImpactBand Band { get; }

        public int Count { get; }
    }
}
