using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain.Settings;

namespace Advocacy.Plugins.Domain.Loyalty
{
    /// <summary>
    /// An account's loyalty columns (DESIGN §3): the inconvenience index recomputed from its recent scored
    /// inconveniences, and the loyalty risk that index and the customer's last NPS/CSAT imply. One definition for
    /// every writer — a new inconvenience and a new answer both go through <see cref="Compute"/>.
    /// </summary>
    public sealed class LoyaltyFigures
    {
        private LoyaltyFigures(int index, int? lastNps, int? lastCsat, LoyaltyRiskAssessment risk)
        {
            Index = index;
            LastNps = lastNps;
            LastCsat = lastCsat;
            Risk = risk;
        }

        /// <summary>The whole-number index as stored; the risk is judged on this same number.</summary>
        public int Index { get; }

        public int? LastNps { get; }

        public int? LastCsat { get; }

        public LoyaltyRiskAssessment Risk { get; }

        /// <param name="ownerZone">The account owner's zone: the index's ages are calendar days there (UTC when null).</param>
        public static LoyaltyFigures Compute(IEnumerable<ScoredEvent> events, int? lastNps, int? lastCsat, AdvocacySettings settings, DateTime nowUtc, Time.IUserZone? ownerZone = null)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            int index = InconvenienceIndex.Compute(events, settings.Index, nowUtc, ownerZone);
            return new LoyaltyFigures(index, lastNps, lastCsat, LoyaltyRiskRules.Assess(lastNps, lastCsat, index, settings.LoyaltyRisk));
        }
    }
}
