using System;
using System.Linq;
using Advocacy.Plugins.Tests.Sandbox.Testing.EarlyBound;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Client;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

// An early-bound class as CrmSvcUtil and pac modelbuilder generate it (cut down to three columns). This test assembly
// does not carry [assembly: ProxyTypesAssembly]: its plug-ins keep getting late-bound rows, as on the platform.
namespace Advocacy.Plugins.Tests.Sandbox.Testing.EarlyBound
{
    [EntityLogicalName("account")]
    public sealed class Account : Entity
    {
        public const string EntityLogicalName = "account";

        public Account() : base(EntityLogicalName)
        {
        }

        [AttributeLogicalName("accountid")]
        public override Guid Id
        {
            get => base.Id;
            set => base.Id = value;
        }

        [AttributeLogicalName("name")]
        public string? Name
        {
            get => GetAttributeValue<string>("name");
            set => this["name"] = value;
        }

        [AttributeLogicalName("numberofemployees")]
        public int? NumberOfEmployees
        {
            get => GetAttributeValue<int?>("numberofemployees");
            set => this["numberofemployees"] = value;
        }
    }
}

namespace Advocacy.Plugins.Tests.Sandbox.Testing
{
    /// <summary>Rows handed back as early-bound classes once a test enables proxy types (FakeXrmEasy's ProxyTypesAssembly).</summary>
    [TestClass]
    public sealed class EarlyBoundTests
    {
        [TestMethod]
        public void Without_proxy_types_rows_come_back_late_bound_even_when_written_early_bound()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var id = sandbox.Service.Create(new Account { Name = "Contoso", NumberOfEmployees = 50 });

            var row = sandbox.Service.Retrieve("account", id, new ColumnSet("name"));

            Assert.AreEqual(typeof(Entity), row.GetType());
            Assert.AreEqual("Contoso", row.ToEntity<Account>().Name);
        }

        [TestMethod]
        public void With_proxy_types_a_retrieve_a_query_and_a_batch_answer_with_the_early_bound_class_and_other_tables_stay_late_bound()
        {
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.EnableProxyTypes(typeof(Account).Assembly);
            var contoso = sandbox.Service.Create(new Account { Name = "Contoso", NumberOfEmployees = 50 });
            sandbox.Service.Create(new Account { Name = "Fabrikam", NumberOfEmployees = 5 });
            var contact = sandbox.Service.Create(new Entity("contact") { ["lastname"] = "Ngata" });

            var retrieved = (Account)sandbox.Service.Retrieve("account", contoso, new ColumnSet("name", "numberofemployees"));
            Assert.AreEqual(("Contoso", 50, contoso), (retrieved.Name, retrieved.NumberOfEmployees, retrieved.Id));

            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), Orders = { new OrderExpression("name", OrderType.Descending) } };
            var rows = sandbox.Service.RetrieveMultiple(query).Entities.Cast<Account>().Select(a => a.Name).ToArray();
            CollectionAssert.AreEqual(new[] { "Fabrikam", "Contoso" }, rows);

            Assert.AreEqual(typeof(Entity), sandbox.Service.Retrieve("contact", contact, new ColumnSet("lastname")).GetType());

            var batch = new ExecuteMultipleRequest
            {
                Settings = new ExecuteMultipleSettings { ReturnResponses = true, ContinueOnError = false },
                Requests = new OrganizationRequestCollection { new RetrieveRequest { Target = new EntityReference("account", contoso), ColumnSet = new ColumnSet("name") } },
            };
            var item = ((ExecuteMultipleResponse)sandbox.Service.Execute(batch)).Responses.Single();
            Assert.AreEqual("Contoso", ((Account)((RetrieveResponse)item.Response).Entity).Name);

            // The early-bound row is the caller's own copy.
            retrieved.Name = "Changed by the caller";
            Assert.AreEqual("Contoso", sandbox.Get("account", contoso).GetAttributeValue<string>("name"));
        }

#if !MICROSOFT_XRM_SDK // that build marks this assembly [ProxyTypesAssembly] for Microsoft's LINQ provider (LinqTests)
        [TestMethod]
        public void Proxy_types_for_the_tests_services_do_not_reach_a_plug_ins_calls_whose_assembly_does_not_ask_for_them()
        {
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.EnableProxyTypes(typeof(Account).Assembly);
            sandbox.RegisterStep<ReadsAccountBackPlugin>("Create", "account", PipelineStage.PostOperation);

            sandbox.Service.Create(new Account { Name = "Contoso" });

            Assert.AreEqual("read back as Microsoft.Xrm.Sdk.Entity", sandbox.Executions.Single().Traces.Single());
        }
#endif

#if !MICROSOFT_XRM_SDK
        [TestMethod]
        public void Enabling_every_marked_assembly_when_none_is_loaded_says_to_name_the_assembly()
        {
            var sandbox = new DataverseSandbox((string?)null);

            var refusal = Assert.ThrowsExactly<InvalidOperationException>(() => sandbox.EnableProxyTypes());

            StringAssert.Contains(refusal.Message, "EnableProxyTypes(assembly)");
        }
#endif

        [TestMethod]
        public void Enabling_an_assembly_without_early_bound_classes_is_refused_naming_it()
        {
            var sandbox = new DataverseSandbox((string?)null);

            var refusal = Assert.ThrowsExactly<ArgumentException>(() => sandbox.EnableProxyTypes(typeof(DataverseSandbox).Assembly));

            StringAssert.Contains(refusal.Message, "Advocacy.Sandbox has no early-bound entity classes");
        }
    }

    /// <summary>Post-operation on account Create: reads its row back and traces the class the service answered with.</summary>
    public sealed class ReadsAccountBackPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, service) = Services.Of(serviceProvider);
            trace.Trace("read back as {0}", service.Retrieve("account", context.PrimaryEntityId, new ColumnSet("name")).GetType().FullName);
        }
    }
}
