using System;
using System.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Money;
using Advocacy.Plugins.Domain.Words;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// The currency a record's amounts are in, as the platform chooses it: the record's <c>transactioncurrencyid</c>,
    /// else the saving user's default currency (<c>usersettings.transactioncurrencyid</c>), else the organization's base
    /// currency — one query for all three (the currency rows linked to the caller's settings and to the organization).
    /// </summary>
    public sealed class CurrencyReader
    {
        private readonly IOrganizationService _callerService;

        /// <param name="callerService">The calling user's service: <c>eq-userid</c> names their settings.</param>
        public CurrencyReader(IOrganizationService callerService)
        {
            _callerService = callerService;
        }

        /// <exception cref="AdvocacyInputException">The currency has no exchange rate, or none could be found.</exception>
        public Currency Read(Guid? recordCurrencyId)
        {
            var fetch = FetchXml.For("transactioncurrency")
                .Attributes("transactioncurrencyid", "isocurrencycode", "currencysymbol", "currencyprecision", "exchangerate")
                .Link("usersettings", "transactioncurrencyid", "transactioncurrencyid", FetchLinkType.Outer, "mine", l => l
                    .Attributes("systemuserid")
                    .Filter(f => f.Condition("systemuserid", "eq-userid")))
                .Link("organization", "basecurrencyid", "transactioncurrencyid", FetchLinkType.Outer, "org", l => l.Attributes("organizationid"))
                .ToString();
            var rows = _callerService.RetrieveMultiple(new FetchExpression(fetch)).Entities;
            var chosen = (recordCurrencyId.HasValue ? rows.FirstOrDefault(r => r.Id == recordCurrencyId.Value) : null)
                ?? rows.FirstOrDefault(r => r.Contains("mine.systemuserid"))
                ?? rows.FirstOrDefault(r => r.Contains("org.organizationid"));
            if (chosen == null)
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorCurrencyMissing, recordCurrencyId?.ToString("D") ?? "base"));
            }

            var iso = chosen.GetAttributeValue<string>("isocurrencycode") ?? string.Empty;
            var rate = chosen.GetAttributeValue<decimal?>("exchangerate");
            if (!(rate > 0m))
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorCurrencyNoRate, iso));
            }

            return new Currency(iso, chosen.GetAttributeValue<string>("currencysymbol"), chosen.GetAttributeValue<int?>("currencyprecision") ?? 2, rate!.Value);
        }
    }
}
