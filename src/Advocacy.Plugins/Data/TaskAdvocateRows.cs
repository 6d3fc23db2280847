using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>A task's owner, advocacy kind, named advocate and whether it is closed, as stored now.</summary>
    public sealed class StoredTaskOwnership
    {
        public Guid TaskId { get; set; }
        public OptionSetValue? Kind { get; set; }
        public EntityReference? Owner { get; set; }
        public Guid? AdvocateId { get; set; }

        /// <summary>Completed or canceled.</summary>
        public bool Closed { get; set; }
    }

    /// <summary>Reads and writes a task's adv_advocateid (one query to read, one update to write).</summary>
    public static class TaskAdvocateRows
    {
        /// <returns>Null when the task is gone (deleted before an asynchronous step ran).</returns>
        public static StoredTaskOwnership? Read(IOrganizationService service, Guid taskId)
        {
            var query = new QueryExpression("task") { ColumnSet = new ColumnSet("ownerid", "adv_kind", "adv_advocateid", "statecode"), TopCount = 1 };
            query.Criteria.AddCondition("activityid", ConditionOperator.Equal, taskId);
            var rows = service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0)
            {
                return null;
            }

            return new StoredTaskOwnership
            {
                TaskId = taskId,
                Kind = rows[0].GetAttributeValue<OptionSetValue>("adv_kind"),
                Owner = rows[0].GetAttributeValue<EntityReference>("ownerid"),
                AdvocateId = rows[0].GetAttributeValue<EntityReference>("adv_advocateid")?.Id,
                Closed = rows[0].GetAttributeValue<OptionSetValue>("statecode") is { Value: not 0 },
            };
        }

        public static void Write(IOrganizationService service, Guid taskId, Guid? advocateId) =>
            service.Update(new Entity("task", taskId) { ["adv_advocateid"] = advocateId.HasValue ? new EntityReference("adv_advocate", advocateId.Value) : null });
    }
}
