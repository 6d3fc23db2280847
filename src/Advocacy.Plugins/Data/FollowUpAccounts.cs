using System;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.Xrm.Sdk;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Data
{
    /// <summary>The facts one follow-up task needs about its account: the account and who does the work.</summary>
    public sealed class FollowUpAccount
    {
        public FollowUpAccount(AccountSnapshot snapshot, AdvocateRouting? routing)
        {
            Snapshot = snapshot;
            Routing = routing;
        }

        public AccountSnapshot Snapshot { get; }

        /// <summary>Null when the account has no advocate (or the advocate has no user): the owner gets the work.</summary>
        public AdvocateRouting? Routing { get; }

        public AccountFacts Facts => Snapshot.Facts();
    }

    /// <summary>
    /// Loads an account and its advocate routing (two round trips: the account, then the advocate with its
    /// backups and manager) and traces who will get the work, so a support engineer can see why a task
    /// landed with the owner instead of an advocate.
    /// </summary>
    public sealed class FollowUpAccounts
    {
        private readonly IOrganizationService _service;
        private readonly ITracingService _tracing;
        private readonly AdvocacySettings _settings;

        /// <param name="service">The system user's service: advocate profiles and the manager hierarchy are not
        /// something every agent may read.</param>
        public FollowUpAccounts(IOrganizationService service, ITracingService tracing, AdvocacySettings settings)
        {
            _service = service;
            _tracing = tracing;
            _settings = settings;
        }

        public FollowUpAccount Load(Guid accountId, DateTime today)
        {
            var snapshot = AccountSnapshot.Read(_service, accountId);
            return ForSnapshot(snapshot, today);
        }

        public FollowUpAccount ForSnapshot(AccountSnapshot snapshot, DateTime today) => ForSnapshot(snapshot, today, snapshot.AdvocateId);

        /// <param name="advocateId">The account's advocate when it changed after the snapshot was read (a just-made assignment).</param>
        public FollowUpAccount ForSnapshot(AccountSnapshot snapshot, DateTime today, Guid? advocateId)
        {
            if (!snapshot.Tier.HasValue)
            {
                _tracing.Trace("Account {0} ({1}) has no advocacy tier: standard timings apply.", snapshot.Name, snapshot.Id);
            }

            AdvocateRouting? routing = null;
            if (advocateId.HasValue)
            {
                routing = new AdvocateDirectory(_service, _settings.Assignment.DefaultCapacity).RoutingFor(advocateId.Value, today);
                if (routing == null)
                {
                    _tracing.Trace("Account {0}: advocate {1} was not found or has no user; the account owner {2} gets the work.",
                        snapshot.Id, advocateId.Value, snapshot.Owner?.Id);
                }
                else
                {
                    // Stryker disable once all : trace text only
                    _tracing.Trace("Account {0}: advocate {1} (user {2}){3}{4}.", snapshot.Id, routing.AdvocateName, routing.AdvocateUserId,
                        routing.BackupUserId.HasValue ? "; urgent work goes to backup " + routing.BackupName + " (" + routing.BackupNote + ")"
                            : routing.StayNote.Length > 0 ? "; urgent work stays with the advocate (" + routing.StayNote + ")" : string.Empty,
                        routing.ManagerUserId.HasValue ? "; manager " + routing.ManagerUserId.Value
                            : routing.DisabledManagerUserId.HasValue ? "; manager " + routing.DisabledManagerUserId.Value + " is disabled: escalations go to the account owner"
                            : "; no manager recorded");
                }
            }
            else
            {
                _tracing.Trace("Account {0} ({1}) has no advocate: the account owner {2} gets the work and the task says so.",
                    snapshot.Name, snapshot.Id, snapshot.Owner?.Id);
            }

            return new FollowUpAccount(snapshot, routing);
        }

        /// <summary>The account a case is for, read in one round trip; null when its customer is not an account.</summary>
        /// <exception cref="MissingRecordException">The case does not exist or cannot be seen.</exception>
        public static Guid? AccountOfCase(IOrganizationService service, Guid caseId) =>
            AccountOfCase(Rows.Read(service, "incident", caseId, TextKey.RecordCase, "customerid"));

        /// <summary>The account a case is for (its customerid when that is an account), or null.</summary>
        public static Guid? AccountOfCase(Entity incident)
        {
            var customer = incident.GetAttributeValue<EntityReference>("customerid");
            return customer != null && customer.LogicalName == "account" ? customer.Id : (Guid?)null;
        }
    }
}
