using System;
using Advocacy.Plugins.Application;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Domain.Words;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins
{
    /// <summary>
    /// What one execution of a step needs, built fresh per call: the platform caches plug-in instances and
    /// runs them on many threads, so nothing of an execution may live in the plug-in object itself.
    /// </summary>
    public sealed class PluginContext : IAdvocacyHost
    {
        private readonly IOrganizationServiceFactory _factory;
        private IOrganizationService? _userService;
        private IOrganizationService? _systemService;
        private AdvocacySettings? _settings;
        private IReaderLanguages? _readers;
        private UserSettingsRows? _userSettings;
        private UserZones? _zones;

        public PluginContext(IServiceProvider serviceProvider)
        {
            if (serviceProvider == null) throw new ArgumentNullException(nameof(serviceProvider));
            Execution = Require<IPluginExecutionContext>(serviceProvider);
            Tracing = Require<ITracingService>(serviceProvider);
            _factory = Require<IOrganizationServiceFactory>(serviceProvider);
        }

        private static T Require<T>(IServiceProvider serviceProvider) where T : class
        {
            return serviceProvider.GetService(typeof(T)) as T
                ?? throw new InvalidPluginExecutionException(Language.English.Format(TextKey.ErrorPlatformDidNotSupply, typeof(T).Name));
        }

        public IPluginExecutionContext Execution { get; }
        public ITracingService Tracing { get; }

        /// <summary>Runs as the calling user: reads and writes the user is entitled to.</summary>
        public IOrganizationService UserService => _userService ?? (_userService = _factory.CreateOrganizationService(Execution.UserId));

        /// <summary>
        /// Runs as the system user: writes the caller cannot be expected to have rights for (a task owned by
        /// the advocate, the account's index). Callers trace when they use it.
        /// </summary>
        public IOrganizationService SystemService => _systemService ?? (_systemService = _factory.CreateOrganizationService(null));

        public string SystemIdentity => "the system user";

        /// <summary>The operation's own time, so every step of one operation agrees on "now".</summary>
        public DateTime UtcNow => Execution.OperationCreatedOn == default ? DateTime.UtcNow : DateTime.SpecifyKind(Execution.OperationCreatedOn, DateTimeKind.Utc);

        public AdvocacySettings Settings => _settings ?? (_settings = new SettingsReader(SystemService).Read());

        /// <summary>Read as SYSTEM: a task's owner is another user, whose settings the caller need not be able to read.</summary>
        public IReaderLanguages Readers => _readers ?? (_readers = new UserLanguages(UserSettings, Tracing));

        /// <summary>Read as SYSTEM too, in the same rows as the languages: an owner's zone and words cost one query.</summary>
        public UserZones Zones => _zones ?? (_zones = new UserZones(UserSettings, Tracing));

        private Application.OwnerCalendars? _calendars;

        /// <inheritdoc/>
        public Domain.FollowUp.IOwnerCalendars Calendars => _calendars ?? (_calendars = new Application.OwnerCalendars(this));

        private UserSettingsRows UserSettings => _userSettings ?? (_userSettings = new UserSettingsRows(SystemService));

        /// <summary>
        /// The person who started the operation reads the error: InitiatingUserId ("the system user account under which
        /// the current pipeline is executing", Microsoft Learn, IExecutionContext.InitiatingUserId), not UserId, which is
        /// the step's impersonated user when one is registered ("Impersonation in plug-ins").
        /// </summary>
        public Language CallerLanguage => Readers.Of(Execution.InitiatingUserId != Guid.Empty ? Execution.InitiatingUserId : Execution.UserId);

        /// <summary>A Custom API's (or message's) input, or default when absent or of another type.</summary>
        public T? Input<T>(string name) => Execution.InputParameters.Contains(name) && Execution.InputParameters[name] is T value ? value : default;

        public Entity? Target => Execution.InputParameters.Contains("Target") ? Execution.InputParameters["Target"] as Entity : null;

        /// <summary>
        /// The row as it will be after this save: the pre-image (when the step registers one under
        /// <paramref name="preImageName"/>) overlaid with the Target. A column the Target sets to null stays null.
        /// </summary>
        public Entity Merged(string preImageName = "pre")
        {
            var target = Target ?? throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorStepNeedsTarget));
            var merged = new Entity(target.LogicalName, target.Id != Guid.Empty ? target.Id : Execution.PrimaryEntityId);
            var pre = PreImage(preImageName);
            if (pre != null)
            {
                foreach (var attribute in pre.Attributes) merged[attribute.Key] = attribute.Value;
            }

            foreach (var attribute in target.Attributes) merged[attribute.Key] = attribute.Value;
            return merged;
        }

        public Entity? PreImage(string name) => Execution.PreEntityImages.Contains(name) ? Execution.PreEntityImages[name] : null;

        public Entity? PostImage(string name) => Execution.PostEntityImages.Contains(name) ? Execution.PostEntityImages[name] : null;

        public void Trace(string format, params object?[] args) => Tracing.Trace(format, args!);

        /// <summary>
        /// A Merge request's two rows of <paramref name="table"/>: the Target that survives and the SubordinateId merged
        /// into it; false (both empty) when the request names no such pair.
        /// </summary>
        public bool TryMergeInput(string table, out Guid targetId, out Guid mergedId)
        {
            var input = Execution.InputParameters;
            var target = input.Contains("Target") ? input["Target"] as EntityReference : null;
            mergedId = input.Contains("SubordinateId") && input["SubordinateId"] is Guid id ? id : Guid.Empty;
            targetId = target != null && target.LogicalName == table && mergedId != Guid.Empty ? target.Id : Guid.Empty;
            if (targetId == Guid.Empty)
            {
                mergedId = Guid.Empty;
                return false;
            }

            return true;
        }
    }
}
