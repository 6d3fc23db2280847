using System;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>Each task owner's business days: weekends and the holidays of the organization's holiday schedule as the owner's zone sees them.</summary>
    public interface IOwnerCalendars
    {
        BusinessCalendar Of(Guid ownerId, bool isTeam);
    }

    /// <summary>Weekends only, for every owner: no holiday schedule, or rules tested without a Dataverse.</summary>
    public sealed class WeekdaysForEveryone : IOwnerCalendars
    {
        public static readonly WeekdaysForEveryone Instance = new WeekdaysForEveryone();

        private WeekdaysForEveryone()
        {
        }

        public BusinessCalendar Of(Guid ownerId, bool isTeam) => BusinessCalendar.WeekdaysOnly;
    }
}
