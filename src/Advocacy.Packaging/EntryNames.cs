using System;
using System.IO;
using System.Text;

namespace Advocacy.Packaging
{
    /// <summary>
    /// The one rule for a relative path inside a solution zip or an unpacked solution folder, applied to every zip
    /// entry the unpacker reads and to every file it writes (some file names come from XML content: ids, names).
    /// A path is '/'-separated segments; no segment is empty, "." or ".."; no rooted path ("/x", "\x"), no drive
    /// letter or other colon ("C:x", alternate data streams), no control character. Paths are compared
    /// case-insensitively, as Windows and SolutionPackager do, so "A.xml" and "a.xml" are the same file.
    /// </summary>
    public static class EntryNames
    {
        /// <summary>How paths are compared: case-insensitively.</summary>
        public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

        /// <summary>The path with '\' turned into '/'; refuses an unsafe path with a message naming it.</summary>
        /// <param name="name">The entry or file name.</param>
        /// <param name="what">What it is, for the message, e.g. "zip entry".</param>
        /// <exception cref="InvalidDataException">The path could leave the folder or is not a plain relative path.</exception>
        public static string Validate(string name, string what)
        {
            string? problem = Problem(name);
            if (problem != null)
            {
                throw new InvalidDataException($"The {what} {Quote(name)} is refused: {problem}.");
            }

            return name.Replace('\\', '/');
        }

        /// <summary>Why <paramref name="name"/> is not a safe relative path, or null when it is.</summary>
        public static string? Problem(string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return "the name is empty";
            }

            foreach (char c in name)
            {
                if (char.IsControl(c))
                {
                    return "it contains a control character";
                }
            }

            string path = name.Replace('\\', '/');
            if (path.StartsWith('/'))
            {
                return "it is an absolute path";
            }

            if (path.Contains(':'))
            {
                return path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0]) ? "it names a drive" : "it contains ':'";
            }

            foreach (string segment in path.Split('/'))
            {
                if (segment.Length == 0)
                {
                    return "it has an empty path segment";
                }

                if (segment is "." or "..")
                {
                    return $"it contains '{segment}', which could leave the target folder";
                }
            }

            return null;
        }

        /// <summary>A name as quoted in messages: control characters escaped, at most 120 characters.</summary>
        public static string Quote(string? name)
        {
            if (name == null)
            {
                return "(none)";
            }

            var text = new StringBuilder("'");
            foreach (char c in name.Length > 120 ? name[..120] : name)
            {
                text.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
            }

            return text.Append(name.Length > 120 ? "…'" : "'").ToString();
        }
    }
}
