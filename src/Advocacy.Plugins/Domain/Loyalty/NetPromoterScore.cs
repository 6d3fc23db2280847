using System;
using System.Collections.Generic;
using System.Globalization;

namespace Advocacy.Plugins.Domain.Loyalty
{
    /// <summary>Counts behind an NPS, for reports that show more than the one number.</summary>
    public sealed class NetPromoterSummary
    {
        public NetPromoterSummary(int promoters, int passives, int detractors)
        {
            Promoters = promoters;
            Passives = passives;
            Detractors = detractors;
        }

        public int Promoters { get; }
        public int Passives { get; }
        public int Detractors { get; }
        public int Responses => Promoters + Passives + Detractors;

        /// <summary>−100..100, or null when nobody answered (0 would claim a neutral result that nobody gave).</summary>
        public int? Score => NetPromoterScore.FromCounts(Promoters, Detractors, Responses);
    }

    /// <summary>NPS = % promoters − % detractors.</summary>
    public static class NetPromoterScore
    {
        /// <summary>
        /// Computed exactly as 100 × (promoters − detractors) / responses and then rounded half away from zero
        /// to a whole number (so 1 promoter in 8 answers is 13, and −12.5 is −13). Null when there are no values.
        /// </summary>
        /// <exception cref="FeedbackInputException">A value is outside 0..10.</exception>
        public static int? Compute(IEnumerable<int> npsValues)
        {
            return Summarize(npsValues).Score;
        }

        public static NetPromoterSummary Summarize(IEnumerable<int> npsValues)
        {
            if (npsValues == null)
            {
                throw new ArgumentNullException(nameof(npsValues));
            }

            int promoters = 0, passives = 0, detractors = 0;
            foreach (var nps in npsValues)
            {
                switch (FeedbackScore.ClassifyNps(nps))
                {
                    case FeedbackSentiment.Promoter:
                        promoters++;
                        break;
                    case FeedbackSentiment.Passive:
                        passives++;
                        break;
                    default:
                        detractors++;
                        break;
                }
            }

            return new NetPromoterSummary(promoters, passives, detractors);
        }

        /// <summary>The same arithmetic from counts, for aggregate rows that arrive already counted.</summary>
        public static int? FromCounts(int promoters, int detractors, int responses)
        {
            if (responses == 0)
            {
                return null;
            }

            // decimal keeps x.5 exact, so the rounding rule is the one documented, not a binary artefact.
            var exact = 100m * (promoters - detractors) / responses;
            return (int)Math.Round(exact, MidpointRounding.AwayFromZero);
        }

        /// <summary>"+35" / "-12" / "0", as NPS is usually written.</summary>
        public static string Format(int score)
        {
            return score > 0 ? "+" + score.ToString(CultureInfo.InvariantCulture) : score.ToString(CultureInfo.InvariantCulture);
        }
    }
}
