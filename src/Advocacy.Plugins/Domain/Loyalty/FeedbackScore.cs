using System.Globalization;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.Loyalty
{
    public enum FeedbackSentiment
    {
        Detractor = 0,
        Passive = 1,
        Promoter = 2,
    }

    /// <summary>Feedback the user entered cannot be used; the message says what to enter.</summary>
    public sealed class FeedbackInputException : AdvocacyInputException
    {
        public FeedbackInputException(string field, Phrase message) : base(message)
        {
            Field = field;
        }

        /// <summary>"Nps", "Csat" or "Nps, Csat" when both are missing.</summary>
        public string Field { get; }
    }

    /// <summary>A validated answer to a check-in: NPS 0..10 and/or CSAT 1..5.</summary>
    public sealed class FeedbackScore
    {
        public const int MinNps = 0;
        public const int MaxNps = 10;
        public const int MinCsat = 1;
        public const int MaxCsat = 5;

        private FeedbackScore(int? nps, int? csat)
        {
            Nps = nps;
            Csat = csat;
        }

        public int? Nps { get; }
        public int? Csat { get; }

        /// <summary>
        /// NPS decides when present (9–10 promoter, 7–8 passive, 0–6 detractor), but CSAT 1–2 makes anyone a
        /// detractor: a very dissatisfied answer needs recovery whatever the NPS said. With CSAT only, 3 is
        /// passive and 4–5 promoter.
        /// </summary>
        public FeedbackSentiment Sentiment
        {
            get
            {
                if (Csat.HasValue && Csat.Value <= 2)
                {
                    return FeedbackSentiment.Detractor;
                }

                if (Nps.HasValue)
                {
                    return ClassifyNps(Nps.Value);
                }

                return Csat!.Value >= 4 ? FeedbackSentiment.Promoter : FeedbackSentiment.Passive;
            }
        }

        /// <summary>True when the answer crosses the configured detractor thresholds (FollowUp settings).</summary>
        public bool IsDetractorBy(int npsAtMost, int csatAtMost)
        {
            return (Nps.HasValue && Nps.Value <= npsAtMost) || (Csat.HasValue && Csat.Value <= csatAtMost);
        }

        /// <exception cref="FeedbackInputException">Out of range, or neither score given.</exception>
        public static FeedbackScore Create(int? nps, int? csat)
        {
            if (!nps.HasValue && !csat.HasValue)
            {
                throw new FeedbackInputException("Nps, Csat", Phrase.Of(TextKey.ErrorFeedbackNoScore));
            }

            if (nps.HasValue)
            {
                CheckNps(nps.Value);
            }

            if (csat.HasValue && (csat.Value < MinCsat || csat.Value > MaxCsat))
            {
                throw new FeedbackInputException("Csat", Phrase.Of(TextKey.ErrorCsatRange, csat.Value));
            }

            return new FeedbackScore(nps, csat);
        }

        /// <summary>The standard NPS buckets.</summary>
        public static FeedbackSentiment ClassifyNps(int nps)
        {
            CheckNps(nps);
            if (nps >= 9)
            {
                return FeedbackSentiment.Promoter;
            }

            return nps >= 7 ? FeedbackSentiment.Passive : FeedbackSentiment.Detractor;
        }

        internal static void CheckNps(int nps)
        {
            if (nps < MinNps || nps > MaxNps)
            {
                throw new FeedbackInputException("Nps", Phrase.Of(TextKey.ErrorNpsRange, nps));
            }
        }
    }
}
