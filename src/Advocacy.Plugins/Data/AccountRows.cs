using System;
using Advocacy.Plugins.Domain.Assignment;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Loyalty;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Data
{
    /// <summary>Maps account rows (a Target, an image or a read) to the domain's account states.</summary>
    public static class AccountRows
    {
        public static AccountAdvocacyState AdvocacyState(Entity row)
        {
            var tier = row.GetAttributeValue<OptionSetValue>("adv_tier");
            return new AccountAdvocacyState(
                row.GetAttributeValue<EntityReference>("adv_advocateid")?.Id,
                (row.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0) == 0,
                tier?.Value,
                Choices.Tier(tier));
        }

        public static ScheduleState ScheduleState(Entity row)
        {
            var tier = row.GetAttributeValue<OptionSetValue>("adv_tier");
            return new ScheduleState(
                tier?.Value,
                Choices.Tier(tier),
                row.GetAttributeValue<int?>("adv_cadencedays"),
                row.GetAttributeValue<DateTime?>("adv_lastproactivecontact"),
                row.GetAttributeValue<DateTime?>("adv_nextproactivecontact"));
        }
    }

    /// <summary>Every write of the product's account columns, one Update each; the caller picks the service.</summary>
    public sealed class AccountWriter
    {
        private readonly IOrganizationService _service;

        public AccountWriter(IOrganizationService service)
        {
            _service = service;
        }

        public void SetAdvocate(Guid accountId, Guid? advocateId)
        {
            var update = new Entity("account", accountId);
            update["adv_advocateid"] = advocateId.HasValue ? new EntityReference("adv_advocate", advocateId.Value) : null;
            _service.Update(update);
        }

        /// <summary>Next proactive contact, and the last one when <paramref name="writeLast"/>.</summary>
        public void SetContactDates(Guid accountId, CadenceResult result, bool writeLast)
        {
            var update = new Entity("account", accountId);
            if (writeLast)
            {
                update["adv_lastproactivecontact"] = result.LastContact;
            }

            update["adv_nextproactivecontact"] = result.NextContact;
            _service.Update(update);
        }

        /// <summary>Index and risk, and the last NPS/CSAT when <paramref name="withFeedback"/>.</summary>
        public void SetLoyalty(Guid accountId, LoyaltyFigures figures, bool withFeedback)
        {
            var update = new Entity("account", accountId);
            update["adv_inconvenienceindex"] = figures.Index;
            update["adv_loyaltyrisk"] = Choices.Option(figures.Risk.Risk);
            if (withFeedback)
            {
                update["adv_lastnps"] = figures.LastNps;
                update["adv_lastcsat"] = figures.LastCsat;
            }

            _service.Update(update);
        }
    }
}
