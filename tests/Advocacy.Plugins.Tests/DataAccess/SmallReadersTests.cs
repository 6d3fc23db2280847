using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Tests.Scenarios;
using Advocacy.Plugins.Tests.Scenarios.Assignment;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Moq;

namespace Advocacy.Plugins.Tests.DataAccess
{
    /// <summary>
    /// The small reads and writes of the data layer: settings, inconvenience rows, the advocate pool, the
    /// loyalty reader, account writes, choice mapping and the missing-record error.
    /// </summary>
    [TestClass]
    public sealed class SmallReadersTests
    {
        private static readonly DateTime Today = new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);

        [TestMethod]
        public void Settings_fall_back_to_the_definitions_default_and_ignore_other_variables()
        {
            var sandbox = new DataverseSandbox();
            // Another variable that comes first in any order (created first, lowest id): only the schema name tells them apart.
            var other = Guid.Parse("00000000-0000-0000-0000-000000000001");
            sandbox.Seed(new Entity("environmentvariabledefinition", other)
            {
                ["schemaname"] = "adv_OtherSettings",
                ["displayname"] = "adv_OtherSettings",
                ["defaultvalue"] = "{\"other\":0}",
                ["type"] = new OptionSetValue(100000003),
            });
            sandbox.SetAdvocacySettings(null, "{\"assignment\":{\"defaultCapacity\":10}}");

            Assert.AreEqual("{\"assignment\":{\"defaultCapacity\":10}}", new SettingsReader(sandbox.Service).ReadJson());

            sandbox.SetAdvocacySettings("  ", "{\"default\":1}");
            Assert.AreEqual("{\"default\":1}", new SettingsReader(sandbox.Service).ReadJson(), "a blank current value does not count");

            sandbox.SetAdvocacySettings("{\"current\":1}", "{\"default\":1}");
            Assert.AreEqual("{\"current\":1}", new SettingsReader(sandbox.Service).ReadJson(), "the current value wins");
        }

        [TestMethod]
        public void Scoring_an_inconvenience_of_a_missing_account_says_which_account_and_what_to_do()
        {
            var world = new AdvocacyWorld();
            var missing = Guid.Parse("6e2f1c4b-0000-4000-8000-000000000009");

            var error = Assert.ThrowsExactly<AdvocacyInputException>(() => new InconvenienceRows(world.Sandbox.Service).LoadAccount(missing, null, Today, 30));

            Assert.AreEqual("The account of this inconvenience (6e2f1c4b-0000-4000-8000-000000000009) does not exist or you cannot see it. Choose an existing account.", error.Message);
        }

        [TestMethod]
        public void The_scoring_input_carries_the_reported_loss()
        {
            var input = InconvenienceRows.InputOf(new Entity("adv_inconvenience") { ["adv_reportedloss"] = new Money(1234.5m), ["adv_ordervalue"] = new Money(99m) });

            Assert.AreEqual(1234.5m, input.ReportedLoss);
            Assert.AreEqual(99m, input.OrderValue);
        }

        [TestMethod]
        public void A_late_delivery_is_created_as_not_business_critical_and_found_for_its_order_only()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso", CustomerTier.Key);
            var order = Guid.NewGuid();
            var otherOrder = Guid.NewGuid();
            world.Sandbox.Seed(
                new Entity("salesorder", order) { ["name"] = "SO-1", ["customerid"] = new EntityReference("account", account) },
                new Entity("salesorder", otherOrder) { ["name"] = "SO-2", ["customerid"] = new EntityReference("account", account) });
            var rows = new InconvenienceRows(world.Sandbox.Service);

            var id = rows.CreateLateDelivery("Late: SO-1", account, order, Today.AddDays(-5), Today, null);

