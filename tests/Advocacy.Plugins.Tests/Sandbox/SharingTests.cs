using System;
using System.IO;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// Shared access (Microsoft Learn, "How access to a record is determined" and "Sharing and assigning"): GrantAccess,
    /// ModifyAccess, RevokeAccess, RetrievePrincipalAccess and RetrieveSharedPrincipalsAndAccess; a share counts only for a
    /// user who passes the privilege check; shares of a user's teams count; a child inherits its parent's shares through
    /// relationships that cascade sharing; shares commit and roll back with their transaction and go with a deleted record.
    /// Business units: root ─┬─ East and root ── West; Olive owns the account in East, Wes works in West.
    /// </summary>
    [TestClass]
    public sealed class SharingTests
    {
        private sealed class World
        {
            public World()
            {
                Sandbox = DataverseSandbox.ForRepository();
                East = Sandbox.SeedBusinessUnit("East");
                West = Sandbox.SeedBusinessUnit("West");
                Owner = Sandbox.SeedUser("Olive Owner", businessUnitId: East);
                Outsider = Sandbox.SeedUser("Wes West", businessUnitId: West);
                Account = Seed("account", Owner, ("name", "Contoso"));
                Task = Seed("task", Owner, ("subject", "Call Contoso"), ("regardingobjectid", new EntityReference("account", Account)));
                // Both read, write and share accounts and activities in their own business unit only.
                foreach (var user in new[] { Owner, Outsider })
                {
                    Grant(user, AccessLevel.Local, "prvReadAccount", "prvWriteAccount", "prvShareAccount", "prvAppendToAccount", "prvReadActivity", "prvReadUser");
                }
                Sandbox.Security.Enforce = true;
            }

            public DataverseSandbox Sandbox { get; }
            public Guid East { get; }
            public Guid West { get; }
            public Guid Owner { get; }
            public Guid Outsider { get; }
            public Guid Account { get; }
            public Guid Task { get; }
            public EntityReference AccountRef => new("account", Account);

            public Guid Seed(string table, Guid owner, params (string Column, object Value)[] columns)
            {
                var row = new Entity(table, Guid.NewGuid()) { ["ownerid"] = new EntityReference("systemuser", owner) };
                foreach (var (column, value) in columns)
                {
                    row[column] = value;
                }
                Sandbox.Seed(row);
                return row.Id;
            }

            public void Grant(Guid user, AccessLevel level, params string[] privileges)
            {
                string name = $"role {Guid.NewGuid():N}";
                Sandbox.Security.DefineRole(name).Grant(level, privileges);
                Sandbox.Security.AssignRole(user, name);
            }

            public IOrganizationService As(Guid user) => Sandbox.CreateService(user);

            public void Share(Guid by, EntityReference record, EntityReference with, AccessRights rights) =>
                As(by).Execute(new GrantAccessRequest { Target = record, PrincipalAccess = new PrincipalAccess { Principal = with, AccessMask = rights } });

            public bool CanRead(Guid user, string table, Guid id)
            {
                try
                {
                    As(user).Retrieve(table, id, new ColumnSet(false));
                    return true;
                }
                catch (SandboxFaultException e) when (e.ErrorCode == ErrorCodes.AccessCheckFailed)
                {
                    return false;
                }
            }
        }

        private static EntityReference User(Guid id) => new("systemuser", id);

        [TestMethod]
        public void A_record_shared_with_a_user_of_another_business_unit_is_read_and_written_with_the_shared_rights_only()
        {
            var world = new World();
            Assert.IsFalse(world.CanRead(world.Outsider, "account", world.Account), "Local read does not reach another business unit's account");

            var notShared = world.Seed("account", world.Owner, ("name", "Fabrikam"));
            world.Share(world.Owner, world.AccountRef, User(world.Outsider), AccessRights.ReadAccess);

            Assert.IsTrue(world.CanRead(world.Outsider, "account", world.Account));
            Assert.IsFalse(world.CanRead(world.Outsider, "account", notShared));
            var refused = Assert.ThrowsExactly<SandboxFaultException>(
                () => world.As(world.Outsider).Update(new Entity("account", world.Account) { ["name"] = "Renamed" }));
            Assert.AreEqual(ErrorCodes.AccessCheckFailed, refused.ErrorCode, "Read was shared, Write was not");
            CollectionAssert.AreEqual(new[] { world.Account }, world.As(world.Outsider).RetrieveMultiple(new QueryExpression("account")).Entities.Select(e => e.Id).ToArray(),
                "a query returns the shared row");
        }

        [TestMethod]
        public void A_share_gives_nothing_to_a_user_who_holds_no_privilege_for_the_table()
        {
            var world = new World();
            var noRole = world.Sandbox.SeedUser("Nora Norole", businessUnitId: world.West);
            world.Share(world.Owner, world.AccountRef, User(noRole), AccessRights.ReadAccess);

            var refused = Assert.ThrowsExactly<SandboxFaultException>(
                () => world.As(noRole).Retrieve("account", world.Account, new ColumnSet(false)));
            Assert.AreEqual(ErrorCodes.PrivilegeDenied, refused.ErrorCode, "the privilege check comes first: Learn's 'unable to see that account'");
            Assert.AreEqual(AccessRights.None, world.Sandbox.Security.AccessRightsOf(User(noRole), world.AccountRef));
        }

        [TestMethod]
        public void A_record_shared_with_a_team_is_shared_with_its_members()
        {
            var world = new World();
            var team = world.Sandbox.SeedTeam("West desk", businessUnitId: world.West);
            world.Sandbox.Security.AddTeamMember(team, world.Outsider);

            world.Share(world.Owner, world.AccountRef, new EntityReference("team", team), AccessRights.ReadAccess | AccessRights.WriteAccess);

            world.As(world.Outsider).Update(new Entity("account", world.Account) { ["name"] = "Renamed by the team's member" });
            Assert.AreEqual("Renamed by the team's member", world.Sandbox.Service.Retrieve("account", world.Account, new ColumnSet("name")).GetAttributeValue<string>("name"));
        }

        [TestMethod]
        public void A_task_regarding_a_shared_account_inherits_the_share_and_loses_it_when_the_account_is_unshared()
        {
            var world = new World();
            Assert.IsFalse(world.CanRead(world.Outsider, "task", world.Task));

            world.Share(world.Owner, world.AccountRef, User(world.Outsider), AccessRights.ReadAccess);
            Assert.IsTrue(world.CanRead(world.Outsider, "task", world.Task), "Account_Tasks cascades Share");
            var later = world.Seed("task", world.Owner, ("subject", "Created after the share"), ("regardingobjectid", world.AccountRef));
            Assert.IsTrue(world.CanRead(world.Outsider, "task", later), "a child created later inherits the parent's share too");

            world.As(world.Owner).Execute(new RevokeAccessRequest { Target = world.AccountRef, Revokee = User(world.Outsider) });
            Assert.IsFalse(world.CanRead(world.Outsider, "task", world.Task));
            Assert.IsFalse(world.CanRead(world.Outsider, "account", world.Account));
        }

        [TestMethod]
        public void Sharing_needs_share_access_to_the_record()
        {
            var world = new World();
            var refused = Assert.ThrowsExactly<SandboxFaultException>(
                () => world.Share(world.Outsider, world.AccountRef, User(world.Outsider), AccessRights.ReadAccess));
            Assert.AreEqual(ErrorCodes.AccessCheckFailed, refused.ErrorCode, "Wes's Local prvShareAccount does not reach East");
            StringAssert.Contains(refused.Message, "ShareAccess");
            Assert.AreEqual(0, world.Sandbox.Count(Sharing.Table), "nothing was shared");
        }

        [TestMethod]
        public void Grant_adds_rights_modify_replaces_them_and_the_shares_are_listed_per_principal()
        {
            var world = new World();
            var outsider = User(world.Outsider);
            world.Share(world.Owner, world.AccountRef, outsider, AccessRights.ReadAccess);
            world.Share(world.Owner, world.AccountRef, outsider, AccessRights.AppendToAccess);

            var listed = (RetrieveSharedPrincipalsAndAccessResponse)world.As(world.Owner).Execute(new RetrieveSharedPrincipalsAndAccessRequest { Target = world.AccountRef });
            Assert.AreEqual(1, listed.PrincipalAccesses.Length, "one share per record and principal");
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, listed.PrincipalAccesses[0].AccessMask);
            Assert.AreEqual(world.Outsider, listed.PrincipalAccesses[0].Principal.Id);
            Assert.AreEqual("systemuser", listed.PrincipalAccesses[0].Principal.LogicalName);

            world.As(world.Owner).Execute(new ModifyAccessRequest { Target = world.AccountRef, PrincipalAccess = new PrincipalAccess { Principal = outsider, AccessMask = AccessRights.WriteAccess } });
            var after = (RetrieveSharedPrincipalsAndAccessResponse)world.As(world.Owner).Execute(new RetrieveSharedPrincipalsAndAccessRequest { Target = world.AccountRef });
            Assert.AreEqual(AccessRights.WriteAccess, after.PrincipalAccesses.Single().AccessMask);
        }

        [TestMethod]
        public void RetrievePrincipalAccess_answers_with_the_rights_of_role_and_share_together()
        {
            var world = new World();
            var mine = (RetrievePrincipalAccessResponse)world.As(world.Owner).Execute(new RetrievePrincipalAccessRequest { Target = world.AccountRef, Principal = User(world.Owner) });
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.WriteAccess | AccessRights.ShareAccess | AccessRights.AppendToAccess, mine.AccessRights,
                "the owner's own roles: no Delete, Append or Assign privilege on account");

            Assert.AreEqual(AccessRights.None, world.Sandbox.Security.AccessRightsOf(User(world.Outsider), world.AccountRef));
            world.Share(world.Owner, world.AccountRef, User(world.Outsider), AccessRights.ReadAccess | AccessRights.DeleteAccess);
            Assert.AreEqual(AccessRights.ReadAccess, world.Sandbox.Security.AccessRightsOf(User(world.Outsider), world.AccountRef),
                "Delete was shared but Wes holds no prvDeleteAccount");
        }

        [TestMethod]
        public void SYSTEM_and_System_Administrators_have_every_right_on_every_record()
        {
            var world = new World();
            var admin = world.Sandbox.SeedUser("Ada Admin", businessUnitId: world.West);
            world.Sandbox.Security.AssignRole(admin, SecurityRole.SystemAdministratorName);
            var every = AccessRights.ReadAccess | AccessRights.WriteAccess | AccessRights.AppendAccess | AccessRights.AppendToAccess
                | AccessRights.CreateAccess | AccessRights.DeleteAccess | AccessRights.ShareAccess | AccessRights.AssignAccess;
            Assert.AreEqual(every, world.Sandbox.Security.AccessRightsOf(User(admin), world.AccountRef));
            Assert.AreEqual(every, world.Sandbox.Security.AccessRightsOf(User(world.Sandbox.SystemUserId), world.AccountRef));
            Assert.AreEqual(AccessRights.None, world.Sandbox.Security.AccessRightsOf(User(admin), new EntityReference("account", Guid.NewGuid())), "no record, no rights");
        }

        [TestMethod]
        public void A_share_made_inside_a_failed_transaction_is_rolled_back_and_a_deleted_records_shares_go_with_it()
        {
            var world = new World();
            var batch = new OrganizationRequest("ExecuteTransaction")
            {
                ["Requests"] = new OrganizationRequestCollection
                {
                    new GrantAccessRequest { Target = world.AccountRef, PrincipalAccess = new PrincipalAccess { Principal = User(world.Outsider), AccessMask = AccessRights.ReadAccess } },
                    new DeleteRequest { Target = new EntityReference("account", Guid.NewGuid()) },
                },
            };
            Assert.ThrowsExactly<SandboxFaultException>(() => world.Sandbox.Service.Execute(batch));
            Assert.AreEqual(0, world.Sandbox.Count(Sharing.Table), "the share went with the failed transaction");

            world.Share(world.Owner, world.AccountRef, User(world.Outsider), AccessRights.ReadAccess);
            Assert.AreEqual(1, world.Sandbox.Count(Sharing.Table));
            world.Sandbox.Service.Delete("account", world.Account);
            Assert.AreEqual(0, world.Sandbox.Count(Sharing.Table), "a deleted record's shares are deleted with it");
        }

        [TestMethod]
        public void Bad_sharing_requests_fail_with_a_message_that_names_what_is_wrong()
        {
            var world = new World();
            var service = world.Sandbox.Service;
            var subject = Guid.NewGuid();
            world.Sandbox.Seed(new Entity("subject", subject) { ["title"] = "Billing" });
            var cases = new (OrganizationRequest Request, int Code, string Words)[]
            {
                (new GrantAccessRequest { PrincipalAccess = new PrincipalAccess { Principal = User(world.Outsider), AccessMask = AccessRights.ReadAccess } }, ErrorCodes.InvalidArgument, "needs Target"),
                (new GrantAccessRequest { Target = world.AccountRef }, ErrorCodes.InvalidArgument, "needs PrincipalAccess"),
                (new GrantAccessRequest { Target = new EntityReference("account", Guid.NewGuid()), PrincipalAccess = new PrincipalAccess { Principal = User(world.Outsider) } }, ErrorCodes.ObjectDoesNotExist, "Does Not Exist"),
                (new GrantAccessRequest { Target = world.AccountRef, PrincipalAccess = new PrincipalAccess { Principal = User(Guid.NewGuid()) } }, ErrorCodes.ObjectDoesNotExist, "systemuser"),
                (new GrantAccessRequest { Target = world.AccountRef, PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("account", world.Account) } }, ErrorCodes.InvalidArgument, "user (systemuser) or a team"),
                (new GrantAccessRequest { Target = new EntityReference("subject", subject), PrincipalAccess = new PrincipalAccess { Principal = User(world.Outsider) } }, ErrorCodes.InvalidArgument, "organization-owned"),
                (new RevokeAccessRequest { Target = world.AccountRef }, ErrorCodes.InvalidArgument, "needs Revokee"),
                (new RetrievePrincipalAccessRequest { Target = world.AccountRef }, ErrorCodes.InvalidArgument, "needs Principal"),
                (new RetrievePrincipalAccessRequest { Target = world.AccountRef, Principal = new EntityReference("team", Guid.NewGuid()) }, ErrorCodes.ObjectDoesNotExist, "team"),
            };
            foreach (var (request, code, words) in cases)
            {
                var fault = Assert.ThrowsExactly<SandboxFaultException>(() => service.Execute(request), request.RequestName + ": " + words);
                Assert.AreEqual(code, fault.ErrorCode, fault.Message);
                StringAssert.Contains(fault.Message, words);
            }
            Assert.AreEqual(0, world.Sandbox.Count(Sharing.Table));
        }

        [TestMethod]
        public void Shares_are_rows_of_principalobjectaccess_that_callers_may_query_but_not_write()
        {
            var world = new World();
            world.Share(world.Owner, world.AccountRef, User(world.Outsider), AccessRights.ReadAccess);

            var rows = world.Sandbox.Service.RetrieveMultiple(new QueryExpression(Sharing.Table) { ColumnSet = new ColumnSet(true) }).Entities;
            Assert.AreEqual(1, rows.Count);
            Assert.AreEqual(world.Account, rows[0].GetAttributeValue<Guid>("objectid"));
            Assert.AreEqual(world.Outsider, rows[0].GetAttributeValue<Guid>("principalid"));
            Assert.AreEqual((int)AccessRights.ReadAccess, rows[0].GetAttributeValue<int>("accessrightsmask"));
            Assert.AreEqual("account", rows[0].GetAttributeValue<string>("objecttypecode"));
            Assert.AreEqual("systemuser", rows[0].GetAttributeValue<string>("principaltypecode"));
            Assert.AreEqual(0, rows[0].GetAttributeValue<int?>("inheritedaccessrightsmask"), "direct shares only; inherited access is worked out when checked");

            var refused = Assert.ThrowsExactly<SandboxFaultException>(
                () => world.Sandbox.Service.Create(new Entity(Sharing.Table) { ["objectid"] = world.Account, ["principalid"] = world.Outsider }));
            StringAssert.Contains(refused.Message, "does not support entities of type 'principalobjectaccess'");
        }
    
        [TestMethod]
        public void CascadeShare_is_read_from_a_solutions_relationships()
        {
            var folder = Support.TestRunFolders.New("sbx-share-");
            Directory.CreateDirectory(Path.Combine(folder, "Other", "Relationships"));
            try
            {
                File.WriteAllText(Path.Combine(folder, "Other", "Relationships", "Account.xml"), @"<EntityRelationships>
  <EntityRelationship Name='sbx_account_contacts'>
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <ReferencingEntityName>Contact</ReferencingEntityName>
    <ReferencedEntityName>Account</ReferencedEntityName>
    <CascadeAssign>NoCascade</CascadeAssign>
    <CascadeDelete>RemoveLink</CascadeDelete>
    <CascadeShare>Cascade</CascadeShare>
    <ReferencingAttributeName>AccountId</ReferencingAttributeName>
  </EntityRelationship>
</EntityRelationships>");
                var metadata = SandboxMetadata.FromSolution(folder);
                Assert.AreEqual(CascadeAssign.Cascade, metadata.ReferencingRelationships("account").Single(r => r.SchemaName == "sbx_account_contacts").OnShare);
                var repository = DataverseSandbox.ForRepository().Metadata;
                CollectionAssert.AreEquivalent(new[] { "adv_account_adv_feedback_accountid", "adv_account_adv_inconvenience_accountid" },
                    repository.ReferencingRelationships("account").Where(r => r.SchemaName.StartsWith("adv_", StringComparison.OrdinalIgnoreCase) && r.OnShare == CascadeAssign.Cascade)
                        .Select(r => r.SchemaName).ToArray(), "the product's feedback and inconveniences follow their account's shares; nothing else of the product cascades shares");
                Assert.AreEqual(CascadeAssign.Cascade, repository.ReferencingRelationships("account").Single(r => r.SchemaName == "Account_Tasks").OnShare);
                Assert.AreEqual(CascadeAssign.NoCascade, repository.ReferencingRelationships("contact").Single(r => r.SchemaName == "account_primary_contact").OnShare);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [TestMethod]
        public void A_feedback_row_of_a_shared_account_is_shared_with_it_through_the_products_relationship_but_an_advocate_profile_is_not()
        {
            var world = new World();
            world.Grant(world.Outsider, AccessLevel.Local, "prvReadadv_Feedback");
            var feedback = world.Seed("adv_feedback", world.Owner, ("adv_name", "Olive's feedback"), ("adv_accountid", world.AccountRef));

            world.Share(world.Owner, world.AccountRef, User(world.Outsider), AccessRights.ReadAccess);

            Assert.IsTrue(world.CanRead(world.Outsider, "account", world.Account));
            Assert.IsTrue(world.CanRead(world.Outsider, "adv_feedback", feedback), "adv_account_adv_feedback_accountid cascades Share");
            world.As(world.Owner).Execute(new RevokeAccessRequest { Target = world.AccountRef, Revokee = User(world.Outsider) });
            Assert.IsFalse(world.CanRead(world.Outsider, "adv_feedback", feedback), "and Unshare");
        }
    
        [TestMethod]
        public void A_teams_access_is_its_own_roles_and_shares_and_a_member_gets_a_share_through_the_teams_privilege()
        {
            var world = new World();
            var team = world.Sandbox.SeedTeam("West desk", businessUnitId: world.West);
            string role = "team role " + Guid.NewGuid().ToString("N");
            world.Sandbox.Security.DefineRole(role).Grant(AccessLevel.Basic, "prvReadAccount", "prvWriteAccount");
            world.Sandbox.Security.AssignRole(team, role);
            var teamRef = new EntityReference("team", team);
            Assert.AreEqual(AccessRights.None, world.Sandbox.Security.AccessRightsOf(teamRef, world.AccountRef), "Basic does not reach Olive's account");

            world.Share(world.Owner, world.AccountRef, teamRef, AccessRights.ReadAccess | AccessRights.WriteAccess | AccessRights.DeleteAccess);
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.WriteAccess, world.Sandbox.Security.AccessRightsOf(teamRef, world.AccountRef),
                "the team holds no prvDeleteAccount");

            // A member without any role of their own: the team's privileges pass the privilege check, the share the access check.
            var member = world.Sandbox.SeedUser("Mia Member", businessUnitId: world.West);
            world.Sandbox.Security.AddTeamMember(team, member);
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.WriteAccess, world.Sandbox.Security.AccessRightsOf(User(member), world.AccountRef));

            var adminTeam = world.Sandbox.SeedTeam("Admins", businessUnitId: world.West);
            world.Sandbox.Security.AssignRole(adminTeam, SecurityRole.SystemAdministratorName);
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.WriteAccess | AccessRights.AppendAccess | AccessRights.AppendToAccess
                | AccessRights.CreateAccess | AccessRights.DeleteAccess | AccessRights.ShareAccess | AccessRights.AssignAccess,
                world.Sandbox.Security.AccessRightsOf(new EntityReference("team", adminTeam), world.AccountRef));
        }
    }
}
