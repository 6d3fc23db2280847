using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// The optional parameters that bypass custom business logic (Microsoft Learn, "Bypass custom Dataverse logic"):
    /// BypassCustomPluginExecution skips custom synchronous steps, BypassBusinessLogicExecution skips CustomSync,
    /// CustomAsync or both; each needs its privilege, which System Administrators hold.
    /// </summary>
    [TestClass]
    public sealed class BusinessLogicBypassTests
    {
        public sealed class NamesTheAccount : IPlugin
        {
            public void Execute(IServiceProvider serviceProvider)
            {
                var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
                ((Entity)context.InputParameters["Target"])["description"] = "stamped at stage " + context.Stage;
            }
        }

        public sealed class CountsLater : IPlugin
        {
            public void Execute(IServiceProvider serviceProvider)
            {
                var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
                var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(null);
                service.Update(new Entity("account", context.PrimaryEntityId) { ["numberofemployees"] = 7 });
            }
        }

        private static DataverseSandbox NewSandbox()
        {
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.RegisterStep<NamesTheAccount>("Create", "account", PipelineStage.PreValidation);
            sandbox.RegisterStep<NamesTheAccount>("Create", "account", PipelineStage.PreOperation);
            sandbox.RegisterStep<CountsLater>("Create", "account", PipelineStage.PostOperation, isAsync: true);
            return sandbox;
        }

        private static (string? Description, int? Employees) CreateWith(DataverseSandbox sandbox, string parameter, object value, IOrganizationService? service = null)
        {
            var request = new CreateRequest { Target = new Entity("account") { ["name"] = "Contoso" } };
            request.Parameters[parameter] = value;
            var id = ((CreateResponse)(service ?? sandbox.Service).Execute(request)).id;
            sandbox.RunAsyncJobs();
            var row = sandbox.Get("account", id);
            return (row.GetAttributeValue<string>("description"), row.GetAttributeValue<int?>("numberofemployees"));
        }

        [TestMethod]
        public void Without_a_bypass_every_step_runs()
        {
            var sandbox = NewSandbox();
            var id = sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso" });
            sandbox.RunAsyncJobs();
            Assert.AreEqual("stamped at stage 20", sandbox.Get("account", id).GetAttributeValue<string>("description"));
            Assert.AreEqual(7, sandbox.Get("account", id).GetAttributeValue<int?>("numberofemployees"));
        }

        [TestMethod]
        [DataRow("BypassCustomPluginExecution", true, true, false, DisplayName = "BypassCustomPluginExecution: synchronous only")]
        [DataRow("BypassBusinessLogicExecution", "CustomSync", true, false, DisplayName = "CustomSync")]
        [DataRow("BypassBusinessLogicExecution", "CustomAsync", false, true, DisplayName = "CustomAsync")]
        [DataRow("BypassBusinessLogicExecution", "CustomSync,CustomAsync", true, true, DisplayName = "CustomSync,CustomAsync")]
        [DataRow("BypassBusinessLogicExecution", " CustomAsync , CustomSync ", true, true, DisplayName = "either order, spaces")]
        [DataRow("BypassCustomPluginExecution", false, false, false, DisplayName = "BypassCustomPluginExecution false: nothing bypassed")]
        public void A_bypass_skips_the_custom_steps_of_its_kind(string parameter, object value, bool syncSkipped, bool asyncSkipped)
        {
            var (description, employees) = CreateWith(NewSandbox(), parameter, value);

            Assert.AreEqual(syncSkipped ? null : "stamped at stage 20", description, "stages 10 and 20");
            Assert.AreEqual(asyncSkipped ? null : 7, employees, "the asynchronous step");
        }

        [TestMethod]
        public void The_rows_of_a_bulk_message_are_bypassed_with_it()
        {
            var sandbox = NewSandbox();
            var request = new OrganizationRequest("CreateMultiple")
            {
                ["Targets"] = new EntityCollection(new[] { new Entity("account") { ["name"] = "A" }, new Entity("account") { ["name"] = "B" } }.ToList()) { EntityName = "account" },
                ["BypassBusinessLogicExecution"] = "CustomSync,CustomAsync",
            };
            sandbox.Service.Execute(request);
            sandbox.RunAsyncJobs();

            Assert.IsTrue(sandbox.Rows("account").All(r => r.GetAttributeValue<string>("description") == null && r.GetAttributeValue<int?>("numberofemployees") == null));
        }

        [TestMethod]
        public void An_unknown_value_is_refused_rather_than_running_the_logic_it_meant_to_skip()
        {
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => CreateWith(NewSandbox(), "BypassBusinessLogicExecution", "CustomSynch"));
            Assert.AreEqual(ErrorCodes.InvalidArgument, fault.ErrorCode);
            StringAssert.Contains(fault.Message, "CustomSynch");
        }

        [TestMethod]
        [DataRow("BypassCustomPluginExecution", true, "prvBypassCustomPlugins")]
        [DataRow("BypassBusinessLogicExecution", "CustomAsync", "prvBypassCustomBusinessLogic")]
        public void Under_security_a_bypass_needs_its_privilege_which_system_administrators_hold(string parameter, object value, string privilege)
        {
            var sandbox = NewSandbox();
            var clerk = sandbox.SeedUser("Clerk");
            var admin = sandbox.SeedUser("Admin");
            sandbox.Security.DefineRole("Account clerk").Grant(AccessLevel.Global, "prvCreateAccount", "prvReadAccount", "prvWriteAccount");
            sandbox.Security.AssignRole(clerk, "Account clerk");
            sandbox.Security.AssignRole(admin, "System Administrator");
            sandbox.Security.Enforce = true;

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => CreateWith(sandbox, parameter, value, sandbox.CreateService(clerk)));
            StringAssert.Contains(fault.Message, "is missing " + privilege + " privilege");
            Assert.IsEmpty(sandbox.Rows("account"), "refused before anything ran");

            sandbox.Security.DefineRole("Bulk loader").Grant(AccessLevel.Global, privilege);
            sandbox.Security.AssignRole(clerk, "Bulk loader");
            CreateWith(sandbox, parameter, value, sandbox.CreateService(clerk));
            CreateWith(sandbox, parameter, value, sandbox.CreateService(admin));
            Assert.HasCount(2, sandbox.Rows("account"));
        }
    }
}
