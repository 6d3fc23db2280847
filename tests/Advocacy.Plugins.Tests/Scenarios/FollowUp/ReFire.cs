using System;
using System.Collections.Generic;
using Advocacy.Sandbox;
using Microsoft.Xrm.Sdk;
using Moq;

namespace Advocacy.Plugins.Tests.Scenarios.FollowUp
{
    /// <summary>
    /// Runs a step's plug-in class again on the same input, as the platform does when it retries or re-fires
    /// a step: same message, entity, images and operation time, a service that reaches the sandbox. (The
    /// sandbox has no public "re-fire" API, so the test hosts the plug-in itself.)
    /// </summary>
    internal static class ReFire
    {
        public static IServiceProvider ServiceProvider(DataverseSandbox sandbox, ExecutionRecord original, Entity target,
            Entity? preImage = null, Entity? postImage = null, IDictionary<string, object>? inputs = null, List<string>? traces = null)
        {
            var context = new Mock<IPluginExecutionContext>();
            var parameters = new ParameterCollection();
            if (target != null) parameters["Target"] = target;
            if (inputs != null) foreach (var pair in inputs) parameters[pair.Key] = pair.Value;
            var pre = new EntityImageCollection();
            if (preImage != null) pre["pre"] = preImage;
            var post = new EntityImageCollection();
            if (postImage != null) post["post"] = postImage;
            context.Setup(c => c.MessageName).Returns(original.Message);
            context.Setup(c => c.PrimaryEntityName).Returns(original.Entity ?? "none");
            context.Setup(c => c.PrimaryEntityId).Returns(original.EntityId);
            context.Setup(c => c.Depth).Returns(original.Depth);
            context.Setup(c => c.UserId).Returns(original.UserId);
            context.Setup(c => c.InitiatingUserId).Returns(original.InitiatingUserId);
            context.Setup(c => c.OperationCreatedOn).Returns(sandbox.Clock.UtcNow);
            context.Setup(c => c.InputParameters).Returns(parameters);
            context.Setup(c => c.OutputParameters).Returns(new ParameterCollection());
            context.Setup(c => c.SharedVariables).Returns(new ParameterCollection());
            context.Setup(c => c.PreEntityImages).Returns(pre);
            context.Setup(c => c.PostEntityImages).Returns(post);
            context.Setup(c => c.Stage).Returns((int)original.Stage);

            var tracing = new Mock<ITracingService>();
            tracing.Setup(t => t.Trace(It.IsAny<string>(), It.IsAny<object[]>()))
                .Callback((string format, object[] args) => traces?.Add(string.Format(format, args)));
            var factory = new Mock<IOrganizationServiceFactory>();
            factory.Setup(f => f.CreateOrganizationService(It.IsAny<Guid?>()))
                .Returns((Guid? user) => sandbox.CreateNestedService(user ?? sandbox.SystemUserId)); // a plug-in's calls run one level below its step

            var provider = new Mock<IServiceProvider>();
            provider.Setup(p => p.GetService(typeof(IPluginExecutionContext))).Returns(context.Object);
            provider.Setup(p => p.GetService(typeof(ITracingService))).Returns(tracing.Object);
            provider.Setup(p => p.GetService(typeof(IOrganizationServiceFactory))).Returns(factory.Object);
            return provider.Object;
        }
    }
}
