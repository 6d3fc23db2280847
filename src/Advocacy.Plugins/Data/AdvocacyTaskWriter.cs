using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Time;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Advocacy.Plugins.Domain.Words;
using Advocacy.Plugins.Domain;

namespace Advocacy.Plugins.Data
{
    /// <summary>What happened to a planned task.</summary>
    public sealed class TaskWriteResult
    {
        public TaskWriteResult(Guid taskId, bool created, bool updated)
        {
            TaskId = taskId;
            Created = created;
            Updated = updated;
        }

        public Guid TaskId { get; }
        public bool Created { get; }
        public bool Updated { get; }
        public bool AlreadyExisted => !Created;
    }

    /// <summary>
    /// The one adapter that turns a <see cref="PlannedTask"/> into a Dataverse task. One open task per source
    /// key: re-fired steps, retried async jobs and two operations racing on the same key create nothing twice,
    /// because the key's lock row is written before the key is looked up (the second writer waits for the
    /// first to commit, then finds its task).
    /// </summary>
    public sealed class AdvocacyTaskWriter
    {
        private readonly IOrganizationService _service;
        private readonly ITracingService _tracing;
        private readonly UserZones _zones;
        private readonly IReaderLanguages _readers;

        /// <param name="service">
        /// The system user's service: the task is owned by the advocate, whom the caller cannot be expected to
        /// assign work to.
        /// </param>
        /// <param name="zones">The owners' time zones (due dates are stored at noon in the owner's zone); read through
        /// <paramref name="service"/> when not given.</param>
        /// <param name="readers">The owners' languages (a closing note is worded for the task's owner); read through
        /// <paramref name="service"/> when not given.</param>
        public AdvocacyTaskWriter(IOrganizationService service, ITracingService tracing, UserZones? zones = null, IReaderLanguages? readers = null)
        {
            _service = service;
            _tracing = tracing;
            // One read of the owners' settings serves both when neither is given.
            var rows = zones == null || readers == null ? new UserSettingsRows(service) : null;
            _zones = zones ?? new UserZones(rows!, tracing);
            _readers = readers ?? new UserLanguages(rows!, tracing);
        }

        /// <param name="oncePerKey">
        /// True when even a completed task with the key means "done" (an inconvenience gets exactly one impact
        /// review, updated while it is open); false when a new task may follow a closed one (check-ins).
        /// </param>
        /// <param name="refreshOpenTask">Update subject, description and priority of an open task with the key.</param>
        public TaskWriteResult Ensure(PlannedTask task, bool oncePerKey = false, bool refreshOpenTask = false)
        {
            if (task == null) throw new ArgumentNullException(nameof(task));

            LockRows.Take(_service, LockRows.ForTaskKey(task.SourceKey));
            var existing = Find(task.SourceKey, oncePerKey);
            if (existing != null)
            {
                var open = existing.GetAttributeValue<OptionSetValue>("statecode")?.Value == 0;
                if (open && refreshOpenTask && Differs(existing, task))
                {
                    var update = new Entity("task", existing.Id);
                    update["subject"] = task.Subject;
                    update["description"] = task.Description;
                    update["prioritycode"] = new OptionSetValue((int)task.Priority);
                    _service.Update(update);
                    // Stryker disable once all : trace text only
                    _tracing.Trace("Task {0}: key {1} already has task {2}; refreshed its text.", task.Kind, task.SourceKey, existing.Id);
                    return new TaskWriteResult(existing.Id, false, true);
                }

                // Stryker disable once all : trace text only
                _tracing.Trace("Task {0}: key {1} already has {2} task {3}; nothing created.", task.Kind, task.SourceKey, open ? "open" : "closed", existing.Id);
                return new TaskWriteResult(existing.Id, false, false);
            }

            var id = _service.Create(ToEntity(task, _zones.Of(task.OwnerUserId, task.OwnerIsTeam)));
            // Stryker disable once all : trace text only
            _tracing.Trace("Task {0}: created {1} for {2} {3}, due {4:yyyy-MM-dd}, key {5}.",
                task.Kind, id, task.OwnerIsTeam ? "team" : "user", task.OwnerUserId, task.DueDate, task.SourceKey);
            return new TaskWriteResult(id, true, false);
        }

