using System;
using System.Collections.Generic;
using System.Globalization;
using Advocacy.Plugins.Domain.Settings;

namespace Advocacy.Plugins.Domain.Loyalty
{
    public sealed class LoyaltyRiskAssessment
    {
        public LoyaltyRiskAssessment(LoyaltyRisk risk, string reason)
        {
            Risk = risk;
            Reason = reason;
        }

        public LoyaltyRisk Risk { get; }

        /// <summary>One line for the account's trace and the advocate, e.g. "High: last NPS 4 (6 or lower)."</summary>
        public string Reason { get; }
    }

    /// <summary>
    /// DESIGN §3: high if last NPS ≤ 6 or last CSAT ≤ 2 or index ≥ 60; medium if NPS 7–8, CSAT 3 or index ≥ 30;
    /// else low. Missing feedback is not a signal either way; only what the customer said, or what we did to
    /// them, raises the risk.
    /// </summary>
    public static class LoyaltyRiskRules
    {
        /// <exception cref="FeedbackInputException">A stored NPS or CSAT is outside its scale.</exception>
        public static LoyaltyRiskAssessment Assess(int? lastNps, int? lastCsat, double index, LoyaltyRiskSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            if (double.IsNaN(index))
            {
                throw new ArgumentException("The inconvenience index is not a number.", nameof(index));
            }

            if (lastNps.HasValue || lastCsat.HasValue)
            {
                // Same scales as fresh feedback; a hand-edited 11 must not quietly count as "not a detractor".
                FeedbackScore.Create(lastNps, lastCsat);
            }

            var shownIndex = ((int)Math.Round(index, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture);

            var high = new List<string>();
            if (lastNps.HasValue && lastNps.Value <= settings.HighNpsAtMost)
            {
                high.Add("last NPS " + Whole(lastNps.Value) + " (" + Whole(settings.HighNpsAtMost) + " or lower)");
            }

            if (lastCsat.HasValue && lastCsat.Value <= settings.HighCsatAtMost)
            {
                high.Add("last CSAT " + Whole(lastCsat.Value) + " (" + Whole(settings.HighCsatAtMost) + " or lower)");
            }

            if (index >= settings.HighIndexAtLeast)
            {
                high.Add("inconvenience index " + shownIndex + " (" + Number(settings.HighIndexAtLeast) + " or more)");
            }

            if (high.Count > 0)
            {
                return new LoyaltyRiskAssessment(LoyaltyRisk.High, "High: " + string.Join("; ", high) + ".");
            }

            var medium = new List<string>();
            if (lastNps.HasValue && lastNps.Value <= settings.MediumNpsAtMost)
            {
                medium.Add("last NPS " + Whole(lastNps.Value) + " (" + Whole(settings.MediumNpsAtMost) + " or lower)");
            }

            if (lastCsat.HasValue && lastCsat.Value <= settings.MediumCsatAtMost)
            {
                medium.Add("last CSAT " + Whole(lastCsat.Value) + " (" + Whole(settings.MediumCsatAtMost) + " or lower)");
            }

            if (index >= settings.MediumIndexAtLeast)
            {
                medium.Add("inconvenience index " + shownIndex + " (" + Number(settings.MediumIndexAtLeast) + " or more)");
            }

            if (medium.Count > 0)
            {
                return new LoyaltyRiskAssessment(LoyaltyRisk.Medium, "Medium: " + string.Join("; ", medium) + ".");
            }

            var low = new List<string>();
            if (lastNps.HasValue)
            {
                low.Add("last NPS " + Whole(lastNps.Value));
            }

            if (lastCsat.HasValue)
            {
                low.Add("last CSAT " + Whole(lastCsat.Value));
            }

            if (low.Count == 0)
            {
                low.Add("no feedback yet");
            }

            low.Add("inconvenience index " + shownIndex + " (below " + Number(settings.MediumIndexAtLeast) + ")");
            return new LoyaltyRiskAssessment(LoyaltyRisk.Low, "Low: " + string.Join("; ", low) + ".");
        }

        private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
