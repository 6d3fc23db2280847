using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Impact
{
    [TestClass]
    public sealed class LateDeliveryAndBadInputTests
    {
        private AdvocacyWorld _world = null!;
        private Guid _accountId;

        [TestInitialize]
        public void Seed()
        {
            _world = new AdvocacyWorld();
            _accountId = _world.SeedAccount("Fabrikam", CustomerTier.Key);
        }

        [TestMethod]
        public void Order_fulfilled_after_its_requested_date_becomes_one_scored_late_delivery()
        {
            var orderId = SeedOrder(requested: AdvocacyWorld.Now.AddDays(-8), value: 12000m);

            _world.Agent.Update(new Entity("salesorder", orderId) { ["datefulfilled"] = AdvocacyWorld.Now });
            _world.Agent.Update(new Entity("salesorder", orderId) { ["datefulfilled"] = AdvocacyWorld.Now.AddHours(1) });

            var inconvenience = _world.Sandbox.Rows("adv_inconvenience").Single();
            Assert.AreEqual(new EntityReference("salesorder", orderId), inconvenience.GetAttributeValue<EntityReference>("adv_orderid"));
            Assert.AreEqual(new EntityReference("account", _accountId), inconvenience.GetAttributeValue<EntityReference>("adv_accountid"));
            Assert.AreEqual(InconvenienceKind.LateDelivery, Choices.Kind(inconvenience.GetAttributeValue<OptionSetValue>("adv_kind")));
            StringAssert.Contains(inconvenience.GetAttributeValue<string>("adv_impactexplanation"), "delivered 8 days late");
            Assert.IsTrue(_world.Sandbox.Traces("Advocacy: detect late delivery").Any(t => t.Contains("already has an inconvenience")), "the second fulfilment update is traced as a no-op");
        }

        [TestMethod]
        public void Order_fulfilled_on_the_promised_day_is_not_an_inconvenience()
        {
            var orderId = SeedOrder(requested: AdvocacyWorld.Now.Date, value: 12000m);

            _world.Agent.Update(new Entity("salesorder", orderId) { ["datefulfilled"] = AdvocacyWorld.Now.Date.AddHours(17) });

            Assert.AreEqual(0, _world.Sandbox.Count("adv_inconvenience"));
        }

        [TestMethod]
        public void An_order_a_day_late_across_londons_clock_change_is_late_although_both_dates_fall_on_one_utc_day()
        {
            // Date-only values are local midnights: promised Sun 29 Mar 2026 (GMT, 00:00Z), fulfilled Mon 30 Mar (BST,
            // 23:00Z on the 29th). Compared as UTC dates the order looked on time; the owner in London sees a day late.
            var owner = _world.Sandbox.Get("account", _accountId).GetAttributeValue<EntityReference>("ownerid").Id;
            _world.Sandbox.Regional.SetUserSettings(owner, timeZoneCode: Advocacy.Sandbox.Regional.TimeZoneCatalog.London);
            var orderId = SeedOrder(requested: new DateTime(2026, 3, 29, 0, 0, 0, DateTimeKind.Utc), value: 12000m);

            _world.Agent.Update(new Entity("salesorder", orderId) { ["datefulfilled"] = new DateTime(2026, 3, 29, 23, 0, 0, DateTimeKind.Utc) });

            var inconvenience = _world.Sandbox.Rows("adv_inconvenience").Single();
            StringAssert.Contains(inconvenience.GetAttributeValue<string>("adv_impactexplanation"), "delivered 1 day late");
        }

        [TestMethod]
        public void An_order_fulfilled_on_the_promised_day_in_aucklands_zone_is_on_time_although_the_utc_dates_differ()
        {
            // Auckland (UTC+13 in March): promised Tue 10 Mar local is 9 Mar 11:00Z; fulfilled that day at 14:00 local,
            // 10 Mar 01:00Z. On time as the owner sees it.
            var owner = _world.Sandbox.Get("account", _accountId).GetAttributeValue<EntityReference>("ownerid").Id;
            _world.Sandbox.Regional.SetUserSettings(owner, timeZoneCode: Advocacy.Sandbox.Regional.TimeZoneCatalog.Auckland);
            var orderId = SeedOrder(requested: new DateTime(2026, 3, 9, 11, 0, 0, DateTimeKind.Utc), value: 12000m);

            _world.Agent.Update(new Entity("salesorder", orderId) { ["datefulfilled"] = new DateTime(2026, 3, 10, 1, 0, 0, DateTimeKind.Utc) });

            Assert.AreEqual(0, _world.Sandbox.Count("adv_inconvenience"));
            Assert.IsTrue(_world.Sandbox.Traces("Advocacy: detect late delivery").Any(t => t.Contains("promised 2026-03-10 in Pacific/Auckland") || t.Contains("promised 2026-03-10 in New Zealand")), "judged in the owner's zone");
        }

        [TestMethod]
        public void Missing_account_is_refused_with_an_actionable_message_and_nothing_is_written()
        {
            var error = Assert.ThrowsExactly<SandboxFaultException>(() => _world.Agent.Create(new Entity("adv_inconvenience")
            {
                ["adv_name"] = "No account",
                ["adv_promisedon"] = AdvocacyWorld.Now.AddDays(-3),
            }));

            StringAssert.Contains(error.Message, "Choose the account");
            Assert.AreEqual(0, _world.Sandbox.Count("adv_inconvenience"));
            Assert.AreEqual(0, _world.Sandbox.Count("task"));
        }

        [TestMethod]
        public void Negative_order_value_is_refused_and_nothing_is_written()
        {
            var error = Assert.ThrowsExactly<SandboxFaultException>(() => _world.Agent.Create(Inconvenience(promised: AdvocacyWorld.Now.AddDays(-3), resolved: null, value: -1m)));

            StringAssert.Contains(error.Message.ToLowerInvariant(), "order value");
            Assert.AreEqual(0, _world.Sandbox.Count("adv_inconvenience"));
        }

        [TestMethod]
        public void Resolved_before_promised_scores_no_delay()
        {
            var id = _world.Agent.Create(Inconvenience(promised: AdvocacyWorld.Now, resolved: AdvocacyWorld.Now.AddDays(-2), value: 1000m));

            var row = _world.Sandbox.Get("adv_inconvenience", id);
            StringAssert.Contains(row.GetAttributeValue<string>("adv_impactexplanation"), "on time");
            // key customer (+8) and $1,000 at stake (+2); no delay points.
            Assert.AreEqual(10, row.GetAttributeValue<int>("adv_impactscore"));
        }

        [TestMethod]
        public void Absurd_delay_saturates_instead_of_overflowing()
        {
            var id = _world.Agent.Create(Inconvenience(promised: AdvocacyWorld.Now.AddDays(-10000), resolved: null, value: 10000m));

            var row = _world.Sandbox.Get("adv_inconvenience", id);
            // delay 35 (saturated) + key 8 + money 15 × log10(11)/3 ≈ 5 = 48; loss: 60 days × 0.5 % × $10,000.
            Assert.AreEqual(48, row.GetAttributeValue<int>("adv_impactscore"));
            Assert.AreEqual(3000m, row.GetAttributeValue<Money>("adv_estimatedloss").Value);
        }

        private Guid SeedOrder(DateTime requested, decimal value)
        {
            var order = new Entity("salesorder", Guid.NewGuid())
            {
                ["name"] = "Order 77",
                ["customerid"] = new EntityReference("account", _accountId),
                ["requestdeliveryby"] = requested,
                ["totalamount"] = new Money(value),
            };
            _world.Sandbox.Seed(order);
            return order.Id;
        }

        private Entity Inconvenience(DateTime? promised, DateTime? resolved, decimal value)
        {
            return new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Test",
                ["adv_accountid"] = new EntityReference("account", _accountId),
                ["adv_kind"] = Choices.Option(InconvenienceKind.LateDelivery),
                ["adv_promisedon"] = promised,
                ["adv_resolvedon"] = resolved,
                ["adv_ordervalue"] = new Money(value),
            };
        }
    }
}
