using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Impact;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Application.Impact
{
    /// <summary>
    /// DESIGN §3 scoring, for the three ways in: an inconvenience being saved (the scoring step writes the
    /// assessment into its Target), and "what would this score?" from adv_ScoreInconvenience and the "Calculate
    /// inconvenience impact" activity. All three map their inputs to <see cref="InconvenienceInput"/> and meet in
    /// <see cref="Assess"/>, so the same facts get the same score and explanation wherever they come from.
    /// Cost: one account query (none without an account; it brings the owner's time zone) and one currency query; no writes.
    /// </summary>
    public sealed class ScoreInconvenience
    {
        public static readonly string NoAccountMessage = Language.English.Format(TextKey.ErrorInconvenienceWithoutAccount);

        private readonly IAdvocacyHost _host;

        public ScoreInconvenience(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <summary>
        /// An inconvenience being saved. Read as <see cref="IAdvocacyHost.SystemService"/> so every recent
        /// inconvenience of the account counts, whatever the caller can see.
        /// </summary>
        /// <param name="inconvenienceId">Null on create; on update the row itself is not counted as recurrence.</param>
        /// <param name="createdOn">When the row was created (now on create): recurrence counts the window before it.</param>
        public ImpactAssessment OnSave(InconvenienceInput input, Guid? accountId, Guid? inconvenienceId, DateTime createdOn)
        {
            if (!accountId.HasValue)
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorInconvenienceWithoutAccount));
            }

            var settings = _host.Settings.Scoring;
            _host.Trace("Scoring inconvenience {0} of account {1} (reading as {2}, so every recent inconvenience counts whatever the caller can see).",
                inconvenienceId.HasValue ? inconvenienceId.Value.ToString("D") : "(new)", accountId.Value, _host.SystemIdentity);
            var account = new InconvenienceRows(_host.SystemService).LoadAccount(accountId.Value, inconvenienceId, createdOn, settings.RecurrenceWindowDays);
            return Assess(input, account);
        }

        /// <summary>
        /// Facts that are not saved. The account (optional) supplies tier and recurrence exactly as on save, read as
        /// the caller: nothing is written, so the caller sees what they may see.
        /// </summary>
        public ImpactAssessment WhatIf(InconvenienceInput input, Guid? accountId)
        {
            var account = accountId.HasValue
                ? new InconvenienceRows(_host.UserService).LoadAccount(accountId.Value, null, _host.UtcNow, _host.Settings.Scoring.RecurrenceWindowDays)
                : AccountScoringContext.None;
            return Assess(input, account);
        }

        private ImpactAssessment Assess(InconvenienceInput input, AccountScoringContext account)
        {
            var settings = _host.Settings.Scoring;
            var facts = input.ToFacts(account.Tier, account.OtherRecentCount);
            facts.Zone = account.OwnerZone;
            // Read as the caller: with no currency on the record, the caller's default currency is the one it gets.
            facts.Currency = new CurrencyReader(_host.UserService).Read(input.CurrencyId);
            var assessment = ImpactScorer.Assess(facts, settings, _host.UtcNow, account.OwnerLanguage);
            _host.Trace("Tier {0}, {1} other inconvenience(s) in {2} days, days counted in {3} (the account owner's zone), amounts in {4} at {5} to the base currency, kind {6}. {7}",
                account.Tier.HasValue ? account.Tier.Value.ToString() : "not set", account.OtherRecentCount, settings.RecurrenceWindowDays, account.OwnerZone.Name,
                facts.Currency.IsoCode, facts.Currency.ExchangeRate,
                input.Kind.HasValue ? input.Kind.Value.ToString() : "not given (" + InconvenienceInput.DefaultKind + ")", assessment.Explanation);
            return assessment;
        }
    }
}
