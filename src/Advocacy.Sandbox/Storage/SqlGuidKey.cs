using System;
using System.Buffers.Binary;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// A Guid as SQL Server orders uniqueidentifier values (bytes 10–15, then 8–9, 6–7, 4–5, 0–3 of .NET's layout),
    /// packed into two integers so that sorting a million ids compares numbers, not byte spans.
    /// </summary>
    internal readonly struct SqlGuidKey : IComparable<SqlGuidKey>
    {
        private readonly ulong _high;
        private readonly ulong _low;

        public SqlGuidKey(Guid id)
        {
            Span<byte> b = stackalloc byte[16];
            id.TryWriteBytes(b);
            _high = (ulong)BinaryPrimitives.ReadUInt32BigEndian(b.Slice(10, 4)) << 32
                    | (ulong)BinaryPrimitives.ReadUInt16BigEndian(b.Slice(14, 2)) << 16
                    | BinaryPrimitives.ReadUInt16BigEndian(b.Slice(8, 2));
            _low = (ulong)BinaryPrimitives.ReadUInt16BigEndian(b.Slice(6, 2)) << 48
                   | (ulong)BinaryPrimitives.ReadUInt16BigEndian(b.Slice(4, 2)) << 32
                   | BinaryPrimitives.ReadUInt32BigEndian(b.Slice(0, 4));
        }

        public int CompareTo(SqlGuidKey other)
        {
            int c = _high.CompareTo(other._high);
            return c != 0 ? c : _low.CompareTo(other._low);
        }
    }
}
