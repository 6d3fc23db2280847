using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Advocacy.Sandbox.Regional;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.TimeZones
{
    /// <summary>
    /// Orders in other currencies through the real pipeline (issue 12): the explanation and the impact review show the
    /// record's currency, the points compare base-currency amounts.
    /// </summary>
    [TestClass]
    public sealed class CurrencyScoringTests
    {
        [TestMethod]
        public void An_order_in_euros_and_one_in_yen_worth_48000_dollars_score_82_and_show_their_own_symbol()
        {
            var (inEuros, _) = SeedStoryIn("EUR", "€", 2, 0.92m, 44160m);
            var (inYen, yenReview) = SeedStoryIn("JPY", "¥", 0, 150m, 7_200_000m);

            Assert.AreEqual(82, inEuros.GetAttributeValue<int>("adv_impactscore"));
            Assert.AreEqual(82, inYen.GetAttributeValue<int>("adv_impactscore"));
            Assert.AreEqual("Impact 82/100 (severe): delivered 12 days late (+29); business-critical order (+20); €44,160 at stake (+8); strategic customer (+15); 2 similar issues in 90 days (+10). Estimated customer loss €5,299.20.",
                inEuros.GetAttributeValue<string>("adv_impactexplanation"));
            StringAssert.Contains(inYen.GetAttributeValue<string>("adv_impactexplanation"), "¥7,200,000 at stake (+8)");
            StringAssert.EndsWith(inYen.GetAttributeValue<string>("adv_impactexplanation"), "Estimated customer loss ¥864,000.");
            StringAssert.StartsWith(yenReview.GetAttributeValue<string>("description"), inYen.GetAttributeValue<string>("adv_impactexplanation"), "the impact review's text");
        }

        [TestMethod]
        public void An_order_in_a_currency_without_an_exchange_rate_is_refused_with_a_message_that_says_what_to_do_and_nothing_is_saved()
        {
            var world = new AdvocacyWorld();
            var odd = world.Sandbox.Regional.AddCurrency("XTS", "¤", 2, null);
            var (_, account) = TaskDueDateTests.AdvocateIn(world, TimeZoneCatalog.Utc, "London");

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => Late(world, account, odd, 100m));

            StringAssert.Contains(fault.Message, "The currency XTS has no exchange rate");
            StringAssert.Contains(fault.Message, "set its exchange rate");
            Assert.IsEmpty(world.Sandbox.Rows("adv_inconvenience").Where(r => r.GetAttributeValue<string>("adv_name") == "Order delivered late").ToList());
        }

        [TestMethod]
        public void A_late_order_in_yen_becomes_an_inconvenience_in_yen_and_its_explanation_says_so()
        {
            var world = new AdvocacyWorld();
            var yen = world.Sandbox.Regional.AddCurrency("JPY", "¥", 0, 150m, "Japanese Yen");
            var account = world.SeedAccount("Fabrikam", CustomerTier.Key);
            var order = new Entity("salesorder", Guid.NewGuid())
            {
                ["name"] = "Order 77",
                ["customerid"] = new EntityReference("account", account),
                ["requestdeliveryby"] = AdvocacyWorld.Now.AddDays(-8),
                ["totalamount"] = new Money(1_800_000m),
                ["transactioncurrencyid"] = new EntityReference("transactioncurrency", yen),
            };
            world.Sandbox.Seed(order);

            world.Agent.Update(new Entity("salesorder", order.Id) { ["datefulfilled"] = AdvocacyWorld.Now });

            var inconvenience = world.Sandbox.Rows("adv_inconvenience").Single();
            Assert.AreEqual(yen, inconvenience.GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
            StringAssert.Contains(inconvenience.GetAttributeValue<string>("adv_impactexplanation"), "¥1,800,000 at stake (+6)"); // $12,000 in base: log10(13)/3 × 15 = 5.6
            Assert.AreEqual(12000m, inconvenience.GetAttributeValue<Money>("adv_ordervalue_base").Value);
        }

        private static (Entity Inconvenience, Entity Review) SeedStoryIn(string iso, string symbol, int precision, decimal rate, decimal orderValue)
        {
            var world = new AdvocacyWorld();
            var currency = world.Sandbox.Regional.AddCurrency(iso, symbol, precision, rate);
            var (_, account) = TaskDueDateTests.AdvocateIn(world, TimeZoneCatalog.Utc, "London");
            SeedTwoEarlierIssues(world, account);
            var row = Late(world, account, currency, orderValue);
            return (row, world.Tasks(AdvocacyTaskKind.ImpactReview).Single());
        }

        [TestMethod]
        public void A_record_without_a_currency_is_scored_in_the_saving_users_default_currency()
        {
            var world = new AdvocacyWorld();
            var yen = world.Sandbox.Regional.AddCurrency("JPY", "¥", 0, 150m, "Japanese Yen");
            world.Sandbox.Regional.SetUserSettings(world.AgentUserId, currencyId: yen);
            var (_, account) = TaskDueDateTests.AdvocateIn(world, TimeZoneCatalog.Utc, "London");

            var row = Late(world, account, null, 7_200_000m);

            StringAssert.Contains(row.GetAttributeValue<string>("adv_impactexplanation"), "¥7,200,000 at stake (+8)");
            Assert.AreEqual(yen, row.GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
            Assert.AreEqual(48000m, row.GetAttributeValue<Money>("adv_ordervalue_base").Value);
        }

        private static void SeedTwoEarlierIssues(AdvocacyWorld world, Guid account)
        {
            foreach (int daysAgo in new[] { 20, 40 })
            {
                world.Sandbox.Seed(new Entity("adv_inconvenience")
                {
                    ["adv_name"] = "Earlier issue",
                    ["adv_accountid"] = new EntityReference("account", account),
                    ["adv_impactscore"] = 30,
                    ["createdon"] = AdvocacyWorld.Now.AddDays(-daysAgo),
                });
            }
        }

        private static Entity Late(AdvocacyWorld world, Guid account, Guid? currency, decimal orderValue)
        {
            var row = new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Order delivered late",
                ["adv_accountid"] = new EntityReference("account", account),
                ["adv_kind"] = Choices.Option(InconvenienceKind.LateDelivery),
                ["adv_promisedon"] = AdvocacyWorld.Now.AddDays(-12),
                ["adv_resolvedon"] = AdvocacyWorld.Now,
                ["adv_ordervalue"] = new Money(orderValue),
                ["adv_businesscritical"] = true,
            };
            if (currency.HasValue) row["transactioncurrencyid"] = new EntityReference("transactioncurrency", currency.Value);
            return world.Sandbox.Get("adv_inconvenience", world.Agent.Create(row));
        }
    }
}
