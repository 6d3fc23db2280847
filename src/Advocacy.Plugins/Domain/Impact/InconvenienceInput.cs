using System;
using Advocacy.Plugins.Domain.Words;

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

        /// <summary>Null: not given (see <see cref="UnknownKindValue"/> for a value the solution does not define).</summary>
        public InconvenienceKind? Kind { get; set; }

        /// <summary>A kind value the caller gave that is none of the solution's kinds: refused, never scored as "other".</summary>
        public int? UnknownKindValue { get; set; }

        public DateTime? PromisedOn { get; set; }

        /// <summary>The record's transactioncurrencyid, when it has one (else the platform's default currency applies).</summary>
        public Guid? CurrencyId { get; set; }

        public DateTime? ResolvedOn { get; set; }

        public decimal? OrderValue { get; set; }

        public decimal? ReportedLoss { get; set; }

        public bool BusinessCritical { get; set; }

        /// <exception cref="ImpactInputException">The kind given is not one of the solution's kinds.</exception>
        public InconvenienceFacts ToFacts(CustomerTier? tier, int otherRecentCount)
        {
            if (UnknownKindValue.HasValue)
            {
                throw new ImpactInputException(nameof(Kind), Phrase.Of(TextKey.ErrorNotInconvenienceKind, UnknownKindValue.Value, Choices.AdvocacyChoices.InconvenienceKinds.Describe()));
            }

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
