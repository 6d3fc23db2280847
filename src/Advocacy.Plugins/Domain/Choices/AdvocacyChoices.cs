using System.Collections.Generic;

namespace Advocacy.Plugins.Domain.Choices
{
    /// <summary>An advocacy task kind: its choice option plus what the product does with the kind.</summary>
    public sealed class TaskKindOption : ChoiceOption<AdvocacyTaskKind>
    {
        public TaskKindOption(AdvocacyTaskKind item, int value, string label, string reportKey, bool isUrgent)
            : base(item, value, label)
        {
            ReportKey = reportKey;
            IsUrgent = isUrgent;
        }

        /// <summary>The kind's key in the management report's JSON ("tasksByKind").</summary>
        public string ReportKey { get; }

        /// <summary>Urgent work cannot wait for an away advocate's return: it goes to the backup, at high priority.</summary>
        public bool IsUrgent { get; }
    }

    /// <summary>
    /// The solution's choices (solution/OptionSets), one explicit table each. Adding an option is one line
    /// here plus the option in the solution; SolutionSchema's choice test holds the two together.
    /// </summary>
    public static class AdvocacyChoices
    {
        /// <summary>adv_tier (account.adv_tier, adv_advocate.adv_tiers): strategic first, as the solution lists it.</summary>
        public static readonly ChoiceTable<CustomerTier> Tiers = new ChoiceTable<CustomerTier>("adv_tier",
            new ChoiceOption<CustomerTier>(CustomerTier.Strategic, 104520000, "Strategic"),
            new ChoiceOption<CustomerTier>(CustomerTier.Key, 104520001, "Key"),
            new ChoiceOption<CustomerTier>(CustomerTier.Standard, 104520002, "Standard"));

        /// <summary>adv_inconveniencekind (adv_inconvenience.adv_kind).</summary>
        public static readonly ChoiceTable<InconvenienceKind> InconvenienceKinds = new ChoiceTable<InconvenienceKind>("adv_inconveniencekind",
            new ChoiceOption<InconvenienceKind>(InconvenienceKind.LateDelivery, 104520000, "Late delivery"),
            new ChoiceOption<InconvenienceKind>(InconvenienceKind.ServiceOutage, 104520001, "Service outage"),
            new ChoiceOption<InconvenienceKind>(InconvenienceKind.BillingError, 104520002, "Billing error"),
            new ChoiceOption<InconvenienceKind>(InconvenienceKind.ProductDefect, 104520003, "Product defect"),
            new ChoiceOption<InconvenienceKind>(InconvenienceKind.FeeOrPolicyChange, 104520004, "Fee or policy change"),
            new ChoiceOption<InconvenienceKind>(InconvenienceKind.Other, 104520005, "Other"));

        /// <summary>adv_impactband (adv_inconvenience.adv_impactband).</summary>
        public static readonly ChoiceTable<ImpactBand> ImpactBands = new ChoiceTable<ImpactBand>("adv_impactband",
            new ChoiceOption<ImpactBand>(ImpactBand.Low, 104520000, "Low"),
            new ChoiceOption<ImpactBand>(ImpactBand.Moderate, 104520001, "Moderate"),
            new ChoiceOption<ImpactBand>(ImpactBand.High, 104520002, "High"),
            new ChoiceOption<ImpactBand>(ImpactBand.Severe, 104520003, "Severe"));

        /// <summary>adv_loyaltyrisk (account.adv_loyaltyrisk).</summary>
        public static readonly ChoiceTable<LoyaltyRisk> LoyaltyRisks = new ChoiceTable<LoyaltyRisk>("adv_loyaltyrisk",
            new ChoiceOption<LoyaltyRisk>(LoyaltyRisk.Low, 104520000, "Low"),
            new ChoiceOption<LoyaltyRisk>(LoyaltyRisk.Medium, 104520001, "Medium"),
            new ChoiceOption<LoyaltyRisk>(LoyaltyRisk.High, 104520002, "High"));

        /// <summary>adv_specialty (adv_advocate.adv_specialties).</summary>
        public static readonly ChoiceTable<Specialty> Specialties = new ChoiceTable<Specialty>("adv_specialty",
            new ChoiceOption<Specialty>(Specialty.Logistics, 104520000, "Logistics"),
            new ChoiceOption<Specialty>(Specialty.Billing, 104520001, "Billing"),
            new ChoiceOption<Specialty>(Specialty.Technical, 104520002, "Technical"),
            new ChoiceOption<Specialty>(Specialty.Onboarding, 104520003, "Onboarding"));

        /// <summary>
        /// adv_taskkind (task.adv_kind), in report order. A new kind is one line here (value, label, report
        /// key, urgency) plus the option in solution/OptionSets/adv_taskkind.xml.
        /// </summary>
        public static readonly ChoiceTable<AdvocacyTaskKind, TaskKindOption> TaskKinds = new ChoiceTable<AdvocacyTaskKind, TaskKindOption>("adv_taskkind",
            new TaskKindOption(AdvocacyTaskKind.Introduction, 104520000, "Introduction", "introduction", isUrgent: false),
            new TaskKindOption(AdvocacyTaskKind.ImpactReview, 104520001, "Impact review", "impactReview", isUrgent: true),
            new TaskKindOption(AdvocacyTaskKind.PostResolutionCheckIn, 104520002, "Post-resolution check-in", "postResolutionCheckIn", isUrgent: false),
            new TaskKindOption(AdvocacyTaskKind.ProactiveCheckIn, 104520003, "Proactive check-in", "proactiveCheckIn", isUrgent: false),
            new TaskKindOption(AdvocacyTaskKind.DetractorRecovery, 104520004, "Detractor recovery", "detractorRecovery", isUrgent: true),
            new TaskKindOption(AdvocacyTaskKind.ManagerEscalation, 104520005, "Manager escalation", "managerEscalation", isUrgent: true),
            new TaskKindOption(AdvocacyTaskKind.UnassignedAdvocacy, 104520006, "Unassigned advocacy", "unassignedAdvocacy", isUrgent: false));

        /// <summary>Every table above, for checks against the solution.</summary>
        public static IReadOnlyList<IChoiceTable> All => new IChoiceTable[] { Tiers, InconvenienceKinds, ImpactBands, LoyaltyRisks, Specialties, TaskKinds };
    }
}
