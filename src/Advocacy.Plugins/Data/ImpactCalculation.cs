using System;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Impact;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// "What would this inconvenience score?" without saving one: the shared core of the workflow activity
    /// and the Custom API. The account (optional) supplies tier and recurrence exactly as the plug-in does.
    /// </summary>
    public static class ImpactCalculation
    {
        public static ImpactAssessment Calculate(IOrganizationService service, AdvocacySettings settings, DateTime nowUtc,
            EntityReference? account, DateTime? promisedOn, DateTime? resolvedOn, decimal? orderValue, decimal? reportedLoss,
            bool businessCritical, int? kindValue)
        {
            var context = account == null
                ? new AccountScoringContext(null, 0)
                : new InconvenienceScoring(service).LoadAccount(account.Id, null, nowUtc, settings.Scoring);
            var facts = new InconvenienceFacts
            {
                Kind = kindValue.HasValue ? Choices.Kind(new OptionSetValue(kindValue.Value)) : InconvenienceKind.LateDelivery,
                PromisedOn = promisedOn,
                ResolvedOn = resolvedOn,
                OrderValue = orderValue,
                ReportedLoss = reportedLoss,
                BusinessCritical = businessCritical,
                Tier = context.Tier,
                OtherRecentCount = context.OtherRecentCount,
            };
            return ImpactScorer.Assess(facts, settings.Scoring, nowUtc);
        }
    }
}
