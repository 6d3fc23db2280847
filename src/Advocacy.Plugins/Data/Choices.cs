using System.Collections.Generic;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Choices;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// OptionSetValue ↔ the domain's enums, through the explicit tables in <see cref="AdvocacyChoices"/> (one
    /// per solution choice, every value written out). Nothing here depends on the order of an enum.
    /// </summary>
    public static class Choices
    {
        /// <summary>The publisher's option value prefix: the first value of every choice in the solution.</summary>
        public const int Prefix = 104520000;

        public static int Value(CustomerTier tier) => AdvocacyChoices.Tiers.ValueOf(tier);

        /// <summary>null for an empty column or a value the solution does not define (the caller traces it).</summary>
        public static CustomerTier? Tier(OptionSetValue? value) => value == null ? null : AdvocacyChoices.Tiers.ItemOf(value.Value);

        public static OptionSetValue Option(CustomerTier tier) => new OptionSetValue(AdvocacyChoices.Tiers.ValueOf(tier));

        public static OptionSetValue Option(ImpactBand band) => new OptionSetValue(AdvocacyChoices.ImpactBands.ValueOf(band));

        public static OptionSetValue Option(LoyaltyRisk risk) => new OptionSetValue(AdvocacyChoices.LoyaltyRisks.ValueOf(risk));

        public static OptionSetValue Option(AdvocacyTaskKind kind) => new OptionSetValue(AdvocacyChoices.TaskKinds.ValueOf(kind));

        public static OptionSetValue Option(InconvenienceKind kind) => new OptionSetValue(AdvocacyChoices.InconvenienceKinds.ValueOf(kind));

        public static OptionSetValue Option(Specialty specialty) => new OptionSetValue(AdvocacyChoices.Specialties.ValueOf(specialty));

        /// <summary>Other for an empty column or a value the solution does not define.</summary>
        public static InconvenienceKind Kind(OptionSetValue? value) =>
            (value == null ? null : AdvocacyChoices.InconvenienceKinds.ItemOf(value.Value)) ?? InconvenienceKind.Other;

        /// <summary>null for an empty column or a value the solution does not define (the domain picks the default).</summary>
        public static InconvenienceKind? KindOrNull(OptionSetValue? value) => value == null ? null : AdvocacyChoices.InconvenienceKinds.ItemOf(value.Value);

        /// <summary>null for an empty column or a value the solution does not define.</summary>
        public static ImpactBand? Band(OptionSetValue? value) => value == null ? null : AdvocacyChoices.ImpactBands.ItemOf(value.Value);

        /// <summary>null for an empty column or a value the solution does not define.</summary>
        public static LoyaltyRisk? Risk(OptionSetValue? value) => value == null ? null : AdvocacyChoices.LoyaltyRisks.ItemOf(value.Value);

        /// <summary>null for an empty column or a value the solution does not define.</summary>
        public static AdvocacyTaskKind? TaskKind(OptionSetValue? value) => value == null ? null : AdvocacyChoices.TaskKinds.ItemOf(value.Value);

        /// <summary>The tiers of a multi-select column; values the solution does not define are skipped.</summary>
        public static HashSet<CustomerTier> Tiers(OptionSetValueCollection? values) => Set(AdvocacyChoices.Tiers, values);

        /// <summary>The specialties of a multi-select column; values the solution does not define are skipped.</summary>
        public static HashSet<Specialty> Specialties(OptionSetValueCollection? values) => Set(AdvocacyChoices.Specialties, values);

        private static HashSet<T> Set<T>(ChoiceTable<T> table, OptionSetValueCollection? values) where T : struct, System.Enum
        {
            var set = new HashSet<T>();
            if (values == null) return set;
            foreach (var value in values)
            {
                if (value == null) continue;
                var item = table.ItemOf(value.Value);
                if (item.HasValue) set.Add(item.Value);
            }

            return set;
        }
    }
}
