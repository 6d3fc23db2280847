using System;
using System.IO;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox
{
    [TestClass]
    public sealed class MetadataTests
    {
        [TestMethod]
        public void Unknown_columns_are_rejected_with_Dataverse_message()
        {
            var sandbox = SandboxFixture.Create();
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("account") { ["adv_foo"] = "x" }));
            StringAssert.StartsWith(fault.Message, "'account' entity doesn't contain attribute with Name = 'adv_foo' and NameMapping = 'Logical'");
            Assert.AreEqual(unchecked((int)0x80041103), fault.ErrorCode, "QueryBuilderNoAttribute, as a real fault shows it with this message");
        }

        [TestMethod]
        public void Unknown_tables_are_rejected()
        {
            var sandbox = SandboxFixture.Create();
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("adv_nothing") { ["adv_name"] = "x" }));
            Assert.AreEqual("The entity with a name = 'adv_nothing' with namemapping = 'Logical' was not found in the MetadataCache.", fault.Message);
            // A real fault with this message carries QueryBuilderNoEntity (0x80041102; MscrmTools.PortalCodeEditor issue 15
            // quotes one), not ObjectDoesNotExist, which the sandbox gave before.
            Assert.AreEqual(unchecked((int)0x80041102), fault.ErrorCode);
        }

        [TestMethod]
        [DataRow("revenue", "1000", "System.String")]
        [DataRow("parentaccountid", 5, "System.Int32")]
        [DataRow("numberofemployees", 5L, "System.Int64")]
        [DataRow("customertypecode", 3, "System.Int32")]
        public void Values_of_the_wrong_type_are_rejected(string column, object value, string typeName)
        {
            var sandbox = SandboxFixture.Create();
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("account") { [column] = value }));
            StringAssert.StartsWith(fault.Message, "Incorrect attribute value type " + typeName);
        }

        [TestMethod]
        public void Lookups_to_the_wrong_table_and_choices_out_of_range_are_rejected()
        {
            var sandbox = SandboxFixture.Create();
            Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("account") { ["parentaccountid"] = new EntityReference("contact", Guid.NewGuid()) }));
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_kind"] = new OptionSetValue(7) }));
            StringAssert.Contains(fault.Message, "outside the valid range");
            sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_kind"] = new OptionSetValue(2), ["sbx_amount"] = new Money(1m), ["sbx_flag"] = true });
        }

        [TestMethod]
        public void Standard_tables_know_the_columns_the_product_uses()
        {
            var metadata = new SandboxMetadata();
            Assert.AreEqual("activityid", metadata.PrimaryIdAttribute("task"));
            foreach (var (table, column) in new[]
            {
                ("task", "regardingobjectid"), ("task", "scheduledend"), ("task", "actualend"), ("incident", "customerid"), ("incident", "subjectid"),
                ("salesorder", "requestdeliveryby"), ("salesorder", "datefulfilled"), ("salesorder", "totalamount"), ("systemuser", "parentsystemuserid"),
                ("systemuser", "isdisabled"), ("environmentvariabledefinition", "defaultvalue"), ("environmentvariablevalue", "value"), ("account", "parentaccountid"),
            })
            {
                Assert.IsTrue(metadata.ColumnExists(table, column), $"{table}.{column}");
            }
        }

        [TestMethod]
        public void A_solution_folder_adds_tables_columns_and_choices_and_tolerates_broken_files()
        {
            string folder = Support.TestRunFolders.New("sbx-solution-");
            try
            {
                Directory.CreateDirectory(Path.Combine(folder, "Entities", "adv_thing"));
                Directory.CreateDirectory(Path.Combine(folder, "Entities", "Account"));
                Directory.CreateDirectory(Path.Combine(folder, "Entities", "adv_broken"));
                Directory.CreateDirectory(Path.Combine(folder, "OptionSets"));
                File.WriteAllText(Path.Combine(folder, "OptionSets", "adv_tier.xml"), """
                    <optionset Name="adv_tier"><OptionSetType>picklist</OptionSetType><IsGlobal>1</IsGlobal><options>
                      <option value="100000000"><labels><label description="Strategic" languagecode="1033" /></labels></option>
                      <option value="100000001"><labels><label description="Key" languagecode="1033" /></labels></option>
                    </options></optionset>
                    """);
                File.WriteAllText(Path.Combine(folder, "Entities", "adv_thing", "Entity.xml"), """
                    <Entity><Name LocalizedName="Thing" OriginalName="Thing">adv_thing</Name><EntityInfo><entity Name="adv_thing"><attributes>
                      <attribute PhysicalName="adv_thingId"><Type>primarykey</Type><Name>adv_thingid</Name><LogicalName>adv_thingid</LogicalName></attribute>
                      <attribute PhysicalName="adv_name"><Type>nvarchar</Type><LogicalName>adv_name</LogicalName><DisplayMask>PrimaryName|ValidForAdvancedFind</DisplayMask></attribute>
                      <attribute PhysicalName="adv_AccountId"><Type>lookup</Type><LogicalName>adv_accountid</LogicalName><LookupTypes><LookupType id="00000000-0000-0000-0000-000000000000">account</LookupType></LookupTypes></attribute>
                      <attribute PhysicalName="adv_Value"><Type>money</Type><LogicalName>adv_value</LogicalName></attribute>
                      <attribute PhysicalName="adv_Band"><Type>picklist</Type><LogicalName>adv_band</LogicalName>
                        <optionset Name="adv_thing_adv_band"><OptionSetType>picklist</OptionSetType><options>
                          <option value="1"><labels><label description="Low" languagecode="1033" /></labels></option></options></optionset></attribute>
                      <attribute PhysicalName="adv_NoType"><LogicalName>adv_notype</LogicalName></attribute>
                    </attributes></entity></EntityInfo></Entity>
                    """);
                File.WriteAllText(Path.Combine(folder, "Entities", "Account", "Entity.xml"), """
                    <Entity><Name>Account</Name><EntityInfo><entity Name="Account"><attributes>
                      <attribute PhysicalName="adv_Tier"><Type>picklist</Type><LogicalName>adv_tier</LogicalName><OptionSetName>adv_tier</OptionSetName></attribute>
                    </attributes></entity></EntityInfo></Entity>
                    """);
                File.WriteAllText(Path.Combine(folder, "Entities", "adv_broken", "Entity.xml"), "<Entity><not closed");

                var sandbox = new DataverseSandbox(folder);
                var thing = sandbox.Metadata.Table("adv_thing")!;
                Assert.AreEqual("adv_thingid", thing.PrimaryIdAttribute);
                Assert.AreEqual("adv_name", thing.PrimaryNameAttribute);
                Assert.AreEqual(ColumnType.Money, thing.Column("adv_value")!.Type);
                CollectionAssert.AreEqual(new[] { "account" }, thing.Column("adv_accountid")!.Targets.ToArray());
                Assert.IsTrue(thing.HasColumn("ownerid"), "custom tables get the system columns");
                Assert.AreEqual("Key", sandbox.Metadata.ChoiceLabel("account", "adv_tier", 100000001));
                Assert.IsTrue(sandbox.Metadata.ColumnExists("account", "name"), "built-in columns are kept");
                Assert.IsTrue(sandbox.Metadata.LoadWarnings.Count >= 2, string.Join("; ", sandbox.Metadata.LoadWarnings));

                Guid account = sandbox.Service.Create(new Entity("account") { ["name"] = "A", ["adv_tier"] = new OptionSetValue(100000000) });
                Guid id = sandbox.Service.Create(new Entity("adv_thing") { ["adv_name"] = "t", ["adv_accountid"] = new EntityReference("account", account), ["adv_band"] = new OptionSetValue(1) });
                Assert.AreEqual(id, sandbox.Get("adv_thing", id).GetAttributeValue<Guid>("adv_thingid"));
                var retrieved = sandbox.Service.Retrieve("adv_thing", id, new Microsoft.Xrm.Sdk.Query.ColumnSet("adv_accountid", "adv_band"));
                Assert.AreEqual("A", retrieved.GetAttributeValue<EntityReference>("adv_accountid").Name);
                Assert.AreEqual("Low", retrieved.FormattedValues["adv_band"]);
                Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("adv_thing") { ["adv_value"] = 5m }));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [TestMethod]
        public void The_repository_solution_folder_loads()
        {
            string? folder = DataverseSandbox.FindSolutionFolder();
            Assert.IsNotNull(folder);
            var sandbox = new DataverseSandbox(folder);
            Assert.IsNotNull(sandbox.Metadata.Table("account"));
        }
    }
}
