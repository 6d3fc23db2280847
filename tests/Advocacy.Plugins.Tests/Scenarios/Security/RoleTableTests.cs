using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Advocacy.Plugins.Tests.Packaging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Scenarios.Security
{
    /// <summary>
    /// Issue 13: the shipped roles are exactly the README's justified table — a privilege added to (or removed from, or
    /// deepened in) solution/Roles without its line and reason fails here.
    /// </summary>
    [TestClass]
    public sealed class RoleTableTests
    {
        [TestMethod]
        public void Every_privilege_of_every_shipped_role_is_in_the_readme_table_with_a_reason_and_nothing_else()
        {
            var readme = File.ReadAllText(Path.Combine(PackagingTestSupport.RepoRoot, "README.md"));
            var start = readme.IndexOf("<!-- roles-table -->", StringComparison.Ordinal);
            var end = readme.IndexOf("<!-- /roles-table -->", StringComparison.Ordinal);
            Assert.IsTrue(start >= 0 && end > start, "README has the roles table between its markers");
            var documented = readme.Substring(start, end - start).Split('\n')
                .Select(l => l.Trim()).Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| role", StringComparison.Ordinal))
                .SelectMany(l =>
                {
                    var cells = l.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
                    Assert.AreEqual(4, cells.Length, l);
                    Assert.IsTrue(cells[3].Length > 20, "every line says why: " + l);
                    return cells[2].Split(',').Select(p => p.Trim().Split(' ')).Select(p => cells[0] + ": prv" + p[0] + cells[1] + " " + p[1]);
                })
                .OrderBy(x => x, StringComparer.Ordinal).ToList();

            var shipped = Directory.GetFiles(Path.Combine(PackagingTestSupport.RepoRoot, "solution", "Roles"), "*.xml")
                .SelectMany(f =>
                {
                    var role = XDocument.Load(f).Root!;
                    return role.Descendants("RolePrivilege").Select(p => (string)role.Attribute("name")! + ": " + (string)p.Attribute("name")! + " " + (string)p.Attribute("level")!);
                })
                .OrderBy(x => x, StringComparer.Ordinal).ToList();

            CollectionAssert.AreEqual(shipped, documented,
                "in the roles, not in the README: " + string.Join("; ", shipped.Except(documented)) + " — in the README, not in the roles: " + string.Join("; ", documented.Except(shipped)));
        }

        [TestMethod]
        public void Neither_role_may_delete_advocates_nor_may_an_advocate_edit_profiles()
        {
            var roles = Path.Combine(PackagingTestSupport.RepoRoot, "solution", "Roles");
            var advocate = File.ReadAllText(Path.Combine(roles, "Customer Advocate.xml"));
            var manager = File.ReadAllText(Path.Combine(roles, "Advocacy Manager.xml"));
            Assert.IsFalse(Regex.IsMatch(advocate + manager, "prvDeleteadv_Advocate"), "deleting a profile would unlink its accounts without re-assigning them; deactivate it");
            Assert.IsFalse(advocate.Contains("prvWriteadv_Advocate"), "an advocate could drop a tier or raise nothing and shed accounts");
            Assert.IsFalse(advocate.Contains("prvCreateadv_Advocate"), "the execute privilege of the manager operations");
        }
    }
}
