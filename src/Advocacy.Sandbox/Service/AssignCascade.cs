using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// Assigning a row (an Update of ownerid, which is what Assign is) applies the one-to-many relationships'
    /// CascadeAssign in the same transaction, as Dataverse does (Microsoft Learn, "Configure table relationship cascading
    /// behavior"): Cascade gives every referencing row to the new owner, Active only the active ones, UserOwned only those
    /// the referenced row's previous owner owned, NoCascade none; each reassigned row cascades further over its own
    /// relationships. Only relationships the metadata defines are applied: the solution's own (all NoCascade) and the
    /// standard ones among the standard tables (<see cref="StandardRelationships"/>: e.g. Account_Tasks, Cascade, so an
    /// account's tasks, open or completed, go to its new owner).
    /// Each reassigned row is written through its own pipeline, as an Update of its ownerid by the same caller in the same
    /// transaction: Microsoft Learn ("Asynchronous processing of cascading transactions") says of a cascade's rows that
    /// "the single-record update or delete, along with all associated plug-ins for that record, run synchronously", that
    /// a plug-in exception fails the cascading operation, and that a cascade fails when "the user who executed the cascading
    /// operation has insufficient privileges to make a change to one or more records" — so the row's Update steps run, and
    /// under security the caller needs Assign on it. The row's steps run at the request's depth: Depth counts calls a
    /// plug-in or workflow makes (Learn, IExecutionContext.Depth), and a cascade is the platform's own.
    /// </summary>
    internal sealed partial class CoreOperations
    {
        private const int MaxCascadeLevels = 32;

        /// <summary>Refuses a cascade that goes on past <see cref="MaxCascadeLevels"/>: the relationships form a cycle.</summary>
        private static void RequireCascadeLevel(int level, string action, string table, Guid id)
        {
            if (level >= MaxCascadeLevels)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"Cascade {action} from {table} {id} goes deeper than {MaxCascadeLevels} levels; the relationships form a cycle.");
            }
        }

        private EntityReference? OwnerBeforeAssign(Transaction tx, Entity target, Guid id) =>
            target.Attributes.TryGetValue("ownerid", out var owner) && owner is EntityReference
                ? Store.ReadValue(tx, target.LogicalName, id, "ownerid") as EntityReference
                : null;

        private void CascadeAssign(Operation op, string table, Guid id, EntityReference? previousOwner, MessageEngine engine)
        {
            // Read only (the children get a copy of the new owner): the caller's Target until a step asked for the copy.
            if (previousOwner == null || op.GivenTarget?.GetAttributeValue<EntityReference>("ownerid") is not EntityReference newOwner
                || newOwner.Id == previousOwner.Id)
            {
                return;
            }
            RequireCascadeLevel(op.CascadeLevel, "assign", table, id);

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
                    var childOwner = Store.ReadValue(tx, relationship.ReferencingEntity, childId, "ownerid") as EntityReference;
                    if (childOwner == null || childOwner.Id == newOwner.Id)
                    {
                        continue; // gone, or already the new owner's: "Assign … will not execute" on the same value (Learn)
                    }

                    var assign = new Entity(relationship.ReferencingEntity, childId) { ["ownerid"] = EntityCloner.CloneValue(newOwner) };
                    engine.ExecuteInner(op, new UpdateRequest { Target = assign }, inBulk: false, out _, platformWrite: true, cascadeLevel: op.CascadeLevel + 1);
                }
            }
        }
    }
}
