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
    }
}
