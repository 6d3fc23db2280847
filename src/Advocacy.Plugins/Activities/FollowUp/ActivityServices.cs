using System;
using System.Activities;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace Advocacy.Plugins.Activities.FollowUp
{
    /// <summary>What a follow-up workflow activity needs from the host, built per execution.</summary>
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

        public DateTime Today => (Workflow.OperationCreatedOn == default ? DateTime.UtcNow : Workflow.OperationCreatedOn).Date;

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
