using System;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// Currencies as Dataverse keeps them (issue 12): the organization's base currency, a record's currency defaulted
    /// from the creating user's settings (else the base currency), its exchange rate copied onto the row, and each
    /// money column's _base amount = amount / exchange rate.
    /// </summary>
    [TestClass]
    public sealed class CurrencyTests
    {
        [TestMethod]
        public void The_organizations_base_currency_is_the_us_dollar_at_rate_one()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var org = sandbox.Service.Retrieve("organization", sandbox.OrganizationId, new ColumnSet("basecurrencyid"));
            var usd = sandbox.Service.Retrieve("transactioncurrency", org.GetAttributeValue<EntityReference>("basecurrencyid").Id,
                new ColumnSet("isocurrencycode", "currencysymbol", "currencyprecision", "exchangerate"));

            Assert.AreEqual("USD", usd.GetAttributeValue<string>("isocurrencycode"));
            Assert.AreEqual("$", usd.GetAttributeValue<string>("currencysymbol"));
            Assert.AreEqual(2, usd.GetAttributeValue<int>("currencyprecision"));
            Assert.AreEqual(1m, usd.GetAttributeValue<decimal>("exchangerate"));
        }

        [TestMethod]
        public void A_record_without_a_currency_gets_the_base_currency_and_base_amounts_equal_to_its_amounts()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });
            var id = sandbox.Service.Create(new Entity("adv_inconvenience") { ["adv_accountid"] = new EntityReference("account", account), ["adv_ordervalue"] = new Money(48000m) });

            var row = sandbox.Get("adv_inconvenience", id);
            Assert.AreEqual(sandbox.Regional.BaseCurrencyId, row.GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
            Assert.AreEqual(1m, row.GetAttributeValue<decimal>("exchangerate"));
            Assert.AreEqual(48000m, row.GetAttributeValue<Money>("adv_ordervalue_base").Value);
        }

        [TestMethod]
        public void A_base_amount_equal_to_its_amount_is_stored_once_and_still_reads_back_as_a_value_of_its_own()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });
            var id = sandbox.Service.Create(new Entity("adv_inconvenience") { ["adv_accountid"] = new EntityReference("account", account), ["adv_ordervalue"] = new Money(48000.50m) });

            // One Money for both columns in the store (32 bytes a money column a row less)...
            Assert.AreSame(sandbox.Store.ReadValue(null, "adv_inconvenience", id, "adv_ordervalue"), sandbox.Store.ReadValue(null, "adv_inconvenience", id, "adv_ordervalue_base"));

            // ...yet a reader that changes what it got changes neither column.
            var read = sandbox.Service.Retrieve("adv_inconvenience", id, new ColumnSet("adv_ordervalue", "adv_ordervalue_base"));
            Assert.AreNotSame(read.GetAttributeValue<Money>("adv_ordervalue"), read.GetAttributeValue<Money>("adv_ordervalue_base"));
            read.GetAttributeValue<Money>("adv_ordervalue").Value = 1m;
            var again = sandbox.Service.Retrieve("adv_inconvenience", id, new ColumnSet("adv_ordervalue", "adv_ordervalue_base"));
            Assert.AreEqual("48000.50", again.GetAttributeValue<Money>("adv_ordervalue").Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.AreEqual("48000.50", again.GetAttributeValue<Money>("adv_ordervalue_base").Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        [TestMethod]
        public void A_record_takes_the_creating_users_default_currency_and_its_base_amount_is_the_amount_divided_by_the_rate()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var yen = sandbox.Regional.AddCurrency("JPY", "¥", 0, 150m, "Japanese Yen");
            var user = sandbox.SeedUser("Haruto");
            sandbox.Regional.SetUserSettings(user, currencyId: yen);
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });

            var id = sandbox.CreateService(user).Create(new Entity("adv_inconvenience") { ["adv_accountid"] = new EntityReference("account", account), ["adv_ordervalue"] = new Money(7_200_000m) });

            var row = sandbox.Get("adv_inconvenience", id);
            Assert.AreEqual(yen, row.GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
            Assert.AreEqual(150m, row.GetAttributeValue<decimal>("exchangerate"));
            Assert.AreEqual(48000m, row.GetAttributeValue<Money>("adv_ordervalue_base").Value);

            sandbox.Service.Update(new Entity("adv_inconvenience", id) { ["adv_ordervalue"] = new Money(1_500_000m) });
            Assert.AreEqual(10000m, sandbox.Get("adv_inconvenience", id).GetAttributeValue<Money>("adv_ordervalue_base").Value);
        }

        [TestMethod]
        public void Saving_an_amount_in_a_currency_without_an_exchange_rate_is_refused_with_a_message_naming_it()
        {
            var sandbox = DataverseSandbox.ForRepository();
            var odd = sandbox.Regional.AddCurrency("XTS", "¤", 2, null);
            var account = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("adv_inconvenience")
            {
                ["adv_accountid"] = new EntityReference("account", account),
                ["transactioncurrencyid"] = new EntityReference("transactioncurrency", odd),
                ["adv_ordervalue"] = new Money(100m),
            }));
            StringAssert.Contains(fault.Message, "XTS has no exchange rate");
            Assert.IsEmpty(sandbox.Rows("adv_inconvenience"));
        }
    }
}
