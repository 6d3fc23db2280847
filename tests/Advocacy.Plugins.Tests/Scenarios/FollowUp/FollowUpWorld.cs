using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.FollowUp
{
    /// <summary>The advocacy world plus follow-up short-hands: an advocate user with a manager, cases, check-ins.</summary>
    internal sealed class FollowUpWorld
    {
        public FollowUpWorld()
        {
            World = new AdvocacyWorld();
            AdvocateUserId = World.SeedUser("Dana Ruiz", World.ManagerUserId);
            AdvocateId = World.SeedAdvocate("Dana Ruiz", AdvocateUserId, new[] { CustomerTier.Strategic, CustomerTier.Key, CustomerTier.Standard });
        }

        public AdvocacyWorld World { get; }
        public DataverseSandbox Sandbox => World.Sandbox;
        public Guid AdvocateUserId { get; }
        public Guid AdvocateId { get; }

        public Guid SeedAccount(string name, CustomerTier? tier, bool withAdvocate = true, DateTime? next = null, DateTime? last = null, int? index = null)
        {
            var id = World.SeedAccount(name, tier, withAdvocate ? AdvocateId : (Guid?)null);
            if (next.HasValue || last.HasValue || index.HasValue)
            {
                var row = new Entity("account", id);
                if (next.HasValue) row["adv_nextproactivecontact"] = next.Value;
                if (last.HasValue) row["adv_lastproactivecontact"] = last.Value;
                if (index.HasValue) row["adv_inconvenienceindex"] = index.Value;
                Sandbox.NestedService.Update(row); // as the product: a client may not set these columns
            }

            return id;
        }

        public Guid SeedCase(Guid accountId, string title = "Pallets arrived damaged")
        {
            var incident = new Entity("incident", Guid.NewGuid())
            {
                ["title"] = title,
                ["customerid"] = new EntityReference("account", accountId),
            };
            Sandbox.Seed(incident);
            return incident.Id;
        }

        /// <summary>Resolves the case as the resolve dialog does: CloseIncident, with a resolution, status Problem Solved.</summary>
        public void Resolve(Guid caseId) =>
            World.Agent.Execute(new OrganizationRequest("CloseIncident")
            {
                ["IncidentResolution"] = new Entity("incidentresolution") { ["subject"] = "Solved", ["incidentid"] = new EntityReference("incident", caseId) },
                ["Status"] = new OptionSetValue(5),
            });

        public void Reopen(Guid caseId) =>
            World.Agent.Update(new Entity("incident", caseId) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(1) });

        public void Complete(Guid taskId, DateTime? actualEnd = null)
        {
            var update = new Entity("task", taskId) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5) };
            if (actualEnd.HasValue) update["actualend"] = actualEnd.Value;
            Sandbox.CreateService(AdvocateUserId).Update(update);
        }

        public Entity[] Tasks(AdvocacyTaskKind kind) => World.Tasks(kind);

        public Entity[] TasksFor(AdvocacyTaskKind kind, Guid regardingId) =>
            World.Tasks(kind).Where(t => t.GetAttributeValue<EntityReference>("regardingobjectid")?.Id == regardingId).ToArray();

        public Entity Account(Guid id) => Sandbox.Get("account", id);

        public static DateTime Day(int year, int month, int day) => new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
    }
}
