using System;
using System.Activities;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using Moq;

namespace Advocacy.Plugins.Tests.Sdk
{
    /// <summary>The net10.0 System.Activities stand-in runs custom workflow activities as the platform's host does.</summary>
    [TestClass]
    public sealed class WorkflowInvokerTests
    {
        [TestMethod]
        public void Invoker_binds_inputs_supplies_extensions_and_returns_outputs()
        {
            var accountId = Guid.NewGuid();
            var userId = Guid.NewGuid();
            var workflowContext = new Mock<IWorkflowContext>();
            workflowContext.Setup(c => c.UserId).Returns(userId);
            var service = new Mock<IOrganizationService>();
            service.Setup(s => s.Retrieve("account", accountId, It.IsAny<Microsoft.Xrm.Sdk.Query.ColumnSet>()))
                .Returns(new Entity("account", accountId) { ["name"] = "Contoso" });
            var factory = new Mock<IOrganizationServiceFactory>();
            factory.Setup(f => f.CreateOrganizationService(userId)).Returns(service.Object);
            var traces = new List<string>();
            var tracing = new Mock<ITracingService>();
            tracing.Setup(t => t.Trace(It.IsAny<string>(), It.IsAny<object[]>())).Callback((string format, object[] args) => traces.Add(string.Format(format, args)));

            var invoker = new WorkflowInvoker(new GreetAccount());
            invoker.Extensions.Add(workflowContext.Object);
            invoker.Extensions.Add(factory.Object);
            invoker.Extensions.Add(tracing.Object);
            var outputs = invoker.Invoke(new Dictionary<string, object>
            {
                ["Account"] = new EntityReference("account", accountId),
                ["Greeting"] = "Hello",
            });

            Assert.AreEqual("Hello, Contoso!", outputs["Message"]);
            Assert.AreEqual(15, outputs["Length"]);
            Assert.HasCount(2, outputs);
            CollectionAssert.Contains(traces, "greeting account " + accountId);
        }

        [TestMethod]
        public void A_constant_argument_is_the_default_and_an_input_overrides_it()
        {
            var activity = new Echo { Text = "constant" };

            Assert.AreEqual("constant", WorkflowInvoker.Invoke(activity)["Result"]);
            Assert.AreEqual("input", WorkflowInvoker.Invoke(activity, new Dictionary<string, object> { ["Text"] = "input" })["Result"]);
        }

        [TestMethod]
        public void Unset_arguments_read_as_default_and_unset_outputs_come_back_as_default()
        {
            var outputs = WorkflowInvoker.Invoke(new Echo());

            Assert.IsNull(outputs["Result"]);
            Assert.AreEqual(0, outputs["Untouched"]);
        }

        [TestMethod]
        public void A_missing_required_argument_or_an_unknown_input_is_rejected()
        {
            var required = Assert.ThrowsExactly<ArgumentException>(() => WorkflowInvoker.Invoke(new GreetAccount()));
            StringAssert.Contains(required.Message, "Account");

            var unknown = Assert.ThrowsExactly<ArgumentException>(() => WorkflowInvoker.Invoke(new Echo(), new Dictionary<string, object> { ["Nope"] = 1 }));
            StringAssert.Contains(unknown.Message, "Nope");

            Assert.ThrowsExactly<ArgumentException>(() => WorkflowInvoker.Invoke(new Echo(), new Dictionary<string, object> { ["Text"] = 5 }));
        }

        [TestMethod]
        public void Exceptions_from_Execute_propagate_unchanged()
        {
            var error = Assert.ThrowsExactly<InvalidPluginExecutionException>(() => WorkflowInvoker.Invoke(new Fail()));

            Assert.AreEqual("no advocate", error.Message);
        }

        [TestMethod]
        public void A_missing_extension_is_null_and_a_factory_extension_is_created_per_run()
        {
            var created = 0;
            var invoker = new WorkflowInvoker(new ProbeExtensions());
            invoker.Extensions.Add<ITracingService>(() =>
            {
                created++;
                return new Mock<ITracingService>().Object;
            });

            var first = invoker.Invoke();
            invoker.Invoke();

            Assert.IsFalse((bool)first["HasWorkflowContext"]);
            Assert.IsTrue((bool)first["HasTracing"]);
            Assert.AreEqual(2, created);
        }

        private sealed class GreetAccount : CodeActivity
        {
            [RequiredArgument]
            [Input("Account")]
            [ReferenceTarget("account")]
            public InArgument<EntityReference> Account { get; set; } = null!;

            [Input("Greeting")]
            [Default("Hi")]
            public InArgument<string> Greeting { get; set; } = null!;

            [Output("Message")]
            public OutArgument<string> Message { get; set; } = null!;

            [Output("Length")]
            public OutArgument<int> Length { get; set; } = null!;

            protected override void Execute(CodeActivityContext context)
            {
                var workflow = context.GetExtension<IWorkflowContext>();
                var service = context.GetExtension<IOrganizationServiceFactory>().CreateOrganizationService(workflow.UserId);
                var tracing = context.GetExtension<ITracingService>();
                var account = Account.Get(context);
                tracing.Trace("greeting account {0}", account.Id);
                var name = service.Retrieve(account.LogicalName, account.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet("name")).GetAttributeValue<string>("name");
                var message = $"{Greeting.Get(context)}, {name}!";
                Message.Set(context, message);
                context.SetValue(Length, message.Length);
            }
        }

        private sealed class Echo : CodeActivity
        {
            public InArgument<string> Text { get; set; } = null!;

            public OutArgument<string> Result { get; set; } = null!;

            public OutArgument<int> Untouched { get; set; } = null!;

            protected override void Execute(CodeActivityContext context) => Result.Set(context, context.GetValue(Text));
        }

        private sealed class Fail : CodeActivity
        {
            protected override void Execute(CodeActivityContext context) => throw new InvalidPluginExecutionException("no advocate");
        }

        private sealed class ProbeExtensions : CodeActivity
        {
            public OutArgument<bool> HasWorkflowContext { get; set; } = null!;

            public OutArgument<bool> HasTracing { get; set; } = null!;

            protected override void Execute(CodeActivityContext context)
            {
                HasWorkflowContext.Set(context, context.GetExtension<IWorkflowContext>() != null);
                HasTracing.Set(context, context.GetExtension<ITracingService>() != null);
            }
        }
    }
}
