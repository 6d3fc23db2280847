using System.Collections.Generic;

namespace Advocacy.Plugins.Domain.Impact
{
    public enum ImpactComponentKind
    {
        Delay = 0,
        BusinessCritical = 1,
        MoneyAtStake = 2,
        CustomerTier = 3,
        Recurrence = 4,
    }

    /// <summary>One scored part of the impact, in points and in the words decision makers read.</summary>
    public sealed class ImpactComponent
    {
        public ImpactComponent(ImpactComponentKind kind, int points, string text, bool explained, bool showsPoints = true)
        {
            Kind = kind;
            Points = points;
            Text = text;
            Explained = explained;
            ShowsPoints = showsPoints;
        }

        public ImpactComponentKind Kind { get; }

        /// <summary>Whole points, already rounded half away from zero.</summary>
        public int Points { get; }

        /// <summary>The words without the points, e.g. "delivered 12 days late"; empty when not explained.</summary>
        public string Text { get; }

        /// <summary>
        /// Whether the explanation mentions it: every component with points, and the delay even without points
        /// ("delivered on time", "no promised date") because it is the first thing a reader asks about.
        /// </summary>
        public bool Explained { get; }

        /// <summary>As it appears in the explanation, e.g. "delivered 12 days late (+29)".</summary>
        public override string ToString()
        {
            return ShowsPoints ? Text + " (+" + Points.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")" : Text;
        }

        /// <summary>False for notes such as "delivered on time", where "(+0)" would only be noise.</summary>
        public bool ShowsPoints { get; }
    }

    public sealed class ImpactAssessment
    {
        public ImpactAssessment(int score, int uncappedScore, ImpactBand band, decimal estimatedLoss, bool lossReported,
            IReadOnlyList<ImpactComponent> components, string explanation, double daysLate, int wholeDaysLate)
        {
            Score = score;
            UncappedScore = uncappedScore;
            Band = band;
            EstimatedLoss = estimatedLoss;
            LossReported = lossReported;
            Components = components;
            Explanation = explanation;
            DaysLate = daysLate;
            WholeDaysLate = wholeDaysLate;
        }

        /// <summary>0..100: the sum of the components' points, capped at 100.</summary>
        public int Score { get; }

        /// <summary>The plain sum of the components' points; above 100 only with generous custom settings.</summary>
        public int UncappedScore { get; }

        public ImpactBand Band { get; }

        /// <summary>The reported loss when given, otherwise the estimate; rounded to cents.</summary>
        public decimal EstimatedLoss { get; }

        /// <summary>True when <see cref="EstimatedLoss"/> is the customer's reported loss, not an estimate.</summary>
        public bool LossReported { get; }

        /// <summary>All five components, in the explanation's order, including those worth 0 points.</summary>
        public IReadOnlyList<ImpactComponent> Components { get; }

        public string Explanation { get; }

        /// <summary>Fractional days between the promised date and resolution (or now); 0 when not late.</summary>
        public double DaysLate { get; }

        /// <summary>
        /// Whole days late as shown and used for the loss: completed days, but at least 1 when late at all, so
        /// a promise missed by hours is "1 day late", not "0 days late".
        /// </summary>
        public int WholeDaysLate { get; }
    }
}
