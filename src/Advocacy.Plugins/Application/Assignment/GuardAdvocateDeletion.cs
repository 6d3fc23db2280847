using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Application.Assignment
{
    /// <summary>
    /// An advocate profile still in use is not deleted: one that advocates accounts would leave its customers without an
    /// advocate, with no task for anyone and shared with a user nobody tracks; one named as another's backup would leave
    /// that advocate's urgent work with nobody to go to. The solution's relationships refuse such a delete (Restrict) even
    /// when custom logic is bypassed; this check runs first and says what to do instead, in the caller's language.
    /// Reads as <see cref="IAdvocacyHost.SystemService"/>: the platform's Restrict counts every row, seen or not.
    /// </summary>
    public sealed class GuardAdvocateDeletion
    {
        private readonly IAdvocacyHost _host;

        public GuardAdvocateDeletion(IAdvocacyHost host)
        {
            _host = host;
        }

        public void Check(Guid profileId)
        {
            var references = new AdvocateReferences(_host.SystemService);
            if (references.FirstAdvocated(profileId) is { } account)
            {
                // Deactivating re-assigns active accounts only; inactive ones keep their advocate (their history), so for
                // those the way out is clearing the advocate by hand. No account is named: pre-validation runs before the
                // platform's security checks (Learn, "Event framework"), so the caller may be someone who cannot read it.
                throw new AdvocacyInputException(account.IsActive
                    ? Phrase.Of(TextKey.ErrorAdvocateStillAdvocates, account.ProfileName)
                    : Phrase.Of(TextKey.ErrorAdvocateNamedByInactive, account.ProfileName));
            }

            if (references.BackedUp(profileId) is { } backedUp)
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorAdvocateStillBacksUp, backedUp.Key, backedUp.Value));
            }

            _host.Trace("Deletion: advocate profile {0} advocates no account and is nobody's backup; it may be deleted.", profileId);
        }
    }
}
