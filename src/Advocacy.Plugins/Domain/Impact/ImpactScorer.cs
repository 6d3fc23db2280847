using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.Impact
{
    /// <summary>
    /// DESIGN §3: how badly an inconvenience hurt the customer, in points, money and words. Every component is
    /// monotone in its input and bounded, so the score never decreases when things get worse and can be
    /// explained as the sum of its parts.
    /// </summary>
    public static class ImpactScorer
    {
        /// <summary>
        /// Amounts above this are refused: Dataverse money tops out at 922,337,203,685,477, so anything larger
        /// is a data error, and the bound keeps the loss arithmetic far from decimal overflow.
        /// </summary>
        public const decimal MaxAmount = 1000000000000000m;

        /// <summary>The largest amount a Dataverse money column stores: an estimate is never written beyond it.</summary>
        public const decimal MaxMoney = 922337203685477m;

        public static ImpactAssessment Assess(InconvenienceFacts facts, DateTime nowUtc)
        {
            return Assess(facts, new ScoringSettings(), nowUtc);
        }

        /// <exception cref="ImpactInputException">A field holds a value no inconvenience can have.</exception>
        /// <exception cref="ArgumentException">The settings are not usable (the settings parser never produces such).</exception>
        public static ImpactAssessment Assess(InconvenienceFacts facts, ScoringSettings settings, DateTime nowUtc)
        {
            return Assess(facts, settings, nowUtc, Language.English);
        }

        /// <summary>The same assessment, its explanation worded for <paramref name="language"/>'s reader.</summary>
        public static ImpactAssessment Assess(InconvenienceFacts facts, ScoringSettings settings, DateTime nowUtc, Language language)
        {
            if (language == null)
            {
                throw new ArgumentNullException(nameof(language));
            }

            if (facts == null)
            {
                throw new ArgumentNullException(nameof(facts));
            }

            if (settings == null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            Validate(facts);
            CheckSettings(settings);

            // The record's currency; the reader's locale decides separators ("48.000" for 1031), without one the facts'
            // own format stands.
            var money = new MoneyText(facts.Currency ?? Money.Currency.UsDollar,
                language.Locale != null ? language.NumberFormat : facts.NumberFormat ?? CultureInfo.InvariantCulture);
            var lateness = Lateness.Of(facts, nowUtc);
            var components = new List<ImpactComponent>
            {
                Delay(facts, settings, lateness, language),
                Critical(facts, settings, language),
                MoneyAtStake(facts, settings, money, language),
                Tier(facts, settings, language),
                Recurrence(facts, settings, language),
            };

            var sum = 0;
            foreach (var component in components)
            {
                sum += component.Points;
            }

            var score = Math.Min(100, sum);
            var band = BandOf(score, settings);
            bool lossReported;
            string lossSentence;
            var loss = EstimateLoss(facts, settings, lateness, money, language, out lossReported, out lossSentence);

            var headline = sum > score
                ? language.Format(TextKey.ImpactHeadlineCapped, score, band, sum)
                : language.Format(TextKey.ImpactHeadline, score, band);
            var parts = new List<string>();
            foreach (var component in components)
            {
                if (component.Explained)
                {
                    parts.Add(component.ShowsPoints ? language.Format(TextKey.ImpactComponent, component.Text, component.Points) : component.Text);
                }
            }

            var explanation = language.Format(TextKey.ImpactExplanation, headline, string.Join("; ", parts), lossSentence);

            return new ImpactAssessment(score, sum, band, loss, lossReported, components.AsReadOnly(), explanation,
                lateness.Days, lateness.WholeDays);
        }

        /// <summary>The band of a score under the settings' thresholds (bands are half-open: 25 is moderate).</summary>
        public static ImpactBand BandOf(int score, ScoringSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            if (score >= settings.SevereFrom)
            {
                return ImpactBand.Severe;
            }

            if (score >= settings.HighFrom)
            {
                return ImpactBand.High;
            }

            return score >= settings.ModerateFrom ? ImpactBand.Moderate : ImpactBand.Low;
        }

        public static string BandName(ImpactBand band)
        {
            return band.ToString().ToLowerInvariant();
        }

        /// <summary>Half away from zero, as DESIGN §3 says: 8.5 points are 9, never 8 (banker's rounding).</summary>
        private static int Round(double points)
        {
            return (int)Math.Round(points, MidpointRounding.AwayFromZero);
        }

        private static ImpactComponent Delay(InconvenienceFacts facts, ScoringSettings settings, Lateness lateness, Language language)
        {
            if (!facts.PromisedOn.HasValue)
            {
                // Without a promise there is no "late"; guessing a date would put invented points in front of
                // decision makers, so the delay scores nothing and the explanation says why.
                return new ImpactComponent(ImpactComponentKind.Delay, 0, language.Format(TextKey.DelayNoPromise), true, false);
            }

            var ongoing = !facts.ResolvedOn.HasValue;
            if (lateness.WholeDays == 0)
            {
                string note;
                if (ongoing)
                {
                    note = language.Format(TextKey.DelayOpenNotYetLate);
                }
                else
                {
                    note = language.Format(facts.Kind == InconvenienceKind.LateDelivery ? TextKey.DelayDeliveredOnTime : TextKey.DelayResolvedByPromise);
                }

                return new ImpactComponent(ImpactComponentKind.Delay, 0, note, true, false);
            }

            // 1 - e^(-d/scale) saturates: for very long delays it tends to the maximum and never overflows.
            var points = Round(settings.DelayMaxPoints * (1 - Math.Exp(-lateness.Days / settings.DelayScaleDays)));
            var days = DaysText(lateness.WholeDays, language);
            string text;
            if (ongoing)
            {
                text = language.Format(TextKey.DelayOpenLate, days);
            }
            else if (facts.Kind == InconvenienceKind.LateDelivery)
            {
                text = language.Format(TextKey.DelayDeliveredLate, days);
            }
            else
            {
                text = language.Format(TextKey.DelayResolvedLate, days);
            }

            return new ImpactComponent(ImpactComponentKind.Delay, points, text, true);
        }

        private static ImpactComponent Critical(InconvenienceFacts facts, ScoringSettings settings, Language language)
        {
            var points = facts.BusinessCritical ? Round(settings.CriticalPoints) : 0;
            TextKey what;
            switch (facts.Kind)
            {
                case InconvenienceKind.LateDelivery:
                    what = TextKey.CriticalOrder;
                    break;
                case InconvenienceKind.ProductDefect:
                    what = TextKey.CriticalProduct;
                    break;
                case InconvenienceKind.ServiceOutage:
                    what = TextKey.CriticalService;
                    break;
                default:
                    what = TextKey.CriticalOther;
                    break;
            }

            return Scored(ImpactComponentKind.BusinessCritical, points, language.Format(what));
        }

        private static ImpactComponent MoneyAtStake(InconvenienceFacts facts, ScoringSettings settings, MoneyText money, Language language)
        {
            var amount = (facts.OrderValue ?? 0m) + (facts.ReportedLoss ?? 0m);
            // Points compare the base-currency amount, so the same harm scores the same in any currency; the words
            // show the record's own amount.
            var fraction = Math.Min(1.0, Math.Log10(1 + ((double)money.ToBase(amount) / settings.MoneyUnit)) / settings.MoneyDecades);
            var points = Round(settings.MoneyMaxPoints * fraction);
            return Scored(ImpactComponentKind.MoneyAtStake, points, language.Format(TextKey.MoneyAtStake, money.Format(amount)));
        }

        private static ImpactComponent Tier(InconvenienceFacts facts, ScoringSettings settings, Language language)
        {
            if (!facts.Tier.HasValue)
            {
                return Scored(ImpactComponentKind.CustomerTier, 0, "");
            }

            double configured;
            var points = settings.TierPoints != null && settings.TierPoints.TryGetValue(facts.Tier.Value, out configured)
                ? Round(configured)
                : 0;
            return Scored(ImpactComponentKind.CustomerTier, points, language.Format(TextKey.TierCustomer, facts.Tier.Value));
        }

        private static ImpactComponent Recurrence(InconvenienceFacts facts, ScoringSettings settings, Language language)
        {
            var count = facts.OtherRecentCount;
            var points = Round(Math.Min(settings.RecurrenceMaxPoints, count * settings.RecurrencePointsEach));
            var window = language.Format(settings.RecurrenceWindowDays == 1 ? TextKey.DayOneWithin : TextKey.DaysManyWithin, settings.RecurrenceWindowDays);
            var text = language.Format(count == 1 ? TextKey.RecurrenceOne : TextKey.RecurrenceMany, count, window);
            return Scored(ImpactComponentKind.Recurrence, points, text);
        }

        private static ImpactComponent Scored(ImpactComponentKind kind, int points, string text)
        {
            return new ImpactComponent(kind, points, points > 0 ? text : "", points > 0);
        }

        private static decimal EstimateLoss(InconvenienceFacts facts, ScoringSettings settings, Lateness lateness,
            MoneyText money, Language language, out bool reported, out string sentence)
        {
            if (facts.ReportedLoss.HasValue && facts.ReportedLoss.Value > 0)
            {
                // The customer's own figure beats any model of it.
                reported = true;
                var loss = Math.Round(facts.ReportedLoss.Value, 2, MidpointRounding.AwayFromZero);
                sentence = language.Format(TextKey.LossReported, money.Format(loss));
                return loss;
            }

            reported = false;
            if (!facts.OrderValue.HasValue)
            {
                sentence = language.Format(TextKey.LossNotEstimated);
                return 0m;
            }

            // Whole days (see Lateness) so the loss matches the days the explanation shows.
            var days = Math.Min(lateness.WholeDays, settings.LossMaxDays);
            var rate = (decimal)settings.LossRatePerDay;
            var multiplier = facts.BusinessCritical ? (decimal)settings.LossCriticalMultiplier : 1m;
            var estimate = Math.Round(facts.OrderValue.Value * rate * days * multiplier, 2, MidpointRounding.AwayFromZero);
            // Settings may multiply a large order past what the column can hold; the words say the figure is a ceiling.
            bool capped = estimate > MaxMoney;
            estimate = Math.Min(estimate, MaxMoney);
            sentence = language.Format(capped ? TextKey.LossEstimatedAtLeast : TextKey.LossEstimated, money.Format(estimate));
            return estimate;
        }

        private static string DaysText(int days, Language language)
        {
            return language.Format(days == 1 ? TextKey.DayOne : TextKey.DaysMany, days);
        }

        private static void Validate(InconvenienceFacts facts)
        {
            if (!Enum.IsDefined(typeof(InconvenienceKind), facts.Kind))
            {
                throw new ImpactInputException(nameof(facts.Kind), Phrase.Of(TextKey.ErrorUnknownKind, (int)facts.Kind));
            }

            if (facts.Tier.HasValue && !Enum.IsDefined(typeof(CustomerTier), facts.Tier.Value))
            {
                throw new ImpactInputException(nameof(facts.Tier), Phrase.Of(TextKey.ErrorUnknownTier, (int)facts.Tier.Value));
            }

            CheckAmount(nameof(facts.OrderValue), TextKey.FieldOrderValue, facts.OrderValue);
            CheckAmount(nameof(facts.ReportedLoss), TextKey.FieldReportedLoss, facts.ReportedLoss);
            if (facts.OtherRecentCount < 0)
            {
                throw new ImpactInputException(nameof(facts.OtherRecentCount), Phrase.Of(TextKey.ErrorNegativeRecentCount, facts.OtherRecentCount));
            }
        }

        private static void CheckAmount(string field, TextKey label, decimal? amount)
        {
            if (!amount.HasValue)
            {
                return;
            }

            if (amount.Value < 0)
            {
                throw new ImpactInputException(field, Phrase.Of(TextKey.ErrorAmountNegative, Phrase.Of(label), amount.Value));
            }

            if (amount.Value > MaxAmount)
            {
                throw new ImpactInputException(field, Phrase.Of(TextKey.ErrorAmountTooLarge, Phrase.Of(label), amount.Value));
            }
        }

        private static void CheckSettings(ScoringSettings s)
        {
            // Settings built in code skip the parser's checks; refuse the ones that would give NaN or overflow.
            Require(s.DelayMaxPoints >= 0 && s.DelayMaxPoints <= 1000, nameof(s.DelayMaxPoints));
            Require(s.DelayScaleDays > 0 && !double.IsInfinity(s.DelayScaleDays), nameof(s.DelayScaleDays));
            Require(s.CriticalPoints >= 0 && s.CriticalPoints <= 1000, nameof(s.CriticalPoints));
            Require(s.MoneyMaxPoints >= 0 && s.MoneyMaxPoints <= 1000, nameof(s.MoneyMaxPoints));
            Require(s.MoneyUnit > 0 && !double.IsInfinity(s.MoneyUnit), nameof(s.MoneyUnit));
            Require(s.MoneyDecades > 0 && !double.IsInfinity(s.MoneyDecades), nameof(s.MoneyDecades));
            Require(s.RecurrencePointsEach >= 0 && s.RecurrencePointsEach <= 1000, nameof(s.RecurrencePointsEach));
            Require(s.RecurrenceMaxPoints >= 0 && s.RecurrenceMaxPoints <= 1000, nameof(s.RecurrenceMaxPoints));
            Require(s.LossRatePerDay >= 0 && s.LossRatePerDay <= 1, nameof(s.LossRatePerDay));
            Require(s.LossCriticalMultiplier >= 0 && s.LossCriticalMultiplier <= 100, nameof(s.LossCriticalMultiplier));
            Require(s.LossMaxDays >= 0, nameof(s.LossMaxDays));
            Require(!double.IsNaN(s.ModerateFrom) && !double.IsNaN(s.HighFrom) && !double.IsNaN(s.SevereFrom), "band thresholds");
            if (s.TierPoints != null)
            {
                foreach (var points in s.TierPoints.Values)
                {
                    Require(points >= 0 && points <= 1000, nameof(s.TierPoints));
                }
            }
        }

        private static void Require(bool ok, string name)
        {
            if (!ok)
            {
                throw new ArgumentException("Scoring setting " + name + " is out of range.", "settings");
            }
        }

        /// <summary>
        /// How late, measured once so points, text and loss agree: whole calendar days from the promised date to the
        /// resolved date (or today while open), both as the account's owner sees them. Promised 26 Feb and delivered
        /// 10 Mar in Los Angeles is 12 days, although the instants are 11.96 days apart across the change to daylight
        /// saving time (08:00Z → 07:00Z).
        /// </summary>
        private struct Lateness
        {
            public double Days;
            public int WholeDays;

            public static Lateness Of(InconvenienceFacts facts, DateTime nowUtc)
            {
                if (!facts.PromisedOn.HasValue)
                {
                    return default;
                }

                var end = facts.ResolvedOn ?? nowUtc;
                int days = Time.LocalDays.DaysBetween(facts.Zone, facts.PromisedOn.Value, end);
                if (days <= 0)
                {
                    return default;
                }

                return new Lateness
                {
                    Days = days,
                    WholeDays = days,
                };
            }
        }

        /// <summary>The record's currency and number format, bound once per assessment (<see cref="Money.MoneyText.Format"/>).</summary>
        private sealed class MoneyText
        {
            private readonly Money.Currency currency;
            private readonly IFormatProvider format;

            public MoneyText(Money.Currency currency, IFormatProvider format)
            {
                this.currency = currency;
                this.format = format;
            }

            public string Format(decimal amount) => Money.MoneyText.Format(amount, currency, format);

            public decimal ToBase(decimal amount) => currency.ToBase(amount);
        }
    }
}
