using System;
using System.Globalization;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.Xrm.Sdk;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Application.Assignment
{
    /// <summary>What one assignment did, for the caller's trace, outputs and tests.</summary>
    public sealed class AssignmentResult
    {
        internal AssignmentResult(AssignmentOutcome outcome, AdvocateCandidate? advocate, bool changed, Phrase reason, int roundTrips)
        {
            Outcome = outcome;
            Advocate = advocate;
            Changed = changed;
            Words = reason;
            Reason = reason.ToString();
            ReasonForCaller = Reason;
            RoundTrips = roundTrips;
        }

        public AssignmentOutcome Outcome { get; }

        /// <summary>The account's advocate afterwards (null: none).</summary>
        public AdvocateCandidate? Advocate { get; }

        public Guid? AdvocateId => Advocate?.Id;

        /// <summary>The account's adv_advocateid changed.</summary>
        public bool Changed { get; }

        /// <summary>The reason in English, for traces, logs and the Custom API's Reason output.</summary>
        public string Reason { get; }

        /// <summary>The reason before it is worded, for whoever shows it to a reader.</summary>
        public Phrase Words { get; }

        /// <summary>The reason worded for the person who asked (<see cref="AssignAdvocate.AssignForCaller"/>; else the English one).</summary>
        public string ReasonForCaller { get; internal set; }

        /// <summary>Round trips of the assignment itself (lock, reads, account and advocate writes); the task
        /// writer's round trips for the introduction / unassigned task are not included.</summary>
        public int RoundTrips { get; }

        /// <summary>The introduction or unassigned-advocacy task, when one was written.</summary>
        public TaskWriteResult? Task { get; internal set; }

        public override string ToString() => Reason;
    }

    /// <summary>
    /// DESIGN §4 for one account, outside the account's own save: adv_AssignAdvocate, the "Assign advocate" activity,
    /// the re-assignment of a deactivated advocate's accounts, and the case and inconvenience triggers. Runs the whole
    /// policy (sticky when the current advocate may stay, else choose), writes the account and the task; the account write's own step
    /// (<see cref="Plugins.Assignment.AdvocateLoadPlugin"/>) settles the advocates' counts in the same transaction.
    /// <para>
    /// Cost: the lock row (1), the account (1), one candidates query whatever the pool size up to one page of 5,000
    /// (1) and the account write when it changes (1); the settling step's round trips are its own.
    /// Concurrency: the lock row is written before any advocate count is read, so two assignments in flight serialise
    /// inside their transactions and the second reads the first's counts. Every write runs as
    /// <see cref="IAdvocacyHost.SystemService"/> (advocate rows and other people's tasks), and the trace says so.
    /// </para>
    /// </summary>
    public sealed class AssignAdvocate
    {
        private readonly IAdvocacyHost _host;

        public AssignAdvocate(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <summary>
        /// A caller's request (adv_AssignAdvocate, the "Assign advocate" activity) for one account: checked first, then
        /// written — the account must be one the caller can see (read as the caller; another business unit's account
        /// is refused as "does not exist or you cannot see it"), because the assignment itself writes as
        /// <see cref="IAdvocacyHost.SystemService"/>. The product's own re-assignment runs as SYSTEM, which sees every account.
        /// </summary>
        /// <exception cref="MissingRecordException">The caller cannot see the account.</exception>
        public AssignmentResult AssignForCaller(Guid accountId, string trigger)
        {
            Rows.Read(_host.UserService, "account", accountId, TextKey.RecordAccount, "accountid");
            _host.Trace("Assignment ({0}): the caller can see account {1}; the assignment runs as {2}.", trigger, accountId, _host.SystemIdentity);
            var result = Assign(accountId, null, false, trigger);
            // Whoever shows a reason words it for its reader: the caller's button or workflow shows it to them.
            result.ReasonForCaller = result.Words.In(_host.CallerLanguage);
            return result;
        }

        /// <summary>Runs inside the caller's transaction; call it through adv_AssignAdvocate for a transaction of its own.</summary>
        public AssignmentResult Assign(Guid accountId, Specialty? neededSpecialty, bool urgent, string trigger) =>
            Evaluate(accountId, neededSpecialty, urgent, trigger, new CountingService(_host.SystemService));

        /// <summary>
        /// For the case trigger: make sure an account has an advocate. One that already has one is left alone after
        /// one read; otherwise the whole policy runs as in <see cref="Assign"/>.
        /// </summary>
        public AssignmentResult EnsureAdvocate(Guid accountId, Specialty? neededSpecialty, bool urgent, string trigger)
        {
            var counted = new CountingService(_host.SystemService);
            var account = AccountSnapshot.Read(counted, accountId);
            if (account.AdvocateId.HasValue)
            {
                var reason = Phrase.Of(TextKey.ReasonAlreadyAdvocated, account.Name, trigger);
                _host.Trace("Assignment: {0}.", reason);
                var current = new AdvocateCandidate(account.AdvocateId.Value, account.Row.GetAttributeValue<EntityReference>("adv_advocateid")?.Name ?? string.Empty);
                return new AssignmentResult(AssignmentOutcome.Kept, current, false, reason, counted.Count);
            }

            return Evaluate(accountId, neededSpecialty, urgent, trigger, counted);
        }

        private AssignmentResult Evaluate(Guid accountId, Specialty? neededSpecialty, bool urgent, string trigger, CountingService counted)
        {
            LockRows.Take(counted, LockRows.Assignment);
            _host.Trace("Assignment ({0}): took lock row '{1}' as {2} so concurrent assignments serialise; its writes run as that identity too.", trigger, LockRows.Assignment, _host.SystemIdentity);
            var account = AccountSnapshot.Read(counted, accountId);
            if (!account.IsActive)
            {
                var inactive = Phrase.Of(TextKey.ReasonAccountInactive, account.Name);
                _host.Trace("Assignment: {0}.", inactive);
                return new AssignmentResult(AssignmentOutcome.Kept, null, false, inactive, counted.Count);
            }

            var tier = account.Tier;
            if (!tier.HasValue)
            {
                var why = AssignmentTriggers.UnknownTier(account.TierValue?.Value);
                _host.Trace("Assignment: {0}.", why);
                return new AssignmentResult(AssignmentOutcome.NoTier, null, false, why, counted.Count);
            }

            var pools = new AdvocatePool(counted, _host.Settings.Assignment.DefaultCapacity);
            var pool = pools.Load(tier.Value, account.AdvocateId, null);
            var choice = AdvocateSelection.Choose(new SelectionRequest(tier, account.AdvocateId, neededSpecialty, _host.UtcNow, urgent), pool);
            _host.Trace("Assignment of {0} ({1}): {2} [pool {3}].", account.Name, trigger, choice.Reason, pool.Count.ToString(CultureInfo.InvariantCulture));
            Guid? finalId = choice.Changed ? choice.Advocate?.Id : account.AdvocateId;
            if (choice.Changed)
            {
                new AccountWriter(counted).SetAdvocate(accountId, finalId);
                _host.Trace("Assignment: wrote account {0} adv_advocateid = {1}.", accountId, finalId.HasValue ? finalId.Value.ToString() : "(none)");
            }

            var result = new AssignmentResult(choice.Outcome, choice.Advocate, choice.Changed, choice.Words, counted.Count);
            _host.Trace("Assignment: {0} round trips for the assignment itself.", counted.Count.ToString(CultureInfo.InvariantCulture));
            result.Task = RaiseTask(account.Facts(), choice.Outcome, choice.Changed ? choice.Advocate : null, choice.Words);
            return result;
        }

        /// <summary>
        /// The task an outcome calls for: an introduction for a newly assigned advocate (and the owner's
        /// unassigned-advocacy task closed), an unassigned-advocacy task for the account's owner when nobody is
        /// eligible (one open per account, so re-fires create nothing). Null when the outcome needs no task.
        /// </summary>
        public TaskWriteResult? RaiseTask(AccountFacts account, AssignmentOutcome outcome, AdvocateCandidate? newAdvocate, string reason) =>
            RaiseTask(account, outcome, newAdvocate, Phrase.Join(string.Empty, new object[] { reason ?? string.Empty }));

        /// <summary>The same, the reason unworded so each task states it in its owner's language.</summary>
        public TaskWriteResult? RaiseTask(AccountFacts account, AssignmentOutcome outcome, AdvocateCandidate? newAdvocate, Phrase reason)
        {
            var settings = _host.Settings;
            var planner = new AdvocacyTaskPlanner(settings, _host.Readers, _host.Calendars);
            var days = new OwnerDays(_host);
            var writer = days.Writer();
            if (outcome == AssignmentOutcome.Assigned && newAdvocate != null && newAdvocate.UserId.HasValue)
            {
                var routing = new AdvocateRouting(newAdvocate.Id, newAdvocate.Name, newAdvocate.UserId.Value);
                // The owner was told nobody looks after this account; now somebody does.
                writer.CompleteOpen(AdvocacyTaskKeys.UnassignedAdvocacy(account.AccountId), Phrase.Of(TextKey.NowTheAdvocate, newAdvocate.Name));
                return writer.Ensure(days.Plan(day => planner.PlanIntroduction(account, routing, day, reason), p => p));
            }

            if (outcome == AssignmentOutcome.Unassigned)
            {
                if (account.OwnerId == Guid.Empty)
                {
                    _host.Trace("Assignment: no owner on account {0}, so no unassigned-advocacy task could be raised.", account.AccountId);
                    return null;
                }

                account = OwnerStandIns.Resolve(_host, account);
                return writer.Ensure(days.Plan(day => planner.PlanUnassignedAdvocacy(account, reason, day), p => p));
            }

            _host.Trace("Assignment: no task for outcome {0} of {1}.", outcome, account.Name);
            return null;
        }
    }
}
