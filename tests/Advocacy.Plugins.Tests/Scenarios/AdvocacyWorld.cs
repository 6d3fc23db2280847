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
            if (Secured.Value || Environment.GetEnvironmentVariable("ADVOCACY_SECURE_WORLD") == "1")
            {
                Secure();
            }
        }

        /// <summary>
        /// While true (for the current async flow), every new world runs with the sandbox's security model on and realistic
        /// roles (<see cref="Secure"/>): <c>SecuredScenarioTests</c> runs whole scenario suites this way.
        /// </summary>
        public static readonly System.Threading.AsyncLocal<bool> Secured = new();

        /// <summary>The usual role service staff hold beside the advocacy roles (defined here: it is not the product's).</summary>
        public const string UsualRole = "Customer Service Representative";

        public bool IsSecured => Sandbox.Security.Enforce;

        /// <summary>
        /// Security on, with the roles people hold in a real organisation: everyone the world seeds has the usual service
        /// role (accounts, cases and activities of their business unit); the agent and every advocate's user also hold
        /// "Customer Advocate", the manager "Advocacy Manager". Rows seeded directly and calls as the administrator are not
        /// checked, as on the platform for a System Administrator.
        /// </summary>
        public void Secure()
        {
            var usual = Sandbox.Security.DefineRole(UsualRole);
            foreach (var table in new[] { "Account", "Incident", "Activity", "Contact", "SalesOrder" })
            {
                usual.Grant(AccessLevel.Local, "prvCreate" + table, "prvRead" + table, "prvWrite" + table, "prvAppend" + table, "prvAppendTo" + table);
            }
            usual.Grant(AccessLevel.Global, "prvReadUser", "prvReadEnvironmentVariableDefinition", "prvReadEnvironmentVariableValue");
            // Every standard role reads currencies and user settings organization-wide (Microsoft's "TransactionCurrency
            // entity privileges" and "UserSettings entity privileges" tables: prvReadTransactionCurrency and
            // prvReadUserSettings are Global for the Customer Service Representative and every other role): scoring
            // reads the record's currency as the caller, a workflow activity reads owners' settings as its user.
            usual.Grant(AccessLevel.Global, "prvReadTransactionCurrency", "prvReadUserSettings");
            // And the organization row (prvReadOrganization, Global in every standard role): the record currency's
            // fallback is the organization's base currency, read through a link that the query's access check filters.
            usual.Grant(AccessLevel.Global, "prvReadOrganization");
            // Case subjects are organization-owned reference data a service agent picks on every case: reading and
            // linking to them is organization-wide for the roles that work cases.
            usual.Grant(AccessLevel.Global, "prvReadSubject", "prvAppendToSubject");
            // The admin guide's step after import: adv_RecountAdvocateLoad creates every lock row, so workflow activities
            // (which run as the workflow's user and hold no create privilege on lock rows) only ever update one.
            Data.LockRows.EnsureAll(Sandbox.NestedService);
            Sandbox.Security.Enforce = true;
            Sandbox.Security.AssignRole(ManagerUserId, UsualRole);
            Sandbox.Security.AssignRole(ManagerUserId, "Advocacy Manager");
            Sandbox.Security.AssignRole(AgentUserId, UsualRole);
            Sandbox.Security.AssignRole(AgentUserId, "Customer Advocate");
        }

        public DataverseSandbox Sandbox { get; }
        public Guid ManagerUserId { get; }
        public Guid AgentUserId { get; }

        /// <summary>The calling user's service (a service agent, not an administrator).</summary>
        public IOrganizationService Agent => Sandbox.CreateService(AgentUserId);

        public Guid SeedUser(string name, Guid? managerId = null)
        {
            var user = Sandbox.SeedUser(name, managerId ?? ManagerUserId);
            if (IsSecured)
            {
                Sandbox.Security.AssignRole(user, UsualRole);
                Sandbox.Security.AssignRole(user, "Customer Advocate");
            }

            return user;
        }

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
