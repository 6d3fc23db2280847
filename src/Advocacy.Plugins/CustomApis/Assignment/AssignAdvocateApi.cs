using System;
using Advocacy.Plugins.Application.Assignment;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Plugins;
using Advocacy.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Advocacy.Plugins.Domain.Words;
using Advocacy.Plugins.Domain;

namespace Advocacy.Plugins.CustomApis.Assignment
{
    /// <summary>
    /// adv_AssignAdvocate: runs the assignment policy for one account (sticky when the current advocate may stay,
    /// else choose; none eligible → unassigned task for the owner) in one transaction, for Power Automate, the
    /// workflow activity's callers and the deactivation batches. Thin over <see cref="AssignAdvocate.Assign"/>.
    /// </summary>
    [CustomApi(AssignAdvocateNames.Message, "Assign advocate", "Chooses (or keeps) the account's advocate by the advocacy policy and returns the advocate, the reason and whether it changed.",
        ExecutePrivilegeName = CustomApiPrivileges.ManageAdvocacy, GermanDisplayName = "Kundenfürsprecher zuweisen",
        GermanDescription = "Wählt (oder behält) den Kundenfürsprecher der Firma nach der Kundenfürsprache-Richtlinie und gibt den Kundenfürsprecher, den Grund und eine etwaige Änderung zurück.")]
    [CustomApiParameter(AssignAdvocateNames.Account, CustomApiFieldType.EntityReference, "The account to assign.", LogicalEntityName = "account", GermanDescription = "Die Firma, der ein Kundenfürsprecher zugewiesen werden soll.")]
    [CustomApiResponse(AssignAdvocateNames.Advocate, CustomApiFieldType.EntityReference, "The account's advocate afterwards; empty when none is eligible.", LogicalEntityName = "adv_advocate", GermanDescription = "Der Kundenfürsprecher der Firma danach; leer, wenn keiner infrage kommt.")]
    [CustomApiResponse(AssignAdvocateNames.Reason, CustomApiFieldType.String, "One line explaining the choice, in English (for logs and flows).", GermanDescription = "Eine Zeile, die die Wahl begründet, auf Englisch (für Protokolle und Flows).")]
    [CustomApiResponse(AssignAdvocateNames.ReasonText, CustomApiFieldType.String, "The same line in the caller's language, to show to them.", GermanDescription = "Dieselbe Zeile in der Sprache des Aufrufers, um sie ihm zu zeigen.")]
    [CustomApiResponse(AssignAdvocateNames.Changed, CustomApiFieldType.Boolean, "Whether the account's advocate changed.", GermanDescription = "Ob sich der Kundenfürsprecher der Firma geändert hat.")]
    public sealed class AssignAdvocateApi : AdvocacyPlugin
    {
        // Called from flows, activities and the async batches at any depth; its own writes do not trigger it.
        protected override int MaxDepth => 8;

        protected override void Execute(PluginContext context)
        {
            var account = context.Input<EntityReference>(AssignAdvocateNames.Account);
            if (account == null || account.LogicalName != "account" || account.Id == Guid.Empty)
            {
                throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorAssignAdvocateNeedsAccount));
            }

            var result = new AssignAdvocate(context).AssignForCaller(account.Id, AssignAdvocateNames.Message);
            var output = context.Execution.OutputParameters;
            output[AssignAdvocateNames.Advocate] = result.AdvocateId.HasValue ? new EntityReference("adv_advocate", result.AdvocateId.Value) { Name = result.Advocate!.Name } : null;
            output[AssignAdvocateNames.Reason] = result.Reason;
            output[AssignAdvocateNames.ReasonText] = result.ReasonForCaller;
            output[AssignAdvocateNames.Changed] = result.Changed;
        }
    }
}