        /// <summary>
        /// Completes the open task with the key, if any, adding why to its description — for work that stopped
        /// being needed (the "unassigned advocacy" task once an advocate is assigned). Returns whether one was closed.
        /// </summary>
        public bool CompleteOpen(string sourceKey, Phrase why)
        {
            var open = Find(sourceKey, anyState: false);
            if (open == null)
            {
                return false;
            }

            Complete(open, why);
            // Stryker disable once all : trace text only
            _tracing.Trace("Task with key {0} ({1}) completed automatically: {2}.", sourceKey, open.Id, why.In(Language.English));
            return true;
        }

        /// <summary>
        /// Completes an open task read with its description and owner, adding why in the owner's language (the owner reads
        /// the description; a team reads English).
        /// </summary>
        public void Complete(Entity open, Phrase why)
        {
            var owner = open.GetAttributeValue<EntityReference>("ownerid");
            var language = owner?.LogicalName == "systemuser" ? _readers.Of(owner.Id) : Language.English;
            var update = new Entity("task", open.Id);
            update["description"] = PlannedTask.WithClosingNote(open.GetAttributeValue<string>("description"), why.In(language), language);
            update["statecode"] = new OptionSetValue(1);
            update["statuscode"] = new OptionSetValue(5);
            _service.Update(update);
        }

        /// <summary>
        /// The open advocacy tasks (adv_kind set) regarding the account that the user owns, with their kind and
        /// description: what follows the account when its advocate changes. One round trip, at most one page.
        /// </summary>
        public IReadOnlyList<Entity> OpenAdvocacyTasks(Guid accountId, Guid ownerUserId)
        {
            var query = OpenAdvocacyTasksQuery("adv_kind", "subject", "description", "ownerid");
            query.Criteria.AddCondition("regardingobjectid", ConditionOperator.Equal, accountId);
            query.Criteria.AddCondition("ownerid", ConditionOperator.Equal, ownerUserId);
            query.AddOrder("createdon", OrderType.Ascending);
            return _service.RetrieveMultiple(query).Entities;
        }

        /// <summary>
        /// Every open advocacy task (adv_kind set) regarding the row, with its owner, whoever owns it: what the row's own
        /// cascade (Account_Tasks, Incident_Tasks) gives its new owner. The rows the cascade goes on to (an account's cases)
        /// run their own steps for their own tasks. One round trip, at most one page.
        /// </summary>
        public IReadOnlyList<TaskOwnerRecord> OpenAdvocacyTaskOwners(Guid regardingId)
        {
            var owners = new List<TaskOwnerRecord>();
            var regarding = OpenAdvocacyTasksQuery("ownerid");
            regarding.Criteria.AddCondition("regardingobjectid", ConditionOperator.Equal, regardingId);
            AddOwners(regarding, owners);
            return owners;
        }

        /// <summary>Open advocacy tasks (adv_kind set), one page at most, with the columns asked for.</summary>
        private static QueryExpression OpenAdvocacyTasksQuery(params string[] columns)
        {
            var query = new QueryExpression("task") { ColumnSet = new ColumnSet(columns), TopCount = 5000 };
            query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
            query.Criteria.AddCondition("adv_kind", ConditionOperator.NotNull);
            return query;
        }

        private void AddOwners(QueryExpression query, List<TaskOwnerRecord> owners)
        {
            foreach (var task in _service.RetrieveMultiple(query).Entities)
            {
                if (task.GetAttributeValue<EntityReference>("ownerid") is EntityReference owner)
                {
                    owners.Add(new TaskOwnerRecord(task.Id, owner.Id, owner.LogicalName == "team"));
                }
            }
        }

