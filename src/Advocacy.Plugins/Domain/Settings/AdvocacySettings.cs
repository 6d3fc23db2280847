using System.Collections.Generic;

namespace Advocacy.Plugins.Domain.Settings
{
    /// <summary>
    /// Everything an admin can tune through the <c>adv_AdvocacySettings</c> environment variable (JSON).
    /// Every default below is DESIGN.md's; a missing variable or a missing key means the default.
    /// Instances are built once per variable value and then shared across threads: treat them as read-only.
    /// </summary>
    public sealed class AdvocacySettings
    {
        public const string EnvironmentVariableName = "adv_AdvocacySettings";

        public ScoringSettings Scoring { get; set; } = new ScoringSettings();
        public IndexSettings Index { get; set; } = new IndexSettings();
        public LoyaltyRiskSettings LoyaltyRisk { get; set; } = new LoyaltyRiskSettings();
        public AssignmentSettings Assignment { get; set; } = new AssignmentSettings();
        public FollowUpSettings FollowUp { get; set; } = new FollowUpSettings();
        public SweepSettings Sweep { get; set; } = new SweepSettings();

        public static AdvocacySettings Defaults() => new AdvocacySettings();
    }

    /// <summary>JSON "scoring": the impact model of DESIGN §3.</summary>
    public sealed class ScoringSettings
    {
        public double DelayMaxPoints { get; set; } = 35;
        public double DelayScaleDays { get; set; } = 7;
        public double CriticalPoints { get; set; } = 20;
        public double MoneyMaxPoints { get; set; } = 15;
        public double MoneyUnit { get; set; } = 1000;
        public double MoneyDecades { get; set; } = 3;
        public Dictionary<CustomerTier, double> TierPoints { get; set; } = new Dictionary<CustomerTier, double>
        {
            { CustomerTier.Standard, 0 },
            { CustomerTier.Key, 8 },
            { CustomerTier.Strategic, 15 },
        };
        public double RecurrencePointsEach { get; set; } = 5;
        public double RecurrenceMaxPoints { get; set; } = 15;
        public int RecurrenceWindowDays { get; set; } = 90;
        public double ModerateFrom { get; set; } = 25;
        public double HighFrom { get; set; } = 50;
        public double SevereFrom { get; set; } = 75;
        public double LossRatePerDay { get; set; } = 0.005;
        public double LossCriticalMultiplier { get; set; } = 2;
        public int LossMaxDays { get; set; } = 60;
    }

    /// <summary>JSON "index": the account inconvenience index with decay.</summary>
    public sealed class IndexSettings
    {
        public double HalfLifeDays { get; set; } = 30;
        public int WindowDays { get; set; } = 180;
        public double Cap { get; set; } = 100;
    }

    /// <summary>JSON "loyaltyRisk".</summary>
    public sealed class LoyaltyRiskSettings
    {
        public int HighNpsAtMost { get; set; } = 6;
        public int HighCsatAtMost { get; set; } = 2;
        public double HighIndexAtLeast { get; set; } = 60;
        public int MediumNpsAtMost { get; set; } = 8;
        public int MediumCsatAtMost { get; set; } = 3;
        public double MediumIndexAtLeast { get; set; } = 30;
    }

    /// <summary>JSON "assignment": DESIGN §4.</summary>
    public sealed class AssignmentSettings
    {
        public int DefaultCapacity { get; set; } = 25;

        /// <summary>Which specialty an inconvenience of a kind needs.</summary>
        public Dictionary<InconvenienceKind, Specialty> SpecialtyByKind { get; set; } = new Dictionary<InconvenienceKind, Specialty>
        {
            { InconvenienceKind.LateDelivery, Specialty.Logistics },
            { InconvenienceKind.ServiceOutage, Specialty.Technical },
            { InconvenienceKind.BillingError, Specialty.Billing },
            { InconvenienceKind.ProductDefect, Specialty.Technical },
            { InconvenienceKind.FeeOrPolicyChange, Specialty.Billing },
        };

        /// <summary>Case subject (matched case-insensitively, whole subject title) → specialty.</summary>
        public Dictionary<string, Specialty> SpecialtyBySubject { get; set; } = new Dictionary<string, Specialty>(System.StringComparer.OrdinalIgnoreCase)
        {
            { "Delivery", Specialty.Logistics },
            { "Shipping", Specialty.Logistics },
            { "Billing", Specialty.Billing },
            { "Invoice", Specialty.Billing },
            { "Technical", Specialty.Technical },
            { "Onboarding", Specialty.Onboarding },
        };

        /// <summary>Accounts re-assigned per asynchronous batch when an advocate is deactivated.</summary>
        public int ReassignBatchSize { get; set; } = 50;

        /// <summary>Business days until an introduction task is due.</summary>
        public int IntroductionDueBusinessDays { get; set; } = 2;
    }

    /// <summary>JSON "followUp": DESIGN §5.</summary>
    public sealed class FollowUpSettings
    {
        public Dictionary<CustomerTier, int> CadenceDays { get; set; } = new Dictionary<CustomerTier, int>
        {
            { CustomerTier.Strategic, 30 },
            { CustomerTier.Key, 60 },
            { CustomerTier.Standard, 90 },
        };

        public Dictionary<CustomerTier, int> CheckInDueBusinessDays { get; set; } = new Dictionary<CustomerTier, int>
        {
            { CustomerTier.Strategic, 3 },
            { CustomerTier.Key, 5 },
            { CustomerTier.Standard, 7 },
        };

        /// <summary>An account is due a proactive check-in when its next contact is within this many days.</summary>
        public int ProactiveWindowDays { get; set; } = 7;
        public int ProactiveCheckInDueBusinessDays { get; set; } = 5;
        public int ImpactReviewDueBusinessDays { get; set; } = 1;
        public int DetractorDueBusinessDays { get; set; } = 1;
        public int DetractorNpsAtMost { get; set; } = 6;
        public int DetractorCsatAtMost { get; set; } = 2;
        public int ManagerEscalationNpsAtMost { get; set; } = 3;
        public int UnassignedDueBusinessDays { get; set; } = 1;

        /// <summary>
        /// The name of the organization's holiday schedule (a calendar of type Holiday Schedule, as Customer Service's
        /// holiday schedules are): its holidays are not business days. Null: weekends only.
        /// </summary>
        public string? HolidaySchedule { get; set; }

        /// <summary>
        /// True: the organization's Business Closures (the calendar organization.businessclosurecalendarid names, which
        /// every environment has) are not business days either. False: they are not read.
        /// </summary>
        public bool BusinessClosures { get; set; }
    }

    /// <summary>JSON "sweep": the proactive sweep's paging and time budget.</summary>
    public sealed class SweepSettings
    {
        public int PageSize { get; set; } = 5000;
        public int BatchSize { get; set; } = 1000;

        /// <summary>Well inside the platform's 2-minute limit for a plug-in.</summary>
        public int TimeBudgetSeconds { get; set; } = 90;
    }
}
