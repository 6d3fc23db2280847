using System;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.Xrm.Sdk;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Data
{
    /// <summary>The advocacy columns of one account, read in one round trip.</summary>
    public sealed class AccountSnapshot
    {
        public static readonly string[] Columns =
        {
            "name", "ownerid", "statecode", "adv_tier", "adv_advocateid", "adv_cadencedays", "adv_lastproactivecontact",
            "adv_nextproactivecontact", "adv_lastnps", "adv_lastcsat", "adv_inconvenienceindex", "adv_loyaltyrisk",
        };

        public AccountSnapshot(Entity row)
        {
            Row = row;
        }

        public Entity Row { get; }
        public Guid Id => Row.Id;
        public string Name => Row.GetAttributeValue<string>("name") ?? string.Empty;
        public EntityReference? Owner => Row.GetAttributeValue<EntityReference>("ownerid");
        public bool IsActive => (Row.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0) == 0;
        public CustomerTier? Tier => Choices.Tier(Row.GetAttributeValue<OptionSetValue>("adv_tier"));
        public OptionSetValue? TierValue => Row.GetAttributeValue<OptionSetValue>("adv_tier");
        public Guid? AdvocateId => Row.GetAttributeValue<EntityReference>("adv_advocateid")?.Id;
        public int? CadenceDays => Row.GetAttributeValue<int?>("adv_cadencedays");
        public DateTime? LastProactiveContact => Row.GetAttributeValue<DateTime?>("adv_lastproactivecontact");
        public DateTime? NextProactiveContact => Row.GetAttributeValue<DateTime?>("adv_nextproactivecontact");
        public int? LastNps => Row.GetAttributeValue<int?>("adv_lastnps");
        public int? LastCsat => Row.GetAttributeValue<int?>("adv_lastcsat");

        /// <summary>The account's facts; with the owner's stand-in when the row was read with the owner's user (<see cref="Read"/>).</summary>
        public AccountFacts Facts()
        {
            var owner = Owner;
            return AccountOwnerUser.Apply(new AccountFacts(Id, Name, Tier, owner?.Id ?? Guid.Empty, owner?.LogicalName == "team"), Row);
        }

        /// <summary>The account with its owner's user and manager (<see cref="AccountOwnerUser"/>), in one round trip.</summary>
        /// <exception cref="MissingRecordException">The account does not exist or cannot be seen.</exception>
        public static AccountSnapshot Read(IOrganizationService service, Guid accountId) =>
            new AccountSnapshot(Rows.Read(service, "account", accountId, TextKey.RecordAccount, AccountOwnerUser.Link, Columns));
    }
}
