namespace Advocacy.Sandbox
{
    /// <summary>
    /// A date and time column's behaviour (DateTimeAttributeMetadata.DateTimeBehavior; <c>&lt;Behavior&gt;</c> in the
    /// solution's Entity.xml), with the platform's values: "Configure the behavior and format of the date and time
    /// column" (Microsoft Learn) and the DateTimeBehavior class (UserLocal = 1, DateOnly = 2, TimeZoneIndependent = 3).
    /// </summary>
    public enum DateBehavior
    {
        /// <summary>Stored in UTC, shown in the reader's zone; relative query operators run in the caller's zone.</summary>
        UserLocal = 1,

        /// <summary>A calendar date: stored and returned at 00:00 with no zone conversion (the time of day is dropped).</summary>
        DateOnly = 2,

        /// <summary>Stored and returned exactly as written, no zone conversion.</summary>
        TimeZoneIndependent = 3,
    }
}
