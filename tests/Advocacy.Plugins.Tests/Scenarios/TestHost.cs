using System;
using Advocacy.Plugins.Application;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Domain.Words;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios
{
    /// <summary>A use case's host for tests that call a use case directly: one service for user and system.</summary>
    internal sealed class TestHost : IAdvocacyHost
    {
        public TestHost(IOrganizationService service, ITracingService tracing, AdvocacySettings? settings = null, DateTime? utcNow = null)
        {
            UserService = service;
            SystemService = service;
            Tracing = tracing;
            Settings = settings ?? new AdvocacySettings();
            UtcNow = utcNow ?? AdvocacyWorld.Now;
        }

        public IOrganizationService UserService { get; }
        public IOrganizationService SystemService { get; }
        public string SystemIdentity => "the test's service";
        public ITracingService Tracing { get; }
        public AdvocacySettings Settings { get; }
        public DateTime UtcNow { get; }
        public IReaderLanguages Readers { get; set; } = FixedReaderLanguage.English;
        public Language CallerLanguage => Language.English;
        private Advocacy.Plugins.Data.UserZones? _zones;
        public Advocacy.Plugins.Data.UserZones Zones => _zones ??= new Advocacy.Plugins.Data.UserZones(SystemService, Tracing);

        private Advocacy.Plugins.Application.OwnerCalendars? _calendars;
        public Advocacy.Plugins.Domain.FollowUp.IOwnerCalendars Calendars => _calendars ??= new Advocacy.Plugins.Application.OwnerCalendars(this);
    }
}
