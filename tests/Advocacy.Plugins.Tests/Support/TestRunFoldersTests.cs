using System.IO;
using Advocacy.Plugins.Tests.Packaging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Support
{
    [TestClass]
    public class TestRunFoldersTests
    {
        [TestMethod]
        public void A_test_scratch_folder_lives_under_the_run_root_which_is_deleted_with_everything_in_it()
        {
            string scratch = PackagingTestSupport.NewTempFolder();
            StringAssert.StartsWith(scratch, TestRunFolders.Root + Path.DirectorySeparatorChar, "every scratch folder is under the one root the run deletes");
            Assert.AreNotEqual(scratch, PackagingTestSupport.NewTempFolder(), "each call gives a folder of its own");

            // The cleanup itself, on a root of its own (the run's root is still in use by other tests).
            string root = TestRunFolders.New("cleanup-check-");
            Directory.CreateDirectory(Path.Combine(root, "a", "b"));
            File.WriteAllText(Path.Combine(root, "a", "b", "file.txt"), "x");
            Assert.IsNull(TestRunFolders.Delete(root));
            Assert.IsFalse(Directory.Exists(root));
            Assert.IsNull(TestRunFolders.Delete(root), "deleting a root that is already gone is not a problem");
        }
    }
}
