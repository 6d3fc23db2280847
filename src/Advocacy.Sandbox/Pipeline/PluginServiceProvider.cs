using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>The IServiceProvider handed to IPlugin.Execute: context, tracing, the service factory, the telemetry logger and the service endpoint notifications.</summary>
    internal sealed class PluginServiceProvider : IServiceProvider, ITracingService, IOrganizationServiceFactory
    {
        private readonly DataverseSandbox _sandbox;
        private readonly SandboxPluginExecutionContext _context;
        private readonly ExecutionRecord _record;
        private readonly Transaction? _transaction;

        public PluginServiceProvider(DataverseSandbox sandbox, SandboxPluginExecutionContext context, ExecutionRecord record, Transaction? transaction)
        {
            _sandbox = sandbox;
            _context = context;
            _record = record;
            _transaction = transaction;
        }

        public object? GetService(Type serviceType)
        {
            if (serviceType == typeof(IPluginExecutionContext) || serviceType == typeof(IExecutionContext)
                || serviceType == typeof(IPluginExecutionContext2) || serviceType == typeof(IPluginExecutionContext3)
                || serviceType == typeof(IPluginExecutionContext4))
            {
                return _context;
            }
            if (serviceType == typeof(ITracingService))
            {
                return this;
            }
            if (serviceType == typeof(IOrganizationServiceFactory))
            {
                return this;
            }
            if (serviceType == typeof(Microsoft.Xrm.Sdk.PluginTelemetry.ILogger))
            {
                return new PluginTelemetryLogger(_record);
            }
            if (serviceType == typeof(IServiceEndpointNotificationService))
            {
                return new ServiceEndpointNotifications(_sandbox, _record);
            }
            return null;
        }

        public void Trace(string format, params object[] args)
        {
            string line = args == null || args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
            _record.AddTrace(line);
        }

        // null = SYSTEM, Guid.Empty = the context's user, anything else = that user (Microsoft's documented rule).
        public IOrganizationService CreateOrganizationService(Guid? userId)
        {
            Guid user = userId == null ? _sandbox.SystemUserId : userId == Guid.Empty ? _context.UserId : userId.Value;
            var caller = new CallerContext(user, _context.InitiatingUserId, _context.Depth, _context, _transaction, _record, _context.CorrelationId);
            return new SandboxOrganizationService(_sandbox, caller);
        }
    }
}
