namespace Advocacy.Plugins.Domain.Assignment
{
    /// <summary>
    /// What an advocate may do with the account they advocate, whatever business unit either is in: read it and link
    /// records to it (record the customer's feedback, an inconvenience, a task regarding it). Roles alone do not give
    /// that across business units ("Customer Advocate" reads and appends to accounts of its own unit), so the account is
    /// shared with the advocate's user for as long as they advocate it. Rights are the platform's access-mask bits
    /// (ReadAccess 1, AppendToAccess 16), kept as numbers here so the rule needs no SDK type.
    /// </summary>
    public static class AdvocateAccess
    {
        public const int ReadAccess = 1;
        public const int AppendToAccess = 16;

        /// <summary>The rights an advocate's user is given on the account.</summary>
        public const int Rights = ReadAccess | AppendToAccess;

        /// <summary>
        /// The share to leave the new advocate's user with, given the one they have (0: none); null when it already
        /// holds every right (nothing to write). Rights given for another reason are kept.
        /// </summary>
        public static int? ForNewAdvocate(int existing) => (existing & Rights) == Rights ? null : existing | Rights;

        /// <summary>
        /// The share to leave the previous advocate's user with: their share without the advocate's rights (0: remove the
        /// share); null when it holds none of them (nothing to write). Other rights on the share are kept; the platform
        /// keeps one share per user and record, so a Read or Append To given by hand to that user goes with the advocacy.
        /// </summary>
        public static int? ForPreviousAdvocate(int existing) => (existing & Rights) == 0 ? null : existing & ~Rights;
    }
}
