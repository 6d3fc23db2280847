using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Plugins;
using Advocacy.Sandbox;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios
{
    /// <summary>
    /// The product installed in a sandbox: every step of the real plug-in assembly registered from its
    /// attributes, metadata from solution/, a fixed clock, and a few people. Scenario tests start here.
    /// </summary>
    public sealed class AdvocacyWorld
    {
        /// <summary>Tuesday 2026-03-10 09:00 UTC: mid-week, so business-day arithmetic is visible.</summary>
        public static readonly DateTime Now = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);

        public AdvocacyWorld()
        {
            Sandbox = DataverseSandbox.ForRepository();
            Sandbox.Clock.UtcNow = Now;
            Sandbox.RegisterPluginAssembly(typeof(AdvocacyPlugin).Assembly);
            ManagerUserId = Sandbox.SeedUser("Morgan Manager");
            AgentUserId = Sandbox.SeedUser("Alex Agent", ManagerUserId);
        }

        public DataverseSandbox Sandbox { get; }
        public Guid ManagerUserId { get; }
        public Guid AgentUserId { get; }

        /// <summary>The calling user's service (a service agent, not an administrator).</summary>
        public IOrganizationService Agent => Sandbox.CreateService(AgentUserId);

        public Guid SeedUser(string name, Guid? managerId = null) => Sandbox.SeedUser(name, managerId ?? ManagerUserId);

        /// <summary>
        /// Active accounts that already name the advocate — a real load, so the advocate's stored adv_accountcount is
        /// what a recount finds (counts are settled from the accounts, never moved by deltas).
        /// </summary>
        public void SeedAccountsOf(Guid advocateId, int count)
        {
            for (int i = 0; i < count; i++)
            {
                SeedAccount("Existing account " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), null, advocateId);
            }
        }

        public Guid SeedAccount(string name, CustomerTier? tier = null, Guid? advocateId = null, Guid? ownerId = null)
        {
            var account = new Entity("account", Guid.NewGuid())
            {
                ["name"] = name,
                ["ownerid"] = new EntityReference("systemuser", ownerId ?? AgentUserId),
            };
            if (tier.HasValue) account["adv_tier"] = Choices.Option(tier.Value);
            if (advocateId.HasValue) account["adv_advocateid"] = new EntityReference("adv_advocate", advocateId.Value);
            Sandbox.Seed(account);
            return account.Id;
        }

        public Guid SeedAdvocate(string name, Guid userId, CustomerTier[] tiers, Specialty[]? specialties = null, int? capacity = 25, int accountCount = 0, Guid? backupId = null, DateTime? awayFrom = null, DateTime? awayTo = null, bool active = true)
        {
            var advocate = new Entity("adv_advocate", Guid.NewGuid())
            {
                ["adv_name"] = name,
                ["adv_userid"] = new EntityReference("systemuser", userId),
                ["adv_accountcount"] = accountCount,
                ["adv_tiers"] = new OptionSetValueCollection(tiers.Select(Choices.Option).ToList()),
                ["adv_specialties"] = new OptionSetValueCollection((specialties ?? new Specialty[0]).Select(s => new OptionSetValue(Choices.Prefix + (int)s)).ToList()),
            };
            if (capacity.HasValue) advocate["adv_capacity"] = capacity.Value;
            if (backupId.HasValue) advocate["adv_backupadvocateid"] = new EntityReference("adv_advocate", backupId.Value);
            if (awayFrom.HasValue) advocate["adv_outofofficefrom"] = awayFrom.Value;
            if (awayTo.HasValue) advocate["adv_outofofficeto"] = awayTo.Value;
            if (!active)
            {
                advocate["statecode"] = new OptionSetValue(1);
                advocate["statuscode"] = new OptionSetValue(2);
            }

            Sandbox.Seed(advocate);
            return advocate.Id;
        }

        /// <summary>Open advocacy tasks (adv_kind set), committed rows.</summary>
        public Entity[] Tasks(AdvocacyTaskKind? kind = null) =>
            Sandbox.Rows("task")
                .Where(t => t.GetAttributeValue<OptionSetValue>("adv_kind") != null)
                .Where(t => kind == null || Choices.TaskKind(t.GetAttributeValue<OptionSetValue>("adv_kind")) == kind)
                .ToArray();
    }
}
