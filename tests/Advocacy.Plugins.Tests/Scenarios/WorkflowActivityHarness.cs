using System;
using System.Activities;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using Moq;

namespace Advocacy.Plugins.Tests.Scenarios
{
    /// <summary>
    /// Runs a custom workflow activity for real against the sandbox, with the extensions the workflow host
    /// supplies: the workflow context (as the given user, at the sandbox's time), a service factory whose
    /// services are the sandbox's, and a tracing service that keeps the lines for assertions.
    /// </summary>
    public static class WorkflowActivityHarness
    {
        public static IDictionary<string, object?> Run(AdvocacyWorld world, Activity activity, IDictionary<string, object> inputs, Guid userId, List<string>? traces = null)
        {
            var workflow = new Mock<IWorkflowContext>();
            workflow.SetupGet(w => w.UserId).Returns(userId);
            workflow.SetupGet(w => w.InitiatingUserId).Returns(userId);
            workflow.SetupGet(w => w.OperationCreatedOn).Returns(world.Sandbox.Clock.UtcNow);
            workflow.SetupGet(w => w.Depth).Returns(1);

            var factory = new Mock<IOrganizationServiceFactory>();
            // In a workflow activity every call runs as the workflow's user, whatever id is passed.
            factory.Setup(f => f.CreateOrganizationService(It.IsAny<Guid?>())).Returns(() => world.Sandbox.CreateNestedService(userId));

            var tracing = new Mock<ITracingService>();
            tracing.Setup(t => t.Trace(It.IsAny<string>(), It.IsAny<object[]>()))
                .Callback<string, object[]>((format, args) => traces?.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args)));

            var invoker = new WorkflowInvoker(activity);
            invoker.Extensions.Add(workflow.Object);
            invoker.Extensions.Add(factory.Object);
            invoker.Extensions.Add(tracing.Object);
            var outputs = invoker.Invoke(inputs);
            var result = new Dictionary<string, object?>();
            foreach (var pair in outputs)
            {
                result[pair.Key] = pair.Value;
            }

            return result;
        }
    }
}
