using System;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Domain.Words;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Application
{
    /// <summary>
    /// What a use case needs from whoever runs it — a plug-in step, a Custom API or a custom workflow activity.
    /// Implemented once per kind of host (<see cref="Plugins.PluginContext"/>, <see cref="Activities.ActivityHost"/>),
    /// so a use case cannot tell which one called it and every entry point gets the same caching and errors.
    /// </summary>
    public interface IAdvocacyHost
    {
        /// <summary>Runs as the calling user: reads and writes the user is entitled to.</summary>
        IOrganizationService UserService { get; }

        /// <summary>
        /// For writes the caller cannot be expected to have rights for (a task owned by the advocate, the account's
        /// index). The SYSTEM user in a plug-in; in a custom workflow activity the platform runs every call as the
        /// workflow's user, so there it is that user — <see cref="SystemIdentity"/> says which, for the trace.
        /// </summary>
        IOrganizationService SystemService { get; }

        /// <summary>Who <see cref="SystemService"/> acts as, in words for the trace ("the system user").</summary>
        string SystemIdentity { get; }

        ITracingService Tracing { get; }

        /// <summary>The parsed adv_AdvocacySettings, read at most once per execution.</summary>
        AdvocacySettings Settings { get; }

        /// <summary>The operation's own time (UTC), so every step of one operation agrees on "now".</summary>
        DateTime UtcNow { get; }

        /// <summary>Each user's language (usersettings), read once per user and execution: task texts follow their owner.</summary>
        IReaderLanguages Readers { get; }

        /// <summary>Each user's time zone (usersettings), read with their language in one query per execution.</summary>
        Data.UserZones Zones { get; }

        /// <summary>Each task owner's business days (weekends, the named holiday schedule's holidays and, when asked for, the business closures), read at most once per execution.</summary>
        Domain.FollowUp.IOwnerCalendars Calendars { get; }

        /// <summary>The language of the person who started the operation (InitiatingUserId): errors are worded for them.</summary>
        Language CallerLanguage { get; }
    }

    public static class AdvocacyHostExtensions
    {
        public static void Trace(this IAdvocacyHost host, string format, params object?[] args) => host.Tracing.Trace(format, args!);

        /// <summary>The operation's date: the day a due date or a contact is counted from.</summary>
        public static DateTime Today(this IAdvocacyHost host) => host.UtcNow.Date;
    }
}
