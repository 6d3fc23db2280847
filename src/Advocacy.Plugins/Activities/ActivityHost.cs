using System;
using System.Activities;
using Advocacy.Plugins.Application;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Domain.Words;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace Advocacy.Plugins.Activities
{
    /// <summary>
    /// What one execution of a custom workflow activity needs, built fresh per call (the platform caches activity
    /// instances too): the workflow's services, tracing, the settings read once and the operation's time. The
    /// activity counterpart of <see cref="Plugins.PluginContext"/>.
    /// </summary>
    public sealed class ActivityHost : IAdvocacyHost
    {
        private readonly IOrganizationServiceFactory _factory;
        private IOrganizationService? _service;
        private AdvocacySettings? _settings;
        private IReaderLanguages? _readers;
        private UserSettingsRows? _userSettings;
        private UserZones? _zones;

        private ActivityHost(IWorkflowContext workflow, IOrganizationServiceFactory factory, ITracingService tracing)
        {
            Workflow = workflow;
            _factory = factory;
            Tracing = tracing;
        }

        public IWorkflowContext Workflow { get; }

        public ITracingService Tracing { get; }

        /// <summary>The workflow's user: in a custom workflow activity the platform runs every call as that user.</summary>
        public IOrganizationService UserService => _service ?? (_service = _factory.CreateOrganizationService(Workflow.UserId));

        /// <summary>
        /// The same service as <see cref="UserService"/>: a custom workflow activity cannot act as SYSTEM, so the
        /// workflow's owner needs the rights the use case's writes need; <see cref="SystemIdentity"/> says so in the trace.
        /// </summary>
        public IOrganizationService SystemService => UserService;

        public string SystemIdentity => "the workflow's user (a custom workflow activity cannot act as the system user)";

        public AdvocacySettings Settings => _settings ?? (_settings = new SettingsReader(SystemService).Read());

        public DateTime UtcNow => Workflow.OperationCreatedOn == default ? DateTime.UtcNow : DateTime.SpecifyKind(Workflow.OperationCreatedOn, DateTimeKind.Utc);

        /// <summary>Read with the workflow's user: a custom workflow activity has no other.</summary>
        public IReaderLanguages Readers => _readers ?? (_readers = new UserLanguages(UserSettings, Tracing));

        /// <summary>Read as SYSTEM too, in the same rows as the languages: an owner's zone and words cost one query.</summary>
        public UserZones Zones => _zones ?? (_zones = new UserZones(UserSettings, Tracing));

        private Application.OwnerCalendars? _calendars;

        /// <inheritdoc/>
        public Domain.FollowUp.IOwnerCalendars Calendars => _calendars ?? (_calendars = new Application.OwnerCalendars(this));

        private UserSettingsRows UserSettings => _userSettings ?? (_userSettings = new UserSettingsRows(SystemService));

        /// <summary>Who started the workflow reads its errors (InitiatingUserId), as for plug-ins.</summary>
        public Language CallerLanguage => Readers.Of(Workflow.InitiatingUserId != Guid.Empty ? Workflow.InitiatingUserId : Workflow.UserId);

        // Before any service exists nobody's settings can be read: the host's own failures are worded in English.
        private static InvalidPluginExecutionException HostDidNotSupply(string service) =>
            new InvalidPluginExecutionException(Language.English.Format(TextKey.ErrorWorkflowHostDidNotSupply, service));

        public static ActivityHost From(CodeActivityContext context)
        {
            var workflow = context.GetExtension<IWorkflowContext>() ?? throw HostDidNotSupply(nameof(IWorkflowContext));
            var factory = context.GetExtension<IOrganizationServiceFactory>() ?? throw HostDidNotSupply(nameof(IOrganizationServiceFactory));
            var tracing = context.GetExtension<ITracingService>() ?? throw HostDidNotSupply(nameof(ITracingService));
            return new ActivityHost(workflow, factory, tracing);
        }
    }

    /// <summary>
    /// The shared shape of every custom workflow activity here, as <see cref="Plugins.AdvocacyPlugin"/> is for
    /// plug-ins: build the per-execution context, run the activity's mapping through <see cref="EntryPointErrors"/>.
    /// </summary>
    public abstract class AdvocacyActivity : CodeActivity
    {
        protected sealed override void Execute(CodeActivityContext executionContext)
        {
            var host = ActivityHost.From(executionContext);
            EntryPointErrors.Run(host.Tracing, GetType().Name, () => host.CallerLanguage, () => Execute(host, executionContext));
        }

        protected abstract void Execute(ActivityHost host, CodeActivityContext context);
    }
}
