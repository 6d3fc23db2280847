using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>The adv_AssignAdvocate Custom API's names, shared by its plug-in and its callers.</summary>
    public static class AssignAdvocateNames
    {
        public const string Message = "adv_AssignAdvocate";
        public const string Account = "Account";
        public const string Advocate = "Advocate";
        public const string Reason = "Reason";
        public const string ReasonText = "ReasonText";
        public const string Changed = "Changed";
    }

    /// <summary>What adv_AssignAdvocate answered for one account.</summary>
    public sealed class AssignAdvocateResponse
    {
        public AssignAdvocateResponse(EntityReference? advocate, string reason, bool changed)
        {
            Advocate = advocate;
            Reason = reason;
            Changed = changed;
        }

        public EntityReference? Advocate { get; }
        public string Reason { get; }
        public bool Changed { get; }
    }

    /// <summary>Reads an advocate's accounts for re-assignment and asks the platform to re-assign them one by one.</summary>
    public sealed class AdvocateAccounts
    {
        private readonly IOrganizationService _service;

        public AdvocateAccounts(IOrganizationService service)
        {
            _service = service;
        }

        /// <summary>
        /// The next <paramref name="batchSize"/> active accounts with a tier that name the advocate, in id order after
        /// <paramref name="after"/> (null: from the start). Accounts without a tier are not asked for: nobody is
        /// assigned to them, so they rightly keep the advocate they name.
        /// </summary>
        public List<Guid> NextBatch(Guid advocateId, Guid? after, int batchSize)
        {
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("accountid"), TopCount = batchSize };
            query.Criteria.AddCondition("adv_advocateid", ConditionOperator.Equal, advocateId);
            query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
            query.Criteria.AddCondition("adv_tier", ConditionOperator.NotNull);
            if (after.HasValue)
            {
                query.Criteria.AddCondition("accountid", ConditionOperator.GreaterThan, after.Value);
            }

            query.AddOrder("accountid", OrderType.Ascending);
            var ids = new List<Guid>();
            foreach (var row in _service.RetrieveMultiple(query).Entities)
            {
                ids.Add(row.Id);
            }

            return ids;
        }

        /// <summary>Runs adv_AssignAdvocate for one account: its own transaction, with the lock row, the load and the task.</summary>
        public AssignAdvocateResponse Reassign(Guid accountId)
        {
            var request = new OrganizationRequest(AssignAdvocateNames.Message);
            request[AssignAdvocateNames.Account] = new EntityReference("account", accountId);
            var results = _service.Execute(request).Results;
            return new AssignAdvocateResponse(
                results.Contains(AssignAdvocateNames.Advocate) ? results[AssignAdvocateNames.Advocate] as EntityReference : null,
                results.Contains(AssignAdvocateNames.Reason) ? results[AssignAdvocateNames.Reason] as string ?? string.Empty : string.Empty,
                results.Contains(AssignAdvocateNames.Changed) && results[AssignAdvocateNames.Changed] is bool changed && changed);
        }

        /// <summary>A no-op statecode write on the inactive advocate queues the asynchronous step again.</summary>
        public void TouchInactive(Guid advocateId)
        {
            var touch = new Entity("adv_advocate", advocateId);
            touch["statecode"] = new OptionSetValue(1);
            touch["statuscode"] = new OptionSetValue(2);
            _service.Update(touch);
        }
    }
}
