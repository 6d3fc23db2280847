using System;
using System.Globalization;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Choices;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Application.FollowUp
{
    /// <summary>A follow-up someone asks for by hand.</summary>
    public sealed class FollowUpRequest
    {
        public Guid? AccountId { get; set; }
        public Guid? CaseId { get; set; }

        /// <summary>The adv_taskkind value as given; null: not a kind the solution defines.</summary>
        public AdvocacyTaskKind? Kind { get; set; }

        /// <summary>The raw value, for the message when it is not a kind.</summary>
        public int KindValue { get; set; }

        public int DueInBusinessDays { get; set; }
        public string? Subject { get; set; }
        public string? Description { get; set; }
    }

    /// <summary>
    /// "Create advocacy follow-up": an advocacy task of any kind, through the same planner and writer as the
    /// plug-ins (owner by the kind's rule, one open task per key). A case without an account is resolved to its
    /// account. Created as <see cref="IAdvocacyHost.SystemService"/>: the owner is not the caller.
    /// </summary>
    public sealed class CreateFollowUp
    {
        /// <summary>A year of business days: further out is a typo, not a plan.</summary>
        public const int MaxDueInBusinessDays = 260;

        private readonly IAdvocacyHost _host;

        public CreateFollowUp(IAdvocacyHost host)
        {
            _host = host;
        }

        public TaskWriteResult Run(FollowUpRequest request)
        {
            if (!request.Kind.HasValue)
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorNotTaskKind, request.KindValue, AdvocacyChoices.TaskKinds.Describe()));
            }

            if (request.DueInBusinessDays < 0 || request.DueInBusinessDays > MaxDueInBusinessDays)
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorDueDaysRange, MaxDueInBusinessDays, request.DueInBusinessDays));
            }

            var subject = (request.Subject ?? string.Empty).Trim();
            if (subject.Length == 0)
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorFollowUpSubject));
            }

            var system = _host.SystemService;
            var accountId = request.AccountId;
            if (!accountId.HasValue && request.CaseId.HasValue)
            {
                accountId = FollowUpAccounts.AccountOfCase(system, request.CaseId.Value);
            }

            if (!accountId.HasValue)
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorFollowUpAccount));
            }

            var today = _host.Today();
            var loaded = new FollowUpAccounts(system, _host.Tracing, _host.Settings).Load(accountId.Value, today);
            var days = new OwnerDays(_host);
            var planned = days.Plan(day => new AdvocacyTaskPlanner(_host.Settings, _host.Readers, _host.Calendars).PlanFollowUp(
                loaded.Facts, loaded.Routing, request.Kind.Value, subject, request.Description, request.DueInBusinessDays, request.CaseId, day), p => p);
            _host.Trace("Create advocacy follow-up: {0} for {1}, due {2:yyyy-MM-dd}, key {3}; created as {4} (the owner is not the caller).",
                request.Kind.Value, planned.OwnerUserId, planned.DueDate, planned.SourceKey, _host.SystemIdentity);
            return days.Writer(system).Ensure(planned);
        }
    }
}
