using System;

namespace Advocacy.Packaging
{
    /// <summary>
    /// What the unpacker reads from a zip at most; beyond any of these it stops reading and refuses the zip, so a
    /// hostile zip (a "zip bomb") cannot exhaust memory. The defaults are far above any real solution, so they never
    /// refuse a genuine export: ours has under 100 entries and is well under 1 MB expanded; big real exports have a
    /// few thousand entries (one per form, view, web resource…) and tens of MB. XML compresses about 5–20:1 and
    /// assemblies or images far less, so an entry over 1 MB that expands more than 200:1 is crafted (runs of one
    /// byte), and small entries are exempt because a short file of repeated characters may legitimately do so.
    /// </summary>
    public sealed record ZipLimits
    {
        /// <summary>Default limits: 10,000 entries, 256 MB per entry, 1 GB in total, ratio 200:1 above 1 MB.</summary>
        public static readonly ZipLimits Default = new();

        /// <summary>Most entries (files and folders) a zip may have.</summary>
        public int MaxEntries { get; init; } = 10_000;

        /// <summary>Most bytes one entry may expand to.</summary>
        public long MaxEntryBytes { get; init; } = 256L * 1024 * 1024;

        /// <summary>Most bytes all entries together may expand to.</summary>
        public long MaxTotalBytes { get; init; } = 1024L * 1024 * 1024;

        /// <summary>Highest expanded:compressed ratio for an entry larger than <see cref="RatioAppliesAboveBytes"/>.</summary>
        public double MaxCompressionRatio { get; init; } = 200;

        /// <summary>Small entries may compress better (a file of one repeated character); the ratio applies above this.</summary>
        public long RatioAppliesAboveBytes { get; init; } = 1024 * 1024;
    }
}
