using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// Alternate keys as Dataverse keeps them: read from Entity.xml in SolutionPackager's form and enforced as a unique
    /// index, with the platform's DuplicateRecordEntityKey fault and wording ("A record that has the attribute values …
    /// already exists. The entity key … requires that this set of attributes contains unique values.").
    /// </summary>
    [TestClass]
    public sealed class AlternateKeyTests
    {
        [TestMethod]
        public void The_solutions_key_is_read_from_EntityKeyAttributes_and_a_second_advocate_for_one_user_is_refused_as_Dataverse_words_it()
        {
            // The oracle is the solution's own Entity.xml: the key's columns and the names the fault uses.
            var entity = XDocument.Load(Path.Combine(DataverseSandbox.FindSolutionFolder()!, "Entities", "adv_Advocate", "Entity.xml")).Descendants("entity").Single();
            var key = entity.Descendants("EntityKey").Single();
            string keyName = (string)key.Element("LogicalName")!;
            string[] columns = key.Element("EntityKeyAttributes")!.Elements("AttributeName").Select(a => a.Value).ToArray();
            string keyLabel = (string)key.Element("displaynames")!.Elements("displayname").Single(d => (string)d.Attribute("languagecode")! == "1033").Attribute("description")!;
            string columnLabel = (string)entity.Descendants("attribute").Single(a => (string)a.Element("LogicalName")! == columns.Single())
                .Element("displaynames")!.Elements("displayname").Single(d => (string)d.Attribute("languagecode")! == "1033").Attribute("description")!;

            var sandbox = DataverseSandbox.ForRepository();
            CollectionAssert.AreEqual(columns, sandbox.Metadata.Table("adv_advocate")!.AlternateKeys[keyName]);

            var user = sandbox.SeedUser("Lee Park");
            sandbox.Service.Create(new Entity("adv_advocate") { ["adv_name"] = "Lee Park", ["adv_userid"] = new EntityReference("systemuser", user) });
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.Service.Create(new Entity("adv_advocate") { ["adv_name"] = "Lee Park again", ["adv_userid"] = new EntityReference("systemuser", user) }));

            Assert.AreEqual(ErrorCodes.DuplicateKey, fault.ErrorCode);
            Assert.AreEqual($"A record that has the attribute values {columnLabel} already exists. The entity key {keyLabel} requires that this set of attributes contains unique values. Select unique values and try again.", fault.Message);
            Assert.AreEqual(1, sandbox.Rows("adv_advocate").Count);
        }

        [TestMethod]
        public void An_update_that_takes_another_rows_key_is_refused_and_one_that_keeps_its_own_is_not()
        {
            var sandbox = SandboxFixture.Create();
            var first = sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_code"] = "W-1" });
            var second = sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_code"] = "W-2" });

            sandbox.Service.Update(new Entity(SandboxFixture.Widget, first) { ["sbx_code"] = "W-1", ["sbx_name"] = "same key, written again" });
            sandbox.Service.Update(new Entity(SandboxFixture.Widget, second) { ["sbx_name"] = "key not written" });
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Update(new Entity(SandboxFixture.Widget, second) { ["sbx_code"] = "w-1" }));

            Assert.AreEqual(ErrorCodes.DuplicateKey, fault.ErrorCode, "keys compare as the platform's collation does, without case");
            Assert.AreEqual("W-2", sandbox.Get(SandboxFixture.Widget, second).GetAttributeValue<string>("sbx_code"));
        }

        [TestMethod]
        public void Rows_without_a_key_value_do_not_clash_a_row_written_earlier_in_the_transaction_does_and_seeds_are_not_checked()
        {
            var sandbox = SandboxFixture.Create();
            sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "no code" });
            sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "no code either" });

            var requests = new OrganizationRequestCollection
            {
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity(SandboxFixture.Widget) { ["sbx_code"] = "T-1" } },
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity(SandboxFixture.Widget) { ["sbx_code"] = "T-1" } },
            };
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Execute(new OrganizationRequest("ExecuteTransaction") { ["Requests"] = requests }));
            Assert.AreEqual(0, sandbox.Rows(SandboxFixture.Widget).Count(w => w.GetAttributeValue<string>("sbx_code") == "T-1"), "the transaction rolled back whole");

            // Seeded rows are data already there (as with column limits): the test states them, the sandbox does not judge them.
            sandbox.Seed(new Entity(SandboxFixture.Widget, Guid.NewGuid()) { ["sbx_code"] = "S-1" }, new Entity(SandboxFixture.Widget, Guid.NewGuid()) { ["sbx_code"] = "S-1" });
            Assert.AreEqual(2, sandbox.Rows(SandboxFixture.Widget).Count(w => w.GetAttributeValue<string>("sbx_code") == "S-1"));
        }
    
        [TestMethod]
        public void A_row_is_found_by_a_defined_key_only_other_columns_are_refused_as_the_platform_refuses_them()
        {
            var sandbox = SandboxFixture.Create();
            sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_code"] = "W-1", ["sbx_name"] = "first" });

            sandbox.Service.Update(new Entity(SandboxFixture.Widget, "sbx_code", "w-1") { ["sbx_name"] = "renamed by key" });
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.Service.Execute(new Microsoft.Xrm.Sdk.Messages.UpsertRequest { Target = new Entity(SandboxFixture.Widget, "sbx_name", "renamed by key") { ["sbx_count"] = 2 } }));

            Assert.AreEqual("renamed by key", sandbox.Rows(SandboxFixture.Widget).Single().GetAttributeValue<string>("sbx_name"));
            Assert.AreEqual("The specified key attributes are not a defined key for the sbx_widget entity", fault.Message);
            Assert.AreEqual(unchecked((int)0x80060890), fault.ErrorCode, "EntityKeyNotDefined, Microsoft Learn's \"Web service error codes\"");
            Assert.AreEqual(1, sandbox.Rows(SandboxFixture.Widget).Count, "nothing was created by the refused Upsert");

            // An Update by a defined key that no row has: RecordNotFoundByEntityKey, in the platform's words.
            var missing = Assert.ThrowsExactly<SandboxFaultException>(() =>
                sandbox.Service.Update(new Entity(SandboxFixture.Widget, "sbx_code", "W-404") { ["sbx_name"] = "nobody" }));
            Assert.AreEqual("A record with the specified key values does not exist in sbx_widget entity", missing.Message);
            Assert.AreEqual(unchecked((int)0x80060891), missing.ErrorCode, "RecordNotFoundByEntityKey (Microsoft Learn, \"Web service error codes\")");
        }
    }
}
