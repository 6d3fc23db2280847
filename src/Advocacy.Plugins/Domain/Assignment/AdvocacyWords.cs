using System;
using System.Globalization;

namespace Advocacy.Plugins.Domain.Assignment
{
    /// <summary>
    /// The words the domain uses for its vocabulary in text people read (reasons, task descriptions, reports).
    /// Kept in one place so a reason line and a task description never call the same thing two names.
    /// </summary>
    public static class AdvocacyWords
    {
        public static bool IsKnown(CustomerTier tier) =>
            tier == CustomerTier.Standard || tier == CustomerTier.Key || tier == CustomerTier.Strategic;

        public static string Tier(CustomerTier tier)
        {
            switch (tier)
            {
                case CustomerTier.Strategic: return "strategic";
                case CustomerTier.Key: return "key";
                case CustomerTier.Standard: return "standard";
                default: return "tier " + ((int)tier).ToString(CultureInfo.InvariantCulture);
            }
        }

        public static string Specialty(Specialty specialty)
        {
            switch (specialty)
            {
                case Domain.Specialty.Logistics: return "logistics";
                case Domain.Specialty.Billing: return "billing";
                case Domain.Specialty.Technical: return "technical";
                case Domain.Specialty.Onboarding: return "onboarding";
                default: return "specialty " + ((int)specialty).ToString(CultureInfo.InvariantCulture);
            }
        }

        public static string Band(ImpactBand band)
        {
            switch (band)
            {
                case ImpactBand.Low: return "low";
                case ImpactBand.Moderate: return "moderate";
                case ImpactBand.High: return "high";
                case ImpactBand.Severe: return "severe";
                default: return "band " + ((int)band).ToString(CultureInfo.InvariantCulture);
            }
        }

        /// <summary>A date as users see it: a date, never a time, and the same in every culture.</summary>
        public static string Date(DateTime date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

        /// <summary>"1 advocate", "3 advocates".</summary>
        public static string Count(int n, string singular, string plural) =>
            n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural);
    }
}
