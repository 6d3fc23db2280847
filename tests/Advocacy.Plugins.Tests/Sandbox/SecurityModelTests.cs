using System;
using System.Linq;
using Advocacy.Plugins.CustomApis.FollowUp;
using Advocacy.Plugins.Registration;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// The sandbox's security model, opt-in with Security.Enforce: a user's calls pass Dataverse's privilege check (some
    /// role grants prv{Verb}{Table}) and access check (the level reaches the row's owner: Basic = own, Local = business
    /// unit, Deep = business unit and below, Global = organization); SYSTEM and System Administrators bypass both.
    /// The business units used: root ─┬─ Region ── Branch, and root ── Sibling.
    /// </summary>
    [TestClass]
    public sealed class SecurityModelTests
    {
        private sealed class World
        {
            public World()
            {
                Sandbox = DataverseSandbox.ForRepository();
                Region = Sandbox.SeedBusinessUnit("Region");
                Branch = Sandbox.SeedBusinessUnit("Branch", Region);
                Sibling = Sandbox.SeedBusinessUnit("Sibling");
                Owner = Sandbox.SeedUser("Olive Owner", businessUnitId: Branch);
                Peer = Sandbox.SeedUser("Pat Peer", businessUnitId: Branch);
                Regional = Sandbox.SeedUser("Rae Regional", businessUnitId: Region);
                Outsider = Sandbox.SeedUser("Sid Sibling", businessUnitId: Sibling);
                Account = Seed("account", Owner, ("name", "Contoso"));
                Feedback = Seed("adv_feedback", Owner, ("adv_name", "Olive's feedback"));
                Sandbox.Security.Enforce = true;
            }

            public DataverseSandbox Sandbox { get; }
            public Guid Region { get; }
            public Guid Branch { get; }
            public Guid Sibling { get; }
            public Guid Owner { get; }
            public Guid Peer { get; }
            public Guid Regional { get; }
            public Guid Outsider { get; }
            public Guid Account { get; }
            public Guid Feedback { get; }

            public Guid User(string who) => who switch
            {
                "owner" => Owner,
                "peer" => Peer,
                "regional" => Regional,
                "outsider" => Outsider,
                _ => throw new ArgumentException(who),
            };

            /// <summary>Seeds a row owned by a user (no checks: seeding is not a call).</summary>
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

            /// <summary>Gives a user a role, defined here, holding the privileges at one level.</summary>
            public void Grant(Guid user, AccessLevel level, params string[] privileges)
            {
                string name = $"role {Guid.NewGuid():N}";
                Sandbox.Security.DefineRole(name).Grant(level, privileges);
                Sandbox.Security.AssignRole(user, name);
            }

            public IOrganizationService As(Guid user) => Sandbox.CreateService(user);
        }

        private static AccessLevel Level(string level) => Enum.Parse<AccessLevel>(level);

        private static void AssertAccessDenied(SandboxFaultException fault, string right, string privilege)
        {
            Assert.AreEqual(ErrorCodes.AccessCheckFailed, fault.ErrorCode, fault.Message);
            StringAssert.Contains(fault.Message, $"does not have {right} right(s) for record with id");
            StringAssert.Contains(fault.Message, privilege);
        }

        private static void AssertPrivilegeDenied(SandboxFaultException fault, Guid user, string privilege)
        {
            Assert.AreEqual(ErrorCodes.PrivilegeDenied, fault.ErrorCode, fault.Message);
            StringAssert.StartsWith(fault.Message, $"Principal user (Id={user}, type=8, roleCount=");
            StringAssert.Contains(fault.Message, $"is missing {privilege} privilege (Id=");
            StringAssert.Contains(fault.Message, " on OTC=");
        }

        // ----- Read (Retrieve) at each level -----------------------------------------------------------------------

        [TestMethod]
        [DataRow("Basic", "owner", true)]
        [DataRow("Basic", "peer", false)]
        [DataRow("Local", "peer", true)]
        [DataRow("Local", "regional", false)]
        [DataRow("Deep", "regional", true)]
        [DataRow("Deep", "outsider", false)]
        [DataRow("Global", "outsider", true)]
        public void A_retrieve_succeeds_only_when_the_read_level_reaches_the_rows_owner(string level, string reader, bool allowed)
        {
            var world = new World();
            var user = world.User(reader);
            world.Grant(user, Level(level), "prvReadadv_Feedback");

            if (allowed)
            {
                Assert.AreEqual(world.Feedback, world.As(user).Retrieve("adv_feedback", world.Feedback, new ColumnSet("adv_name")).Id);
            }
            else
            {
                var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(user).Retrieve("adv_feedback", world.Feedback, new ColumnSet(true)));
                AssertAccessDenied(fault, "ReadAccess", "prvReadadv_Feedback");
            }
        }

        [TestMethod]
        public void Deep_reaches_down_the_business_unit_tree_but_never_up_it()
        {
            var world = new World();
            var regionalRow = world.Seed("adv_feedback", world.Regional, ("adv_name", "the region's"));
            world.Grant(world.Owner, AccessLevel.Deep, "prvReadadv_Feedback");

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Owner).Retrieve("adv_feedback", regionalRow, new ColumnSet(true)));
            AssertAccessDenied(fault, "ReadAccess", "prvReadadv_Feedback");
            StringAssert.Contains(fault.Message, "MinimumPrivilegeDepthRequired = Global");
        }

        [TestMethod]
        public void A_user_without_the_privilege_at_any_level_gets_the_platforms_missing_privilege_fault()
        {
            var world = new World();
            world.Grant(world.Owner, AccessLevel.Global, "prvReadAccount");

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Owner).Retrieve("adv_feedback", world.Feedback, new ColumnSet(true)));

            AssertPrivilegeDenied(fault, world.Owner, "prvReadadv_Feedback");
            StringAssert.Contains(fault.Message, "roleCount=1, privilegeCount=1,");
            StringAssert.Contains(fault.Message, "for entity 'adv_feedback' (LocalizedName='adv_Feedback')");
            StringAssert.Contains(fault.Message, $"businessUnitId={world.Branch}");
        }

        // ----- Create at each level (the new row's owner) --------------------------------------------------------------

        [TestMethod]
        [DataRow("Basic", "owner", true)]
        [DataRow("Basic", "peer", false)]
        [DataRow("Local", "peer", true)]
        [DataRow("Local", "regional", false)]
        [DataRow("Deep", "regional", true)]
        [DataRow("Deep", "outsider", false)]
        [DataRow("Global", "outsider", true)]
        public void A_create_needs_prvCreate_at_the_level_of_the_new_rows_owner(string level, string creator, bool allowed)
        {
            // The creator makes a row owned by Olive (in Branch): for Olive herself that is Basic. Olive can read what she
            // owns (an owner who cannot is refused: A_row_can_be_given_only_to_an_owner_who_can_read_it).
            var world = new World();
            world.Grant(world.Owner, AccessLevel.Basic, "prvReadadv_Feedback");
            var user = world.User(creator);
            world.Grant(user, Level(level), "prvCreateadv_Feedback");
            var row = new Entity("adv_feedback") { ["adv_name"] = "for Olive", ["ownerid"] = new EntityReference("systemuser", world.Owner) };

            if (allowed)
            {
                world.As(user).Create(row);
                Assert.AreEqual(2, world.Sandbox.Count("adv_feedback"));
            }
            else
            {
                var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(user).Create(row));
                AssertAccessDenied(fault, "CreateAccess", "prvCreateadv_Feedback");
                Assert.AreEqual(1, world.Sandbox.Count("adv_feedback"), "a refused create writes nothing");
            }
        }

        [TestMethod]
        public void A_create_without_an_owner_is_the_callers_own_row_and_Basic_is_enough()
        {
            var world = new World();
            world.Grant(world.Peer, AccessLevel.Basic, "prvCreateadv_Feedback", "prvReadadv_Feedback");

            var id = world.As(world.Peer).Create(new Entity("adv_feedback") { ["adv_name"] = "mine" });

            Assert.AreEqual(world.Peer, world.As(world.Peer).Retrieve("adv_feedback", id, new ColumnSet("ownerid")).GetAttributeValue<EntityReference>("ownerid").Id);
        }

        [TestMethod]
        public void A_create_without_prvCreate_is_refused_and_writes_nothing()
        {
            var world = new World();

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Peer).Create(new Entity("adv_feedback") { ["adv_name"] = "x" }));

            AssertPrivilegeDenied(fault, world.Peer, "prvCreateadv_Feedback");
            StringAssert.Contains(fault.Message, "roleCount=0");
            Assert.AreEqual(1, world.Sandbox.Count("adv_feedback"));
        }

        // ----- Update, Delete --------------------------------------------------------------------------------------------

        [TestMethod]
        [DataRow("Basic", "owner", true)]
        [DataRow("Basic", "peer", false)]
        [DataRow("Local", "peer", true)]
        [DataRow("Local", "regional", false)]
        [DataRow("Deep", "regional", true)]
        [DataRow("Deep", "outsider", false)]
        [DataRow("Global", "outsider", true)]
        public void An_update_needs_prvWrite_at_the_level_of_the_rows_owner(string level, string writer, bool allowed)
        {
            var world = new World();
            var user = world.User(writer);
            world.Grant(user, Level(level), "prvWriteadv_Feedback");
            var change = new Entity("adv_feedback", world.Feedback) { ["adv_name"] = "changed" };

            if (allowed)
            {
                world.As(user).Update(change);
                Assert.AreEqual("changed", world.Sandbox.Get("adv_feedback", world.Feedback).GetAttributeValue<string>("adv_name"));
            }
            else
            {
                var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(user).Update(change));
                AssertAccessDenied(fault, "WriteAccess", "prvWriteadv_Feedback");
                Assert.AreEqual("Olive's feedback", world.Sandbox.Get("adv_feedback", world.Feedback).GetAttributeValue<string>("adv_name"));
            }
        }

        [TestMethod]
        [DataRow("Basic", "owner", true)]
        [DataRow("Basic", "peer", false)]
        [DataRow("Local", "peer", true)]
        [DataRow("Local", "regional", false)]
        [DataRow("Deep", "regional", true)]
        [DataRow("Deep", "outsider", false)]
        [DataRow("Global", "outsider", true)]
        public void A_delete_needs_prvDelete_at_the_level_of_the_rows_owner(string level, string deleter, bool allowed)
        {
            var world = new World();
            var user = world.User(deleter);
            world.Grant(user, Level(level), "prvDeleteadv_Feedback");

            if (allowed)
            {
                world.As(user).Delete("adv_feedback", world.Feedback);
                Assert.AreEqual(0, world.Sandbox.Count("adv_feedback"));
            }
            else
            {
                var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(user).Delete("adv_feedback", world.Feedback));
                AssertAccessDenied(fault, "DeleteAccess", "prvDeleteadv_Feedback");
                Assert.AreEqual(1, world.Sandbox.Count("adv_feedback"));
            }
        }

        [TestMethod]
        public void An_update_without_prvWrite_is_refused_with_the_missing_privilege()
        {
            var world = new World();
            world.Grant(world.Owner, AccessLevel.Global, "prvReadadv_Feedback");

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Owner).Update(new Entity("adv_feedback", world.Feedback) { ["adv_name"] = "x" }));

            AssertPrivilegeDenied(fault, world.Owner, "prvWriteadv_Feedback");
        }

        // ----- Queries: rows the caller cannot read are left out ---------------------------------------------------------

        [TestMethod]
        [DataRow("Basic", "peer", new[] { "peer's" })]
        [DataRow("Local", "peer", new[] { "Olive's feedback", "peer's" })]
        [DataRow("Deep", "regional", new[] { "Olive's feedback", "peer's", "the region's" })]
        [DataRow("Global", "peer", new[] { "Olive's feedback", "peer's", "the region's", "the sibling's" })]
        public void A_query_returns_only_the_root_rows_the_caller_can_read(string level, string reader, string[] expected)
        {
            var world = new World();
            world.Seed("adv_feedback", world.Peer, ("adv_name", "peer's"));
            world.Seed("adv_feedback", world.Regional, ("adv_name", "the region's"));
            world.Seed("adv_feedback", world.Outsider, ("adv_name", "the sibling's"));
            var user = world.User(reader);
            world.Grant(user, Level(level), "prvReadadv_Feedback");

            var query = new QueryExpression("adv_feedback") { ColumnSet = new ColumnSet("adv_name") };
            query.AddOrder("adv_name", OrderType.Ascending);
            var byQuery = world.As(user).RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("adv_name")).ToArray();
            var byFetch = world.As(user).RetrieveMultiple(new FetchExpression(
                "<fetch><entity name='adv_feedback'><attribute name='adv_name' /><order attribute='adv_name' /></entity></fetch>"))
                .Entities.Select(e => e.GetAttributeValue<string>("adv_name")).ToArray();

            CollectionAssert.AreEqual(expected, byQuery);
            CollectionAssert.AreEqual(expected, byFetch);
        }

        [TestMethod]
        public void A_query_on_a_table_the_caller_has_no_read_privilege_on_fails_with_the_missing_privilege()
        {
            var world = new World();

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Peer).RetrieveMultiple(new QueryExpression("adv_feedback") { ColumnSet = new ColumnSet(true) }));

            AssertPrivilegeDenied(fault, world.Peer, "prvReadadv_Feedback");
        }

        [TestMethod]
        public void A_linked_tables_rows_the_caller_cannot_read_are_not_joined_an_inner_link_drops_the_row_an_outer_link_leaves_it_empty()
        {
            // The peer reads every account but only their own feedback: Olive's feedback on Contoso must not reach them
            // through a link from the account (before the seventh session its columns did).
            var world = new World();
            world.Seed("adv_feedback", world.Peer, ("adv_name", "peer's"), ("adv_accountid", new EntityReference("account", world.Account)));
            world.Sandbox.Service.Update(new Entity("adv_feedback", world.Feedback) { ["adv_accountid"] = new EntityReference("account", world.Account) });
            var other = world.Seed("account", world.Owner, ("name", "Fabrikam"));
            world.Seed("adv_feedback", world.Owner, ("adv_name", "Olive's other"), ("adv_accountid", new EntityReference("account", other)));
            world.Grant(world.Peer, AccessLevel.Global, "prvReadAccount");
            world.Grant(world.Peer, AccessLevel.Basic, "prvReadadv_Feedback");
            string Fetch(string linkType) =>
                "<fetch><entity name='account'><attribute name='name' /><order attribute='name' />" +
                $"<link-entity name='adv_feedback' from='adv_accountid' to='accountid' link-type='{linkType}' alias='f'><attribute name='adv_name' /><order attribute='adv_name' /></link-entity>" +
                "</entity></fetch>";

            var inner = world.As(world.Peer).RetrieveMultiple(new FetchExpression(Fetch("inner"))).Entities
                .Select(e => e.GetAttributeValue<string>("name") + "/" + e.GetAttributeValue<AliasedValue>("f.adv_name")?.Value).ToArray();
            var outer = world.As(world.Peer).RetrieveMultiple(new FetchExpression(Fetch("outer"))).Entities
                .Select(e => e.GetAttributeValue<string>("name") + "/" + e.GetAttributeValue<AliasedValue>("f.adv_name")?.Value).ToArray();

            CollectionAssert.AreEqual(new[] { "Contoso/peer's" }, inner);
            CollectionAssert.AreEquivalent(new[] { "Contoso/peer's", "Fabrikam/" }, outer);
        }

        [TestMethod]
        public void Pages_are_cut_from_the_rows_the_caller_can_read_and_aggregates_count_only_them()
        {
            var world = new World();
            for (int i = 0; i < 3; i++)
            {
                world.Seed("adv_feedback", world.Peer, ("adv_name", "peer's " + i));
                world.Seed("adv_feedback", world.Outsider, ("adv_name", "sibling's " + i));
            }
            world.Grant(world.Peer, AccessLevel.Local, "prvReadadv_Feedback");
            var peer = world.As(world.Peer);
            var query = new QueryExpression("adv_feedback") { ColumnSet = new ColumnSet("adv_name"), PageInfo = new PagingInfo { PageNumber = 1, Count = 2 } };
            query.AddOrder("adv_name", OrderType.Descending);

            var first = peer.RetrieveMultiple(query);
            query.PageInfo.PageNumber = 2;
            query.PageInfo.PagingCookie = first.PagingCookie;
            var second = peer.RetrieveMultiple(query);
            var count = peer.RetrieveMultiple(new FetchExpression(
                "<fetch aggregate='true'><entity name='adv_feedback'><attribute name='adv_feedbackid' aggregate='count' alias='n' /></entity></fetch>"));

            // Olive's feedback and the peer's three are in the peer's business unit; the sibling's three are not.
            CollectionAssert.AreEqual(new[] { "peer's 2", "peer's 1" }, first.Entities.Select(e => e.GetAttributeValue<string>("adv_name")).ToArray());
            Assert.IsTrue(first.MoreRecords);
            CollectionAssert.AreEqual(new[] { "peer's 0", "Olive's feedback" }, second.Entities.Select(e => e.GetAttributeValue<string>("adv_name")).ToArray());
            Assert.IsFalse(second.MoreRecords);
            Assert.AreEqual(4, count.Entities.Single().GetAttributeValue<AliasedValue>("n").Value);
        }

        // ----- Append / AppendTo (setting a lookup) --------------------------------------------------------------------

        [TestMethod]
        public void Setting_a_lookup_needs_prvAppend_on_the_row_and_prvAppendTo_on_the_row_it_names()
        {
            var world = new World();
            world.Grant(world.Peer, AccessLevel.Basic, "prvCreateadv_Feedback", "prvWriteadv_Feedback");
            Entity Linked() => new("adv_feedback") { ["adv_name"] = "linked", ["adv_accountid"] = new EntityReference("account", world.Account) };

            var noAppend = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Peer).Create(Linked()));
            AssertPrivilegeDenied(noAppend, world.Peer, "prvAppendadv_Feedback");

            world.Grant(world.Peer, AccessLevel.Basic, "prvAppendadv_Feedback");
            var noAppendTo = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Peer).Create(Linked()));
            AssertPrivilegeDenied(noAppendTo, world.Peer, "prvAppendToAccount");

            // Olive owns the account: AppendTo at Basic does not reach it, at Local (same business unit) it does.
            world.Grant(world.Peer, AccessLevel.Basic, "prvAppendToAccount");
            var notReached = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Peer).Create(Linked()));
            AssertAccessDenied(notReached, "AppendToAccess", "prvAppendToAccount");
            Assert.AreEqual(1, world.Sandbox.Count("adv_feedback"));

            world.Grant(world.Peer, AccessLevel.Local, "prvAppendToAccount");
            var id = world.As(world.Peer).Create(Linked());
            Assert.AreEqual(world.Account, world.Sandbox.Get("adv_feedback", id).GetAttributeValue<EntityReference>("adv_accountid").Id);

            // An update that links the caller's own row checks the same pair.
            var own = world.As(world.Peer).Create(new Entity("adv_feedback") { ["adv_name"] = "later" });
            world.As(world.Peer).Update(new Entity("adv_feedback", own) { ["adv_accountid"] = new EntityReference("account", world.Account) });
        }

        [TestMethod]
        public void Linking_someone_elses_row_needs_prvAppend_at_the_level_of_its_owner()
        {
            var world = new World();
            world.Grant(world.Peer, AccessLevel.Local, "prvWriteadv_Feedback", "prvAppendToAccount");
            world.Grant(world.Peer, AccessLevel.Basic, "prvAppendadv_Feedback");

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Peer).Update(
                new Entity("adv_feedback", world.Feedback) { ["adv_accountid"] = new EntityReference("account", world.Account) }));

            AssertAccessDenied(fault, "AppendAccess", "prvAppendadv_Feedback");
            Assert.IsNull(world.Sandbox.Get("adv_feedback", world.Feedback).GetAttributeValue<EntityReference>("adv_accountid"));
        }

        [TestMethod]
        public void Associating_two_rows_needs_prvAppend_on_both_at_the_level_of_their_owners()
        {
            var world = new World();
            var contact = world.Seed("contact", world.Owner, ("lastname", "Chen"));
            var relationship = new Relationship("adv_account_contact");
            void Associate() => world.As(world.Peer).Associate("account", world.Account, relationship, new EntityReferenceCollection { new EntityReference("contact", contact) });
            world.Grant(world.Peer, AccessLevel.Local, "prvAppendAccount");
            world.Grant(world.Peer, AccessLevel.Basic, "prvAppendContact");

            AssertAccessDenied(Assert.ThrowsExactly<SandboxFaultException>(Associate), "AppendAccess", "prvAppendContact");
            Assert.AreEqual(0, world.Sandbox.Count("adv_account_contact"));

            world.Grant(world.Peer, AccessLevel.Local, "prvAppendContact");
            Associate();
            Assert.AreEqual(1, world.Sandbox.Count("adv_account_contact"));
            world.As(world.Peer).Disassociate("contact", contact, relationship, new EntityReferenceCollection { new EntityReference("account", world.Account) });
            Assert.AreEqual(0, world.Sandbox.Count("adv_account_contact"));
        }

        // ----- Assign (changing ownerid) --------------------------------------------------------------------------------

        [TestMethod]
        public void Changing_the_owner_needs_prvAssign_at_the_level_of_the_current_owner()
        {
            var world = new World();
            var toPeer = new Entity("adv_feedback", world.Feedback) { ["ownerid"] = new EntityReference("systemuser", world.Peer) };

            var none = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Owner).Update(toPeer));
            AssertPrivilegeDenied(none, world.Owner, "prvAssignadv_Feedback");

            world.Grant(world.Peer, AccessLevel.Basic, "prvAssignadv_Feedback");
            var notHers = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Peer).Update(toPeer));
            AssertAccessDenied(notHers, "AssignAccess", "prvAssignadv_Feedback");

            world.Grant(world.Owner, AccessLevel.Basic, "prvAssignadv_Feedback");
            world.Grant(world.Peer, AccessLevel.Basic, "prvReadadv_Feedback");
            world.As(world.Owner).Update(toPeer);
            Assert.AreEqual(world.Peer, world.Sandbox.Get("adv_feedback", world.Feedback).GetAttributeValue<EntityReference>("ownerid").Id);
        }

        [TestMethod]
        public void A_row_can_be_given_only_to_an_owner_who_can_read_it()
        {
            // TargetPrincipalLacksReadPrivilege (0x80040299): "Target user or team does not hold the required read
            // privilege to own the record." It is about the owner: SYSTEM and administrators assigning are held to it too.
            var world = new World();
            var team = world.Sandbox.SeedTeam("Support", world.Branch);
            var toPeer = new Entity("adv_feedback", world.Feedback) { ["ownerid"] = new EntityReference("systemuser", world.Peer) };
            var created = new Entity("adv_feedback") { ["adv_name"] = "for Pat", ["ownerid"] = new EntityReference("systemuser", world.Peer) };
            var toTeam = new Entity("adv_feedback", world.Feedback) { ["ownerid"] = new EntityReference("team", team) };

            foreach (var attempt in new Action[]
            {
                () => world.Sandbox.Service.Update(toPeer), () => world.Sandbox.CreateService(world.Sandbox.SystemUserId).Create(created), () => world.Sandbox.Service.Update(toTeam),
            })
            {
                var fault = Assert.ThrowsExactly<SandboxFaultException>(attempt);
                Assert.AreEqual(ErrorCodes.TargetPrincipalLacksReadPrivilege, fault.ErrorCode, fault.Message);
                Assert.AreEqual(unchecked((int)0x80040299), fault.Detail.ErrorCode);
                StringAssert.StartsWith(fault.Message, "Target user or team does not hold the required read privilege to own the record.");
            }
            Assert.AreEqual(world.Owner, world.Sandbox.Get("adv_feedback", world.Feedback).GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.AreEqual(1, world.Sandbox.Count("adv_feedback"));

            // Any level of Read will do — the owner reads their own row — held directly, through a team, or by the team itself.
            world.Grant(world.Peer, AccessLevel.Basic, "prvReadadv_Feedback");
            world.Sandbox.Service.Update(toPeer);
            world.Sandbox.CreateService(world.Sandbox.SystemUserId).Create(created);
            world.Grant(team, AccessLevel.Basic, "prvReadadv_Feedback");
            world.Sandbox.Service.Update(toTeam);
            Assert.AreEqual(team, world.Sandbox.Get("adv_feedback", world.Feedback).GetAttributeValue<EntityReference>("ownerid").Id);

            // Keeping the owner is no assignment; an organization-owned table has no owner to check.
            world.Sandbox.Service.Update(new Entity("adv_feedback", world.Feedback) { ["ownerid"] = new EntityReference("team", team), ["adv_name"] = "kept" });
        }

        // ----- Organization-owned tables, activities, teams, solution roles -----------------------------------------------

        [TestMethod]
        public void An_organization_owned_table_counts_only_a_Global_privilege()
        {
            var world = new World();
            var lockRow = new Entity("adv_assignmentlock", Guid.NewGuid()) { ["adv_name"] = "lock" };
            world.Sandbox.Seed(lockRow);
            world.Grant(world.Peer, AccessLevel.Local, "prvReadadv_AssignmentLock");
            world.Grant(world.Regional, AccessLevel.Global, "prvReadadv_AssignmentLock");

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Peer).Retrieve("adv_assignmentlock", lockRow.Id, new ColumnSet(true)));
            AssertAccessDenied(fault, "ReadAccess", "prvReadadv_AssignmentLock");
            Assert.AreEqual(lockRow.Id, world.As(world.Regional).Retrieve("adv_assignmentlock", lockRow.Id, new ColumnSet(true)).Id);
        }

        [TestMethod]
        public void Activity_tables_use_the_shared_Activity_privileges()
        {
            var world = new World();
            Assert.AreEqual("prvCreateActivity", world.Sandbox.Security.PrivilegeName(PrivilegeType.Create, "task"));
            Assert.AreEqual("prvReadadv_Feedback", world.Sandbox.Security.PrivilegeName(PrivilegeType.Read, "adv_feedback"));
            Assert.AreEqual("prvReadUser", world.Sandbox.Security.PrivilegeName(PrivilegeType.Read, "systemuser"));

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Peer).Create(new Entity("task") { ["subject"] = "call" }));
            AssertPrivilegeDenied(fault, world.Peer, "prvCreateActivity");

            world.Grant(world.Peer, AccessLevel.Basic, "prvCreateActivity");
            world.As(world.Peer).Create(new Entity("task") { ["subject"] = "call" });
        }

        [TestMethod]
        public void The_solutions_roles_are_read_from_Roles_xml_and_apply_as_shipped()
        {
            var world = new World();
            var advocate = world.Sandbox.Security.Role("Customer Advocate")!;
            Assert.AreEqual(AccessLevel.Local, advocate.LevelOf("prvReadadv_Feedback"));
            Assert.AreEqual(AccessLevel.Basic, advocate.LevelOf("prvCreateADV_FEEDBACK"), "privilege names compare case-insensitively");
            Assert.AreEqual(AccessLevel.Deep, world.Sandbox.Security.Role("Advocacy Manager")!.LevelOf("prvDeleteadv_Feedback"));
            world.Sandbox.Security.AssignRole(world.Peer, "Customer Advocate");
            var peer = world.As(world.Peer);

            Assert.AreEqual(world.Feedback, peer.Retrieve("adv_feedback", world.Feedback, new ColumnSet("adv_name")).Id, "Local read: Olive is in Pat's business unit");
            var own = peer.Create(new Entity("adv_feedback") { ["adv_name"] = "Pat's", ["adv_accountid"] = new EntityReference("account", world.Account) });
            AssertAccessDenied(Assert.ThrowsExactly<SandboxFaultException>(() => peer.Update(new Entity("adv_feedback", world.Feedback) { ["adv_name"] = "x" })), "WriteAccess", "prvWriteadv_Feedback");
            AssertPrivilegeDenied(Assert.ThrowsExactly<SandboxFaultException>(() => peer.Delete("adv_feedback", own)), world.Peer, "prvDeleteadv_Feedback");
        }

        [TestMethod]
        public void A_teams_role_applies_to_its_members_and_rows_the_team_owns_count_as_theirs()
        {
            var world = new World();
            var team = world.Sandbox.SeedTeam("Branch advocates", world.Branch, world.Peer);
            var teamRow = new Entity("adv_feedback", Guid.NewGuid()) { ["adv_name"] = "the team's", ["ownerid"] = new EntityReference("team", team) };
            world.Sandbox.Seed(teamRow);
            world.Sandbox.Security.DefineRole("Team reader").Grant("prvReadadv_Feedback", AccessLevel.Basic);
            world.Sandbox.Security.AssignRole(team, "Team reader");

            Assert.AreEqual(teamRow.Id, world.As(world.Peer).Retrieve("adv_feedback", teamRow.Id, new ColumnSet(true)).Id, "a member reads the team's row");
            AssertAccessDenied(Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Peer).Retrieve("adv_feedback", world.Feedback, new ColumnSet(true))), "ReadAccess", "prvReadadv_Feedback");
            AssertPrivilegeDenied(Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Owner).Retrieve("adv_feedback", teamRow.Id, new ColumnSet(true))), world.Owner, "prvReadadv_Feedback");
        }

        // ----- Who bypasses, and the switch ------------------------------------------------------------------------------

        [TestMethod]
        public void The_SYSTEM_user_and_System_Administrators_pass_every_check()
        {
            var world = new World();
            var admin = world.Sandbox.SeedUser("Ada Admin", businessUnitId: world.Sibling);
            world.Sandbox.Security.AssignRole(admin, SecurityRole.SystemAdministratorName);
            // The owners they give rows to can read them (that check is about the owner, not the caller).
            world.Grant(world.Owner, AccessLevel.Basic, "prvReadadv_Feedback");
            world.Grant(world.Outsider, AccessLevel.Basic, "prvReadadv_Feedback");

            foreach (var service in new[] { world.As(world.Sandbox.SystemUserId), world.As(admin), world.Sandbox.Service })
            {
                var id = service.Create(new Entity("adv_feedback") { ["adv_name"] = "any", ["ownerid"] = new EntityReference("systemuser", world.Owner), ["adv_accountid"] = new EntityReference("account", world.Account) });
                service.Retrieve("adv_feedback", world.Feedback, new ColumnSet(true));
                service.Update(new Entity("adv_feedback", id) { ["ownerid"] = new EntityReference("systemuser", world.Outsider) });
                Assert.AreEqual(world.Sandbox.Count("adv_feedback"), service.RetrieveMultiple(new QueryExpression("adv_feedback")).Entities.Count);
                service.Delete("adv_feedback", id);
            }
        }

        [TestMethod]
        public void With_Enforce_off_a_user_without_any_role_may_do_anything_as_before()
        {
            var world = new World();
            world.Sandbox.Security.Enforce = false;
            var outsider = world.As(world.Outsider);

            var id = outsider.Create(new Entity("adv_feedback") { ["adv_name"] = "x", ["ownerid"] = new EntityReference("systemuser", world.Owner), ["adv_accountid"] = new EntityReference("account", world.Account) });
            outsider.Retrieve("adv_feedback", world.Feedback, new ColumnSet(true));
            outsider.Update(new Entity("adv_feedback", world.Feedback) { ["adv_name"] = "changed", ["ownerid"] = new EntityReference("systemuser", world.Outsider) });
            Assert.AreEqual(2, outsider.RetrieveMultiple(new QueryExpression("adv_feedback")).Entities.Count);
            outsider.Delete("adv_feedback", id);
            Assert.IsFalse(new DataverseSandbox((string?)null).Security.Enforce, "off by default");
        }

        // ----- Custom APIs and plug-ins -----------------------------------------------------------------------------------

        [TestMethod]
        public void A_Custom_API_with_an_execute_privilege_refuses_a_caller_without_it_at_any_level()
        {
            var world = new World();
            world.Sandbox.RegisterPlugins(typeof(SbxGuardedApi), typeof(RunProactiveSweepApi));
            Assert.AreEqual(Advocacy.Plugins.CustomApis.CustomApiPrivileges.ManageAdvocacy, world.Sandbox.Steps.CustomApi(RunProactiveSweepApi.MessageName)!.ExecutePrivilegeName, "read from the product's registration");
            var request = new OrganizationRequest(SbxGuardedApi.MessageName);

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Peer).Execute(request));
            AssertPrivilegeDenied(fault, world.Peer, "prvCreateActivity");
            Assert.IsEmpty(world.Sandbox.ExecutionsOf(nameof(SbxGuardedApi)), "the plug-in never ran");

            world.Grant(world.Peer, AccessLevel.Basic, "prvCreateActivity");
            Assert.AreEqual("ran", world.As(world.Peer).Execute(request).Results["Result"]);
        }

        [TestMethod]
        public void Inside_a_plug_in_a_service_for_the_user_is_checked_and_the_SYSTEM_service_is_not()
        {
            var world = new World();
            world.Sandbox.RegisterPlugins(typeof(SbxSecurityProbeApi));
            OrganizationRequest Probe(string mode) => new(SbxSecurityProbeApi.MessageName) { ["Mode"] = mode, ["FeedbackId"] = world.Feedback.ToString() };

            Assert.AreEqual("Olive's feedback", world.As(world.Peer).Execute(Probe("system")).Results["Result"]);
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Peer).Execute(Probe("user")));
            AssertPrivilegeDenied(fault, world.Peer, "prvReadadv_Feedback");

            world.Grant(world.Peer, AccessLevel.Local, "prvReadadv_Feedback");
            Assert.AreEqual("Olive's feedback", world.As(world.Peer).Execute(Probe("user")).Results["Result"]);
        }

        [TestMethod]
        public void A_plug_ins_context_carries_the_calling_users_business_unit()
        {
            var world = new World();
            world.Sandbox.RegisterPlugins(typeof(SbxSecurityProbeApi));
            var request = new OrganizationRequest(SbxSecurityProbeApi.MessageName) { ["Mode"] = "business-unit", ["FeedbackId"] = world.Feedback.ToString() };

            Assert.AreEqual(world.Branch.ToString(), world.As(world.Peer).Execute(request).Results["Result"]);
            Assert.AreEqual(world.Sandbox.BusinessUnitId.ToString(), world.Sandbox.Service.Execute(request).Results["Result"]);
        }

        [TestMethod]
        public void A_refused_call_inside_a_plug_in_dooms_the_transaction_even_when_the_plug_in_catches_it()
        {
            var world = new World();
            world.Sandbox.RegisterPlugins(typeof(SbxSecurityProbeApi));
            var request = new OrganizationRequest(SbxSecurityProbeApi.MessageName) { ["Mode"] = "write-then-swallow", ["FeedbackId"] = world.Feedback.ToString() };

            var fault = Assert.ThrowsExactly<SandboxFaultException>(() => world.As(world.Peer).Execute(request));

            Assert.AreEqual(ErrorCodes.NoActiveTransaction, fault.ErrorCode, fault.Message);
            Assert.AreEqual(1, world.Sandbox.Count("adv_feedback"), "the row SYSTEM created in the same transaction is rolled back");
        }
    }

    /// <summary>A Custom API that needs prvCreateActivity to be called.</summary>
    [CustomApi(MessageName, "Guarded", "Needs an execute privilege", ExecutePrivilegeName = "prvCreateActivity")]
    [CustomApiResponse("Result", CustomApiFieldType.String, "ran")]
    public sealed class SbxGuardedApi : IPlugin
    {
        public const string MessageName = "sbx_Guarded";

        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, _, _) = Ctx.Of(serviceProvider);
            context.OutputParameters["Result"] = "ran";
        }
    }

    /// <summary>
    /// Reads a feedback row through CreateOrganizationService(context.UserId) ("user") or (null) ("system"); or creates a
    /// row as SYSTEM, then swallows a refused read as the user ("write-then-swallow").
    /// </summary>
    [CustomApi(MessageName, "Security probe", "Reads a row as the caller or as SYSTEM")]
    [CustomApiParameter("Mode", CustomApiFieldType.String, "user, system or write-then-swallow")]
    [CustomApiParameter("FeedbackId", CustomApiFieldType.String, "the row to read")]
    [CustomApiResponse("Result", CustomApiFieldType.String, "the row's name")]
    public sealed class SbxSecurityProbeApi : IPlugin
    {
        public const string MessageName = "sbx_SecurityProbe";

        public void Execute(IServiceProvider serviceProvider)
        {
            var (context, _, factory) = Ctx.Of(serviceProvider);
            string mode = (string)context.InputParameters["Mode"];
            var id = Guid.Parse((string)context.InputParameters["FeedbackId"]);
            var asUser = factory.CreateOrganizationService(context.UserId);
            var asSystem = factory.CreateOrganizationService(null);
            if (mode == "business-unit")
            {
                context.OutputParameters["Result"] = context.BusinessUnitId.ToString();
                return;
            }
            if (mode == "write-then-swallow")
            {
                asSystem.Create(new Entity("adv_feedback") { ["adv_name"] = "written by SYSTEM" });
                try
                {
                    asUser.Retrieve("adv_feedback", id, new ColumnSet("adv_name"));
                }
                catch (Exception)
                {
                    // Swallowed on purpose: the platform has doomed the transaction all the same.
                }
                context.OutputParameters["Result"] = "swallowed";
                return;
            }
            var service = mode == "system" ? asSystem : asUser;
            context.OutputParameters["Result"] = service.Retrieve("adv_feedback", id, new ColumnSet("adv_name")).GetAttributeValue<string>("adv_name");
        }
    }
}