            Assert.IsFalse(world.Sandbox.Get("adv_inconvenience", id).GetAttributeValue<bool>("adv_businesscritical"));
            Assert.IsTrue(world.Sandbox.Get("adv_inconvenience", id).Contains("adv_businesscritical"));
            Assert.IsTrue(rows.ExistsForOrder(order));
            Assert.IsFalse(rows.ExistsForOrder(otherOrder));
        }

        [TestMethod]
        public void The_pool_holds_active_advocates_covering_the_tier_and_the_included_one_but_not_the_excluded_one()
        {
            var world = new AdvocacyWorld();
            var covering = world.SeedAdvocate("Covering", world.SeedUser("u1"), new[] { CustomerTier.Key });
            var inactive = world.SeedAdvocate("Inactive", world.SeedUser("u2"), new[] { CustomerTier.Key }, active: false);
            var otherTier = world.SeedAdvocate("Other tier", world.SeedUser("u3"), new[] { CustomerTier.Strategic });
            var current = world.SeedAdvocate("Current, inactive", world.SeedUser("u4"), new[] { CustomerTier.Standard }, active: false);
            var leaving = world.SeedAdvocate("Leaving", world.SeedUser("u5"), new[] { CustomerTier.Key });
            var pool = new AdvocatePool(world.Sandbox.Service, 25);

            var ids = pool.Load(CustomerTier.Key, current, leaving).Select(c => c.Id).ToList();

            CollectionAssert.AreEquivalent(new[] { covering, current }, ids);
            CollectionAssert.DoesNotContain(ids, inactive);
            CollectionAssert.DoesNotContain(ids, otherTier);
            CollectionAssert.AreEquivalent(new[] { covering, leaving }, pool.Load(CustomerTier.Key, null, null).Select(c => c.Id).ToList());
        }

        [TestMethod]
        public void Loyalty_reads_only_the_scored_inconveniences_since_the_given_day_and_names_a_missing_account()
        {
            var world = new AdvocacyWorld();
            var account = world.SeedAccount("Contoso", CustomerTier.Key);
            world.Sandbox.Seed(
                new Entity("adv_inconvenience", Guid.NewGuid()) { ["adv_name"] = "old", ["adv_accountid"] = new EntityReference("account", account), ["createdon"] = Today.AddDays(-400), ["adv_impactscore"] = 80 },
                new Entity("adv_inconvenience", Guid.NewGuid()) { ["adv_name"] = "new", ["adv_accountid"] = new EntityReference("account", account), ["createdon"] = Today.AddDays(-3), ["adv_impactscore"] = 40 });

            var read = new AccountLoyaltyReader(world.Sandbox.Service).Read(account, Today.AddDays(-365));

            CollectionAssert.AreEqual(new[] { Today.AddDays(-3) }, read.Events.Select(e => e.CreatedOn).ToList());
            var missing = Guid.Parse("6e2f1c4b-0000-4000-8000-000000000009");
            var error = Assert.ThrowsExactly<MissingRecordException>(() => new AccountLoyaltyReader(world.Sandbox.Service).Read(missing, Today));
            Assert.AreEqual(("account", missing), (error.Table, error.Id), "a missing record, which the removal steps skip");
            Assert.AreEqual("Account 6e2f1c4b-0000-4000-8000-000000000009 does not exist, so its loyalty figures cannot be updated.", error.Message);
        }

        [TestMethod]
        public void Setting_an_advocate_writes_a_reference_to_the_advocate_table_and_clearing_writes_null()
        {
            var updates = new List<Entity>();
            var service = new Mock<IOrganizationService>(MockBehavior.Strict);
            service.Setup(s => s.Update(It.IsAny<Entity>())).Callback((Entity e) => updates.Add(e));
            var advocate = Guid.NewGuid();
            var account = Guid.NewGuid();

            new AccountWriter(service.Object).SetAdvocate(account, advocate);
            new AccountWriter(service.Object).SetAdvocate(account, null);

            var set = updates[0].GetAttributeValue<EntityReference>("adv_advocateid");
            Assert.AreEqual("adv_advocate", set.LogicalName);
            Assert.AreEqual(advocate, set.Id);
            Assert.IsTrue(updates[1].Contains("adv_advocateid"));
            Assert.IsNull(updates[1]["adv_advocateid"]);
        }

        [TestMethod]
        public void The_schedule_state_reads_the_next_proactive_contact()
        {
            var next = Today.AddDays(12);
            var state = AccountRows.ScheduleState(new Entity("account") { ["adv_nextproactivecontact"] = next, ["adv_lastproactivecontact"] = Today });

            Assert.AreEqual(next, state.NextContact);
            Assert.AreEqual(Today, state.LastContact);
        }

        [TestMethod]
        public void Empty_choice_columns_read_as_other_kind_no_band_and_empty_entries_of_a_multi_select_are_skipped()
        {
            Assert.AreEqual(InconvenienceKind.Other, Choices.Kind(null));
            Assert.IsNull(Choices.Band(null));
            var tiers = Choices.Tiers(new OptionSetValueCollection { null!, Choices.Option(CustomerTier.Key) });
            CollectionAssert.AreEqual(new[] { CustomerTier.Key }, tiers.ToList());
        }

        [TestMethod]
        public void A_missing_record_error_names_its_table_and_id()
        {
            var id = Guid.NewGuid();

            var error = new MissingRecordException("incident", Advocacy.Plugins.Domain.Words.TextKey.RecordCase, id);

            Assert.AreEqual("incident", error.Table);
            Assert.AreEqual(id, error.Id);
            Assert.AreEqual("The case " + id.ToString("D") + " does not exist or you cannot see it: choose an existing case.", error.Message);
        }

        [TestMethod]
        public void The_sweep_queries_refuse_a_missing_plan_or_position_and_write_the_due_date_as_an_iso_date()
        {
            var plan = new ProactiveSweepPlan(new SweepSettings(), new FollowUpSettings());
            Assert.AreEqual("plan", Assert.ThrowsExactly<ArgumentNullException>(() => ProactiveSweepQueries.DueAccountsFetch(null!, SweepContinuation.Start(Today), 10)).ParamName);
            Assert.AreEqual("position", Assert.ThrowsExactly<ArgumentNullException>(() => ProactiveSweepQueries.DueAccountsFetch(plan, null!, 10)).ParamName);
            Assert.AreEqual("plan", Assert.ThrowsExactly<ArgumentNullException>(() => ProactiveSweepQueries.DueAccountsCountFetch(null!, Today)).ParamName);

            var due = XElement.Parse(ProactiveSweepQueries.DueAccountsCountFetch(plan, Today)).Descendants("condition")
                .Single(c => (string)c.Attribute("attribute")! == "adv_nextproactivecontact" && (string)c.Attribute("operator")! == "lt");
            var dayAfter = plan.DueOnOrBefore(Today).Date.AddDays(1);
            Assert.AreEqual(dayAfter.ToString("yyyy'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture), (string)due.Attribute("value")!);
        }
    }
}
