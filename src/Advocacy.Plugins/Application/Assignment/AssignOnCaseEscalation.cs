using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.Assignment;

namespace Advocacy.Plugins.Application.Assignment
{
    /// <summary>A case save as the escalation trigger sees it (a column the save does not set is null).</summary>
    public sealed class CaseSave
    {
        public Guid CaseId { get; set; }
        public bool IsCreate { get; set; }
        public bool? EscalatedInSave { get; set; }
        public bool? EscalatedBefore { get; set; }
        public int? PriorityInSave { get; set; }
        public int? PriorityBefore { get; set; }

        /// <summary>The case's advocate after the save (the user's or the stored one).</summary>
        public Guid? AdvocateId { get; set; }

        /// <summary>The case's account; null when its customer is a contact or empty.</summary>
        public Guid? AccountId { get; set; }

        public string? CustomerKind { get; set; }

        /// <summary>The case subject's name, when the lookup carries it (a form's save does; the Web API's bare id does not).</summary>
        public string? Subject { get; set; }

        /// <summary>The case's subject after the save; its name is read when the lookup came without it.</summary>
        public Guid? SubjectId { get; set; }
    }

    /// <summary>
    /// DESIGN §4: a case on an unadvocated account is escalated or gets high priority → the account gets an advocate
    /// now (preferring the specialist for the case's subject), and the case gets the account's advocate. Returns the
    /// advocate the case should name, or null to leave the case as it is.
    /// </summary>
    public sealed class AssignOnCaseEscalation
    {
        private readonly IAdvocacyHost _host;

        public AssignOnCaseEscalation(IAdvocacyHost host)
        {
            _host = host;
        }

        public Guid? Run(CaseSave save)
        {
            var trigger = AssignmentTriggers.ForCaseSave(save.IsCreate, save.EscalatedInSave, save.EscalatedBefore, save.PriorityInSave, save.PriorityBefore);
            if (trigger == null)
            {
                _host.Trace("Assignment: case {0} was not escalated nor raised to high priority by this save.", save.CaseId);
                return null;
            }

            if (save.AdvocateId.HasValue)
            {
                _host.Trace("Assignment: case {0} already names an advocate; left alone.", save.CaseId);
                return null;
            }

            if (!save.AccountId.HasValue)
            {
                _host.Trace("Assignment: case {0} is not for an account (customer {1}); no advocate to assign.", save.CaseId, save.CustomerKind ?? "(none)");
                return null;
            }

            var needed = AssignmentTriggers.NeededForSubject(SubjectName(save), _host.Settings.Assignment);
            AssignmentResult result;
            try
            {
                result = new AssignAdvocate(_host).EnsureAdvocate(save.AccountId.Value, needed, true, trigger);
            }
            catch (MissingRecordException ex)
            {
                // Escalating the case is the agent's work; an account reference that leads nowhere must not block it.
                _host.Trace("Assignment: case {0} stays without an advocate: {1}", save.CaseId, ex.Message);
                return null;
            }

            if (result.AdvocateId.HasValue)
            {
                _host.Trace("Assignment: case {0} gets advocate {1} ({2}).", save.CaseId, result.AdvocateId.Value, result.Reason);
            }
            else
            {
                _host.Trace("Assignment: case {0} stays without an advocate: {1}.", save.CaseId, result.Reason);
            }

            return result.AdvocateId;
        }

        /// <summary>
        /// The subject's name the specialty map is keyed by. A lookup sent as a bare id (the Web API's
        /// <c>subjectid@odata.bind</c>, most integrations) has no name in the Target — Microsoft's Jim Daly found lookup
        /// names null in plug-in contexts and webhooks alike (MicrosoftDocs/dynamics-365-customer-engagement issue 179) — so
        /// it is read: one query, only
        /// when the map has entries and the case has a subject; as the system, since subjects are reference data.
        /// </summary>
        private string? SubjectName(CaseSave save)
        {
            if (!string.IsNullOrWhiteSpace(save.Subject) || !save.SubjectId.HasValue || (_host.Settings.Assignment?.SpecialtyBySubject?.Count ?? 0) == 0)
            {
                return save.Subject;
            }

            string? title = Subjects.TitleOf(_host.SystemService, save.SubjectId.Value);
            _host.Trace("Assignment: case {0}'s subject came without its name; read it: \"{1}\".", save.CaseId, title ?? "(none)");
            return title;
        }
    }
}
