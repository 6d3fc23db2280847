using System;
using System.Globalization;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.Loyalty;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Application.Loyalty
{
    /// <summary>
    /// Keeps an account's loyalty columns (DESIGN §3) — inconvenience index and loyalty risk, and with feedback the
    /// last NPS/CSAT — in step, after an inconvenience is scored or moved and after an answer arrives. The one writer
    /// of these columns: one query (the account and its recent inconveniences), one Update when anything moved.
    /// Written as <see cref="IAdvocacyHost.SystemService"/>: the agent need not have write access to the account.
    /// </summary>
    public sealed class RefreshAccountLoyalty
    {
        private readonly IAdvocacyHost _host;

        public RefreshAccountLoyalty(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <summary>After an inconvenience changed: recompute index and risk. Returns the account as read (before the update).</summary>
        public AccountSnapshot AfterInconvenience(Guid accountId) => Refresh(accountId, null, null, false);

        /// <summary>
        /// After feedback: the customer's most recent word on each scale counts, so a partial answer keeps the other
        /// score. Returns the account as read (before the update).
        /// </summary>
        public AccountSnapshot AfterFeedback(Guid accountId, int? nps, int? csat) => Refresh(accountId, nps, csat, true);

        /// <summary>
        /// After an answer was removed (or moved to another account): the last NPS/CSAT are exactly the given ones — the
        /// most recent remaining answers', none when no answer has one — and the risk follows.
        /// </summary>
        public AccountSnapshot AfterAnswersChanged(Guid accountId, LastWord lastWord) => Refresh(accountId, lastWord.Nps, lastWord.Csat, true, exact: true);

        private AccountSnapshot Refresh(Guid accountId, int? nps, int? csat, bool feedback, bool exact = false)
        {
            var settings = _host.Settings;
            var now = _host.UtcNow;
            var read = new AccountLoyaltyReader(_host.SystemService).Read(accountId, now.AddDays(-settings.Index.WindowDays));
            var account = read.Account;
            int? lastNps = exact ? nps : feedback ? nps ?? account.LastNps : account.LastNps;
            int? lastCsat = exact ? csat : feedback ? csat ?? account.LastCsat : account.LastCsat;
            var figures = LoyaltyFigures.Compute(read.Events, lastNps, lastCsat, settings, now, read.OwnerZone);

            var oldIndex = account.Row.GetAttributeValue<int?>("adv_inconvenienceindex");
            var oldRisk = account.Row.GetAttributeValue<OptionSetValue>("adv_loyaltyrisk")?.Value;
            bool unchanged = oldIndex == figures.Index && oldRisk == Choices.Option(figures.Risk.Risk).Value
                && (!feedback || (account.LastNps == lastNps && account.LastCsat == lastCsat));
            if (unchanged)
            {
                _host.Trace("Account {0}: index {1}, loyalty risk {2}{3} unchanged ({4} scored inconvenience(s) in {5} days).", accountId, figures.Index, figures.Risk.Risk,
                    feedback ? ", last NPS and CSAT" : string.Empty, read.Events.Count, settings.Index.WindowDays);
                return account;
            }

            new AccountWriter(_host.SystemService).SetLoyalty(accountId, figures, feedback);
            _host.Trace("Account {0}: index {1} → {2}{3}, loyalty risk → {4}. {5} (written as {6}: the agent need not have write access to the account).",
                accountId, oldIndex.HasValue ? oldIndex.Value.ToString(CultureInfo.InvariantCulture) : "none", figures.Index,
                feedback ? ", last NPS " + Show(lastNps) + ", last CSAT " + Show(lastCsat) : string.Empty,
                figures.Risk.Risk, figures.Risk.Reason, _host.SystemIdentity);
            return account;
        }

        private static string Show(int? value) => value.HasValue ? value.Value.ToString(CultureInfo.InvariantCulture) : "(none)";
    }
}
