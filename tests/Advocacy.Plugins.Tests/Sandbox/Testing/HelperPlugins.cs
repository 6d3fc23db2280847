using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

// Plug-ins a typical plug-in project has, without registration attributes (the helper API registers them in code or runs
// them alone), for the tests of the sandbox's test helpers. Public: the platform only instantiates public classes.
namespace Advocacy.Plugins.Tests.Sandbox.Testing
{
    internal static class Services
    {
        public static (IPluginExecutionContext Context, ITracingService Trace, IOrganizationService Service) Of(IServiceProvider provider)
        {
            var context = (IPluginExecutionContext)provider.GetService(typeof(IPluginExecutionContext))!;
            var factory = (IOrganizationServiceFactory)provider.GetService(typeof(IOrganizationServiceFactory))!;
            return (context, (ITracingService)provider.GetService(typeof(ITracingService))!, factory.CreateOrganizationService(context.UserId));
        }
    }

    /// <summary>Post-operation on account Create: a follow-up task regarding the new account (FakeXrmEasy's classic sample).</summary>
    public sealed class FollowUpTaskPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, service) = Services.Of(serviceProvider);
            var account = (Entity)context.InputParameters["Target"];
            trace.Trace("follow-up for account {0}", account.Id);
            service.Create(new Entity("task")
            {
                ["subject"] = "Send e-mail to the new customer",
                ["regardingobjectid"] = new EntityReference("account", account.Id),
                ["scheduledend"] = context.OperationCreatedOn.AddDays(7),
            });
        }
    }

    /// <summary>Pre-operation on account Create: numbers the account, refuses one without a name.</summary>
    public sealed class AccountNumberPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Services.Of(serviceProvider);
            var account = (Entity)context.InputParameters["Target"];
            string? name = account.GetAttributeValue<string>("name");
            if (string.IsNullOrWhiteSpace(name))
            {
                trace.Trace("refused: no name");
                throw new InvalidPluginExecutionException("Give the account a name before saving it.");
            }
            account["accountnumber"] = "ACC-" + name.ToUpperInvariant();
            trace.Trace("numbered {0}", account["accountnumber"]);
        }
    }

    /// <summary>Traces the step's configurations, as the platform hands them to the constructor.</summary>
    public sealed class ConfiguredPlugin : IPlugin
    {
        private readonly string? _unsecure;
        private readonly string? _secure;

        public ConfiguredPlugin(string? unsecure, string? secure)
        {
            _unsecure = unsecure;
            _secure = secure;
        }

        public void Execute(IServiceProvider serviceProvider) =>
            Services.Of(serviceProvider).Trace.Trace("unsecure={0} secure={1}", _unsecure ?? "null", _secure ?? "null");
    }

    /// <summary>Post-operation on account Update: traces the name change from the pre-image.</summary>
    public sealed class RenameAuditPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, _) = Services.Of(serviceProvider);
            var before = context.PreEntityImages["PreImage"];
            var after = (Entity)context.InputParameters["Target"];
            trace.Trace("renamed from {0} to {1}", before.GetAttributeValue<string>("name"), after.GetAttributeValue<string>("name"));
        }
    }

    /// <summary>Pre-validation on account Delete: refuses while the account has open tasks (one query).</summary>
    public sealed class DeleteGuardPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, trace, service) = Services.Of(serviceProvider);
            var account = (EntityReference)context.InputParameters["Target"];
            var open = new QueryExpression("task") { ColumnSet = new ColumnSet("subject"), TopCount = 1 };
            open.Criteria.AddCondition("regardingobjectid", ConditionOperator.Equal, account.Id);
            open.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
            int count = service.RetrieveMultiple(open).Entities.Count;
            trace.Trace("open tasks: {0}", count);
            if (count > 0)
            {
                throw new InvalidPluginExecutionException("Close the account's open tasks before deleting it.");
            }
        }
    }

    /// <summary>Writes a task, then fails: on the platform the write rolls back with the operation.</summary>
    public sealed class WritesThenFailsPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var (_, _, service) = Services.Of(serviceProvider);
            service.Create(new Entity("task") { ["subject"] = "written before the failure" });
            throw new InvalidPluginExecutionException("Failed after writing.");
        }
    }
}
