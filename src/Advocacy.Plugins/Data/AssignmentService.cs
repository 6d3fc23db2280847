using System;
using System.Collections.Generic;
using System.Globalization;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>What one assignment did, for the caller's trace, outputs and tests.</summary>
    public sealed class AssignmentResult
    {
        internal AssignmentResult(AssignmentOutcome outcome, AdvocateCandidate? advocate, bool changed, string reason, int roundTrips)
        {
            Outcome = outcome;
            Advocate = advocate;
            Changed = changed;
            Reason = reason;
            RoundTrips = roundTrips;
        }

        public AssignmentOutcome Outcome { get; }

        /// <summary>The account's advocate afterwards (null: none).</summary>
        public AdvocateCandidate? Advocate { get; }

        public Guid? AdvocateId => Advocate?.Id;

        /// <summary>The account's adv_advocateid changed.</summary>
        public bool Changed { get; }

        public string Reason { get; }

        /// <summary>Round trips of the assignment itself (lock, reads, account and advocate writes); the task
        /// factory's round trips for the introduction / unassigned task are not included.</summary>
        public int RoundTrips { get; }

        /// <summary>The introduction or unassigned-advocacy task, when one was written.</summary>
        public TaskWriteResult? Task { get; internal set; }

        public override string ToString() => Reason;
    }

    /// <summary>The account's advocacy columns before or after a save, as the pre-operation step sees them.</summary>
    public sealed class AccountAdvocacyState
    {
        public AccountAdvocacyState(Guid? advocateId, bool isActive, OptionSetValue? tier)
        {
            AdvocateId = advocateId;
            IsActive = isActive;
            Tier = tier;
        }

        public Guid? AdvocateId { get; }
        public bool IsActive { get; }
        public OptionSetValue? Tier { get; }
    }

    /// <summary>
    /// DESIGN §4 in Dataverse: the one data-layer call behind every assignment trigger (account plug-ins, the case
    /// trigger, the inconvenience trigger, the reassignment batches, the workflow activity and the Custom API).
    /// <para>
    /// Cost: the lock row (1), one candidates query — every active advocate covering the tier plus the account's
    /// current/previous advocate, whatever the pool size up to one page of 5,000 — (1), and the advocate write(s)
    /// (1 per advocate whose count moves). The account itself is written by the caller's Target in the
    /// pre-operation step (free) or by one Update here when the account is not the operation's target.
    /// </para>
    /// <para>
    /// Concurrency: the lock row <c>assignment</c> is written before any advocate count is read, so two
    /// assignments in flight serialise inside their transactions and the second reads the first's counts.
    /// Every write here runs as the SYSTEM user (advocate rows and other people's tasks), and the trace says so.
    /// </para>
    /// </summary>
    public sealed class AdvocateAssignmentService
    {
        public const string LockName = LockRows.Assignment;

        private readonly IOrganizationService _system;
        private readonly ITracingService _tracing;
        private readonly AdvocacySettings _settings;
        private readonly DateTime _utcNow;

        /// <param name="systemService">The SYSTEM user's service (CreateOrganizationService(null)).</param>
        public AdvocateAssignmentService(IOrganizationService systemService, ITracingService tracing, AdvocacySettings settings, DateTime utcNow)
        {
            _system = systemService ?? throw new ArgumentNullException(nameof(systemService));
            _tracing = tracing ?? throw new ArgumentNullException(nameof(tracing));
            _settings = settings ?? AdvocacySettings.Defaults();
            _utcNow = utcNow;
        }

        private AssignmentSettings Assignment => _settings.Assignment ?? new AssignmentSettings();

        /// <summary>
        /// For the case and inconvenience triggers: make sure an ACTIVE account with a tier has an advocate. An account
        /// that already has one is left alone after one read (the caller routes its work with
        /// <see cref="AdvocateDirectory.RoutingFor"/>); otherwise the full selection runs as in <see cref="Assign"/>.
        /// </summary>
        public AssignmentResult EnsureAdvocate(Guid accountId, Specialty? neededSpecialty, bool urgent, string trigger)
        {
            var counted = new CountingService(_system);
            var account = AccountSnapshot.Read(counted, accountId);
            if (account.AdvocateId.HasValue)
            {
                var reason = "kept the current advocate: " + account.Name + " already has one (" + trigger + ")";
                _tracing.Trace("Assignment: {0}.", reason);
                var current = new AdvocateCandidate(account.AdvocateId.Value, account.Row.GetAttributeValue<EntityReference>("adv_advocateid")?.Name ?? string.Empty);
                return new AssignmentResult(AssignmentOutcome.Kept, current, false, reason, counted.Count);
            }

            return Evaluate(accountId, neededSpecialty, urgent, trigger, counted);
        }

        /// <summary>
        /// The workflow activity, the Custom API and the reassignment batches: run the whole policy for one account
        /// (sticky when the current advocate may stay, else choose), write the account, the load and the task.
        /// Runs inside the caller's transaction; call it through the Custom API for a transaction of its own.
        /// </summary>
        public AssignmentResult Assign(Guid accountId, Specialty? neededSpecialty, bool urgent, string trigger) =>
            Evaluate(accountId, neededSpecialty, urgent, trigger, new CountingService(_system));

        private AssignmentResult Evaluate(Guid accountId, Specialty? neededSpecialty, bool urgent, string trigger, CountingService counted)
        {
            LockRows.Take(counted, LockName);
            _tracing.Trace("Assignment ({0}): took lock row '{1}' as SYSTEM so concurrent assignments serialise.", trigger, LockName);
            var account = AccountSnapshot.Read(counted, accountId);
            if (!account.IsActive)
            {
                var inactive = "no change: account " + account.Name + " is inactive";
                _tracing.Trace("Assignment: {0}.", inactive);
                return new AssignmentResult(AssignmentOutcome.Kept, null, false, inactive, counted.Count);
            }

            var tier = account.Tier;
            if (!tier.HasValue)
            {
                var why = UnknownTierReason(account.TierValue);
                _tracing.Trace("Assignment: {0}.", why);
                return new AssignmentResult(AssignmentOutcome.NoTier, null, false, why, counted.Count);
            }

            var pool = LoadPool(counted, tier.Value, account.AdvocateId, null);
            var choice = AdvocateSelection.Choose(new SelectionRequest(tier, account.AdvocateId, neededSpecialty, _utcNow, urgent), pool);
            _tracing.Trace("Assignment of {0} ({1}): {2} [pool {3}].", account.Name, trigger, choice.Reason, pool.Count.ToString(CultureInfo.InvariantCulture));
            Guid? finalId = choice.Changed ? choice.Advocate?.Id : account.AdvocateId;
            if (choice.Changed)
            {
                var update = new Entity("account", accountId);
                update["adv_advocateid"] = finalId.HasValue ? new EntityReference("adv_advocate", finalId.Value) : null;
                counted.Update(update);
                _tracing.Trace("Assignment: wrote account {0} adv_advocateid = {1} as SYSTEM.", accountId, finalId.HasValue ? finalId.Value.ToString() : "(none)");
            }

            ApplyLoad(counted, pool, account.AdvocateId, true, finalId, true);
            var result = new AssignmentResult(choice.Outcome, choice.Advocate, choice.Changed, choice.Reason, counted.Count);
            _tracing.Trace("Assignment: {0} round trips for the assignment itself.", counted.Count.ToString(CultureInfo.InvariantCulture));
            result.Task = RaiseTask(account.Facts(), choice.Outcome, choice.Changed ? choice.Advocate : null, choice.Reason);
            return result;
        }

        /// <summary>
        /// The account pre-operation step: decides the advocate for the row being saved (the caller writes the
        /// decision into its Target), and moves the load of every advocate the save affects. <paramref name="before"/>
        /// is null on Create. Nothing is selected when the save does not call for it (see the README's triggers).
        /// </summary>
        public AssignmentDecision DecideForSave(Guid accountId, string accountName, AccountAdvocacyState? before, AccountAdvocacyState after)
        {
            var counted = new CountingService(_system);
            bool create = before == null;
            bool tierChanged = create ? after.Tier != null : !SameOption(before!.Tier, after.Tier);
            bool advocateCleared = !create && before!.AdvocateId.HasValue && !after.AdvocateId.HasValue;
            bool reactivated = !create && !before!.IsActive && after.IsActive;
            bool wanted = after.IsActive && after.Tier != null && (tierChanged || advocateCleared || create || (reactivated && !after.AdvocateId.HasValue));
            if (create && after.AdvocateId.HasValue)
            {
                wanted = false; // the user chose the advocate: respected, only the load moves
            }

            AdvocateChoice? choice = null;
            List<AdvocateCandidate>? pool = null;
            Guid? finalId = after.AdvocateId;
            string? skipped = null;
            if (wanted)
            {
                var tier = Choices.Tier(after.Tier);
                if (!tier.HasValue)
                {
                    skipped = UnknownTierReason(after.Tier);
                    _tracing.Trace("Assignment of {0}: {1}.", accountName, skipped);
                }
                else
                {
                    LockRows.Take(counted, LockName);
                    _tracing.Trace("Assignment: took lock row '{0}' as SYSTEM before reading advocate counts.", LockName);
                    Guid? excluded = advocateCleared ? before!.AdvocateId : null;
                    pool = LoadPool(counted, tier.Value, after.AdvocateId, excluded);
                    if (excluded.HasValue)
                    {
                        _tracing.Trace("Assignment: the advocate was removed from the account by the save, so profile {0} is not considered again.", excluded.Value);
                    }

                    choice = AdvocateSelection.Choose(new SelectionRequest(tier, after.AdvocateId, null, _utcNow, false), pool);
                    _tracing.Trace("Assignment of {0}: {1} [pool {2}].", accountName, choice.Reason, pool.Count.ToString(CultureInfo.InvariantCulture));
                    if (choice.Changed)
                    {
                        finalId = choice.Advocate?.Id;
                    }
                }
            }

            var deltas = LoadLedger.Changes(before?.AdvocateId, before?.IsActive ?? false, finalId, after.IsActive);
            if (deltas.Count > 0 && pool == null)
            {
                LockRows.Take(counted, LockName);
                _tracing.Trace("Assignment: took lock row '{0}' as SYSTEM before moving advocate counts.", LockName);
            }

            ApplyLoad(counted, pool, before?.AdvocateId, before?.IsActive ?? false, finalId, after.IsActive);
            _tracing.Trace("Assignment: {0} round trips for the assignment itself.", counted.Count.ToString(CultureInfo.InvariantCulture));
            return new AssignmentDecision(choice, finalId, finalId != after.AdvocateId, skipped, counted.Count);
        }

        /// <summary>
        /// The task a decision calls for: an introduction for a newly assigned advocate, an unassigned-advocacy task
        /// for the account's owner when nobody is eligible (one open per account, so re-fires create nothing).
        /// </summary>
        public TaskWriteResult? RaiseTask(AccountFacts account, AssignmentOutcome outcome, AdvocateCandidate? newAdvocate, string reason)
        {
            var planner = new AdvocacyTaskPlanner(_settings);
            var writer = new AdvocacyTaskWriter(_system, _tracing);
            if (outcome == AssignmentOutcome.Assigned && newAdvocate != null && newAdvocate.UserId.HasValue)
            {
                var routing = new AdvocateRouting(newAdvocate.Id, newAdvocate.Name, newAdvocate.UserId.Value);
                // The owner was told nobody looks after this account; now somebody does.
                writer.CompleteOpen(AdvocacyTaskKeys.UnassignedAdvocacy(account.AccountId), newAdvocate.Name + " is now the account's advocate");
                return writer.Ensure(planner.PlanIntroduction(account, routing, _utcNow.Date, reason));
            }

            if (outcome == AssignmentOutcome.Unassigned)
            {
                if (account.OwnerId == Guid.Empty)
                {
                    _tracing.Trace("Assignment: no owner on account {0}, so no unassigned-advocacy task could be raised.", account.AccountId);
                    return null;
                }

                return writer.Ensure(planner.PlanUnassignedAdvocacy(account, reason, _utcNow.Date));
            }

            return null;
        }

        /// <summary>
        /// One query: every active profile covering the tier (out-of-office and full ones included, so the reason can
        /// say why they were passed over) plus the given profiles whatever their state (the current advocate, so
        /// stickiness can judge an inactive one). <paramref name="excluded"/> is dropped from the result.
        /// </summary>
        public List<AdvocateCandidate> LoadPool(IOrganizationService service, CustomerTier tier, Guid? include, Guid? excluded)
        {
            var query = new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet(AdvocateDirectory.Columns) };
            query.Criteria.FilterOperator = LogicalOperator.Or;
            var covering = new FilterExpression(LogicalOperator.And);
            covering.AddCondition("statecode", ConditionOperator.Equal, 0);
            covering.AddCondition("adv_tiers", ConditionOperator.ContainValues, Choices.Value(tier));
            query.Criteria.AddFilter(covering);
            if (include.HasValue)
            {
                query.Criteria.AddCondition("adv_advocateid", ConditionOperator.Equal, include.Value);
            }

            var directory = new AdvocateDirectory(service, Assignment.DefaultCapacity);
            var pool = new List<AdvocateCandidate>();
            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                if (excluded.HasValue && row.Id == excluded.Value)
                {
                    continue;
                }

                pool.Add(directory.ToCandidate(row, null)!);
            }

            return pool;
        }

        private void ApplyLoad(IOrganizationService service, List<AdvocateCandidate>? pool, Guid? oldId, bool wasActive, Guid? newId, bool isActive)
        {
            var deltas = LoadLedger.Changes(oldId, wasActive, newId, isActive);
            if (deltas.Count == 0)
            {
                return;
            }

            var counts = new Dictionary<Guid, int>();
            var missing = new List<object>();
            foreach (var delta in deltas)
            {
                var known = pool == null ? null : pool.Find(c => c.Id == delta.AdvocateId);
                if (known != null)
                {
                    counts[delta.AdvocateId] = known.AccountCount;
                }
                else
                {
                    missing.Add(delta.AdvocateId);
                }
            }

            if (missing.Count > 0)
            {
                var query = new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet("adv_accountcount") };
                query.Criteria.AddCondition("adv_advocateid", ConditionOperator.In, missing.ToArray());
                foreach (var row in service.RetrieveMultiple(query).Entities)
                {
                    counts[row.Id] = row.GetAttributeValue<int?>("adv_accountcount") ?? 0;
                }
            }

            foreach (var delta in deltas)
            {
                if (!counts.TryGetValue(delta.AdvocateId, out int count))
                {
                    _tracing.Trace("Assignment: advocate {0} no longer exists; its count was not changed.", delta.AdvocateId);
                    continue;
                }

                var update = new Entity("adv_advocate", delta.AdvocateId);
                int next = LoadLedger.Apply(count, delta.Delta);
                update["adv_accountcount"] = next;
                if (delta.Delta > 0 && oldId != newId)
                {
                    update["adv_lastassignedon"] = _utcNow;
                }

                service.Update(update);
                _tracing.Trace("Assignment: advocate {0} adv_accountcount {1} -> {2} (as SYSTEM).", delta.AdvocateId, count.ToString(CultureInfo.InvariantCulture), next.ToString(CultureInfo.InvariantCulture));
            }
        }

        private static string UnknownTierReason(OptionSetValue? tier) =>
            tier == null
                ? "no advocate assigned: the account has no tier"
                : "no advocate assigned: the account's tier value " + tier.Value.ToString(CultureInfo.InvariantCulture)
                  + " is not one of the solution's tiers (strategic, key, standard); fix the tier to assign one";

        private static bool SameOption(OptionSetValue? a, OptionSetValue? b) => (a == null && b == null) || (a != null && b != null && a.Value == b.Value);
    }

    /// <summary>What the account pre-operation step must write into its Target and pass on to the post-operation step.</summary>
    public sealed class AssignmentDecision
    {
        internal AssignmentDecision(AdvocateChoice? choice, Guid? finalAdvocateId, bool targetMustChange, string? skippedReason, int roundTrips)
        {
            Choice = choice;
            FinalAdvocateId = finalAdvocateId;
            TargetMustChange = targetMustChange;
            SkippedReason = skippedReason;
            RoundTrips = roundTrips;
        }

        /// <summary>Null when no selection ran.</summary>
        public AdvocateChoice? Choice { get; }

        public Guid? FinalAdvocateId { get; }

        /// <summary>The Target's adv_advocateid must be set to <see cref="FinalAdvocateId"/>.</summary>
        public bool TargetMustChange { get; }

        /// <summary>Why no selection ran although the save asked for one (unknown tier value).</summary>
        public string? SkippedReason { get; }

        public int RoundTrips { get; }
    }

    /// <summary>Counts the calls one assignment makes, so its cost is traced in production as in tests.</summary>
    internal sealed class CountingService : IOrganizationService
    {
        private readonly IOrganizationService _inner;

        public CountingService(IOrganizationService inner)
        {
            _inner = inner;
        }

        public int Count { get; private set; }

        public Guid Create(Entity entity)
        {
            Count++;
            return _inner.Create(entity);
        }

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet)
        {
            Count++;
            return _inner.Retrieve(entityName, id, columnSet);
        }

        public void Update(Entity entity)
        {
            Count++;
            _inner.Update(entity);
        }

        public void Delete(string entityName, Guid id)
        {
            Count++;
            _inner.Delete(entityName, id);
        }

        public OrganizationResponse Execute(OrganizationRequest request)
        {
            Count++;
            return _inner.Execute(request);
        }

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
        {
            Count++;
            _inner.Associate(entityName, entityId, relationship, relatedEntities);
        }

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
        {
            Count++;
            _inner.Disassociate(entityName, entityId, relationship, relatedEntities);
        }

        public EntityCollection RetrieveMultiple(QueryBase query)
        {
            Count++;
            return _inner.RetrieveMultiple(query);
        }
    }
}
