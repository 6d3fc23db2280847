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

        /// <summary>
        /// Reads every file entry of a zip (path → content), refusing with <see cref="InvalidDataException"/> (the
        /// message names the entry) an unsafe entry name (see <see cref="EntryNames"/>), two entries that name the
        /// same file (compared case-insensitively), anything that is not a readable zip, and anything beyond
        /// <paramref name="limits"/> (default <see cref="ZipLimits.Default"/>).
        /// </summary>
        public static SortedDictionary<string, byte[]> Read(Stream zipStream, ZipLimits? limits = null)
        {
            limits ??= ZipLimits.Default;
            var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            var seen = new Dictionary<string, string>(EntryNames.Comparer);
            long total = 0;
            using ZipArchive zip = Guard(() => new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true), null);
            int entryCount = Guard(() => zip.Entries.Count, null);
            if (entryCount > limits.MaxEntries)
            {
                throw new InvalidDataException($"The zip has {entryCount} entries; at most {limits.MaxEntries} are accepted.");
            }

            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                bool isFolder = entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');
                string name = EntryNames.Validate(isFolder ? entry.FullName.TrimEnd('/', '\\') : entry.FullName, "zip entry");
                if (seen.TryGetValue(name, out string? first))
                {
                    throw new InvalidDataException(string.Equals(first, name, StringComparison.Ordinal)
                        ? $"The zip entry {EntryNames.Quote(name)} appears twice."
                        : $"The zip entries {EntryNames.Quote(first)} and {EntryNames.Quote(name)} name the same file (names are compared case-insensitively).");
                }

                seen.Add(name, name);
                if (isFolder)
                {
                    continue;
                }

                byte[] content = Guard(() => ReadEntry(entry, name, limits, limits.MaxTotalBytes - total), name);
                total += content.Length;
                result[name] = content;
            }

            return result;
        }

        /// <summary>Runs a read of the zip, turning the zip library's errors into one clear message.</summary>
        private static T Guard<T>(Func<T> read, string? entry)
        {
            try
            {
                return read();
            }
            catch (Exception e) when ((e is IOException or InvalidDataException or ArgumentException or NotSupportedException) && !e.Data.Contains(RefusedKey))
            {
                throw new InvalidDataException(
                    (entry == null ? "Not a readable zip file: " : $"The zip entry {EntryNames.Quote(entry)} cannot be read: ") + e.Message, e);
            }
        }

        private const string RefusedKey = "Advocacy.Packaging.Refused";

        /// <summary>A limit of <see cref="ZipLimits"/> was passed (marked so <see cref="Guard"/> passes it on as is).</summary>
        private static InvalidDataException LimitExceeded(string message)
        {
            var exception = new InvalidDataException(message);
            exception.Data[RefusedKey] = true;
            return exception;
        }

        private static byte[] ReadEntry(ZipArchiveEntry entry, string name, ZipLimits limits, long totalLeft)
        {
            // The sizes in the zip's directory can lie, so count what actually comes out and stop at the first limit.
            long declared = entry.Length;
            if (declared > limits.MaxEntryBytes)
            {
                throw TooLarge(name, declared, limits);
            }

            if (declared > totalLeft)
            {
                throw TotalTooLarge(name, limits);
            }

            using Stream source = entry.Open();
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[81920];
            long read = 0;
            int count;
            while ((count = source.Read(chunk, 0, chunk.Length)) > 0)
            {
                read += count;
                if (read > limits.MaxEntryBytes)
                {
                    throw TooLarge(name, read, limits);
                }

                if (read > totalLeft)
                {
                    throw TotalTooLarge(name, limits);
                }

                if (read > limits.RatioAppliesAboveBytes && read > limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                {
                    throw LimitExceeded($"The zip entry {EntryNames.Quote(name)} expands more than {limits.MaxCompressionRatio:0}:1 " +
                        $"({entry.CompressedLength} compressed bytes give more than {read} bytes); a solution file never does, so the zip is refused.");
                }

                buffer.Write(chunk, 0, count);
            }

            return buffer.ToArray();
        }

        private static InvalidDataException TooLarge(string name, long bytes, ZipLimits limits) =>
            LimitExceeded($"The zip entry {EntryNames.Quote(name)} expands to more than {limits.MaxEntryBytes} bytes (at least {bytes}); a solution file is never that large.");

        private static InvalidDataException TotalTooLarge(string name, ZipLimits limits) =>
            LimitExceeded($"The zip expands to more than {limits.MaxTotalBytes} bytes in total (reading entry {EntryNames.Quote(name)}); a solution is never that large.");

        /// <summary>Reads a zip file.</summary>
        public static SortedDictionary<string, byte[]> Read(string zipPath, ZipLimits? limits = null)
        {
            using FileStream stream = File.OpenRead(zipPath);
            return Read(stream, limits);
        }
    }
}
