using System.Collections.Generic;
using System.Linq;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The platform's one-to-many relationships among the standard tables the sandbox declares, with the Assign and
    /// Delete cascades Microsoft publishes for them, so that deleting or assigning an account, contact, case or order
    /// does to its tasks, cases, resolutions and child rows what Dataverse does. Only relationships whose referencing
    /// column <see cref="StandardTables"/> declares are listed. A solution that defines a relationship of the same schema
    /// name replaces it (<see cref="SandboxMetadata.AddRelationship(OneToManyMetadata)"/> is keyed by schema name and the
    /// solution folders are read after these).
    /// <para>
    /// Sources (the "CascadeConfiguration" row of each relationship):
    /// Microsoft Learn, "Account table/entity reference" (learn.microsoft.com/power-apps/developer/data-platform/reference/entities/account;
    /// MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/reference/entities/account.md): Account_Tasks,
    /// account_parent_account, contact_customer_accounts, account_primary_contact;
    /// "Contact table/entity reference" (…/reference/entities/contact; powerapps-docs, …/entities/contact.md): Contact_Tasks,
    /// contact_customer_contacts;
    /// "Task table/entity reference" (…/reference/entities/task): Incident_Tasks, SalesOrder_Tasks;
    /// "Incident (Case) table/entity reference" (…/reference/entities/incident; Dynamics 365 Customer Engagement,
    /// MicrosoftDocs/dynamics-365-customer-engagement, ce/developer/entities/incident.md): incident_customer_accounts,
    /// incident_customer_contacts, contact_as_primary_contact, incident_parent_incident, subject_incidents,
    /// Incident_IncidentResolutions;
    /// "SalesOrder table/entity reference" (…/reference/entities/salesorder): order_customer_accounts, order_customer_contacts.
    /// </para>
    /// <para>
    /// Share is modelled too (<see cref="OneToManyMetadata.OnShare"/>: a child inherits its parent's shares): Cascade on
    /// every relationship here whose Assign is Cascade — the parental ones, whose rows read "Assign: Cascade … Share:
    /// Cascade, Unshare: Cascade" (Account_Tasks, account_parent_account, contact_customer_accounts, …) — and NoCascade on
    /// the others. Merge, Reparent, Archive and RollupView are published but not modelled: the sandbox has no merge or
    /// archive, and reparenting (the inherited access a new parent's owner gets) is not modelled.
    /// Left out on purpose: the ownership relationships (user_/team_/business_unit_… over owninguser, owningteam,
    /// owningbusinessunit: NoCascade apart from Restrict on a business unit's delete, and the sandbox deletes no users,
    /// teams or business units), the audit lookups (lk_…_createdby/modifiedby: NoCascade) and activitypointer's
    /// Account_ActivityPointers (the sandbox stores tasks, not activity pointers).
    /// </para>
    /// </summary>
    internal static class StandardRelationships
    {
        public static IEnumerable<OneToManyMetadata> All() => new[]
        {
            // Activities follow the row they are regarding: Cascade on assign (all of them, open or closed) and delete.
            Rel("Account_Tasks", "account", "task", "regardingobjectid", CascadeAssign.Cascade, CascadeDelete.Cascade),
            Rel("Contact_Tasks", "contact", "task", "regardingobjectid", CascadeAssign.Cascade, CascadeDelete.Cascade),
            Rel("Incident_Tasks", "incident", "task", "regardingobjectid", CascadeAssign.Cascade, CascadeDelete.Cascade),
            Rel("SalesOrder_Tasks", "salesorder", "task", "regardingobjectid", CascadeAssign.Cascade, CascadeDelete.Cascade),
            Rel("Incident_IncidentResolutions", "incident", "incidentresolution", "incidentid", CascadeAssign.Cascade, CascadeDelete.Cascade),

            Rel("account_parent_account", "account", "account", "parentaccountid", CascadeAssign.Cascade, CascadeDelete.RemoveLink),
            Rel("account_primary_contact", "contact", "account", "primarycontactid", CascadeAssign.NoCascade, CascadeDelete.RemoveLink),
            Rel("contact_customer_accounts", "account", "contact", "parentcustomerid", CascadeAssign.Cascade, CascadeDelete.Cascade),
            Rel("contact_customer_contacts", "contact", "contact", "parentcustomerid", CascadeAssign.Cascade, CascadeDelete.RemoveLink),

            Rel("incident_customer_accounts", "account", "incident", "customerid", CascadeAssign.Cascade, CascadeDelete.Cascade),
            Rel("incident_customer_contacts", "contact", "incident", "customerid", CascadeAssign.Cascade, CascadeDelete.Cascade),
            Rel("contact_as_primary_contact", "contact", "incident", "primarycontactid", CascadeAssign.NoCascade, CascadeDelete.RemoveLink),
            Rel("incident_parent_incident", "incident", "incident", "parentcaseid", CascadeAssign.NoCascade, CascadeDelete.Cascade),
            Rel("subject_incidents", "subject", "incident", "subjectid", CascadeAssign.NoCascade, CascadeDelete.Restrict),

            // A calendar's rules go with it; a rule whose inner calendar is deleted loses the link (Microsoft Learn, Calendar
            // Rule reference: calendar_calendar_rules Delete Cascade, inner_calendar_calendar_rules Delete RemoveLink).
            Rel("calendar_calendar_rules", "calendar", "calendarrule", "calendarid", CascadeAssign.NoCascade, CascadeDelete.Cascade),
            Rel("inner_calendar_calendar_rules", "calendar", "calendarrule", "innercalendarid", CascadeAssign.NoCascade, CascadeDelete.RemoveLink),

            // An order is a financial record: its customer cannot be deleted while it exists.
            Rel("order_customer_accounts", "account", "salesorder", "customerid", CascadeAssign.Cascade, CascadeDelete.Restrict),
            Rel("order_customer_contacts", "contact", "salesorder", "customerid", CascadeAssign.Cascade, CascadeDelete.Restrict),
        };

        /// <summary>The relationships whose tables and referencing column the metadata has (all of them for the standard tables).</summary>
        public static IEnumerable<OneToManyMetadata> Declared(SandboxMetadata metadata) =>
            All().Where(r => metadata.Table(r.ReferencedEntity) != null && metadata.Table(r.ReferencingEntity)?.HasColumn(r.ReferencingAttribute) == true);

        private static OneToManyMetadata Rel(string schema, string referenced, string referencing, string attribute, CascadeAssign onAssign, CascadeDelete onDelete) =>
            new(schema, referenced, referencing, attribute, onDelete) { OnAssign = onAssign, OnShare = onAssign == CascadeAssign.Cascade ? CascadeAssign.Cascade : CascadeAssign.NoCascade };
    }
}
