using System;
using System.Collections.Generic;
using System.Linq;

namespace Advocacy.Sandbox.Regional
{
    /// <summary>
    /// The time zones the sandbox's <c>timezonedefinition</c> holds: Dataverse's time zone code, the Windows standard name
    /// it stores in <c>standardname</c> and the name users pick from. Dataverse's codes are Microsoft's time zone index
    /// values (Pacific 4, Eastern 35 = 0x23, GMT 85 = 0x55, India 190 = 0xBE, New Zealand 290 = 0x122, Tonga 300 = 0x12C),
    /// except UTC, which Dataverse numbers 92. Daylight-saving rules are not stored here: since the time zone rule table
    /// was deprecated the platform converts with Windows' rules ("Time zone tables", Microsoft Learn), and so does the
    /// sandbox, through <see cref="TimeZoneInfo"/> (on Linux .NET maps the Windows name to the IANA zone).
    /// </summary>
    public static class TimeZoneCatalog
    {
        /// <summary>Dataverse's code for "(GMT) Coordinated Universal Time".</summary>
        public const int Utc = 92;

        public const int Hawaii = 2;
        public const int Alaska = 3;
        public const int Pacific = 4;
        public const int Mountain = 10;
        public const int Central = 20;
        public const int Eastern = 35;
        public const int London = 85;
        public const int Berlin = 110;
        public const int India = 190;
        public const int Tokyo = 235;
        public const int Sydney = 255;
        public const int Auckland = 290;
        public const int Tonga = 300;

        public static IReadOnlyList<TimeZoneEntry> All { get; } = new[]
        {
            new TimeZoneEntry(0, "Dateline Standard Time", "(GMT-12:00) International Date Line West"),
            new TimeZoneEntry(Hawaii, "Hawaiian Standard Time", "(GMT-10:00) Hawaii"),
            new TimeZoneEntry(Alaska, "Alaskan Standard Time", "(GMT-09:00) Alaska"),
            new TimeZoneEntry(Pacific, "Pacific Standard Time", "(GMT-08:00) Pacific Time (US & Canada)"),
            new TimeZoneEntry(Mountain, "Mountain Standard Time", "(GMT-07:00) Mountain Time (US & Canada)"),
            new TimeZoneEntry(15, "US Mountain Standard Time", "(GMT-07:00) Arizona"),
            new TimeZoneEntry(Central, "Central Standard Time", "(GMT-06:00) Central Time (US & Canada)"),
            new TimeZoneEntry(Eastern, "Eastern Standard Time", "(GMT-05:00) Eastern Time (US & Canada)"),
            new TimeZoneEntry(50, "Atlantic Standard Time", "(GMT-04:00) Atlantic Time (Canada)"),
            new TimeZoneEntry(65, "E. South America Standard Time", "(GMT-03:00) Brasilia"),
            new TimeZoneEntry(London, "GMT Standard Time", "(GMT) Greenwich Mean Time: Dublin, Edinburgh, Lisbon, London"),
            new TimeZoneEntry(Utc, "UTC", "(GMT) Coordinated Universal Time"),
            new TimeZoneEntry(95, "Central Europe Standard Time", "(GMT+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague"),
            new TimeZoneEntry(105, "Romance Standard Time", "(GMT+01:00) Brussels, Copenhagen, Madrid, Paris"),
            new TimeZoneEntry(Berlin, "W. Europe Standard Time", "(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"),
            new TimeZoneEntry(120, "Egypt Standard Time", "(GMT+02:00) Cairo"),
            new TimeZoneEntry(140, "South Africa Standard Time", "(GMT+02:00) Harare, Pretoria"),
            new TimeZoneEntry(145, "Russian Standard Time", "(GMT+03:00) Moscow, St. Petersburg"),
            new TimeZoneEntry(165, "Arabian Standard Time", "(GMT+04:00) Abu Dhabi, Muscat"),
            new TimeZoneEntry(India, "India Standard Time", "(GMT+05:30) Chennai, Kolkata, Mumbai, New Delhi"),
            new TimeZoneEntry(210, "China Standard Time", "(GMT+08:00) Beijing, Chongqing, Hong Kong, Urumqi"),
            new TimeZoneEntry(215, "Singapore Standard Time", "(GMT+08:00) Kuala Lumpur, Singapore"),
            new TimeZoneEntry(Tokyo, "Tokyo Standard Time", "(GMT+09:00) Osaka, Sapporo, Tokyo"),
            new TimeZoneEntry(Sydney, "AUS Eastern Standard Time", "(GMT+10:00) Canberra, Melbourne, Sydney"),
            new TimeZoneEntry(Auckland, "New Zealand Standard Time", "(GMT+12:00) Auckland, Wellington"),
            new TimeZoneEntry(Tonga, "Tonga Standard Time", "(GMT+13:00) Nuku'alofa"),
        };

        public static TimeZoneEntry? ByCode(int code) => All.FirstOrDefault(z => z.Code == code);

        /// <summary>The zone's rules by its Windows name; on Linux through the IANA id .NET maps it to.</summary>
        public static TimeZoneInfo Rules(string standardName)
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(standardName);
            }
            catch (TimeZoneNotFoundException) when (TimeZoneInfo.TryConvertWindowsIdToIanaId(standardName, out var iana) && iana != null)
            {
                return TimeZoneInfo.FindSystemTimeZoneById(iana);
            }
        }
    }

    /// <summary>One row of <c>timezonedefinition</c>.</summary>
    public sealed record TimeZoneEntry(int Code, string StandardName, string UserInterfaceName)
    {
        public TimeZoneInfo Rules => TimeZoneCatalog.Rules(StandardName);

        /// <summary>Dataverse's bias: minutes to add to local standard time to get UTC (Pacific 480).</summary>
        public int Bias => -(int)Rules.BaseUtcOffset.TotalMinutes;
    }
}
