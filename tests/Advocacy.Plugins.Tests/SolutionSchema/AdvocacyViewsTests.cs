using System;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Tests.Scenarios;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.SolutionSchema
{
    /// <summary>
    /// The views agents and managers open (issue 16), run as shipped: each view's FetchXML is read from
    /// <c>solution/</c>, parsed by the sandbox's FetchXML parser and run as the user who opens it, against a world
    /// with rows on both sides of every condition.
    /// </summary>
    [TestClass]
    public sealed class AdvocacyViewsTests
    {
        private static SolutionFolder S => SolutionFolder.Current;

        private static string Fetch(string folder, string viewName)
        {
            var view = S.Documents.Where(d => d.Key.StartsWith($"Entities/{folder}/SavedQueries/", StringComparison.Ordinal))
                .Select(d => d.Value.Root!.Element("savedquery")!)
                .Single(q => (string?)q.Descendants("LocalizedName").First().Attribute("description") == viewName);
            Assert.AreEqual("0", (string?)view.Element("querytype"), "a public view");
            return view.Element("fetchxml")!.Element("fetch")!.ToString(SaveOptions.DisableFormatting);
        }

        private static string[] Names(IOrganizationService service, string fetchXml, string nameColumn) =>
            service.RetrieveMultiple(new FetchExpression(fetchXml)).Entities.Select(e => e.GetAttributeValue<string>(nameColumn)).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        [TestMethod]
        public void My_advocated_accounts_shows_the_agent_exactly_the_accounts_they_advocate()
        {
            var world = new AdvocacyWorld();
            var colleague = world.SeedUser("Casey Colleague");
            var mine = world.SeedAdvocate("Alex Agent", world.AgentUserId, new[] { CustomerTier.Strategic, CustomerTier.Key });
            var theirs = world.SeedAdvocate("Casey Colleague", colleague, new[] { CustomerTier.Strategic });
            world.SeedAccount("Contoso", CustomerTier.Strategic, mine);
            world.SeedAccount("Fabrikam", CustomerTier.Key, mine);
            world.SeedAccount("Northwind", CustomerTier.Strategic, theirs);
            world.SeedAccount("Owned by Alex, advocated by nobody", CustomerTier.Key);
            var closed = world.SeedAccount("Closed Contoso branch", CustomerTier.Key, mine);
            world.Sandbox.SeedChange(new Entity("account", closed) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });

            var fetch = Fetch("Account", "My advocated accounts");

            CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam" }, Names(world.Agent, fetch, "name"));
            CollectionAssert.AreEqual(new[] { "Northwind" }, Names(world.Sandbox.CreateService(colleague), fetch, "name"), "the same view, opened by the colleague");
            Assert.IsEmpty(Names(world.Sandbox.CreateService(world.ManagerUserId), fetch, "name"), "a manager without a profile advocates nothing");
        }

        [TestMethod]
        public void Tiered_accounts_without_an_advocate_are_exactly_the_active_tiered_unadvocated_ones()
        {
            var world = new AdvocacyWorld();
            var advocate = world.SeedAdvocate("Dana Ruiz", world.AgentUserId, new[] { CustomerTier.Strategic });
            world.SeedAccount("Waiting strategic", CustomerTier.Strategic);
            world.SeedAccount("Waiting standard", CustomerTier.Standard);
            world.SeedAccount("Advocated", CustomerTier.Strategic, advocate);
            world.SeedAccount("No tier");
            var closed = world.SeedAccount("Closed, tiered", CustomerTier.Key);
            world.Sandbox.SeedChange(new Entity("account", closed) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });

            CollectionAssert.AreEqual(new[] { "Waiting standard", "Waiting strategic" },
                Names(world.Sandbox.CreateService(world.ManagerUserId), Fetch("Account", "Tiered accounts without an advocate"), "name"));
        }

        [TestMethod]
        public void Detractors_in_the_last_90_days_are_recent_low_answers_only()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso", CustomerTier.Strategic);
            void Answer(string name, int? nps, int? csat, int daysAgo)
            {
                var row = new Entity("adv_feedback", Guid.NewGuid())
                {
                    ["adv_name"] = name,
                    ["adv_accountid"] = new EntityReference("account", account),
                    ["adv_receivedon"] = AdvocacyWorld.Now.Date.AddDays(-daysAgo),
                };
                if (nps.HasValue) row["adv_nps"] = nps.Value;
                if (csat.HasValue) row["adv_csat"] = csat.Value;
                world.Sandbox.Seed(row);
            }

            Answer("NPS 6 yesterday", 6, null, 1);
            Answer("CSAT 2 last month", null, 2, 30);
            Answer("NPS 0, 89 days ago", 0, null, 89);
            Answer("NPS 7 today", 7, 3, 0);
            Answer("CSAT 3 today", null, 3, 0);
            Answer("NPS 2, 120 days ago", 2, null, 120);

            CollectionAssert.AreEqual(new[] { "CSAT 2 last month", "NPS 0, 89 days ago", "NPS 6 yesterday" },
                Names(world.Sandbox.CreateService(world.ManagerUserId), Fetch("adv_Feedback", "Detractors in the last 90 days"), "adv_name"));
        }

        [TestMethod]
        public void The_new_views_are_in_the_app()
        {
            var app = S.Under("AppModules").Single().Value.Root!.Descendants("AppModuleComponent")
                .Where(c => (string?)c.Attribute("type") == "26").Select(c => SolutionFolder.Id((string?)c.Attribute("id"))).ToHashSet();
            foreach (var (folder, name) in new[] { ("Account", "My advocated accounts"), ("Account", "Tiered accounts without an advocate"), ("adv_Feedback", "Detractors in the last 90 days") })
            {
                var id = S.Documents.Where(d => d.Key.StartsWith($"Entities/{folder}/SavedQueries/", StringComparison.Ordinal))
                    .Select(d => d.Value.Root!.Element("savedquery")!)
                    .Where(q => (string?)q.Descendants("LocalizedName").First().Attribute("description") == name)
                    .Select(q => SolutionFolder.Id((string?)q.Element("savedqueryid"))).Single();
                Assert.Contains(id, app, name);
            }
        }
    }
}
