using System;
using System.Activities;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace Advocacy.Plugins.Activities
{
    /// <summary>What a custom workflow activity needs from the host, built per execution (activities are cached and shared too).</summary>
    internal sealed class ActivityServices
    {
        private ActivityServices(IWorkflowContext workflow, IOrganizationServiceFactory factory, ITracingService tracing)
        {
            Workflow = workflow;
            Factory = factory;
            Tracing = tracing;
        }

        public IWorkflowContext Workflow { get; }
        public IOrganizationServiceFactory Factory { get; }
        public ITracingService Tracing { get; }

        public IOrganizationService UserService => Factory.CreateOrganizationService(Workflow.UserId);

        public IOrganizationService SystemService => Factory.CreateOrganizationService(null);

        /// <summary>The operation's time, as plug-ins use it (DESIGN §6).</summary>
        public DateTime UtcNow => Workflow.OperationCreatedOn == default ? DateTime.UtcNow : DateTime.SpecifyKind(Workflow.OperationCreatedOn, DateTimeKind.Utc);

        public DateTime Today => UtcNow.Date;

        /// <summary>Settings; a malformed variable becomes a message that names it.</summary>
        public AdvocacySettings Settings()
        {
            try
            {
                return new SettingsReader(SystemService).Read();
            }
            catch (AdvocacySettingsException ex)
            {
                Tracing.Trace("Settings error: {0}", ex.Message);
                throw new InvalidPluginExecutionException(ex.Message, ex);
            }
        }

        /// <summary>Turns a domain input error into the message the workflow shows.</summary>
        public static InvalidPluginExecutionException Rejected(ITracingService tracing, AdvocacyInputException ex)
        {
            tracing.Trace("Rejected input: {0}", ex.Message);
            return new InvalidPluginExecutionException(ex.Message, ex);
        }

        public static ActivityServices From(CodeActivityContext context)
        {
            var workflow = context.GetExtension<IWorkflowContext>() ?? throw new InvalidPluginExecutionException("The workflow host did not supply IWorkflowContext.");
            var factory = context.GetExtension<IOrganizationServiceFactory>() ?? throw new InvalidPluginExecutionException("The workflow host did not supply IOrganizationServiceFactory.");
            var tracing = context.GetExtension<ITracingService>() ?? throw new InvalidPluginExecutionException("The workflow host did not supply ITracingService.");
            return new ActivityServices(workflow, factory, tracing);
        }
    }
}
