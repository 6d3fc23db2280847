using System;

namespace Advocacy.Plugins.Domain.Impact
{
    /// <summary>
    /// What a caller says about one inconvenience — a saved adv_inconvenience row, the adv_ScoreInconvenience
    /// parameters or the "Calculate inconvenience impact" activity's arguments, each mapped once by its entry
    /// point — before the account adds its tier and recurrence. <see cref="ToFacts"/> is the one place that turns
    /// it into scoring facts, so the three cannot score the same facts differently.
    /// </summary>
    public sealed class InconvenienceInput
    {
        /// <summary>
        /// A missing kind scores as "other": nothing says the trouble was a late delivery, so the explanation does
        /// not claim it was.
        /// </summary>
        public const InconvenienceKind DefaultKind = InconvenienceKind.Other;

        /// <summary>Null: not given (or a value the solution does not define).</summary>
        public InconvenienceKind? Kind { get; set; }

        public DateTime? PromisedOn { get; set; }

        public DateTime? ResolvedOn { get; set; }

        public decimal? OrderValue { get; set; }

        public decimal? ReportedLoss { get; set; }

        public bool BusinessCritical { get; set; }

        public InconvenienceFacts ToFacts(CustomerTier? tier, int otherRecentCount)
        {
            return new InconvenienceFacts
            {
                Kind = Kind ?? DefaultKind,
                PromisedOn = PromisedOn,
                ResolvedOn = ResolvedOn,
                OrderValue = OrderValue,
                ReportedLoss = ReportedLoss,
                BusinessCritical = BusinessCritical,
                Tier = tier,
                OtherRecentCount = otherRecentCount,
            };
        }
    }
}
