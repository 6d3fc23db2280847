using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.Words;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.FollowUp;

namespace Advocacy.Plugins.Application.Assignment
{
    /// <summary>What settling an account's change did, for the trace and tests.</summary>
    public sealed class LoadSettlement
    {
        internal LoadSettlement(AdvocateLoadRecountResult counts, int moved, int closed, int roundTrips)
        {
            Counts = counts;
            TasksMoved = moved;
            TasksClosed = closed;
            RoundTrips = roundTrips;
        }

        public AdvocateLoadRecountResult Counts { get; }
        public int TasksMoved { get; }
        public int TasksClosed { get; }
        public int RoundTrips { get; }
    }

    /// <summary>
    /// After an account is created, changes advocate or state, or is deleted — by a user, our own assignment, a
    /// workflow or an import — inside that change's transaction: the advocates it touched get their adv_accountcount
    /// recounted from the accounts (<see cref="AdvocateLoadRecount.Settle"/>: the same answer however often it runs,
    /// so a re-fire or replay never counts twice), and when the advocate changed, the previous advocate's open advocacy
    /// tasks on the account follow it (<see cref="AdvocacyHandOver"/>) and so does the account's share (a new account's
    /// advocate gets it too).
    /// <para>
    /// Cost when something moved: the lock row (1, already held when the save's own assignment took it), the touched
    /// advocates' accounts (1 page), the advocates (1), one write per advocate whose count changed; on an advocate
    /// change also the previous advocate's open tasks (1) and one write per task, and the account's sharing: both
    /// advocacies' users (1), the account's shares (1) and one write per user whose share changes (<see cref="AdvocateAccess"/>).
    /// Nothing when neither the advocate nor the state changed. Runs as <see cref="IAdvocacyHost.SystemService"/>: advocate
    /// rows, tasks and shares are not the caller's.
    /// </para>
    /// </summary>
    public sealed class SettleAdvocateLoad
    {
        private readonly IAdvocacyHost _host;

