using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// What still refers to an advocate profile through the relationships that keep it from being deleted (Restrict): an
    /// account it advocates, a profile that names it as backup — of any state, as the platform's Restrict counts them. One
    /// query each, the first row only, with the names a message needs.
    /// </summary>
    public sealed class AdvocateReferences
    {
        private const string ProfileAlias = "profile";
        private readonly IOrganizationService _service;

        public AdvocateReferences(IOrganizationService service)
        {
            _service = service;
        }

        /// <summary>
        /// An account that names the profile as advocate — an active one when there is one — with the profile's name; null
        /// when none does.
        /// </summary>
        public AdvocatedAccount? FirstAdvocated(Guid profileId)
        {
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("statecode"), TopCount = 1 };
            query.Criteria.AddCondition("adv_advocateid", ConditionOperator.Equal, profileId);
            query.AddOrder("statecode", OrderType.Ascending);
            var profile = query.AddLink("adv_advocate", "adv_advocateid", "adv_advocateid", JoinOperator.Inner);
            profile.EntityAlias = ProfileAlias;
            profile.Columns = new ColumnSet("adv_name");
            var rows = _service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0)
            {
                return null;
            }

            var row = rows[0];
            return new AdvocatedAccount(row.GetAttributeValue<AliasedValue>(ProfileAlias + ".adv_name")?.Value as string ?? string.Empty,
                (row.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0) == 0);
        }

        /// <summary>
        /// The profile's name (key) and that of a profile naming it as backup (value) — itself, when it names itself, which
        /// the platform's Restrict refuses too; null when none does.
        /// </summary>
        public KeyValuePair<string, string>? BackedUp(Guid profileId)
        {
            var query = new QueryExpression("adv_advocate") { ColumnSet = new ColumnSet("adv_name"), TopCount = 1 };
            query.Criteria.AddCondition("adv_backupadvocateid", ConditionOperator.Equal, profileId);
            var profile = query.AddLink("adv_advocate", "adv_backupadvocateid", "adv_advocateid", JoinOperator.Inner);
            profile.EntityAlias = ProfileAlias;
            profile.Columns = new ColumnSet("adv_name");
            var rows = _service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0)
            {
                return null;
            }

            return new KeyValuePair<string, string>(
                rows[0].GetAttributeValue<AliasedValue>(ProfileAlias + ".adv_name")?.Value as string ?? string.Empty,
                rows[0].GetAttributeValue<string>("adv_name") ?? string.Empty);
        }
    }

    /// <summary>Whether an account naming an advocate profile is active, and that profile's name.</summary>
    public sealed class AdvocatedAccount
    {
        public AdvocatedAccount(string profileName, bool isActive)
        {
            ProfileName = profileName;
            IsActive = isActive;
        }

        public string ProfileName { get; }
        public bool IsActive { get; }
    }
}
