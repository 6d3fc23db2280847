using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// Column (field) security in the sandbox's security model (Microsoft Learn, "Column-level security to control access"):
    /// a secured column is read, created and updated only through field security profiles (held directly or through a
    /// team); without read it comes back without a value, and a create or update that sets it without the permission is
    /// refused with the platform's error (Microsoft Learn, "Web service error codes"); SYSTEM and System Administrators
    /// have full access. The account's description stands in for a secured column.
    /// </summary>
    [TestClass]
    public sealed class FieldSecurityTests
    {
        private DataverseSandbox _sandbox = null!;
        private Guid _user;
        private Guid _account;

        [TestInitialize]
        public void Secure()
        {
            _sandbox = DataverseSandbox.ForRepository();
            _user = _sandbox.SeedUser("Uma User");
            _account = Guid.NewGuid();
            _sandbox.Seed(new Entity("account", _account) { ["name"] = "Contoso", ["description"] = "secret", ["ownerid"] = new EntityReference("systemuser", _user) });
            _sandbox.Security.DefineRole("Account user").Grant(AccessLevel.Global, "prvReadAccount", "prvCreateAccount", "prvWriteAccount");
            _sandbox.Security.AssignRole(_user, "Account user");
            _sandbox.Security.SecureColumn("account", "description");
            _sandbox.Security.Enforce = true;
        }

        [TestMethod]
        public void Without_read_permission_a_secured_column_comes_back_without_a_value_from_retrieve_and_queries()
        {
            var service = _sandbox.CreateService(_user);

            var row = service.Retrieve("account", _account, new ColumnSet("name", "description"));
            var queried = service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name", "description") }).Entities.Single();

            Assert.AreEqual("Contoso", row.GetAttributeValue<string>("name"));
            Assert.IsFalse(row.Contains("description"));
            Assert.IsFalse(queried.Contains("description"));
            Assert.AreEqual("secret", _sandbox.CreateService(_sandbox.AdminUserId).Retrieve("account", _account, new ColumnSet("description")).GetAttributeValue<string>("description"), "an administrator reads it");
        }

        [TestMethod]
        public void Creating_or_updating_a_secured_column_without_permission_is_refused_with_the_platforms_error_and_nothing_is_written()
        {
            var service = _sandbox.CreateService(_user);

            var create = Assert.ThrowsExactly<SandboxFaultException>(() => service.Create(new Entity("account") { ["name"] = "Fabrikam", ["description"] = "x" }));
            var update = Assert.ThrowsExactly<SandboxFaultException>(() => service.Update(new Entity("account", _account) { ["description"] = "changed" }));

            Assert.AreEqual(ErrorCodes.AttributePrivilegeCreateIsMissing, create.ErrorCode);
            StringAssert.StartsWith(create.Message, "The user does not have create permissions to a secured field. The requested operation could not be completed.");
            Assert.AreEqual(ErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate, update.ErrorCode);
            StringAssert.StartsWith(update.Message, "The user doesn't have AttributePrivilegeUpdate and not granted shared access for a secured attribute during update operation");
            Assert.HasCount(1, _sandbox.Rows("account"));
            Assert.AreEqual("secret", _sandbox.Get("account", _account).GetAttributeValue<string>("description"));
            service.Create(new Entity("account") { ["name"] = "Fabrikam" });
            service.Update(new Entity("account", _account) { ["name"] = "Contoso Ltd" });
        }

        [TestMethod]
        public void A_profile_held_directly_or_through_a_team_grants_exactly_what_it_allows()
        {
            _sandbox.Security.DefineFieldSecurityProfile("Readers").Allow("account", "description", read: true, create: false, update: false);
            _sandbox.Security.DefineFieldSecurityProfile("Writers").Allow("account", "description", read: false, create: true, update: true);
            var team = Guid.NewGuid();
            _sandbox.Seed(new Entity("team", team) { ["name"] = "Writers team" });
            var service = _sandbox.CreateService(_user);

            _sandbox.Security.AssignFieldSecurityProfile(_user, "Readers");
            Assert.AreEqual("secret", service.Retrieve("account", _account, new ColumnSet("description")).GetAttributeValue<string>("description"));
            Assert.ThrowsExactly<SandboxFaultException>(() => service.Update(new Entity("account", _account) { ["description"] = "changed" }));

            _sandbox.Security.AssignFieldSecurityProfile(team, "Writers");
            _sandbox.Security.AddTeamMember(team, _user);
            service.Update(new Entity("account", _account) { ["description"] = "changed" });
            Assert.AreEqual("changed", _sandbox.Get("account", _account).GetAttributeValue<string>("description"));
        }

        [TestMethod]
        public void The_solutions_IsSecured_flag_secures_a_column_and_none_of_ours_is_secured()
        {
            string core = DataverseSandbox.FindSolutionFolder() ?? throw new AssertInconclusiveException("solution/ not found above the test assembly");
            var ours = SandboxMetadata.FromSolution(core);
            Assert.IsEmpty(ours.Tables.SelectMany(t => t.Columns.Where(c => c.IsSecured).Select(c => t.LogicalName + "." + c.LogicalName)).ToList(),
                "the product protects its columns with a step (ProductColumns), not with field security");

            string copy = System.IO.Path.Combine(Support.TestRunFolders.New("fls-"), "solution");
            try
            {
                CopyFolder(core, copy);
                string entity = System.IO.Path.Combine(copy, "Entities", "Account", "Entity.xml");
                string xml = System.IO.File.ReadAllText(entity);
                int at = xml.IndexOf("<IsSecured>0</IsSecured>", xml.IndexOf("<LogicalName>adv_lastnps</LogicalName>", StringComparison.Ordinal), StringComparison.Ordinal);
                System.IO.File.WriteAllText(entity, xml.Substring(0, at) + "<IsSecured>1</IsSecured>" + xml.Substring(at + "<IsSecured>0</IsSecured>".Length));

                var secured = SandboxMetadata.FromSolution(copy);

                Assert.IsTrue(secured.Table("account")!.Column("adv_lastnps")!.IsSecured);
                Assert.IsFalse(secured.Table("account")!.Column("adv_lastcsat")!.IsSecured);
            }
            finally
            {
                System.IO.Directory.Delete(copy, recursive: true);
            }
        }

        private static void CopyFolder(string from, string to)
        {
            foreach (var file in System.IO.Directory.GetFiles(from, "*", System.IO.SearchOption.AllDirectories))
            {
                string target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
                System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                System.IO.File.Copy(file, target);
            }
        }
    }
}
