using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Advocacy.Packaging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Packaging
{
    /// <summary>Issue 14: hostile zips and folders end in a clear refusal, and a refused unpack writes nothing.</summary>
    [TestClass]
    public sealed class HostileZipTests
    {
        internal static IReadOnlyDictionary<string, byte[]> FixtureEntries() =>
            SolutionPacker.BuildEntries(
                SolutionPacker.ReadFolder(PackagingTestSupport.FixtureFolder),
                PackagingTestSupport.TestAssemblyRegistration(),
                PackagingTestSupport.TestAssemblyBytes(),
                managed: false,
                version: null);

        /// <summary>A zip with exactly these entries, in this order, duplicates and odd names included.</summary>
        internal static byte[] RawZip(IEnumerable<KeyValuePair<string, byte[]>> entries, CompressionLevel level = CompressionLevel.Fastest)
        {
            using var stream = new MemoryStream();
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (KeyValuePair<string, byte[]> entry in entries)
                {
                    using Stream target = zip.CreateEntry(entry.Key, level).Open();
                    target.Write(entry.Value, 0, entry.Value.Length);
                }
            }

            return stream.ToArray();
        }

        internal static byte[] FixtureZipWith(params (string Name, byte[] Content)[] extra) =>
            RawZip(FixtureEntries().Concat(extra.Select(e => new KeyValuePair<string, byte[]>(e.Name, e.Content))));

        /// <summary>A parent folder holding the zip and an existing target folder with one file.</summary>
        internal sealed class Scene
        {
            public Scene(byte[] zip)
            {
                Parent = PackagingTestSupport.NewTempFolder();
                ZipPath = Path.Combine(Parent, "in.zip");
                File.WriteAllBytes(ZipPath, zip);
                Target = Path.Combine(Parent, "target");
                Directory.CreateDirectory(Path.Combine(Target, "Notes"));
                File.WriteAllText(Path.Combine(Target, "Notes", "mine.txt"), "keep me");
            }

            public string Parent { get; }

            public string ZipPath { get; }

            public string Target { get; }

            /// <summary>Everything under the parent (relative paths), to prove nothing was added or removed.</summary>
            public string[] Snapshot() =>
                Directory.EnumerateFileSystemEntries(Parent, "*", SearchOption.AllDirectories)
                    .Select(p => Path.GetRelativePath(Parent, p).Replace('\\', '/') + (File.Exists(p) ? ":" + File.ReadAllText(p).Length : "/"))
                    .OrderBy(p => p, StringComparer.Ordinal).ToArray();

            public InvalidDataException Refused(ZipLimits? limits = null)
            {
                string[] before = Snapshot();
                var e = Assert.ThrowsExactly<InvalidDataException>(() => SolutionUnpacker.Unpack(ZipPath, Target, limits: limits));
                CollectionAssert.AreEqual(before, Snapshot(), "a refused unpack must leave the folder as it was and nothing beside it");
                return e;
            }
        }

        [TestMethod]
        [DataRow("../../x")]
        [DataRow("..\\..\\x")]
        [DataRow("Entities/../../x")]
        [DataRow("/tmp/advocacy-zip-slip")]
        [DataRow("\\tmp\\advocacy-zip-slip")]
        [DataRow("C:/Windows/x")]
        [DataRow("C:x")]
        [DataRow("a//b")]
        [DataRow("./x")]
        [DataRow("a\u0007b")]
        public void Unsafe_entry_names_are_refused_naming_the_entry(string name)
        {
            var scene = new Scene(FixtureZipWith((name, Encoding.UTF8.GetBytes("x"))));

            InvalidDataException e = scene.Refused();

            StringAssert.Contains(e.Message, EntryNames.Quote(name));
            Assert.IsFalse(File.Exists(Path.Combine(scene.Parent, "x")));
        }

        [TestMethod]
        [DataRow("WebResources/a.js", "WebResources/a.js")]
        [DataRow("WebResources/a.js", "webresources/A.JS")]
        [DataRow("WebResources/a.js", "WebResources\\a.js")]
        public void Duplicate_entries_are_refused_not_last_one_wins(string first, string second)
        {
            var scene = new Scene(FixtureZipWith((first, new byte[] { 1 }), (second, new byte[] { 2 })));

            InvalidDataException e = scene.Refused();

            StringAssert.Contains(e.Message, "WebResources/a.js");
        }

        [TestMethod]
        public void A_zip_bomb_is_refused_quickly_by_its_compression_ratio()
        {
            var entries = FixtureEntries().Append(new KeyValuePair<string, byte[]>("WebResources/zeros.bin", new byte[64 * 1024 * 1024]));
            var scene = new Scene(RawZip(entries, CompressionLevel.SmallestSize));
            var clock = Stopwatch.StartNew();

            InvalidDataException e = scene.Refused();

            StringAssert.Contains(e.Message, "'WebResources/zeros.bin' expands more than 200:1");
            Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        }

        [TestMethod]
        public void Entry_count_entry_size_and_total_size_are_limited()
        {
            int largest = FixtureEntries().Max(e => e.Value.Length);
            int total = FixtureEntries().Sum(e => e.Value.Length);
            var scene = new Scene(FixtureZipWith(("WebResources/big.bin", Enumerable.Range(0, largest + 1000).Select(i => (byte)(i * 7919 % 251)).ToArray())));

            StringAssert.Contains(scene.Refused(new ZipLimits { MaxEntries = 5 }).Message, "at most 5 are accepted");
            StringAssert.Contains(scene.Refused(new ZipLimits { MaxEntryBytes = largest + 500 }).Message, $"'WebResources/big.bin' expands to more than {largest + 500} bytes");
            StringAssert.Contains(scene.Refused(new ZipLimits { MaxTotalBytes = total }).Message, "in total");
            SolutionUnpacker.Unpack(scene.ZipPath, scene.Target);
            Assert.IsTrue(File.Exists(Path.Combine(scene.Target, "WebResources", "big.bin")), "the default limits accept it");
        }

        [TestMethod]
        public void A_dtd_is_refused_and_its_entities_never_expanded()
        {
            IReadOnlyDictionary<string, byte[]> entries = FixtureEntries();
            string solution = Encoding.UTF8.GetString(entries["solution.xml"]);
            string bomb = "<!DOCTYPE ImportExportXml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n";
            solution = solution.Replace("<ImportExportXml", bomb + "<ImportExportXml").Replace("<UniqueName>MiniAdvocacy</UniqueName>", "<UniqueName>Mini&c;</UniqueName>");
            var changed = entries.ToDictionary(e => e.Key, e => e.Value);
            changed["solution.xml"] = Encoding.UTF8.GetBytes(solution);
            var scene = new Scene(RawZip(changed));

            InvalidDataException e = scene.Refused();

            StringAssert.Contains(e.Message, "solution.xml has a DTD");
        }

        [TestMethod]
        public void Malformed_xml_is_refused_naming_the_entry()
        {
            var changed = FixtureEntries().ToDictionary(e => e.Key, e => e.Value);
            changed["customizations.xml"] = Encoding.UTF8.GetBytes("<ImportExportXml><Entities></ImportExportXml>");
            var scene = new Scene(RawZip(changed));

            StringAssert.StartsWith(scene.Refused().Message, "customizations.xml is not well-formed XML");
        }

        [TestMethod]
        [DataRow("not a zip at all")]
        [DataRow("PK\u0003\u0004 truncated")]
        public void Garbage_is_refused_as_not_a_zip(string content)
        {
            var scene = new Scene(Encoding.ASCII.GetBytes(content));

            StringAssert.StartsWith(scene.Refused().Message, "Not a readable zip file");
        }

        [TestMethod]
        public void File_names_made_from_xml_content_cannot_leave_the_folder()
        {
            var changed = FixtureEntries().ToDictionary(e => e.Key, e => e.Value);
            string customizations = Encoding.UTF8.GetString(changed["customizations.xml"]);
            customizations = System.Text.RegularExpressions.Regex.Replace(customizations, "(<AppModule>\\s*<UniqueName>)[^<]*(</UniqueName>)", "$1..$2");
            StringAssert.Contains(customizations, "<UniqueName>..</UniqueName>");
            changed["customizations.xml"] = Encoding.UTF8.GetBytes(customizations);
            var scene = new Scene(RawZip(changed));

            StringAssert.Contains(scene.Refused().Message, "'AppModules/../AppModule.xml' is refused");
        }

        [TestMethod]
        public void A_file_and_a_folder_of_the_same_name_are_refused()
        {
            var scene = new Scene(FixtureZipWith(("WebResources/a", new byte[] { 1 }), ("WebResources/A/b.js", new byte[] { 2 })));

            StringAssert.Contains(scene.Refused().Message, "'WebResources/a' and a file inside a folder of that name, 'WebResources/A/b.js'");
        }

        [TestMethod]
        public void A_failure_while_writing_leaves_nothing_behind()
        {
            // A kept file that cannot be copied (a dangling link) fails the unpack after every zip file was written.
            var scene = new Scene(RawZip(FixtureEntries()));
            File.CreateSymbolicLink(Path.Combine(scene.Target, "Notes", "dangling.txt"), Path.Combine(scene.Parent, "missing.txt"));
            string[] before = Directory.EnumerateFileSystemEntries(scene.Parent, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

            Assert.Throws<IOException>(() => SolutionUnpacker.Unpack(scene.ZipPath, scene.Target));

            CollectionAssert.AreEqual(before, Directory.EnumerateFileSystemEntries(scene.Parent, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray());
            Assert.AreEqual("keep me", File.ReadAllText(Path.Combine(scene.Target, "Notes", "mine.txt")));
        }

        [TestMethod]
        public void Files_not_in_the_zip_are_kept_and_listed_unless_delete_missing()
        {
            var scene = new Scene(RawZip(FixtureEntries()));
            var log = new List<string>();

            SolutionUnpacker.Unpack(scene.ZipPath, scene.Target, log: log.Add);

            Assert.AreEqual("keep me", File.ReadAllText(Path.Combine(scene.Target, "Notes", "mine.txt")));
            Assert.IsTrue(log.Any(l => l.Contains("kept Notes/mine.txt")), string.Join("\n", log));
            Assert.IsTrue(File.Exists(Path.Combine(scene.Target, "Other", "Solution.xml")));

            SolutionUnpacker.Unpack(scene.ZipPath, scene.Target, log: log.Add, deleteMissing: true);

            Assert.IsFalse(File.Exists(Path.Combine(scene.Target, "Notes", "mine.txt")));
            Assert.IsTrue(log.Any(l => l.Contains("deleted Notes/mine.txt")));
            CollectionAssert.AreEqual(new[] { "in.zip", "target" }, Directory.EnumerateFileSystemEntries(scene.Parent).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray(),
                "no temporary folder is left beside the target");
        }

        [TestMethod]
        public void A_file_given_as_the_target_folder_is_refused()
        {
            var scene = new Scene(RawZip(FixtureEntries()));
            string file = Path.Combine(scene.Parent, "in.zip");

            var e = Assert.ThrowsExactly<InvalidDataException>(() => SolutionUnpacker.Unpack(scene.ZipPath, file));

            StringAssert.Contains(e.Message, "is a file; unpack needs a folder");
        }
    }
}
