using System;
using System.IO;
using System.Linq;
using Advocacy.Packaging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Packaging
{
    /// <summary>Issue 14: pack never takes a file name from content unchecked, and bad inputs end in one clear message.</summary>
    [TestClass]
    public sealed class HostilePackInputTests
    {
        private static (string Folder, string Output, string Assembly) CopyFixture(Func<string, string>? solutionXml = null)
        {
            string temp = PackagingTestSupport.NewTempFolder();
            string folder = Path.Combine(temp, "solution");
            foreach (string file in Directory.EnumerateFiles(PackagingTestSupport.FixtureFolder, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(folder, Path.GetRelativePath(PackagingTestSupport.FixtureFolder, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            string solution = Path.Combine(folder, "Other", "Solution.xml");
            if (solutionXml != null)
            {
                File.WriteAllText(solution, solutionXml(File.ReadAllText(solution)));
            }

            return (folder, Path.Combine(temp, "a", "b", "c", "out"), typeof(SampleRegisteredPlugin).Assembly.Location);
        }

        private static InvalidDataException Refused(string folder, string output, string assembly, bool withRegistration = true)
        {
            return Assert.ThrowsExactly<InvalidDataException>(() => SolutionPacker.Pack(new PackRequest
            {
                SolutionFolder = folder,
                AssemblyPath = assembly,
                OutputDirectory = output,
                Registration = withRegistration ? PackagingTestSupport.TestAssemblyRegistration() : null,
            }));
        }

        [TestMethod]
        [DataRow("../../../x")]
        [DataRow("..")]
        [DataRow("/tmp/x")]
        [DataRow("C:\\x")]
        [DataRow("Mini Advocacy")]
        [DataRow("1Mini")]
        [DataRow("")]
        [DataRow("Mini-Advocacy")]
        public void A_unique_name_that_is_not_a_solution_name_is_refused_and_nothing_written(string uniqueName)
        {
            var (folder, output, assembly) = CopyFixture(x => x.Replace("<UniqueName>MiniAdvocacy</UniqueName>", "<UniqueName>" + System.Security.SecurityElement.Escape(uniqueName) + "</UniqueName>"));
            string root = Path.GetDirectoryName(folder)!;
            string[] before = Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

            InvalidDataException e = Refused(folder, output, assembly);

            StringAssert.Contains(e.Message, "is not a valid solution unique name");
            CollectionAssert.AreEqual(before, Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray());
        }

        [TestMethod]
        [DataRow("MiniAdvocacy", true)]
        [DataRow("a_1", true)]
        [DataRow("_a", false)]
        [DataRow("ä", false)]
        public void Unique_names_are_letters_digits_and_underscores_starting_with_a_letter(string name, bool valid)
        {
            Assert.AreEqual(valid, SolutionPacker.IsValidUniqueName(name));
            Assert.IsFalse(SolutionPacker.IsValidUniqueName(new string('a', 66)));
        }

        [TestMethod]
        public void Malformed_solution_xml_is_refused_naming_the_file()
        {
            var (folder, output, assembly) = CopyFixture(x => x.Replace("</SolutionManifest>", ""));

            StringAssert.StartsWith(Refused(folder, output, assembly).Message, "Other/Solution.xml is not well-formed XML");
        }

        [TestMethod]
        public void A_dtd_in_a_source_file_is_refused()
        {
            var (folder, output, assembly) = CopyFixture(x => x.Replace("<ImportExportXml", "<!DOCTYPE ImportExportXml [<!ENTITY x \"y\">]>\n<ImportExportXml"));

            StringAssert.StartsWith(Refused(folder, output, assembly).Message, "Other/Solution.xml has a DTD");
        }

        [TestMethod]
        public void A_garbage_assembly_or_a_folder_given_as_the_assembly_is_refused()
        {
            var (folder, output, _) = CopyFixture();
            string garbage = Path.Combine(Path.GetDirectoryName(folder)!, "garbage.dll");
            File.WriteAllBytes(garbage, new byte[] { 0x4D, 0x5A, 1, 2, 3 });

            StringAssert.Contains(Refused(folder, output, garbage, withRegistration: false).Message, "garbage.dll is not a .NET assembly");
            StringAssert.Contains(Refused(folder, output, folder, withRegistration: false).Message, "is a folder; --assembly needs the plug-in assembly file");
            StringAssert.Contains(Refused(folder, output, garbage + ".missing", withRegistration: false).Message, "does not exist");
        }

        [TestMethod]
        public void A_file_given_as_the_solution_folder_is_refused()
        {
            var (folder, output, assembly) = CopyFixture();

            StringAssert.Contains(Refused(Path.Combine(folder, "Other", "Solution.xml"), output, assembly).Message, "is not an unpacked solution");
        }
    }
}