        public SettleAdvocateLoad(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <param name="before">The account before the change; null on Create.</param>
        /// <param name="after">The account after it; null on Delete.</param>
        /// <param name="account">Name and owner after the change (null on Delete: no task can follow a deleted account).</param>
        public LoadSettlement AfterAccountChange(Guid accountId, AccountAdvocacyState? before, AccountAdvocacyState? after, AccountFacts? account)
        {
            var counted = new CountingService(_host.SystemService);
            var touched = LoadLedger.Changes(before?.AdvocateId, before?.IsActive ?? false, after?.AdvocateId, after?.IsActive ?? false)
                .Select(d => d.AdvocateId).ToList();
            Guid? previous = before?.AdvocateId;
            Guid? current = after?.AdvocateId;
            bool advocateChanged = after != null && before != null && previous != current;
            // A new account's advocate (an import, the save's own assignment) gets the account shared like a changed one.
            bool accessMoves = after != null && previous != current;
            if (accessMoves && previous.HasValue && !touched.Contains(previous.Value))
            {
                // An inactive account changing advocate moves no count, but its tasks still follow; read the profile.
                touched.Add(previous.Value);
            }

            if (accessMoves && current.HasValue && !touched.Contains(current.Value))
            {
                touched.Add(current.Value);
            }

            if (touched.Count == 0)
            {
                _host.Trace("Load: account {0} changed neither advocate nor counted state; no count to settle.", accountId);
                return new LoadSettlement(new AdvocateLoadRecountResult(), 0, 0, 0);
            }

            LockRows.Take(counted, LockRows.Assignment);
            _host.Trace("Load: took lock row '{0}' as {1} before counting the accounts of {2} advocate(s).", LockRows.Assignment, _host.SystemIdentity, touched.Count.ToString(CultureInfo.InvariantCulture));
            Guid? newlyAssigned = (after?.IsActive ?? false) && current.HasValue && previous != current ? current : null;
            var counts = new AdvocateLoadRecount(counted, _host.Tracing).Settle(touched, newlyAssigned, _host.UtcNow);

            int moved = 0, closed = 0;
            if (advocateChanged && previous.HasValue && account != null)
            {
                HandOver(account, previous.Value, current, counts, counted, ref moved, ref closed);
            }

            if (accessMoves)
            {
                ShareWithAdvocate(accountId, previous, current, counted);
            }

            _host.Trace("Load: {0} round trips to settle account {1}.", counted.Count.ToString(CultureInfo.InvariantCulture), accountId);
            return new LoadSettlement(counts, moved, closed, counted.Count);
        }

        /// <summary>
        /// After a merge of two accounts (Dataverse moved the subordinate's rows — its tasks among them — to the target and
        /// deactivated the subordinate): the advocates of both, before and after, get their counts recounted (the
        /// subordinate's seat is free, whether or not the platform also ran the subordinate's own Update steps: a recount
        /// is idempotent); the open advocacy tasks that the subordinate's advocate (or the target's previous one, when the
        /// merge chose another advocate for the target) holds on the target follow it to the target's advocate (<see cref="AdvocacyHandOver"/>:
        /// the previous advocate's introduction is closed); and when the target's advocate changed, its share moves. Cost:
        /// the lock row, the advocates' accounts and profiles (as <see cref="AfterAccountChange"/>), one query of tasks per
        /// previous advocate and one write per task; nothing when neither account names an advocate.
        /// </summary>
        /// <param name="targetBefore">The surviving account's advocate before the merge (null: none).</param>
        /// <param name="mergedBefore">The merged account's advocate before the merge; <paramref name="mergedAfter"/> after it.</param>
        public LoadSettlement AfterMerge(Guid? targetBefore, AccountAdvocacyState targetAfter, Guid? mergedBefore, Guid? mergedAfter, AccountFacts target)
        {
            var touched = AccountMerge.Touched(targetBefore, targetAfter.AdvocateId, mergedBefore, mergedAfter);
            if (touched.Count == 0)
            {
                _host.Trace("Merge: neither account names an advocate; no count to settle, no task to hand over.");
                return new LoadSettlement(new AdvocateLoadRecountResult(), 0, 0, 0);
            }

            var counted = new CountingService(_host.SystemService);
            LockRows.Take(counted, LockRows.Assignment);
            Guid? current = targetAfter.AdvocateId;
            var counts = new AdvocateLoadRecount(counted, _host.Tracing).Settle(touched, AccountMerge.NewlyAssigned(targetBefore, targetAfter), _host.UtcNow);

            int moved = 0, closed = 0;
            foreach (var previous in AccountMerge.PreviousAdvocates(targetBefore, current, mergedBefore))
            {
                // Stryker disable once all : trace text only
                _host.Trace("Merge: the open advocacy tasks advocate {0} holds on account {1} (those that came with the merged account among them) follow the account's advocacy.", previous, target.AccountId);
                HandOver(target, previous, current, counts, counted, ref moved, ref closed);
            }

            if (targetBefore != current)
            {
                ShareWithAdvocate(target.AccountId, targetBefore, current, counted);
            }

            // Stryker disable once all : trace text only
            _host.Trace("Merge: {0} round trips to settle account {1} and the account merged into it.", counted.Count.ToString(CultureInfo.InvariantCulture), target.AccountId);
            return new LoadSettlement(counts, moved, closed, counted.Count);
        }

        /// <summary>
        /// A save of an advocate profile that sets adv_accountcount: the count to write is the real one, whoever saves
        /// (nobody can make themselves look full — "1,000,000 accounts" — to dodge new accounts). A profile being
        /// created cannot be named by any account yet, so its count is 0 without a query.
        /// </summary>
        public int GuardAdvocateCount(Guid advocateId, bool isCreate, int? countInSave)
        {
            int real = isCreate ? 0 : new AdvocateLoadRecount(_host.SystemService, _host.Tracing).CountFor(advocateId);
            if (countInSave != real)
            {
                _host.Trace("Load: the save set adv_accountcount to {0}; it is the number of active accounts naming the advocate, so {1} is written instead.",
                    countInSave.HasValue ? countInSave.Value.ToString(CultureInfo.InvariantCulture) : "(empty)", real.ToString(CultureInfo.InvariantCulture));
            }

            return real;
        }

        /// <summary>
        /// The account is shared with its advocacy's users (<see cref="AdvocateAccess"/>: the advocate's user and their
        /// stand-ins' — backup and backup's backup — may read it and link records to it) and the previous advocacy's users who are not among them lose those
        /// rights, so an advocate of another business unit (or their stand-in) can work the customer and one who no longer
        /// advocates it stops seeing it through the advocacy. The platform cascades the share to the account's tasks,
        /// cases, feedback and inconveniences. Cost: the two advocacies' users (one query, the backup chains by outer links), the account's shares (one) and one
        /// write per user whose share changes, only when the advocate changed.
        /// </summary>
        private void ShareWithAdvocate(Guid accountId, Guid? previous, Guid? current, CountingService counted)
        {
            var ids = new List<Guid>();
            if (previous.HasValue) ids.Add(previous.Value);
            if (current.HasValue) ids.Add(current.Value);
            var users = AdvocacyUsers.Of(counted, ids);
            var before = previous.HasValue && users.TryGetValue(previous.Value, out var b) ? b : Array.Empty<Guid>();
            var after = current.HasValue && users.TryGetValue(current.Value, out var a) ? a : Array.Empty<Guid>();
            if (!new Entitlement(before, after).Changed)
            {
                _host.Trace("Access: the account's advocacy gives it to the same users as before; its shares stay.");
                return;
            }

            var shares = new AccountShares(counted, accountId);
            var changes = AdvocateAccess.Move(before, after, shares.Of);
            foreach (var user in after.Where(u => changes.All(c => c.User != u)))
            {
                _host.Trace("Access: the advocacy's user {0} already has the account shared for reading and appending to.", user);
            }

            foreach (var change in changes)
            {
                shares.Set(change.User, change.Rights);
                _host.Trace(after.Contains(change.User)
                    ? "Access: account {0} shared with the advocacy's user {1}: read and append to (and, through the platform's cascade, its tasks, cases, feedback and inconveniences)."
                    : "Access: account {0} is no longer shared for advocacy with the previous advocacy's user {1} ({2}).",
                    accountId, change.User, change.Rights == 0 ? "share removed" : "other shared rights kept");
            }
        }

        private void HandOver(AccountFacts account, Guid previous, Guid? current, AdvocateLoadRecountResult counts, CountingService counted, ref int moved, ref int closed)
        {
            Guid? previousUser = counts.UserOf.TryGetValue(previous, out Guid? p) ? p : null;
            if (!previousUser.HasValue)
            {
                _host.Trace("Hand-over: the previous advocate {0} has no user (or no longer exists); no tasks to move.", previous);
                return;
            }

            Guid? currentUser = current.HasValue && counts.UserOf.TryGetValue(current.Value, out Guid? c) ? c : null;
            if (currentUser == previousUser)
            {
                _host.Trace("Hand-over: the new advocate is the same user; the tasks stay.");
                return;
            }

            string? currentName = current.HasValue && counts.NameOf.TryGetValue(current.Value, out string? n) ? n : null;
            var recipient = AdvocacyHandOver.Recipient(currentUser, currentUser.HasValue ? account : OwnerStandIns.Resolve(_host, account));
            var writer = new AdvocacyTaskWriter(counted, _host.Tracing, _host.Zones, _host.Readers);
            foreach (var task in writer.OpenAdvocacyTasks(account.AccountId, previousUser.Value))
            {
                var kind = Choices.TaskKind(task.GetAttributeValue<Microsoft.Xrm.Sdk.OptionSetValue>("adv_kind"));
                var action = kind.HasValue ? AdvocacyHandOver.For(kind.Value) : HandOverAction.Move;
                if (action == HandOverAction.Close)
                {
                    writer.Complete(task, AdvocacyHandOver.ClosedBecause(currentName));
                    closed++;
                    _host.Trace("Hand-over: closed '{0}' of the previous advocate ({1}).", task.GetAttributeValue<string>("subject"), AdvocacyHandOver.ClosedBecause(currentName).In(Language.English));
                }
                else if (recipient != null)
                {
                    writer.Reassign(task.Id, recipient.Id, recipient.IsTeam);
                    moved++;
                    _host.Trace("Hand-over: '{0}' moved to {1} {2} ({3}).", task.GetAttributeValue<string>("subject"), recipient.IsTeam ? "team" : "user", recipient.Id,
                        currentUser.HasValue ? "the new advocate" : "the account's owner: nobody advocates the account now");
                }
                else
                {
                    _host.Trace("Hand-over: '{0}' stays with the previous advocate: the account has neither an advocate nor an owner.", task.GetAttributeValue<string>("subject"));
                }
            }
        }
    }
}
