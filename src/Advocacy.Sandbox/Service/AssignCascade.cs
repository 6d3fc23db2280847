using System;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// Assigning a row (an Update of ownerid, which is what Assign is) applies the one-to-many relationships'
    /// CascadeAssign in the same transaction, as Dataverse does (Microsoft Learn, "Configure table relationship cascading
    /// behavior"): Cascade gives every referencing row to the new owner, Active only the active ones, UserOwned only those
    /// the referenced row's previous owner owned, NoCascade none; each reassigned row cascades further over its own
    /// relationships. Only relationships the metadata defines are applied: the solution's own (all NoCascade) and the
    /// standard ones among the standard tables (<see cref="StandardRelationships"/>: e.g. Account_Tasks, Cascade, so an
    /// account's tasks, open or completed, go to its new owner). The cascaded writes run
    /// no plug-in steps in the sandbox, as its delete cascades do not (README: differences from Dataverse).
    /// </summary>
    internal sealed partial class CoreOperations
    {
        private const int MaxCascadeLevels = 32;

        private EntityReference? OwnerBeforeAssign(Transaction tx, Entity target, Guid id) =>
            target.Attributes.TryGetValue("ownerid", out var owner) && owner is EntityReference
                ? Store.ReadValue(tx, target.LogicalName, id, "ownerid") as EntityReference
                : null;

        private void CascadeAssign(Operation op, string table, Guid id, EntityReference? previousOwner)
        {
            // Read only (the children get a copy of the new owner): the caller's Target until a step asked for the copy.
            if (previousOwner == null || op.GivenTarget?.GetAttributeValue<EntityReference>("ownerid") is not EntityReference newOwner
                || newOwner.Id == previousOwner.Id)
            {
                return;
            }
            CascadeAssign(op, table, id, previousOwner, newOwner, 0);
        }

        private void CascadeAssign(Operation op, string table, Guid id, EntityReference previousOwner, EntityReference newOwner, int level)
        {
            if (level > MaxCascadeLevels)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"Cascade assign from {table} {id} goes deeper than {MaxCascadeLevels} levels; the relationships form a cycle.");
            }

            var tx = op.Transaction!;
            foreach (var relationship in Metadata.ReferencingRelationships(table).Where(r => r.OnAssign != Advocacy.Sandbox.CascadeAssign.NoCascade))
            {
                if (Metadata.Table(relationship.ReferencingEntity)?.HasColumn("ownerid") != true)
                {
                    continue; // organisation-owned rows have no owner to change
                }

                var children = Store.ReferencingIds(tx, relationship.ReferencingEntity, relationship.ReferencingAttribute, table, id, r => relationship.OnAssign switch
                {
                    Advocacy.Sandbox.CascadeAssign.Active => ((RowStore.ValueOf(r, "statecode") as OptionSetValue)?.Value ?? 0) == 0,
                    Advocacy.Sandbox.CascadeAssign.UserOwned => (RowStore.ValueOf(r, "ownerid") as EntityReference)?.Id == previousOwner.Id,
                    _ => true,
                });

                foreach (var childId in children)
                {
                    Store.Lock(tx, relationship.ReferencingEntity, childId);
                    var current = Store.Read(tx, relationship.ReferencingEntity, childId);
                    var childOwner = current?.GetAttributeValue<EntityReference>("ownerid");
                    if (current == null || childOwner?.Id == newOwner.Id)
                    {
                        continue;
                    }

                    var row = EntityCloner.Clone(current);
                    row["ownerid"] = EntityCloner.CloneValue(newOwner);
                    _sandbox.ApplyUpdateDefaults(new EntityColumns(row), op.Caller.UserId, op.CreatedOn);
                    tx.Write(relationship.ReferencingEntity, childId, row, created: false);
                    _sandbox.Metrics.Written(1);
                    CascadeAssign(op, relationship.ReferencingEntity, childId, childOwner ?? previousOwner, newOwner, level + 1);
                }
            }
        }
    }
}
