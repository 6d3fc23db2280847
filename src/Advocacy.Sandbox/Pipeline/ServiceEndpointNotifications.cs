using System;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// One post a plug-in made through <c>IServiceEndpointNotificationService</c> (to Azure Service Bus, Event Hubs or a
    /// webhook on the platform): the endpoint and the context as it stood when posted (its input parameters copied).
    /// </summary>
    public sealed record ServiceEndpointPost(EntityReference Endpoint, string StepName, string Message, string? Entity, Guid EntityId,
        int Depth, ParameterCollection InputParameters);

    /// <summary>
    /// The notification service a plug-in gets from its service provider. The sandbox has no service endpoints to reach:
    /// it records each post on <see cref="DataverseSandbox.ServiceEndpointPosts"/> and answers with
    /// <see cref="DataverseSandbox.ServiceEndpointResponder"/> (a two-way or REST endpoint's reply; null without one, as
    /// a queue endpoint answers).
    /// </summary>
    internal sealed class ServiceEndpointNotifications : IServiceEndpointNotificationService
    {
        private readonly DataverseSandbox _sandbox;
        private readonly ExecutionRecord _record;

        public ServiceEndpointNotifications(DataverseSandbox sandbox, ExecutionRecord record)
        {
            _sandbox = sandbox;
            _record = record;
        }

        public string? Execute(EntityReference serviceEndpoint, IExecutionContext context)
        {
            if (serviceEndpoint == null || serviceEndpoint.Id == Guid.Empty)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, "Name the service endpoint to post to (an EntityReference to its serviceendpoint row).");
            }
            if (context == null)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, "Pass the execution context to post (the plug-in's own, or one it built).");
            }
            var parameters = new ParameterCollection();
            foreach (var pair in context.InputParameters)
            {
                parameters[pair.Key] = EntityCloner.CloneValue(pair.Value);
            }
            _sandbox.RecordServiceEndpointPost(new ServiceEndpointPost(new EntityReference(serviceEndpoint.LogicalName, serviceEndpoint.Id), _record.StepName,
                context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId, context.Depth, parameters));
            return _sandbox.ServiceEndpointResponder?.Invoke(serviceEndpoint, context);
        }
    }
}
