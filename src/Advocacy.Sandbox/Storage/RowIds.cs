using System;
using System.Buffers.Binary;
using System.Threading;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// New row ids in the version 7 layout (RFC 9562: a millisecond timestamp first, so ids sort by creation time as
    /// Dataverse's sequential ids roughly do), with a counter where <see cref="Guid.CreateVersion7()"/> puts random bits:
    /// that method asks the operating system for randomness on every id, a system call that cost a create more than
    /// storing its row. The counter starts at a random point per sandbox; ids are unique within it by construction and increase
    /// within a millisecond.
    /// </summary>
    internal sealed class RowIds
    {
        private readonly ulong _start = (ulong)Random.Shared.NextInt64(); // below 2^63: the counter cannot wrap
        private long _counter;

        public Guid Next()
        {
            // rand_a (12 bits) and rand_b (62 bits) together hold one 74-bit counter, so ids made in the same millisecond
            // still sort in the order they were made (RFC 9562, 6.2 method 1: a dedicated counter).
            UInt128 value = (UInt128)_start + (ulong)Interlocked.Increment(ref _counter);
            ulong ms = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Span<byte> bytes = stackalloc byte[16];
            // unix_ts_ms (48 bits) | version 7 (4) | rand_a (12)
            BinaryPrimitives.WriteUInt64BigEndian(bytes, (ms << 16) | 0x7000UL | ((ulong)(value >> 62) & 0xFFFUL));
            // variant 10 (2 bits) | rand_b (62)
            BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], 0x8000_0000_0000_0000UL | ((ulong)value & 0x3FFF_FFFF_FFFF_FFFFUL));
            return new Guid(bytes, bigEndian: true);
        }
    }
}
