namespace Advocacy.Plugins.CustomApis
{
    /// <summary>
    /// The privileges a caller must hold to run a Custom API (its executeprivilegename). The platform checks it before
    /// any step runs; inside, the APIs write as SYSTEM, so this is what stops an agent from running them.
    /// </summary>
    public static class CustomApiPrivileges
    {
        /// <summary>
        /// Assigning advocates, recounting their load and running the proactive sweep act on every account and every
        /// advocate: they belong to whoever may set up advocate profiles — the shipped "Advocacy Manager" role (and
        /// System Administrators); the "Customer Advocate" role does not hold it. (Before, the assignment and the recount
        /// had none, and the sweep needed only prvCreateActivity, which nearly every user has.)
        /// </summary>
        public const string ManageAdvocacy = "prvCreateadv_Advocate";

        /// <summary>
        /// adv_ScoreInconvenience previews the score of an inconvenience without saving it: whoever may record an
        /// inconvenience may preview one (both shipped roles); a user outside advocacy may not. It reads the account and
        /// its recent inconveniences as the caller, so it shows nothing the caller could not read.
        /// </summary>
        public const string RecordInconvenience = "prvCreateadv_Inconvenience";

        /// <summary>
        /// adv_GetAdvocacyReport aggregates feedback, inconveniences and advocacy tasks as the caller: it needs the right to
        /// read feedback (both shipped roles), so a user outside advocacy gets no loyalty figures.
        /// </summary>
        public const string ReadAdvocacy = "prvReadadv_Feedback";
    }
}
