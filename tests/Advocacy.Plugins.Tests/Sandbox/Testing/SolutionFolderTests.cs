using System;
using System.IO;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox.Testing
{
    /// <summary>Any plug-in project's unpacked solutions (SolutionPackager's layout) give the sandbox its metadata.</summary>
    [TestClass]
    public class SolutionFolderTests
    {
        [TestMethod]
        public void A_sandbox_built_from_another_publishers_solution_folder_holds_writes_to_its_tables()
        {
            var folder = TestSolutionFolder.Write(TestSolutionFolder.Projects);
            try
            {
                var sandbox = DataverseSandbox.FromSolutionFolders(folder);
                var account = new Entity("account", Guid.NewGuid()) { ["name"] = "Contoso" };
                sandbox.Seed(account);
                Guid id = sandbox.Service.Create(new Entity("new_project")
                {
                    ["new_name"] = "Apollo", ["new_budget"] = new Money(5000m), ["new_accountid"] = account.ToEntityReference(),
                });
                Assert.AreEqual("Apollo", sandbox.Get("new_project", id)["new_name"]);

                // Strict where the solution speaks: unknown columns, wrong lookup tables and the columns' limits.
                StringAssert.Contains(Assert.ThrowsExactly<SandboxFaultException>(() =>
                    sandbox.Service.Create(new Entity("new_project") { ["new_colour"] = "red" })).Message, "new_colour");
                Assert.ThrowsExactly<SandboxFaultException>(() =>
                    sandbox.Service.Create(new Entity("new_project") { ["new_accountid"] = new EntityReference("contact", Guid.NewGuid()) }));
                StringAssert.Contains(Assert.ThrowsExactly<SandboxFaultException>(() =>
                    sandbox.Service.Create(new Entity("new_project") { ["new_name"] = new string('x', 101) })).Message, "'100'");
                Assert.ThrowsExactly<SandboxFaultException>(() =>
                    sandbox.Service.Create(new Entity("new_project") { ["new_budget"] = new Money(-1m) }));

                // The solution's relationship carries its delete behaviour.
                sandbox.Service.Delete("account", account.Id);
                Assert.AreEqual(0, sandbox.Count("new_project"));
                Assert.IsEmpty(sandbox.Metadata.LoadWarnings);
            }
            finally
            {
                TestSolutionFolder.Delete(folder);
            }
        }

        [TestMethod]
        public void Several_solution_folders_are_read_in_import_order_each_adding_its_columns()
        {
            var core = TestSolutionFolder.Write(TestSolutionFolder.Projects);
            var extension = TestSolutionFolder.Write(TestSolutionFolder.Phases);
            try
            {
                var sandbox = DataverseSandbox.FromSolutionFolders(core, extension);
                sandbox.Service.Create(new Entity("new_project") { ["new_name"] = "Apollo", ["new_phase"] = 3 });
                Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Create(new Entity("new_project") { ["new_phase"] = 6 }));

                var coreOnly = DataverseSandbox.FromSolutionFolders(core);
                Assert.ThrowsExactly<SandboxFaultException>(() => coreOnly.Service.Create(new Entity("new_project") { ["new_phase"] = 3 }));
            }
            finally
            {
                TestSolutionFolder.Delete(core, extension);
            }
        }

        [TestMethod]
        public void A_folder_that_is_not_an_unpacked_solution_is_refused_naming_the_path()
        {
            string empty = Support.TestRunFolders.New("not-a-solution-");
            try
            {
                var e = Assert.ThrowsExactly<DirectoryNotFoundException>(() => DataverseSandbox.FromSolutionFolders(empty));
                StringAssert.Contains(e.Message, empty);
                StringAssert.Contains(e.Message, "Other/Solution.xml");
                Assert.ThrowsExactly<DirectoryNotFoundException>(() => DataverseSandbox.FromSolutionFolders(Path.Combine(empty, "missing")));
            }
            finally
            {
                Directory.Delete(empty, recursive: true);
            }
        }

        [TestMethod]
        public void The_repository_solutions_through_the_public_builder_give_the_tables_ForRepository_gives()
        {
            var folders = DataverseSandbox.WithExtensions(DataverseSandbox.FindSolutionFolder()).ToArray();
            var built = DataverseSandbox.FromSolutionFolders(folders);
            var repository = DataverseSandbox.ForRepository();
            CollectionAssert.AreEquivalent(
                repository.Metadata.Tables.Select(t => t.LogicalName + ":" + t.Columns.Count).ToList(),
                built.Metadata.Tables.Select(t => t.LogicalName + ":" + t.Columns.Count).ToList());
            Assert.IsNotNull(built.Metadata.Table("adv_advocate"));
        }
    }
}
