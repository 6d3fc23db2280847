using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Advocacy.Packaging;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Packaging
{
    /// <summary>
    /// Issue 14: random and mutated zips through the unpacker. Whatever comes in, the unpacker either writes only
    /// inside the target folder or refuses with InvalidDataException and leaves everything as it was.
    /// </summary>
    [TestClass]
    public sealed class UnpackFuzzTests
    {
        private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> Fixture = new(HostileZipTests.FixtureEntries);

        private static readonly string[] Segments = { "a", "B", "b", "..", ".", "", "C:", "Other", "x.xml", "WebResources", "solution.xml", "customizations.xml", "\u0001", " " };

        private static Gen<string> Names() =>
            from count in Gen.Choose(1, 4)
            from segments in Gen.Elements(Segments).ArrayOf(count)
            from separator in Gen.Elements("/", "\\")
            from rooted in Gen.Elements("", "", "", "/", "\\", "C:\\")
            let name = rooted + string.Join(separator, segments)
            select name.Length == 0 ? "." : name; // the zip library cannot write an empty name

        private static Gen<byte[]> Bytes(int max) =>
            from length in Gen.Choose(0, max)
            from bytes in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(length)
            select bytes;

        /// <summary>Sometimes the fixture's entries, plus random entries (names reused to make duplicates).</summary>
        private static Gen<List<KeyValuePair<string, byte[]>>> Zips() =>
            from withFixture in Gen.Elements(true, true, false)
            from count in Gen.Choose(0, 6)
            from names in Names().ArrayOf(count)
            from repeats in Gen.Choose(0, 9).ArrayOf(names.Length)
            from contents in Bytes(40).ArrayOf(names.Length)
            select (withFixture ? Fixture.Value.ToList() : new List<KeyValuePair<string, byte[]>>())
                .Concat(names.Select((n, i) => new KeyValuePair<string, byte[]>(repeats[i] == 0 && i > 0 ? names[i - 1] : n, contents[i])))
                .ToList();

        /// <summary>Unpacks into a target three folders down; true when it wrote only inside it or refused cleanly.</summary>
        private static bool UnpacksSafely(byte[] zip)
        {
            string root = PackagingTestSupport.NewTempFolder();
            string parent = Path.Combine(root, "l1", "l2", "l3");
            string target = Path.Combine(parent, "target");
            Directory.CreateDirectory(Path.Combine(target, "Notes"));
            File.WriteAllText(Path.Combine(target, "Notes", "mine.txt"), "keep me");
            string zipPath = Path.Combine(root, "in.zip");
            File.WriteAllBytes(zipPath, zip);
            string[] before = Snapshot(root);
            try
            {
                SolutionUnpacker.Unpack(zipPath, target);
                string[] after = Snapshot(root);
                string outside = string.Join(", ", after.Where(p => !p.StartsWith("l1/l2/l3/target", StringComparison.Ordinal) && !before.Contains(p)));
                Assert.AreEqual("", outside, "files written outside the target");
                Assert.AreEqual("keep me", File.ReadAllText(Path.Combine(target, "Notes", "mine.txt")));
            }
            catch (InvalidDataException)
            {
                CollectionAssert.AreEqual(before, Snapshot(root), "a refused unpack changed the folder");
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }

            return true;
        }

        private static string[] Snapshot(string root) =>
            Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/') + (File.Exists(p) ? ":" + new FileInfo(p).Length : "/"))
                .Order(StringComparer.Ordinal).ToArray();

        [TestMethod]
        public void Random_zips_with_hostile_names_and_duplicates_are_unpacked_inside_the_target_or_refused()
        {
            var clock = Stopwatch.StartNew();
            Prop.ForAll(Zips().ToArbitrary(), entries => UnpacksSafely(HostileZipTests.RawZip(entries)))
                .Check(Config.QuickThrowOnFailure.WithMaxTest(100));
            Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        }

        [TestMethod]
        public void Random_bytes_and_byte_mutated_solution_zips_are_refused_with_a_clear_exception()
        {
            byte[] good = HostileZipTests.RawZip(Fixture.Value);
            Gen<byte[]> mutated =
                from flips in Gen.Choose(0, good.Length - 1).Zip(Gen.Choose(0, 255)).Select(t => (t.Item1, t.Item2)).ArrayOf(3)
                select Mutate(good, flips);
            Gen<byte[]> inputs = Gen.OneOf(Bytes(300), mutated, Bytes(30).Select(b => Encoding.ASCII.GetBytes("PK\u0003\u0004").Concat(b).ToArray()));
            Prop.ForAll(inputs.ToArbitrary(), bytes =>
            {
                try
                {
                    SolutionUnpacker.Split(DeterministicZip.Read(new MemoryStream(bytes)));
                }
                catch (InvalidDataException e)
                {
                    Assert.IsTrue(e.Message.Length < 1000, e.Message);
                }

                return true;
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
            Prop.ForAll(mutated.ToArbitrary(), UnpacksSafely).Check(Config.QuickThrowOnFailure.WithMaxTest(50));
        }

        [TestMethod]
        public void Structurally_mutated_solution_xml_is_split_or_refused_with_a_clear_exception()
        {
            Gen<(string Entry, int Pick, int Action)> mutations =
                from entry in Gen.Elements("solution.xml", "customizations.xml")
                from pick in Gen.Choose(0, 10_000)
                from action in Gen.Choose(0, 5)
                select (entry, pick, action);
            Prop.ForAll(Gen.Choose(1, 4).SelectMany(n => mutations.ListOf(n)).Select(m => m.ToList()).ToArbitrary(), list =>
            {
                var entries = Fixture.Value.ToDictionary(e => e.Key, e => e.Value);
                foreach ((string entry, int pick, int action) in list)
                {
                    entries[entry] = MutateXml(entries[entry], pick, action);
                }

                try
                {
                    SolutionUnpacker.Split(entries);
                }
                catch (InvalidDataException)
                {
                }

                return true;
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
        }

        private static byte[] Mutate(byte[] good, (int Position, int Value)[] flips)
        {
            byte[] copy = (byte[])good.Clone();
            foreach ((int position, int value) in flips)
            {
                copy[position] = (byte)value;
            }

            return copy;
        }

        /// <summary>Removes, empties, renames or duplicates an element, drops an attribute, or cuts the text.</summary>
        private static byte[] MutateXml(byte[] xml, int pick, int action)
        {
            if (action == 5)
            {
                return xml.Take(pick % Math.Max(1, xml.Length)).ToArray();
            }

            XDocument document;
            try
            {
                document = CanonicalXml.Parse(xml);
            }
            catch (InvalidDataException)
            {
                return xml;
            }

            List<XElement> elements = document.Root!.DescendantsAndSelf().ToList();
            XElement element = elements[pick % elements.Count];
            switch (action)
            {
                case 0 when element.Parent != null:
                    element.Remove();
                    break;
                case 1:
                    element.RemoveNodes();
                    element.Value = pick % 2 == 0 ? "" : "../../x";
                    break;
                case 2:
                    element.Name = "Renamed" + pick % 3;
                    break;
                case 3 when element.Parent != null:
                    element.AddAfterSelf(new XElement(element));
                    break;
                default:
                    element.Attributes().FirstOrDefault()?.Remove();
                    break;
            }

            return Encoding.UTF8.GetBytes(document.ToString());
        }
    }
}