        /// <summary>Gives the task to a user or a team (an Update of ownerid, which the platform performs as an Assign).</summary>
        public void Reassign(Guid taskId, Guid ownerId, bool ownerIsTeam)
        {
            var update = new Entity("task", taskId);
            update["ownerid"] = new EntityReference(ownerIsTeam ? "team" : "systemuser", ownerId);
            _service.Update(update);
        }

        /// <summary>The open task with the key, or any when <paramref name="anyState"/>; open ones first.</summary>
        public Entity? Find(string sourceKey, bool anyState)
        {
            var query = new QueryExpression("task")
            {
                ColumnSet = new ColumnSet("statecode", "subject", "description", "prioritycode", "ownerid"),
                TopCount = 1,
            };
            query.Criteria.AddCondition("adv_sourcekey", ConditionOperator.Equal, sourceKey);
            if (!anyState)
            {
                query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
            }

            query.AddOrder("statecode", OrderType.Ascending);
            var rows = _service.RetrieveMultiple(query).Entities;
            return rows.Count == 0 ? null : rows[0];
        }

        /// <summary>
        /// Creates the tasks in one ExecuteMultiple (at most 1,000: the platform's limit), stopping at the first
        /// fault. For new keys only — the caller's query already excluded accounts with an open task of the key.
        /// </summary>
        /// <exception cref="AdvocacyInputException">A task could not be created; names the regarding record.</exception>
        public void CreateBatch(IReadOnlyList<PlannedTask> tasks)
        {
            var request = new ExecuteMultipleRequest
            {
                // Stryker disable once Initializer : equivalent, both settings are false, which is their default
                Settings = new ExecuteMultipleSettings
                {
                    ContinueOnError = false,
                    // Stryker disable once Boolean : equivalent: true only adds the successful items' responses, which are never read; faults are returned either way
                    ReturnResponses = false,
                },
                Requests = new OrganizationRequestCollection(),
            };
            _zones.Load(System.Linq.Enumerable.Select(System.Linq.Enumerable.Where(tasks, t => !t.OwnerIsTeam), t => t.OwnerUserId));
            foreach (var task in tasks)
            {
                request.Requests.Add(new CreateRequest { Target = ToEntity(task, _zones.Of(task.OwnerUserId, task.OwnerIsTeam)) });
            }

            var response = (ExecuteMultipleResponse)_service.Execute(request);
            foreach (var item in response.Responses)
            {
                if (item.Fault != null)
                {
                    var failed = tasks[item.RequestIndex];
                    throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorTaskNotCreated, failed.Kind.ToString(), failed.AccountId.ToString("D"), item.Fault.Message));
                }
            }
        }

        /// <summary>The task row; its due date stored at noon in UTC (an owner whose zone is not known).</summary>
        public static Entity ToEntity(PlannedTask task) => ToEntity(task, UserZones.Fallback);

        /// <summary>The task row, its due date stored at noon of that date in the owner's zone (<see cref="LocalDays.DueInstant"/>).</summary>
        public static Entity ToEntity(PlannedTask task, IUserZone ownerZone)
        {
            var row = new Entity("task");
            row["subject"] = task.Subject;
            row["description"] = task.Description;
            row["scheduledend"] = LocalDays.DueInstant(ownerZone, task.DueDate);
            row["prioritycode"] = new OptionSetValue((int)task.Priority);
            row["ownerid"] = new EntityReference(task.OwnerIsTeam ? "team" : "systemuser", task.OwnerUserId);
            row["regardingobjectid"] = new EntityReference(task.RegardingKind == RegardingKind.Case ? "incident" : "account", task.RegardingId);
            row["adv_kind"] = Choices.Option(task.Kind);
            row["adv_sourcekey"] = task.SourceKey;
            return row;
        }

        private static bool Differs(Entity existing, PlannedTask task)
        {
            return existing.GetAttributeValue<string>("subject") != task.Subject
                || existing.GetAttributeValue<string>("description") != task.Description
                || existing.GetAttributeValue<OptionSetValue>("prioritycode")?.Value != (int)task.Priority;
        }
    }
}
