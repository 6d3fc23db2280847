using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// The solution's choice values (solution/OptionSets) and the domain's enums, in one place. The domain
    /// enums are declared in the same order as the choices, so value = prefix + position, except tier, whose
    /// choice lists strategic first.
    /// </summary>
    public static class Choices
    {
        public const int Prefix = 104520000;

        public static int Value(CustomerTier tier)
        {
            switch (tier)
            {
                case CustomerTier.Strategic: return Prefix;
                case CustomerTier.Key: return Prefix + 1;
                case CustomerTier.Standard: return Prefix + 2;
                default: throw new ArgumentOutOfRangeException(nameof(tier));
            }
        }

        /// <summary>null for an empty column or a value the solution does not define (the caller traces it).</summary>
        public static CustomerTier? Tier(OptionSetValue? value)
        {
            if (value == null) return null;
            switch (value.Value - Prefix)
            {
                case 0: return CustomerTier.Strategic;
                case 1: return CustomerTier.Key;
                case 2: return CustomerTier.Standard;
                default: return null;
            }
        }

        public static OptionSetValue Option(CustomerTier tier) => new OptionSetValue(Value(tier));

        public static OptionSetValue Option(ImpactBand band) => new OptionSetValue(Prefix + (int)band);

        public static OptionSetValue Option(LoyaltyRisk risk) => new OptionSetValue(Prefix + (int)risk);

        public static OptionSetValue Option(AdvocacyTaskKind kind) => new OptionSetValue(Prefix + (int)kind);

        public static OptionSetValue Option(InconvenienceKind kind) => new OptionSetValue(Prefix + (int)kind);

        public static InconvenienceKind Kind(OptionSetValue? value) => FromValue(value, InconvenienceKind.Other, InconvenienceKind.Other);

        /// <summary>null for an empty column or a value the solution does not define (the domain picks the default).</summary>
        public static InconvenienceKind? KindOrNull(OptionSetValue? value)
        {
            if (value == null) return null;
            var offset = value.Value - Prefix;
            return offset >= 0 && offset <= (int)InconvenienceKind.Other ? (InconvenienceKind)offset : (InconvenienceKind?)null;
        }

        public static ImpactBand? Band(OptionSetValue? value) => value == null ? (ImpactBand?)null : FromValue(value, ImpactBand.Low, ImpactBand.Severe);

        public static AdvocacyTaskKind? TaskKind(OptionSetValue? value)
        {
            if (value == null) return null;
            var offset = value.Value - Prefix;
            return offset >= 0 && offset <= (int)AdvocacyTaskKind.UnassignedAdvocacy ? (AdvocacyTaskKind)offset : (AdvocacyTaskKind?)null;
        }

        public static HashSet<CustomerTier> Tiers(OptionSetValueCollection? values)
        {
            var set = new HashSet<CustomerTier>();
            if (values == null) return set;
            foreach (var value in values)
            {
                var tier = Tier(value);
                if (tier.HasValue) set.Add(tier.Value);
            }

            return set;
        }

        public static HashSet<Specialty> Specialties(OptionSetValueCollection? values)
        {
            var set = new HashSet<Specialty>();
            if (values == null) return set;
            foreach (var value in values)
            {
                var offset = value.Value - Prefix;
                if (offset >= 0 && offset <= (int)Specialty.Onboarding) set.Add((Specialty)offset);
            }

            return set;
        }

        private static T FromValue<T>(OptionSetValue? value, T fallback, T max) where T : struct, IConvertible
        {
            if (value == null) return fallback;
            var offset = value.Value - Prefix;
            return offset >= 0 && offset <= max.ToInt32(null) ? (T)Enum.ToObject(typeof(T), offset) : fallback;
        }
    }
}
