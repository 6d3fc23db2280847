using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.FollowUp;

namespace Advocacy.Plugins.Application.FollowUp
{
    /// <summary>
    /// An answer recorded from the check-in task (the task form's "Customer's answer" grid fills the check-in, not the
    /// account) takes its account from the check-in (<see cref="CheckInAnswer"/>), so the agent does not pick the
    /// account again and the answer reaches the right account's loyalty figures and advocate. An account the agent chose
    /// is kept. The task is read as the calling user: an agent records answers to check-ins they can see.
    /// </summary>
    public sealed class AnswerFromCheckIn
    {
        private readonly IAdvocacyHost _host;

        public AnswerFromCheckIn(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <returns>The account to write on the answer; null when it keeps what it has (or nothing can be found).</returns>
        public Guid? AccountFor(Guid? chosenAccountId, Guid? checkInTaskId)
        {
            if (chosenAccountId.HasValue || !checkInTaskId.HasValue)
            {
                _host.Trace("Feedback {0}: the account is taken as given.", chosenAccountId.HasValue ? "names its account" : "names no check-in");
                return null;
            }

            CheckInRegarding checkIn;
            try
            {
                checkIn = CheckInRows.Read(_host.UserService, checkInTaskId.Value);
            }
            catch (MissingRecordException ex)
            {
                // The answer's own validation then asks for an account, in words the agent can act on.
                _host.Trace("Feedback for check-in {0}: {1}", checkInTaskId.Value, ex.Message);
                return null;
            }

            var account = CheckInAnswer.AccountOf(checkIn.Regarding?.LogicalName, checkIn.Regarding?.Id, checkIn.CaseCustomer?.LogicalName, checkIn.CaseCustomer?.Id);
            _host.Trace("Feedback for check-in {0} (regarding {1} {2}): {3}.", checkInTaskId.Value, checkIn.Regarding?.LogicalName ?? "nothing", checkIn.Regarding?.Id,
                account.HasValue ? "its account is " + account.Value : "no account follows from it");
            return account;
        }
    }
}
