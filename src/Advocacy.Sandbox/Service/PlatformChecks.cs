using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// What the platform does to an operation after its stage 10 steps and before its stage 20 steps, inside the transaction:
    /// a Delete's Restrict and RemoveLink relationships (<see cref="BeforeDelete"/>), the refusal Microsoft's own
    /// pre-operation step on a case's Update makes when the case is closed, and the refusal to resolve a case any other
    /// way than CloseIncident (which is carried out here too).
    /// </summary>
    internal sealed partial class CoreOperations
    {
        // What a closed case still takes: its state (reopening) and its owner (an assignment: Assign has been a message of
        // its own, and whether the platform refuses it on a closed case is not published, so the sandbox does not).
        private static readonly string[] ClosedCaseColumns = { "statecode", "statuscode", "ownerid", "incidentid" };

        public void BeforePreOperation(Operation op)
        {
            switch (op.MessageKey)
            {
                case "delete":
                    BeforeDelete(op);
                    break;
                // Only cases have rules of their own on Update and SetState; every other table's write passes on a name comparison.
                case "update" when IsCase(op):
                    RefuseChangesToClosedCase(op);
                    RefuseResolvingWithoutCloseIncident(op, (op.GivenTarget?.Attributes.TryGetValue("statecode", out var state) == true ? state : null) as OptionSetValue);
                    break;
                case "setstate" or "setstatedynamicentity" when IsCase(op):
                    RefuseResolvingWithoutCloseIncident(op, op.Given.TryGetValue("State", out var given) ? given as OptionSetValue : null);
                    break;
            }
        }

        /// <summary>
        /// A message naming a table that does not take it (<see cref="TableMetadata.Messages"/>) is refused before any step
        /// runs: the platform finds no message processor for the pair, so no pipeline exists for it.
        /// </summary>
        public static void RequireMessageSupported(Operation op, SandboxMetadata metadata)
        {
            if (op.Entity is { } table && metadata.Table(table)?.Messages is { } messages && !messages.Contains(op.Message))
            {
                throw Faults.MessageNotSupported(op.Message, table);
            }
        }

        private static bool IsCase(Operation op) => string.Equals(op.Entity, "incident", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// A case is resolved with CloseIncident, which records how (the incidentresolution) and then changes the state: an
        /// Update or SetState that sets a case's state to Resolved (1) is refused with the platform's words
        /// (<see cref="Faults.UseCloseIncident"/>). Canceling (2) and reopening (0) are state changes like any other.
        /// </summary>
        private static void RefuseResolvingWithoutCloseIncident(Operation op, OptionSetValue? state)
        {
            if (state is { Value: 1 } && !op.PlatformWrite)
            {
                throw Faults.UseCloseIncident();
            }
        }

        /// <summary>
        /// CloseIncident (Microsoft Learn, "CloseIncidentRequest"): creates the IncidentResolution — through its own Create
        /// pipeline, so its steps run — and then sets the case Resolved with the given Status through an Update, in the
        /// request's transaction. The Update's steps see the resolution already written (a plug-in on the case's Update
        /// "can retrieve and delete the IncidentResolution that caused the state change", as reported of Dataverse in
        /// XrmMockup's issue 208). A case that is not active is refused with CaseAlreadyResolved (the fault DLaB.Xrm's
        /// issue 3 quotes for closing a closed case); a Status of another state with the platform's state/status fault.
        /// Steps registered for this request run under its request name, CloseIncident.
        /// </summary>
        public OrganizationResponse CloseIncident(Operation op, OrganizationResponse response, MessageEngine engine)
        {
            var resolution = Required<Entity>(op, "IncidentResolution");
            var status = Required<OptionSetValue>(op, "Status");
            if (!string.Equals(resolution.LogicalName, "incidentresolution", StringComparison.OrdinalIgnoreCase))
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"CloseIncident: the IncidentResolution must be an incidentresolution, not a '{resolution.LogicalName}'.");
            }
            var incident = resolution.GetAttributeValue<EntityReference>("incidentid")
                ?? throw new SandboxFaultException(ErrorCodes.InvalidArgument, "CloseIncident: the IncidentResolution must name its case in incidentid.");
            var tx = op.Transaction!;
            Store.Lock(tx, "incident", incident.Id);
            if (!Store.Exists(tx, "incident", incident.Id))
            {
                throw Faults.DoesNotExist("incident", incident.Id);
            }
            if (Store.ReadValue(tx, "incident", incident.Id, "statecode") is OptionSetValue { Value: not 0 })
            {
                throw Faults.CaseAlreadyResolved();
            }
            engine.ExecuteInner(op, new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = EntityCloner.Clone(resolution) });
            var resolved = new Entity("incident", incident.Id)
            {
                ["statecode"] = new OptionSetValue(1),
                ["statuscode"] = new OptionSetValue(status.Value),
            };
            engine.ExecuteInner(op, new Microsoft.Xrm.Sdk.Messages.UpdateRequest { Target = resolved }, inBulk: false, out _, platformWrite: true);
            op.EntityId = incident.Id;
            response.Results = op.Output;
            return response;
        }

        /// <summary>
        /// "Completed and canceled tasks are read-only and can't be edited" (Microsoft Learn, "Task table/entity reference",
        /// statecode): a closed row of an activity table takes no change but reopening (its state set back to Open) and a new
        /// owner. Anything else fails with the platform's words, "Cannot update Closed or Cancelled Activity" (as real faults
        /// quote them: Microsoft.Xrm.Data.PowerShell's issue 222, updating closed activities; the same words for a SetState
        /// from one closed state to another of a closed quote close). The check is of the columns the core operation writes,
        /// so a column a pre-operation step adds to the Target counts as the caller's. An Update that reopens and changes other
        /// columns fails too: the platform writes the other columns first (<see cref="SpecializedUpdate"/>). Owner changes
        /// pass, as the platform's cascade assign passes them on to completed activities. The fault's code is in no list
        /// Microsoft publishes: InvalidArgument here.
        /// </summary>
        private void RefuseChangesToClosedActivity(Operation op, string table, NewRow current, IEnumerable<KeyValuePair<string, object>> columns)
        {
            if (op.PlatformWrite || Metadata.Table(table) is not { IsActivity: true } || !current.TryGetValue("statecode", out var state) || state is not OptionSetValue { Value: not 0 })
            {
                return;
            }
            // What a closed activity still takes: its owner (the platform's own Cascade All assign moves completed activities
            // to the new owner of the row they regard), and its state and status when it goes back to Open — a status alone,
            // or a closed state, is a move from one closed state to another.
            bool reopens = columns.Any(c => c.Key.Equals("statecode", StringComparison.OrdinalIgnoreCase) && c.Value is OptionSetValue { Value: 0 });
            string pid = Metadata.PrimaryIdAttribute(table);
            foreach (var pair in columns)
            {
                bool allowed = pair.Key.Equals(pid, StringComparison.OrdinalIgnoreCase)
                    || pair.Key.Equals("ownerid", StringComparison.OrdinalIgnoreCase)
                    || (reopens && (pair.Key.Equals("statecode", StringComparison.OrdinalIgnoreCase) || pair.Key.Equals("statuscode", StringComparison.OrdinalIgnoreCase)));
                if (!allowed)
                {
                    throw Faults.ClosedActivity();
                }
            }
        }

        /// <summary>
        /// A resolved or canceled case takes no change but of its state (and its owner, below): an Update that sets any other column fails with
        /// CaseAlreadyResolved, raised by Microsoft's PreOperationIncidentUpdate step (its trace, posted to XrmMockup's issue
        /// 78 "Inactive incidents can be modified through Mockup", shows it for an inactive case changed through the SDK).
        /// Reopening (an Update of statecode and statuscode only, or SetState) is how a case is changed again; the platform
        /// splits an Update of both kinds (<see cref="SpecializedUpdate"/>) and the other columns' pass comes first, so
        /// that Update fails too. Other tables' inactive rows stay writable through the SDK, as on the platform
        /// (FakeXrmEasy's issue 214: contacts and custom tables).
        /// </summary>
        private void RefuseChangesToClosedCase(Operation op)
        {
            if (op.GivenTarget is not { } target || op.EntityId == Guid.Empty)
            {
                return;
            }
            // Logical names, compared as the platform's attribute collection holds them (as SpecializedUpdate does).
            bool changesMore = target.Attributes.Keys.Any(column => Array.IndexOf(ClosedCaseColumns, column) < 0);
            if (changesMore && Store.ReadValue(op.Transaction, "incident", op.EntityId, "statecode") is OptionSetValue { Value: not 0 })
            {
                throw Faults.CaseAlreadyResolved();
            }
        }
    }
}
