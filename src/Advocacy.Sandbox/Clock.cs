using System;
using System.Threading;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The sandbox's notion of "now". Tests set it so createdon, OperationCreatedOn and relative date
    /// conditions are deterministic; left alone it follows the real clock.
    /// </summary>
    public sealed class SandboxClock
    {
        private long _fixedTicks; // 0 = follow the system clock
        private long _offsetTicks;

        /// <summary>The current UTC time as the sandbox sees it.</summary>
        public DateTime UtcNow
        {
            get
            {
                long fixedTicks = Interlocked.Read(ref _fixedTicks);
                DateTime now = fixedTicks != 0 ? new DateTime(fixedTicks, DateTimeKind.Utc) : DateTime.UtcNow;
                return now.AddTicks(Interlocked.Read(ref _offsetTicks));
            }
            set
            {
                // Dataverse stores UTC; a local or unspecified time from a test is taken as UTC.
                Interlocked.Exchange(ref _offsetTicks, 0);
                Interlocked.Exchange(ref _fixedTicks, DateTime.SpecifyKind(value, DateTimeKind.Utc).Ticks);
            }
        }

        /// <summary>Moves the clock forward (e.g. "30 days later") without fixing it if it was live.</summary>
        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        /// <summary>Back to the real clock.</summary>
        public void Reset()
        {
            Interlocked.Exchange(ref _fixedTicks, 0);
            Interlocked.Exchange(ref _offsetTicks, 0);
        }
    }
}
