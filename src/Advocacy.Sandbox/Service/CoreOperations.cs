using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Sandbox.Query;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Sandbox
{
    /// <summary>The main operation (stage 30) of each built-in message: what the database does.</summary>
    internal sealed partial class CoreOperations
    {
        private readonly DataverseSandbox _sandbox;

        public CoreOperations(DataverseSandbox sandbox) => _sandbox = sandbox;

        private RowStore Store => _sandbox.Store;
        private SandboxMetadata Metadata => _sandbox.Metadata;

        public OrganizationResponse Create(Operation op, CreateResponse response, MessageEngine engine)
        {
            // A step after the main operation sees the Target, with its new id: it gets the pipeline's own copy. Otherwise
            // nobody sees the Target again, and without a step before either it is still the caller's Entity, only read here.
            bool seenAfter = engine.StepsSeeTargetAfterMain(op);
            var target = seenAfter ? Required<Entity>(op, "Target") : RequiredGiven<Entity>(op, "Target");
            bool callers = !op.HasOwnInput;
            RequireTable(target.LogicalName);
            Metadata.ValidateWrite(target);
            string pid = Metadata.PrimaryIdAttribute(target.LogicalName);
            Guid id = IdOfNew(target, pid, out bool freshId);
            // The row is written in the store's form from the start (NewRow), never as a second Entity. Its values are copied
            // where someone else can still change them: the caller's, or a post-operation step's (the platform does not
            // persist a change made there); the pipeline's own copy that nobody sees again is taken as it is.
            var rules = SplitCalendarRules(target, out var columns);
            var row = NewRow.From(columns, copyValues: seenAfter || callers, _sandbox.CreateRoom(target.LogicalName), Store.Table(target.LogicalName).LastShape);
            WriteNew(op, row, id, freshId);
            op.EntityId = id;
            if (rules != null)
            {
                ReplaceCalendarRules(op, id, rules);
            }
            // Post-operation steps see the new id on the Target, as on the platform (the caller's own Entity is left as it was).
            row.TryGetValue(pid, out var boxedId);
            if (!callers)
            {
                target.Id = id;
                target[pid] = boxedId;
            }
            op.Output["id"] = boxedId;
            response.Results = op.Output;
            return response;
        }

        /// <summary>The id a create writes: the Entity's Id, else its primary id column, else a fresh one (no other transaction can know it).</summary>
        private Guid IdOfNew(Entity entity, string primaryId, out bool freshId)
        {
            Guid id = entity.Id != Guid.Empty ? entity.Id
                : entity.Attributes.TryGetValue(primaryId, out var given) && given is Guid g && g != Guid.Empty ? g
                : Guid.Empty;
            freshId = id == Guid.Empty;
            return freshId ? _sandbox.RowIds.Next() : id;
        }

        /// <summary>
        /// What a create does to its row once the values are in: its lookups must name rows that exist, the platform's
        /// columns and state are filled in, alternate keys stay unique, and the row is inserted.
        /// </summary>
        private void WriteNew(Operation op, NewRow row, Guid id, bool freshId)
        {
            var tx = op.Transaction!;
            for (int i = 0; i < row.Count; i++)
            {
                RequireLookupTarget(tx, row.LogicalName, id, row.ValueAt(i));
            }
            bool statusGiven = row.Get<OptionSetValue>("statuscode") != null;
            _sandbox.ApplyCreateDefaults(row, id, op.Caller.UserId, op.CreatedOn);
            StateStatus.Apply(Metadata.Table(row.LogicalName), row, stateWritten: true, statusWritten: statusGiven);
            RequireUniqueKeys(tx, row.LogicalName, id, row, written: null);
            Insert(tx, row, freshId);
            _sandbox.Metrics.Written(1);
        }

        /// <summary>
        /// A lookup must name a row that exists (as the saving transaction sees it): Dataverse refuses the save with
        /// "{table} With Id = {id} Does Not Exist" (ObjectDoesNotExist), whoever makes it — the user's own request or a
        /// plug-in's. Only tables the sandbox holds metadata for are checked (lenient mode leaves the rest, and the tables it infers, alone); a
        /// row pointing at itself (a Create naming its own new id) is allowed. Seeding is not a save and is not checked.
        /// </summary>
        private void RequireLookupTargets(Transaction tx, string table, Guid id, IEnumerable<KeyValuePair<string, object>> columns)
        {
            foreach (var pair in columns)
            {
                RequireLookupTarget(tx, table, id, pair.Value);
            }
        }

        // A create checks its row's columns (before the platform adds its own) with this, without enumerating the Target again.
        private void RequireLookupTarget(Transaction tx, string table, Guid id, object? value)
        {
            if (value is EntityReference reference && Metadata.Table(reference.LogicalName) is { IsInferred: false }
                && !(reference.Id == id && string.Equals(reference.LogicalName, table, StringComparison.OrdinalIgnoreCase))
                && !Store.Exists(tx, reference.LogicalName, reference.Id))
            {
                throw Faults.DoesNotExist(reference.LogicalName, reference.Id);
            }
        }

        /// <summary>
        /// Deletes the row and applies the one-to-many relationships' delete behaviour from the solution metadata, in
        /// the same transaction, as Dataverse does: Restrict refuses while a referencing row exists, RemoveLink clears
        /// the referencing rows' lookup, Cascade deletes them (and their own cascades). The relationships are the
        /// solution folders' and the standard ones Microsoft publishes among the standard tables (<see cref="StandardRelationships"/>);
        /// other standard relationships are not modelled (README: differences from Dataverse). A request's Cascade rows are
        /// deleted through their own pipeline before this runs (<see cref="DeleteCascadeRows"/>), so here they are only
        /// found for the platform's own deletes without steps (replaced calendar rules). The deleted row's own Restrict and
        /// RemoveLink relationships were applied before stage 20 (<see cref="BeforeDelete"/>) when <paramref name="linksApplied"/> says so.
        /// </summary>
        private void DeleteWithCascades(Transaction tx, string table, Guid id, int level, bool linksApplied = false)
        {
            RequireCascadeLevel(level - 1, "delete", table, id);

            foreach (var relationship in Metadata.ReferencingRelationships(table))
            {
                if (linksApplied && relationship.OnDelete is CascadeDelete.Restrict or CascadeDelete.RemoveLink)
                {
                    continue;
                }
                var children = Store.ReferencingIds(tx, relationship.ReferencingEntity, relationship.ReferencingAttribute, table, id);
                if (children.Count == 0)
                {
                    continue;
                }

                switch (relationship.OnDelete)
                {
                    case CascadeDelete.Restrict:
                        throw Faults.Restricted(table, id, relationship.SchemaName, relationship.ReferencingEntity);
                    case CascadeDelete.RemoveLink:
                        RemoveLinks(tx, relationship, children);
                        break;
                    default:
                        foreach (var child in children)
                        {
                            Store.Lock(tx, relationship.ReferencingEntity, child);
                            if (Store.Read(tx, relationship.ReferencingEntity, child) != null)
                            {
                                DeleteWithCascades(tx, relationship.ReferencingEntity, child, level + 1);
                            }
                        }

                        break;
                }
            }

            tx.Write(table, id, null, created: false);
            Sharing.RemoveSharesOf(_sandbox, tx, table, id);
            _sandbox.Metrics.Written(1);
        }

        /// <summary>
        /// The rows a deleted row's Cascade relationships reach, each deleted through its own pipeline before the row itself
        /// — a Delete by the same caller in the same transaction, at the request's depth, its steps run and its own
        /// relationships applied — as Microsoft Learn describes a cascade's rows ("the single-record update or delete, along
        /// with all associated plug-ins for that record, run synchronously"; a plug-in's exception or the caller's missing
        /// privilege on one of the rows fails the whole delete: "Asynchronous processing of cascading transactions"). So a
        /// post-operation Delete step of a child still finds the row being deleted (it goes after its children, as a
        /// database's foreign keys need). RemoveLink rows are unlinked without their steps (<see cref="BeforeDelete"/>):
        /// whether the platform runs Update steps for an unlinked row is not published.
        /// </summary>
        private void DeleteCascadeRows(Operation op, string table, Guid id, MessageEngine engine)
        {
            var tx = op.Transaction!;
            foreach (var relationship in Metadata.ReferencingRelationships(table).Where(r => r.OnDelete == CascadeDelete.Cascade))
            {
                foreach (var child in Store.ReferencingIds(tx, relationship.ReferencingEntity, relationship.ReferencingAttribute, table, id))
                {
                    RequireCascadeLevel(op.CascadeLevel, "delete", table, id);
                    Store.Lock(tx, relationship.ReferencingEntity, child);
                    if (Store.Exists(tx, relationship.ReferencingEntity, child))
                    {
                        engine.ExecuteInner(op, new DeleteRequest { Target = new EntityReference(relationship.ReferencingEntity, child) },
                            inBulk: false, out _, platformWrite: true, cascadeLevel: op.CascadeLevel + 1);
                    }
                }
            }
        }

        /// <summary>
        /// What Dataverse does for a deleted row before its stage 20 steps run: the Restrict relationships are checked
        /// ("verifies if there are any existing associating records before stage 20 (Pre Operation)") and the RemoveLink
        /// ones cleared ("the relationship attribute will be nulled by CRM between stage 10 and 20"), as Jonas Rapp (Microsoft
        /// MVP) describes the pipeline in "CRM 2011: Multiple Cascade Delete – part 1"; Microsoft's pages say nothing on when.
        /// So a pre-operation Delete step of a row another row restricts never runs, and one that queries the rows naming the
        /// deleted row by a RemoveLink lookup finds them unlinked already. When Dataverse deletes the Cascade rows is not
        /// published: they go in the main operation, before the row (<see cref="DeleteCascadeRows"/>).
        /// </summary>
        public void BeforeDelete(Operation op)
        {
            var target = Required<EntityReference>(op, "Target");
            RequireTable(target.LogicalName);
            var tx = op.Transaction!;
            Store.Lock(tx, target.LogicalName, target.Id);
            if (!Store.Exists(tx, target.LogicalName, target.Id))
            {
                throw Faults.DoesNotExist(target.LogicalName, target.Id);
            }
            foreach (var relationship in Metadata.ReferencingRelationships(target.LogicalName))
            {
                if (relationship.OnDelete is not (CascadeDelete.Restrict or CascadeDelete.RemoveLink))
                {
                    continue;
                }
                var children = Store.ReferencingIds(tx, relationship.ReferencingEntity, relationship.ReferencingAttribute, target.LogicalName, target.Id);
                if (children.Count == 0)
                {
                    continue;
                }
                if (relationship.OnDelete == CascadeDelete.Restrict)
                {
                    throw Faults.Restricted(target.LogicalName, target.Id, relationship.SchemaName, relationship.ReferencingEntity);
                }
                RemoveLinks(tx, relationship, children);
            }
        }

        private void RemoveLinks(Transaction tx, OneToManyMetadata relationship, List<Guid> children)
        {
            foreach (var child in children)
            {
                Store.Lock(tx, relationship.ReferencingEntity, child);
                var row = EntityCloner.Clone(Store.Read(tx, relationship.ReferencingEntity, child)!);
                row[relationship.ReferencingAttribute] = null;
                tx.Write(relationship.ReferencingEntity, child, row, created: false);
                _sandbox.Metrics.Written(1);
            }
        }

        /// <param name="freshId">
        /// The id was just generated here: no other transaction can know it, so there is nothing to lock against and no
        /// row that could already have it.
        /// </param>
        internal void Insert(Transaction tx, NewRow row, bool freshId = false)
        {
            if (!freshId)
            {
                Store.Lock(tx, row.LogicalName, row.Id);
                if (Store.Exists(tx, row.LogicalName, row.Id))
                {
                    throw Faults.Duplicate(row.LogicalName, row.Id);
                }
            }
            _sandbox.Regional.BeforeWrite(tx, row, row.Get<EntityReference>("createdby")?.Id ?? _sandbox.SystemUserId, create: true, written: null);
            tx.Write(row.LogicalName, row.Id, row, created: true);
            if (row.LogicalName == "systemuser" && Store.Read(tx, "usersettings", row.Id) == null)
            {
                var settings = _sandbox.Regional.NewUserSettings(row);
                tx.Write(settings.LogicalName, settings.Id, settings, created: true);
            }
        }

        public OrganizationResponse Update(Operation op, UpdateResponse response, MessageEngine engine)
        {
            // Only read (its values are copied into the row): the caller's own Entity until a step has asked for the copy.
            var target = RequiredGiven<Entity>(op, "Target");
            RequireTable(target.LogicalName);
            Metadata.ValidateWrite(target);
            Guid id = ResolveId(op.Transaction, target);
            op.EntityId = id;
            var previousOwner = OwnerBeforeAssign(op.Transaction!, target, id);
            var rules = SplitCalendarRules(target, out var columns);
            WriteColumns(op, target.LogicalName, id, columns.Attributes);
            if (rules != null)
            {
                ReplaceCalendarRules(op, id, rules);
            }
            CascadeAssign(op, target.LogicalName, id, previousOwner, engine);
            response.Results = op.Output;
            return response;
        }

        private void WriteColumns(Operation op, string table, Guid id, IEnumerable<KeyValuePair<string, object>> columns)
        {
            var tx = op.Transaction!;
            Store.Lock(tx, table, id);
            // The row is rewritten as a NewRow over the current values (stored values are never changed in place, so
            // they are not copied), as a create writes its row.
            var row = NewRow.FromRow(Store.ReadRow(tx, table, id) ?? throw Faults.DoesNotExist(table, id), id);
            RefuseChangesToClosedActivity(op, table, row, columns);
            RequireLookupTargets(tx, table, id, columns);
            if (row.Contains("ownerid") && columns.Any(c => c.Key.Equals("ownerid", StringComparison.OrdinalIgnoreCase) && c.Value == null))
            {
                // A user- or team-owned row always has an owner: the platform changes owners (Assign), never clears them.
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"The owner of {table} {id} cannot be cleared: a user- or team-owned record always has an owner (assign it to someone else instead).");
            }

            string pid = Metadata.PrimaryIdAttribute(table);
            bool stateWritten = false, statusWritten = false;
            var written = new List<string>();
            foreach (var pair in columns)
            {
                written.Add(pair.Key);
                stateWritten |= pair.Key.Equals("statecode", StringComparison.OrdinalIgnoreCase);
                statusWritten |= pair.Key.Equals("statuscode", StringComparison.OrdinalIgnoreCase);
                if (!pair.Key.Equals(pid, StringComparison.OrdinalIgnoreCase))
                {
                    row.Set(pair.Key, EntityCloner.CloneValue(pair.Value));
                }
            }
            _sandbox.ApplyUpdateDefaults(row, op.Caller.UserId, op.CreatedOn);
            if (stateWritten || statusWritten)
            {
                StateStatus.Apply(Metadata.Table(table), row, stateWritten, statusWritten);
            }
            _sandbox.Regional.BeforeWrite(tx, row, op.Caller.UserId, create: false, written);
            RequireUniqueKeys(tx, table, id, row, written);
            tx.Write(table, id, row, created: false);
            _sandbox.Metrics.Written(1);
        }

        public OrganizationResponse Delete(Operation op, DeleteResponse response, MessageEngine engine)
        {
            var target = Required<EntityReference>(op, "Target");
            RequireTable(target.LogicalName);
            var tx = op.Transaction!;
            Guid id = target.Id;
            Store.Lock(tx, target.LogicalName, id);
            if (Store.Read(tx, target.LogicalName, id) == null)
            {
                throw Faults.DoesNotExist(target.LogicalName, id);
            }
            DeleteCascadeRows(op, target.LogicalName, id, engine);
            DeleteWithCascades(tx, target.LogicalName, id, 0, linksApplied: true);
            response.Results = op.Output;
            return response;
        }

        public OrganizationResponse Retrieve(Operation op, RetrieveResponse response)
        {
            var target = Required<EntityReference>(op, "Target");
            RequireTable(target.LogicalName);
            var columns = op.Input.TryGetValue("ColumnSet", out var c) ? c as ColumnSet : null;
            if (columns == null)
            {
                // Dataverse refuses a Retrieve without a ColumnSet rather than guessing one.
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, "Required field 'ColumnSet' is missing");
            }
            if (!columns.AllColumns)
            {
                for (int i = 0; i < columns.Columns.Count; i++)
                {
                    if (!Metadata.ColumnExists(target.LogicalName, columns.Columns[i]))
                    {
                        throw Faults.UnknownAttribute(target.LogicalName, columns.Columns[i]);
                    }
                }
            }
            // The asked columns are copied straight from the row as it is held (no Entity of the whole row first).
            var row = Store.ReadRow(op.Transaction, target.LogicalName, target.Id) ?? throw Faults.DoesNotExist(target.LogicalName, target.Id);
            var result = EntityCloner.CloneColumns(row, target.Id, columns, Metadata.PrimaryIdAttribute(target.LogicalName));
            _sandbox.Decorate(result, op.Transaction);
            _sandbox.Metrics.Read(1);
            AddCalendarRules(op, result, columns);
            if (op.Input.TryGetValue("RelatedEntitiesQuery", out var asked) && asked is RelationshipQueryCollection related)
            {
                foreach (var pair in related)
                {
                    result.RelatedEntities[pair.Key] = RelatedRows(op, target, row, pair.Key, pair.Value);
                }
            }
            op.Output["Entity"] = result;
            response.Results = op.Output;
            return response;
        }

        /// <summary>
        /// A Retrieve's related rows (RetrieveRequest.RelatedEntitiesQuery): the rows of the query's table that the
        /// relationship ties to the retrieved row — its children over a one-to-many (for a self-referential one, when the
        /// relationship's PrimaryEntityRole is Referenced or unset), its parent over the other side (role Referencing), the rows
        /// associated with it over a many-to-many — that also meet the query, with its columns, order and top count, held to
        /// the caller's read access like a query of that table.
        /// </summary>
        private EntityCollection RelatedRows(Operation op, EntityReference target, object row, Relationship relationship, QueryBase asked)
        {
            if (asked is not QueryExpression query)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument,
                    $"The related rows of '{relationship.SchemaName}' must be asked for with a QueryExpression.");
            }
            RequireTable(query.EntityName);
            string table = target.LogicalName, other = query.EntityName;
            string otherId = Metadata.PrimaryIdAttribute(other);
            ConditionExpression tie;
            if (Metadata.OneToMany(relationship.SchemaName) is { } oneToMany)
            {
                bool children = oneToMany.ReferencedEntity.Equals(table, StringComparison.OrdinalIgnoreCase)
                    && oneToMany.ReferencingEntity.Equals(other, StringComparison.OrdinalIgnoreCase)
                    && relationship.PrimaryEntityRole != EntityRole.Referencing;
                bool parent = oneToMany.ReferencingEntity.Equals(table, StringComparison.OrdinalIgnoreCase)
                    && oneToMany.ReferencedEntity.Equals(other, StringComparison.OrdinalIgnoreCase)
                    && (!children || relationship.PrimaryEntityRole == EntityRole.Referencing);
                if (children && !parent)
                {
                    tie = new ConditionExpression(oneToMany.ReferencingAttribute, ConditionOperator.Equal, target.Id);
                }
                else if (parent)
                {
                    if (RowStore.ValueOf(row, oneToMany.ReferencingAttribute) is not EntityReference up)
                    {
                        return new EntityCollection { EntityName = other };
                    }
                    tie = new ConditionExpression(otherId, ConditionOperator.Equal, up.Id);
                }
                else
                {
                    throw Unrelated(relationship, table, other);
                }
            }
            else if (Metadata.ManyToMany(relationship.SchemaName) is { } manyToMany
                && (manyToMany.Entity1.Equals(table, StringComparison.OrdinalIgnoreCase) && manyToMany.Entity2.Equals(other, StringComparison.OrdinalIgnoreCase)
                    || manyToMany.Entity2.Equals(table, StringComparison.OrdinalIgnoreCase) && manyToMany.Entity1.Equals(other, StringComparison.OrdinalIgnoreCase)))
            {
                bool targetFirst = manyToMany.Entity1.Equals(table, StringComparison.OrdinalIgnoreCase);
                string mine = targetFirst ? manyToMany.Entity1Attribute : manyToMany.Entity2Attribute;
                string theirs = targetFirst ? manyToMany.Entity2Attribute : manyToMany.Entity1Attribute;
                var ids = Store.ScanRows(op.Transaction, manyToMany.IntersectEntity)
                    .Where(r => RowStore.ValueOf(r, mine) is Guid g && g == target.Id)
                    .Select(r => RowStore.ValueOf(r, theirs)).OfType<Guid>().Distinct().Cast<object>().ToArray();
                if (ids.Length == 0)
                {
                    return new EntityCollection { EntityName = other };
                }
                tie = new ConditionExpression(otherId, ConditionOperator.In, ids);
            }
            else
            {
                throw Unrelated(relationship, table, other);
            }

            // The caller's query is left as it was: a new one holds its parts and the tie.
            var tied = new QueryExpression(other) { ColumnSet = query.ColumnSet, Distinct = query.Distinct, TopCount = query.TopCount, PageInfo = query.PageInfo, NoLock = query.NoLock };
            tied.Criteria.AddFilter(query.Criteria);
            tied.Criteria.AddCondition(tie);
            foreach (var order in query.Orders) tied.Orders.Add(order);
            foreach (var link in query.LinkEntities) tied.LinkEntities.Add(link);
            var rows = _sandbox.RunQuery(new TransactionTableSource(_sandbox, op.Transaction), tied, op.Caller.UserId, _sandbox.Security.ReadableRows(op.Caller, op.Transaction));
            foreach (var entity in rows.Entities)
            {
                OmitNulls(entity);
            }
            _sandbox.Security.FilterRelatedRows(op.Caller, op.Transaction, other, rows);
            _sandbox.Metrics.Read(rows.Entities.Count);
            return rows;
        }

        private static SandboxFaultException Unrelated(Relationship relationship, string table, string other) =>
            new(ErrorCodes.InvalidArgument, $"The relationship '{relationship.SchemaName}' does not relate {table} to {other}: name a relationship between them and query the related table.");

        /// <summary>
        /// Dataverse returns no attribute for a column without a value: a column updated to null disappears from
        /// results (Contains is false), it is not returned as a key with a null value.
        /// </summary>
        private static void OmitNulls(Entity entity)
        {
            foreach (var key in entity.Attributes.Where(a => a.Value == null).Select(a => a.Key).ToList())
            {
                entity.Attributes.Remove(key);
            }
        }

        public OrganizationResponse RetrieveMultiple(Operation op, RetrieveMultipleResponse response)
        {
            var query = Required<QueryBase>(op, "Query");
            var source = new TransactionTableSource(_sandbox, op.Transaction);
            var collection = _sandbox.RunQuery(source, query, op.Caller.UserId, _sandbox.Security.ReadableRows(op.Caller, op.Transaction));
            foreach (var entity in collection.Entities)
            {
                OmitNulls(entity);
            }
            _sandbox.Metrics.Read(collection.Entities.Count);
            op.Output["EntityCollection"] = collection;
            response.Results = op.Output;
            return response;
        }

        public OrganizationResponse Associate(Operation op, OrganizationResponse response, bool associate)
        {
            var target = Required<EntityReference>(op, "Target");
            var relationship = Required<Relationship>(op, "Relationship");
            var related = Required<EntityReferenceCollection>(op, "RelatedEntities");
            var tx = op.Transaction!;
            foreach (var other in related)
            {
                var rel = Metadata.Relationship(relationship.SchemaName, target.LogicalName, other.LogicalName);
                bool targetFirst = target.LogicalName.Equals(rel.Entity1, StringComparison.OrdinalIgnoreCase);
                var (first, second) = targetFirst ? (target, other) : (other, target);
                EnsureIntersectTable(rel);
                foreach (var end in new[] { first, second })
                {
                    if (Store.Read(tx, end.LogicalName, end.Id) == null)
                    {
                        throw Faults.DoesNotExist(end.LogicalName, end.Id);
                    }
                }
                var existing = Store.ScanRows(tx, rel.IntersectEntity)
                    .Where(r => RowStore.ValueOf(r, rel.Entity1Attribute) is Guid one && one == first.Id && RowStore.ValueOf(r, rel.Entity2Attribute) is Guid two && two == second.Id)
                    .Select(RowStore.IdOf)
                    .ToList();
                if (associate)
                {
                    if (existing.Count > 0)
                    {
                        throw new SandboxFaultException(ErrorCodes.DuplicateRecord, "Cannot insert duplicate key.");
                    }
                    var row = new Entity(rel.IntersectEntity, _sandbox.RowIds.Next());
                    row[rel.IntersectEntity + "id"] = row.Id;
                    row[rel.Entity1Attribute] = first.Id;
                    row[rel.Entity2Attribute] = second.Id;
                    Insert(tx, NewRow.From(row, copyValues: false, room: 0));
                    _sandbox.Metrics.Written(1);
                }
                else
                {
                    foreach (var rowId in existing)
                    {
                        Store.Lock(tx, rel.IntersectEntity, rowId);
                        tx.Write(rel.IntersectEntity, rowId, null, created: false);
                        _sandbox.Metrics.Written(1);
                    }
                }
            }
            response.Results = op.Output;
            return response;
        }

        private void EnsureIntersectTable(ManyToManyMetadata rel)
        {
            if (Metadata.Table(rel.IntersectEntity) == null)
            {
                // An intersect table has no owner and no privileges of its own (Associate checks the two ends' Append).
                Metadata.AddTable(rel.IntersectEntity,
                    new ColumnMetadata(rel.Entity1Attribute, ColumnType.UniqueIdentifier),
                    new ColumnMetadata(rel.Entity2Attribute, ColumnType.UniqueIdentifier)).Ownership = TableOwnership.None;
            }
        }

        public OrganizationResponse SetState(Operation op, OrganizationResponse response)
        {
            var moniker = Required<EntityReference>(op, "EntityMoniker");
            var state = Required<OptionSetValue>(op, "State");
            var status = op.Input.TryGetValue("Status", out var s) && s is OptionSetValue st ? st : new OptionSetValue(-1);
            RequireTable(moniker.LogicalName);
            var columns = new Dictionary<string, object>
            {
                ["statecode"] = new OptionSetValue(state.Value),
                ["statuscode"] = new OptionSetValue(status.Value),
            };
            WriteColumns(op, moniker.LogicalName, moniker.Id, columns);
            response.Results = op.Output;
            return response;
        }

        public OrganizationResponse Upsert(Operation op, UpsertResponse response, MessageEngine engine)
        {
            var target = Required<Entity>(op, "Target");
            RequireTable(target.LogicalName);
            Guid? existing = target.KeyAttributes.Count > 0
                ? FindByKeys(op.Transaction, target.LogicalName, target.KeyAttributes)
                : target.Id != Guid.Empty && Store.Read(op.Transaction, target.LogicalName, target.Id) != null ? target.Id : null;
            var entity = EntityCloner.Clone(target);
            entity.KeyAttributes.Clear();
            bool created = existing == null;
            Guid id;
            if (created)
            {
                // A new row takes the key's values as its columns, as the platform does.
                foreach (var key in target.KeyAttributes)
                {
                    entity[key.Key] = EntityCloner.CloneValue(key.Value);
                }
                id = ((CreateResponse)engine.ExecuteInner(op, new CreateRequest { Target = entity })).id;
            }
            else
            {
                entity.Id = existing!.Value;
                engine.ExecuteInner(op, new UpdateRequest { Target = entity });
                id = existing.Value;
            }
            op.EntityId = id;
            op.Output["RecordCreated"] = created;
            var reference = new EntityReference(target.LogicalName, id);
            foreach (var key in target.KeyAttributes)
            {
                reference.KeyAttributes[key.Key] = key.Value;
            }
            op.Output["Target"] = reference;
            response.Results = op.Output;
            return response;
        }

        internal Guid ResolveId(Transaction? tx, Entity target)
        {
            if (target.Id != Guid.Empty)
            {
                return target.Id;
            }
            string pid = Metadata.PrimaryIdAttribute(target.LogicalName);
            if (target.Attributes.TryGetValue(pid, out var v) && v is Guid g && g != Guid.Empty)
            {
                return g;
            }
            if (target.KeyAttributes.Count > 0)
            {
                return FindByKeys(tx, target.LogicalName, target.KeyAttributes)
                    ?? throw new SandboxFaultException(ErrorCodes.RecordNotFoundByEntityKey,
                        $"A record with the specified key values does not exist in {target.LogicalName} entity");
            }
            throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"Entity Id must be specified for Update ({target.LogicalName}).");
        }

        /// <summary>The id a Target names (its id, its primary id column or its alternate key), or null when it names no existing row by key or no row at all.</summary>
        internal Guid? FindId(Transaction? tx, Entity target)
        {
            if (target.Id != Guid.Empty)
            {
                return target.Id;
            }
            string pid = Metadata.PrimaryIdAttribute(target.LogicalName);
            if (target.Attributes.TryGetValue(pid, out var v) && v is Guid g && g != Guid.Empty)
            {
                return g;
            }
            return target.KeyAttributes.Count > 0 ? FindByKeys(tx, target.LogicalName, target.KeyAttributes) : null;
        }

        /// <summary>
        /// An alternate key is a unique index: a save that would give a second row the values another row has for all of a
        /// key's columns is refused with the platform's DuplicateRecordEntityKey fault, worded as Dataverse words it (the
        /// columns and the key by their display names). A key with an empty column does not clash (the index leaves such
        /// rows out); an update is checked only for the keys it writes. Rows the transaction wrote count; seeded rows are
        /// data already there and are not checked when seeded. Each check reads the table, fine for the keyed tables of a
        /// test; a bulk load of many thousand keyed rows would want an index.
        /// </summary>
        private void RequireUniqueKeys(Transaction tx, string table, Guid id, IRowColumns row, IReadOnlyCollection<string>? written)
        {
            var metadata = Metadata.Table(table);
            if (metadata == null || metadata.AlternateKeys.Count == 0)
            {
                return;
            }
            foreach (var (name, columns) in metadata.AlternateKeys)
            {
                if (written != null && !Writes(written, columns))
                {
                    continue;
                }
                var values = new object?[columns.Length];
                bool complete = true;
                for (int i = 0; i < columns.Length && complete; i++)
                {
                    complete = row.TryGetValue(columns[i], out values[i]) && values[i] != null;
                }
                if (!complete)
                {
                    continue;
                }
                if (RowWithValues(tx, table, columns, values, except: id) != null)
                {
                    throw DuplicateKey(metadata, name, columns);
                }
            }
        }

        private static bool IsDefinedKey(TableMetadata metadata, KeyAttributeCollection keys)
        {
            foreach (var columns in metadata.AlternateKeys.Values)
            {
                if (columns.Length == keys.Count && columns.All(c => keys.Keys.Contains(c, StringComparer.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }
            return false;
        }

        // Loops, not lambdas: a lambda over a parameter makes its closure on every call, clash or not.
        private static bool Writes(IReadOnlyCollection<string> written, string[] columns)
        {
            foreach (var column in columns)
            {
                foreach (var name in written)
                {
                    if (string.Equals(name, column, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        // Apart from RequireUniqueKeys so that the closures naming the columns are made only when a key clashes, not on every save.
        private static SandboxFaultException DuplicateKey(TableMetadata metadata, string key, string[] columns)
        {
            static string Named(IReadOnlyDictionary<int, string>? labels, string fallback) =>
                labels != null && labels.TryGetValue(Regional.SandboxRegional.English, out var english) ? english : fallback;
            string columnNames = string.Join(", ", columns.Select(c => Named(metadata.Column(c)?.DisplayNames, c)));
            string keyName = Named(metadata.AlternateKeyDisplayNames.TryGetValue(key, out var labels) ? labels : null, key);
            return new SandboxFaultException(ErrorCodes.DuplicateKey,
                $"A record that has the attribute values {columnNames} already exists. The entity key {keyName} requires that this set of attributes contains unique values. Select unique values and try again.");
        }

        private Guid? FindByKeys(Transaction? tx, string table, KeyAttributeCollection keys)
        {
            foreach (var key in keys.Where(k => !Metadata.ColumnExists(table, k.Key)))
            {
                throw Faults.UnknownAttribute(table, key.Key);
            }
            // A row is found by an alternate key the table defines, not by any set of columns: the platform refuses the
            // others with EntityKeyNotDefined (Microsoft Learn, "Web service error codes": 0x80060890, "The specified key
            // attributes are not a defined key for the {0} entity"). A table lenient mode made up has no keys to check.
            if (Metadata.Table(table) is { IsInferred: false } metadata && !IsDefinedKey(metadata, keys))
            {
                throw new SandboxFaultException(ErrorCodes.EntityKeyNotDefined, $"The specified key attributes are not a defined key for the {table} entity");
            }
            return RowWithValues(tx, table, keys.Keys.ToArray(), keys.Values.ToArray(), except: null);
        }

        /// <summary>
        /// The first row (in the transaction's view) whose columns hold the given values as a key compares them — the one
        /// search behind finding a row by key and refusing a second row with the same key.
        /// </summary>
        private Guid? RowWithValues(Transaction? tx, string table, IReadOnlyList<string> columns, IReadOnlyList<object?> values, Guid? except)
        {
            foreach (var row in Store.ScanRows(tx, table))
            {
                var id = RowStore.IdOf(row);
                if (id == except)
                {
                    continue;
                }
                bool same = true;
                for (int i = 0; i < columns.Count && same; i++)
                {
                    same = ValueComparer.KeyEquals(RowStore.ValueOf(row, columns[i]), values[i]);
                }
                if (same)
                {
                    return id;
                }
            }
            return null;
        }

        private void RequireTable(string? logicalName)
        {
            if (string.IsNullOrEmpty(logicalName) || !Metadata.TableExists(logicalName))
            {
                throw Faults.UnknownEntity(logicalName ?? "(null)");
            }
        }

        private static T Required<T>(Operation op, string name) where T : class => Required<T>(op, op.Input, name);

        /// <summary>A parameter read through <see cref="Operation.Given"/>: the caller's own object until the pipeline has a copy, so only read it.</summary>
        private static T RequiredGiven<T>(Operation op, string name) where T : class => Required<T>(op, op.Given, name);

        private static T Required<T>(Operation op, ParameterCollection parameters, string name) where T : class =>
            parameters.TryGetValue(name, out var value) && value is T typed
                ? typed
                : throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"{op.Message}: the parameter '{name}' is missing or is not a {typeof(T).Name}.");
    }

    /// <summary>How key values compare: by id, by option value, strings case-insensitively (SQL's collation).</summary>
    internal static class ValueComparer
    {
        public static bool KeyEquals(object? stored, object? given) => (stored, given) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            (EntityReference a, EntityReference b) => a.Id == b.Id,
            (EntityReference a, Guid b) => a.Id == b,
            (OptionSetValue a, OptionSetValue b) => a.Value == b.Value,
            (OptionSetValue a, int b) => a.Value == b,
            (Money a, Money b) => a.Value == b.Value,
            (string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
            _ => stored.Equals(given),
        };
    }
}
