using System;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>
    /// Which account a customer's answer to a check-in is from, when the agent recorded it from the task and named no
    /// account: the account the check-in regards, or, for a check-in about a case, the case's customer when that is an
    /// account (a contact customer gives none, and the answer then needs an account chosen by hand).
    /// </summary>
    public static class CheckInAnswer
    {
        public static Guid? AccountOf(string? regardingTable, Guid? regardingId, string? caseCustomerTable, Guid? caseCustomerId)
        {
            if (regardingTable == "account")
            {
                return regardingId;
            }

            return regardingTable == "incident" && caseCustomerTable == "account" ? caseCustomerId : null;
        }
    }
}
