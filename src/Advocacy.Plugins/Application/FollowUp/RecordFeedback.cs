using System;
using System.Collections.Generic;
using Advocacy.Plugins.Application.Loyalty;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Loyalty;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Application.FollowUp
{
    /// <summary>One answer to a check-in, new or corrected.</summary>
    public sealed class FeedbackAnswer
    {
        public Guid FeedbackId { get; set; }

        /// <summary>Null when the feedback names no account (or not an account).</summary>
        public Guid? AccountId { get; set; }

        /// <summary>On a correction, the account the answer named before (null: none, or a new answer).</summary>
        public Guid? PreviousAccountId { get; set; }

        public int? Nps { get; set; }
        public int? Csat { get; set; }
        public string? Comments { get; set; }
    }

    /// <summary>
    /// A customer answered a check-in (DESIGN §5): validate the answer (NPS 0–10, CSAT 1–5, an account) before the
    /// first write; store it on the account as last NPS/CSAT with the loyalty risk it implies
    /// (<see cref="RefreshAccountLoyalty"/>, the one writer of those columns); and react at once to a detractor — a
    /// recovery task for the advocate and, for NPS ≤ 3, a task for the advocate's manager. A task already raised for
    /// the answer is not raised again, so a corrected answer is evaluated like a new one.
    /// </summary>
    public sealed class RecordFeedback
    {
        public static readonly string NoAccountMessage = Language.English.Format(TextKey.ErrorFeedbackWithoutAccount);

        private readonly IAdvocacyHost _host;

        public RecordFeedback(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <summary>
        /// After an answer is deleted (a manager removing one recorded by mistake): the account's last NPS and CSAT are the
        /// most recent remaining answers' (none when no answer has one) with the loyalty risk they imply, and the recovery
        /// and escalation the answer raised are completed with a note. An account deleted with it is skipped and traced.
        /// </summary>
        public void AfterRemoval(Guid feedbackId, Guid? accountId)
        {
            _host.Trace("Feedback {0} was removed: account {1} takes its most recent remaining answers, as {2}.",
                feedbackId, accountId?.ToString() ?? "(none)", _host.SystemIdentity);
            if (accountId.HasValue)
            {
                AfterLeaving(accountId.Value);
            }

            var writer = new OwnerDays(_host).Writer();
            var note = Phrase.Of(TextKey.AnswerRemoved);
            int closed = 0;
            foreach (var key in new[] { AdvocacyTaskKeys.DetractorRecovery(feedbackId), AdvocacyTaskKeys.ManagerEscalation(feedbackId) })
            {
                closed += writer.CompleteOpen(key, note) ? 1 : 0;
            }
            _host.Trace("{0} open task(s) it raised completed.", closed);
        }

        /// <summary>
        /// An answer left the account (removed, or moved to another account): its last NPS and CSAT are the most recent
        /// remaining answers' (none when no answer has one) with the risk they imply. A deleted account is traced and skipped.
        /// </summary>
        private void AfterLeaving(Guid accountId)
        {
            try
            {
                var lastWord = new FeedbackRows(_host.SystemService).LastWord(accountId);
                new RefreshAccountLoyalty(_host).AfterAnswersChanged(accountId, lastWord);
            }
            catch (MissingRecordException ex)
            {
                _host.Trace("Account {0}: not recomputed: {1}", accountId, ex.Message);
            }
        }

        public IReadOnlyList<TaskWriteResult> Run(FeedbackAnswer answer)
        {
            var score = FeedbackScore.Create(answer.Nps, answer.Csat);
            if (!answer.AccountId.HasValue)
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorFeedbackWithoutAccount));
            }

            var accountId = answer.AccountId.Value;
            var settings = _host.Settings;
            var today = _host.Today();
            _host.Trace("Feedback {0} for account {1}: NPS {2}, CSAT {3} ({4}). Account, advocate and manager are read and written as {5}.",
                answer.FeedbackId, accountId, Show(answer.Nps), Show(answer.Csat), score.Sentiment, _host.SystemIdentity);

            var snapshot = new RefreshAccountLoyalty(_host).AfterFeedback(accountId, answer.Nps, answer.Csat);
            if (answer.PreviousAccountId.HasValue && answer.PreviousAccountId.Value != accountId)
            {
                // Moved to another account: the account it left keeps its own customer's last word, not this answer.
                AfterLeaving(answer.PreviousAccountId.Value);
            }

            var account = new FollowUpAccounts(_host.SystemService, _host.Tracing, settings).ForSnapshot(snapshot, today);
            var planner = new AdvocacyTaskPlanner(settings, _host.Readers);
            var days = new OwnerDays(_host);
            // The draft (no readers yet) only names the owners: it counts weekends only, so no owner's zone is read for the
            // holidays before OwnerDays reads every owner's settings in one query.
            var tasks = days.PlanEach((readers, day) => new AdvocacyTaskPlanner(settings, readers, readers == null ? null : _host.Calendars)
                .PlanFeedbackTasks(account.Facts, account.Routing, answer.FeedbackId, answer.Nps, answer.Csat, answer.Comments, day));
            var results = new List<TaskWriteResult>(tasks.Count);
            if (tasks.Count == 0)
            {
                _host.Trace("Not a detractor (NPS above {0}, CSAT above {1}): no recovery task.", settings.FollowUp.DetractorNpsAtMost, settings.FollowUp.DetractorCsatAtMost);
                return results;
            }

            var writer = days.Writer();
            foreach (var task in tasks)
            {
                var result = writer.Ensure(task, oncePerKey: true);
                results.Add(result);
                _host.Trace("{0}: {1} task {2} for {3}, due {4:yyyy-MM-dd}.", task.Kind, result.Created ? "created" : "already had", result.TaskId, task.OwnerUserId, task.DueDate);
            }

            if (!planner.NeedsManagerEscalation(answer.Nps))
            {
                _host.Trace("No manager escalation: NPS {0} is above {1}.", Show(answer.Nps), settings.FollowUp.ManagerEscalationNpsAtMost);
            }

            return results;
        }

        private static object Show(int? value) => value.HasValue ? (object)value.Value : "(none)";
    }
}
