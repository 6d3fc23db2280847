using System;
using System.Globalization;
using Advocacy.Plugins.Application.Assignment;
using Advocacy.Plugins.Application.Loyalty;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Application.Impact
{
    /// <summary>A scored inconvenience as its follow-up needs it: where it is now and where it was before the save.</summary>
    public sealed class ScoredInconvenience
    {
        public Guid InconvenienceId { get; set; }
        public Guid? AccountId { get; set; }
        public Guid? PreviousAccountId { get; set; }
        public Guid? CaseId { get; set; }
        public Guid? PreviousCaseId { get; set; }
        public InconvenienceKind? Kind { get; set; }
        public int Score { get; set; }

        /// <summary>Null: not scored.</summary>
        public ImpactBand? Band { get; set; }

        public string Explanation { get; set; } = string.Empty;
    }

    /// <summary>
    /// After an inconvenience is scored (DESIGN §3, §4, §5): the account's loyalty figures, the worst score on the
    /// linked case (and on the case or account it left), and — for high or severe impact — one impact-review task
    /// for the advocate, refreshed rather than duplicated when the inconvenience is re-scored. An account without an
    /// advocate gets one now, preferring the specialist for the kind of trouble; the account owner gets the review
    /// while nobody is eligible. Runs in the save's transaction, so a failure undoes the save.
    /// </summary>
    public sealed class FollowUpInconvenience
    {
        private readonly IAdvocacyHost _host;

        public FollowUpInconvenience(IAdvocacyHost host)
        {
            _host = host;
        }

        public void Run(ScoredInconvenience inconvenience)
        {
            if (!inconvenience.AccountId.HasValue)
            {
                _host.Trace("No account on the inconvenience: nothing to follow up.");
                return;
            }

            var accountId = inconvenience.AccountId.Value;
            _host.Trace("Following up inconvenience {0}: account, case and tasks are written as {1}.", inconvenience.InconvenienceId, _host.SystemIdentity);
            var loyalty = new RefreshAccountLoyalty(_host);
            var account = loyalty.AfterInconvenience(accountId);
            if (inconvenience.PreviousAccountId.HasValue && inconvenience.PreviousAccountId.Value != accountId)
            {
                loyalty.AfterInconvenience(inconvenience.PreviousAccountId.Value);
            }

            var rows = new InconvenienceRows(_host.SystemService);
            if (inconvenience.CaseId.HasValue) CopyWorstScoreToCase(rows, inconvenience.CaseId.Value);
            if (inconvenience.PreviousCaseId.HasValue && inconvenience.PreviousCaseId != inconvenience.CaseId) CopyWorstScoreToCase(rows, inconvenience.PreviousCaseId.Value);

            var band = inconvenience.Band;
            if (!band.HasValue || !AdvocacyTaskPlanner.NeedsImpactReview(band.Value))
            {
                _host.Trace("Impact {0}/100 ({1}): no impact review needed.", inconvenience.Score, band.HasValue ? band.Value.ToString() : "not scored");
                return;
            }

            var settings = _host.Settings;
            var advocateId = account.AdvocateId;
            if (!advocateId.HasValue)
            {
                // High impact on an unadvocated account is one of DESIGN §4's triggers. The account was just read
                // without an advocate, so go straight to the assignment (it re-reads the account under the lock).
                var need = AssignmentTriggers.NeededFor(inconvenience.Kind ?? Domain.Impact.InconvenienceInput.DefaultKind, settings.Assignment);
                advocateId = new AssignAdvocate(_host)
                    .Assign(accountId, need, urgent: true, trigger: "inconvenience scored " + band.Value.ToString().ToLowerInvariant())
                    .AdvocateId;
            }

            var today = _host.Today();
            var followUp = new FollowUpAccounts(_host.SystemService, _host.Tracing, settings).ForSnapshot(account, today, advocateId);
            var days = new OwnerDays(_host);
            var plan = days.Plan(day => new AdvocacyTaskPlanner(settings, _host.Readers, _host.Calendars).PlanImpactReview(
                followUp.Facts, followUp.Routing, inconvenience.InconvenienceId, inconvenience.Score, band.Value,
                inconvenience.Explanation, inconvenience.CaseId, day), p => p);
            if (plan != null)
            {
                days.Writer().Ensure(plan, oncePerKey: true, refreshOpenTask: true);
            }
        }

        /// <summary>
        /// After an inconvenience is deleted (a manager removing one recorded by mistake): the account's index and loyalty
        /// risk and the case's worst score are recomputed without it, and its open impact review is completed with a note
        /// — else the figures decision makers read would keep a harm that never was. An account or case that is gone (being
        /// deleted with it) is skipped and traced.
        /// </summary>
        public void AfterRemoval(Guid inconvenienceId, Guid? accountId, Guid? caseId)
        {
            _host.Trace("Inconvenience {0} was removed: account {1} and case {2} are recomputed without it, as {3}.",
                inconvenienceId, accountId?.ToString() ?? "(none)", caseId?.ToString() ?? "(none)", _host.SystemIdentity);
            if (accountId.HasValue)
            {
                try
                {
                    new RefreshAccountLoyalty(_host).AfterInconvenience(accountId.Value);
                }
                catch (MissingRecordException ex)
                {
                    _host.Trace("Account {0}: not recomputed: {1}", accountId.Value, ex.Message);
                }
            }

            if (caseId.HasValue)
            {
                CopyWorstScoreToCase(new InconvenienceRows(_host.SystemService), caseId.Value);
            }

            var closed = new OwnerDays(_host).Writer().CompleteOpen(AdvocacyTaskKeys.ImpactReview(inconvenienceId), Phrase.Of(TextKey.InconvenienceRemoved));
            _host.Trace(closed ? "Its open impact review was completed." : "It had no open impact review.");
        }

        /// <summary>
        /// The case shows its worst linked inconvenience (DESIGN §2) while it is open. A resolved or canceled case takes no
        /// change but of its state on the platform (CaseAlreadyResolved: "This case has already been resolved. Close and
        /// reopen the case record to see the updates."), so writing it would fail the inconvenience's own save: a closed case
        /// keeps the score it closed with, and shows the worst again once reopened and an inconvenience of it is saved.
        /// One query (the case with its inconveniences' scores); writes only a changed score.
        /// </summary>
        private void CopyWorstScoreToCase(InconvenienceRows rows, Guid caseId)
        {
            var state = rows.CaseImpact(caseId);
            if (state == null)
            {
                _host.Trace("Case {0} no longer exists: no impact score to show.", caseId);
                return;
            }
            if (!state.Open)
            {
                _host.Trace("Case {0} is closed: its impact score stays {1} (a closed case takes no change; reopened, it shows its worst linked score again).",
                    caseId, Shown(state.Score));
                return;
            }
            var worst = state.Worst;
            if (worst == state.Score)
            {
                _host.Trace("Case {0}: impact score stays {1} (worst linked inconvenience).", caseId, Shown(worst));
                return;
            }
            rows.SetCaseImpact(caseId, worst);
            _host.Trace("Case {0}: impact score set to {1} (worst linked inconvenience).", caseId, Shown(worst));
        }

        private static string Shown(int? score) => score.HasValue ? score.Value.ToString(CultureInfo.InvariantCulture) : "none";
    }
}
