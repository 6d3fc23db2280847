using System;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// What the platform does to an operation after its stage 10 steps and before its stage 20 steps, inside the transaction:
    /// a Delete's Restrict and RemoveLink relationships (<see cref="BeforeDelete"/>), and the refusal Microsoft's own
    /// pre-operation step on a case's Update makes when the case is closed.
    /// </summary>
    internal sealed partial class CoreOperations
    {
        private static readonly string[] StateFields = { "statecode", "statuscode" };

        public void BeforePreOperation(Operation op)
        {
            switch (op.MessageKey)
            {
                case "delete":
                    BeforeDelete(op);
                    break;
                case "update":
                    RefuseChangesToClosedCase(op);
                    break;
            }
        }

        /// <summary>
        /// A resolved or canceled case takes no change but of its state: an Update that sets any other column fails with
        /// CaseAlreadyResolved, raised by Microsoft's PreOperationIncidentUpdate step (its trace, posted to XrmMockup's issue
        /// 78 "Inactive incidents can be modified through Mockup", shows it for an inactive case changed through the SDK).
        /// Reopening (an Update of statecode and statuscode only, or SetState) is how a case is changed again; the platform
        /// splits an Update of both kinds (<see cref="SpecializedUpdate"/>) and the other columns' pass comes first, so
        /// that Update fails too. Other tables' inactive rows stay writable through the SDK, as on the platform
        /// (FakeXrmEasy's issue 214: contacts and custom tables).
        /// </summary>
        private void RefuseChangesToClosedCase(Operation op)
        {
            if (op.GivenTarget is not { } target || op.EntityId == Guid.Empty
                || !string.Equals(target.LogicalName, "incident", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
            bool changesMore = false;
            foreach (var column in target.Attributes.Keys)
            {
                if (Array.IndexOf(StateFields, column) < 0 && !column.Equals("incidentid", StringComparison.OrdinalIgnoreCase))
                {
                    changesMore = true;
                    break;
                }
            }
            if (changesMore && Store.ReadValue(op.Transaction, "incident", op.EntityId, "statecode") is OptionSetValue { Value: not 0 })
            {
                throw Faults.CaseAlreadyResolved();
            }
        }
    }
}
