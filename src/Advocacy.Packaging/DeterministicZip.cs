using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace Advocacy.Packaging
{
    /// <summary>Zips with sorted entries and a fixed timestamp, so the same entries always give the same bytes.</summary>
    public static class DeterministicZip
    {
        /// <summary>The timestamp of every entry.</summary>
        public static readonly DateTimeOffset Timestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>The zip bytes of <paramref name="entries"/> (path → content), entries in ordinal path order.</summary>
        public static byte[] Write(IReadOnlyDictionary<string, byte[]> entries)
        {
            using var stream = new MemoryStream();
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (KeyValuePair<string, byte[]> entry in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    ZipArchiveEntry zipEntry = zip.CreateEntry(entry.Key, CompressionLevel.Optimal);
                    zipEntry.LastWriteTime = Timestamp;
                    using Stream target = zipEntry.Open();
                    target.Write(entry.Value, 0, entry.Value.Length);
                }
            }

            return stream.ToArray();
        }

        /// <summary>Reads every file entry of a zip (path → content).</summary>
        public static SortedDictionary<string, byte[]> Read(Stream zipStream)
        {
            var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                using Stream source = entry.Open();
                using var buffer = new MemoryStream();
                source.CopyTo(buffer);
                result[entry.FullName.Replace('\\', '/')] = buffer.ToArray();
            }

            return result;
        }

        /// <summary>Reads a zip file.</summary>
        public static SortedDictionary<string, byte[]> Read(string zipPath)
        {
            using FileStream stream = File.OpenRead(zipPath);
            return Read(stream);
        }
    }
}
