using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// Merge (Microsoft Learn, "Merge table rows using the Web API"; the organization service's MergeRequest): "Merging will
    /// move any data from the Subordinate record to the Target and then deactivate the Subordinate record." Parameters
    /// Target (a reference), SubordinateId, UpdateContent (columns to set on the target, optional) and
    /// PerformParentingChecks. Modelled for account and contact, whose merges "are performed with a system user security
    /// context" once the caller has passed the check on both rows (read and write, <see cref="SandboxSecurity"/>), and for
    /// incident, whose "Merge behavior … is different": "The UpdateContent parameter data is not used" and "Merge is
    /// performed in the security context of the user … If the user merging records doesn't have privileges for all the
    /// actions contained within the merge operation, the merge operation will fail and roll back".
    /// In the request's transaction, after its pre-operation steps:
    /// <list type="number">
    /// <item>UpdateContent's columns are written to the target (not for incident);</item>
    /// <item>every row that references the subordinate through a relationship is pointed at the target — "For referenced
    /// tables that can be merged, Cascade is the only valid option" ("Configure table relationship cascading behavior") —
    /// each through its own pipeline as an Update of that lookup, by the system (by the caller for incident) ("the
    /// single-record update or delete, along with all associated plug-ins for that record", "Asynchronous processing of
    /// cascading transactions"), closed activities included;</item>
    /// <item>the subordinate is deactivated: state 1, status 2; a case is canceled with the status reason Merged (state 2,
    /// status 2000, the incident table's own "Merged" status).</item>
    /// </list>
    /// Whether the platform runs the target's and subordinate's own Update steps for steps 1 and 3 is not published: the
    /// sandbox writes them as the platform's own, without steps, so a plug-in that must react to a merge registers on
    /// Merge. Not modelled: the parenting check, lead merges, the masterid and merged columns.
    /// </summary>
    internal sealed partial class CoreOperations
    {
        private static readonly HashSet<string> MergeableTables = new(StringComparer.OrdinalIgnoreCase) { "account", "contact", "incident" };

        public OrganizationResponse Merge(Operation op, OrganizationResponse response, MessageEngine engine)
        {
            var target = Required<EntityReference>(op, "Target");
            RequireTable(target.LogicalName);
            if (!MergeableTables.Contains(target.LogicalName))
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument,
                    $"Merge of {target.LogicalName} is not modelled by the sandbox: Dataverse merges account, contact, lead (Sales) and incident (Customer Service); the sandbox merges account, contact and incident.");
            }
            if (!op.Input.TryGetValue("SubordinateId", out var s) || s is not Guid subordinateId || subordinateId == Guid.Empty)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, "Merge needs SubordinateId: the id of the record to merge into the Target.");
            }
            if (subordinateId == target.Id)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"Merge cannot merge {target.LogicalName} {target.Id} with itself: choose two different records.");
            }

            var tx = op.Transaction!;
            string table = target.LogicalName;
            foreach (var id in new[] { target.Id, subordinateId })
            {
                Store.Lock(tx, table, id);
                if (!Store.Exists(tx, table, id))
                {
                    throw Faults.DoesNotExist(table, id);
                }
            }

            bool isCase = string.Equals(table, "incident", StringComparison.OrdinalIgnoreCase);
            if (!isCase && op.Input.TryGetValue("UpdateContent", out var c) && c is Entity content && content.Attributes.Count > 0)
            {
                var columns = new Entity(table, target.Id);
                string pid = Metadata.PrimaryIdAttribute(table);
                foreach (var pair in content.Attributes.Where(a => !a.Key.Equals(pid, StringComparison.OrdinalIgnoreCase)))
                {
                    columns[pair.Key] = pair.Value;
                }
                Metadata.ValidateWrite(columns);
                WriteColumns(op, table, target.Id, columns.Attributes);
            }

            foreach (var relationship in Metadata.ReferencingRelationships(table))
            {
                foreach (var child in Store.ReferencingIds(tx, relationship.ReferencingEntity, relationship.ReferencingAttribute, table, subordinateId))
                {
                    if (child == target.Id && string.Equals(relationship.ReferencingEntity, table, StringComparison.OrdinalIgnoreCase))
                    {
                        continue; // the target itself (a child of the subordinate): it cannot become its own parent
                    }
                    var moved = new Entity(relationship.ReferencingEntity, child) { [relationship.ReferencingAttribute] = new EntityReference(table, target.Id) };
                    engine.ExecuteInner(op, new UpdateRequest { Target = moved }, inBulk: false, out _, platformWrite: true,
                        cascadeLevel: op.CascadeLevel + 1, asUser: isCase ? null : _sandbox.SystemUserId);
                }
            }

            WriteColumns(op, table, subordinateId, new Dictionary<string, object>
            {
                ["statecode"] = new OptionSetValue(isCase ? 2 : 1),
                ["statuscode"] = new OptionSetValue(isCase ? 2000 : 2),
            });
            response.Results = op.Output;
            return response;
        }
    }
}
