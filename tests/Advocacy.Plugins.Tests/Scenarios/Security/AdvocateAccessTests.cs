using System;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Tests.Scenarios.Assignment;
using Advocacy.Sandbox;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Tests.Scenarios.Security
{
    /// <summary>
    /// An advocate may work in another business unit than the customers they advocate (the pool is organization-wide),
    /// while "Customer Advocate" reads and appends to accounts of its own unit only. So the account is shared with its
    /// advocate's user (Read, Append To) while they advocate it, and the share moves with the advocacy. The sandbox
    /// models the platform's sharing (Sandbox/SharingTests), including its cascade to the account's tasks and cases.
    /// </summary>
    [TestClass]
    public sealed class AdvocateAccessTests
    {
        private sealed class World
        {
            public World()
            {
                Inner = new AdvocacyWorld();
                Inner.Secure();
                Pacific = Inner.Sandbox.SeedBusinessUnit("Pacific");
                TaneUser = Inner.Sandbox.SeedUser("Tane Aotearoa", Inner.ManagerUserId, Pacific);
                Inner.Sandbox.Security.AssignRole(TaneUser, AdvocacyWorld.UsualRole);
                Inner.Sandbox.Security.AssignRole(TaneUser, "Customer Advocate");
                Tane = Inner.SeedAdvocate("Tane Aotearoa", TaneUser, new[] { CustomerTier.Key });
                // The agent's account and case, in the root business unit.
                Account = Inner.SeedAccount("Contoso");
                Case = Guid.NewGuid();
                Inner.Sandbox.Seed(new Entity("incident", Case)
                {
                    ["title"] = "Late delivery",
                    ["customerid"] = new EntityReference("account", Account),
                    ["ownerid"] = new EntityReference("systemuser", Inner.AgentUserId),
                });
            }

            public AdvocacyWorld Inner { get; }
            public Guid Pacific { get; }
            public Guid TaneUser { get; }
            public Guid Tane { get; }
            public Guid Account { get; }
            public Guid Case { get; }

            public IOrganizationService AsTane => Inner.Sandbox.CreateService(TaneUser);

            public bool CanRead(Guid user, string table, Guid id)
            {
                try
                {
                    Inner.Sandbox.CreateService(user).Retrieve(table, id, new ColumnSet(false));
                    return true;
                }
                catch (SandboxFaultException e) when (e.ErrorCode == ErrorCodes.AccessCheckFailed)
                {
                    return false;
                }
            }

            public AccessRights SharedWith(Guid user) =>
                ((RetrieveSharedPrincipalsAndAccessResponse)Inner.Sandbox.Service.Execute(new RetrieveSharedPrincipalsAndAccessRequest { Target = new EntityReference("account", Account) }))
                    .PrincipalAccesses.Where(p => p.Principal.Id == user).Aggregate(AccessRights.None, (mask, p) => mask | p.AccessMask);
        }

        [TestMethod]
        public void An_advocate_of_another_business_unit_sees_their_customer_its_case_and_records_its_feedback()
        {
            var world = new World();
            Assert.IsFalse(world.CanRead(world.TaneUser, "account", world.Account), "before the assignment Tane's Local read does not reach the root unit");

            world.Inner.SetTier(world.Account, CustomerTier.Key);

            Assert.AreEqual(world.Tane, world.Inner.AdvocateOf(world.Account));
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(world.TaneUser));
            Assert.IsTrue(world.CanRead(world.TaneUser, "account", world.Account));
            Assert.IsTrue(world.CanRead(world.TaneUser, "incident", world.Case), "the platform cascades the account's share to its cases");
            world.AsTane.Create(new Entity("adv_feedback") { ["adv_accountid"] = new EntityReference("account", world.Account), ["adv_nps"] = 9 });
            Assert.HasCount(1, world.Inner.Sandbox.Rows("adv_feedback"));
            // An answer an agent records for the account: Tane reads it through the account's share (the relationship cascades Share).
            var earlier = world.Inner.Agent.Create(new Entity("adv_feedback") { ["adv_accountid"] = new EntityReference("account", world.Account), ["adv_csat"] = 4 });
            Assert.IsTrue(world.CanRead(world.TaneUser, "adv_feedback", earlier));
            StringAssert.Contains(world.Inner.Traces(Steps.SettleOnUpdate), "shared with the advocacy's user");
        }

        [TestMethod]
        public void When_the_account_gets_another_advocate_the_share_moves_and_rights_given_for_other_reasons_stay()
        {
            var world = new World();
            world.Inner.SetTier(world.Account, CustomerTier.Key);
            // An administrator also let Tane write the account, by hand.
            world.Inner.Sandbox.Service.Execute(new ModifyAccessRequest
            {
                Target = new EntityReference("account", world.Account),
                PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("systemuser", world.TaneUser), AccessMask = AccessRights.ReadAccess | AccessRights.AppendToAccess | AccessRights.WriteAccess },
            });
            var leeUser = world.Inner.SeedUser("Lee");
            var lee = world.Inner.SeedAdvocate("Lee Park", leeUser, new[] { CustomerTier.Key });

            // The manager names Lee (the form's lookup): the same step settles the load and moves the share.
            world.Inner.Sandbox.CreateService(world.Inner.ManagerUserId).Update(new Entity("account", world.Account) { ["adv_advocateid"] = new EntityReference("adv_advocate", lee) });

            Assert.AreEqual(AccessRights.WriteAccess, world.SharedWith(world.TaneUser), "the advocacy's Read and Append To went; the hand-given Write stayed");
            StringAssert.Contains(world.Inner.Traces(Steps.SettleOnUpdate), "(other shared rights kept)");
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(leeUser));
            var refused = Assert.ThrowsExactly<SandboxFaultException>(() => world.AsTane.Create(new Entity("adv_feedback") { ["adv_accountid"] = new EntityReference("account", world.Account), ["adv_nps"] = 9 }));
            StringAssert.Contains(refused.Message, "AppendTo");
        }

        [TestMethod]
        public void An_account_that_loses_its_advocate_is_no_longer_shared_with_them()
        {
            var world = new World();
            world.Inner.SetTier(world.Account, CustomerTier.Key);
            Assert.IsTrue(world.CanRead(world.TaneUser, "account", world.Account));

            world.Inner.Sandbox.CreateService(world.Inner.ManagerUserId).Update(new Entity("account", world.Account) { ["adv_advocateid"] = null, ["adv_tier"] = null });

            Assert.AreEqual(AccessRights.None, world.SharedWith(world.TaneUser));
            Assert.IsFalse(world.CanRead(world.TaneUser, "account", world.Account));
            StringAssert.Contains(world.Inner.Traces(Steps.SettleOnUpdate), "(share removed)");
            Assert.IsFalse(world.CanRead(world.TaneUser, "incident", world.Case), "the inherited share went with the account's");
        }
    
        [TestMethod]
        public void Accounts_given_an_advocate_around_the_plug_ins_are_shared_by_the_admins_recount_a_thousand_a_call()
        {
            var world = new World();
            // An import with custom logic bypassed: the accounts name Tane, no step ran, nothing is shared.
            var imported = Enumerable.Range(0, AdvocateShareRepair.MaxWritesPerCall + 3)
                .Select(i => world.Inner.SeedAccount("Imported " + i, CustomerTier.Key, world.Tane)).ToArray();
            Assert.IsFalse(world.CanRead(world.TaneUser, "account", imported[0]));

            var first = world.Inner.Sandbox.Run(new OrganizationRequest(AdvocateLoadRecount.Message));
            Assert.AreEqual(AdvocateShareRepair.MaxWritesPerCall, first.Results["AccountsShared"]);
            Assert.AreEqual(3, first.Results["AccountsLeftToShare"]);
            var second = world.Inner.Sandbox.Run(new OrganizationRequest(AdvocateLoadRecount.Message));
            Assert.AreEqual(3, second.Results["AccountsShared"]);
            Assert.AreEqual(0, second.Results["AccountsLeftToShare"]);
            var third = world.Inner.Sandbox.Run(new OrganizationRequest(AdvocateLoadRecount.Message));
            Assert.AreEqual(0, third.Results["AccountsShared"], "a recount writes only what is missing");

            Assert.IsTrue(imported.All(a => world.CanRead(world.TaneUser, "account", a)));
            Assert.AreEqual(imported.Length + 0, world.Inner.Sandbox.Count("principalobjectaccess"), "one share per account");
        }
    
        [TestMethod]
        public void An_inactive_account_changing_advocate_moves_the_share_too()
        {
            var world = new World();
            world.Inner.SetTier(world.Account, CustomerTier.Key);
            world.Inner.Sandbox.Service.Update(new Entity("account", world.Account) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            var leeUser = world.Inner.SeedUser("Lee");
            var lee = world.Inner.SeedAdvocate("Lee Park", leeUser, new[] { CustomerTier.Key });

            world.Inner.Sandbox.Service.Update(new Entity("account", world.Account) { ["adv_advocateid"] = new EntityReference("adv_advocate", lee) });

            Assert.AreEqual(AccessRights.None, world.SharedWith(world.TaneUser), "an inactive account counts for no load, but its advocate still changed");
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(leeUser));
        }

        [TestMethod]
        public void Moving_an_account_between_two_profiles_of_one_user_writes_no_share()
        {
            var world = new World();
            world.Inner.SetTier(world.Account, CustomerTier.Key);
            var second = world.Inner.SeedAdvocate("Tane (second profile)", world.TaneUser, new[] { CustomerTier.Key });
            world.Inner.Sandbox.ClearExecutions();

            world.Inner.Sandbox.Service.Update(new Entity("account", world.Account) { ["adv_advocateid"] = new EntityReference("adv_advocate", second) });

            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(world.TaneUser));
            StringAssert.Contains(world.Inner.Traces(Steps.SettleOnUpdate), "to the same users as before");
            Assert.AreEqual(0L, world.Inner.Sandbox.Metrics.RoundTripCount(message: "ModifyAccess") + world.Inner.Sandbox.Metrics.RoundTripCount(message: "RevokeAccess"));
        }

        [TestMethod]
        public void A_new_advocate_whose_user_already_has_the_account_shared_gets_no_second_share()
        {
            var world = new World();
            world.Inner.Sandbox.Service.Execute(new GrantAccessRequest
            {
                Target = new EntityReference("account", world.Account),
                PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("systemuser", world.TaneUser), AccessMask = AccessRights.ReadAccess | AccessRights.AppendToAccess | AccessRights.WriteAccess },
            });
            long grants = world.Inner.Sandbox.Metrics.RoundTripCount(message: "GrantAccess");

            world.Inner.SetTier(world.Account, CustomerTier.Key);

            Assert.AreEqual(world.Tane, world.Inner.AdvocateOf(world.Account));
            Assert.AreEqual(grants, world.Inner.Sandbox.Metrics.RoundTripCount(message: "GrantAccess"));
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess | AccessRights.WriteAccess, world.SharedWith(world.TaneUser));
            StringAssert.Contains(world.Inner.Traces(Steps.SettleOnUpdate), "already has the account shared");
        }
    
        [TestMethod]
        public void When_an_advocate_profile_names_another_user_its_accounts_are_shared_with_that_user_instead()
        {
            var world = new World();
            world.Inner.SetTier(world.Account, CustomerTier.Key);
            var other = world.Inner.SeedAccount("Other customer");
            world.Inner.SetTier(other, CustomerTier.Key);
            var riaUser = world.Inner.Sandbox.SeedUser("Ria Replacement", world.Inner.ManagerUserId, world.Pacific);
            world.Inner.Sandbox.Security.AssignRole(riaUser, AdvocacyWorld.UsualRole);
            world.Inner.Sandbox.Security.AssignRole(riaUser, "Customer Advocate");

            // The manager hands Tane's profile (and so Tane's customers) to Ria.
            world.Inner.Sandbox.CreateService(world.Inner.ManagerUserId).Update(new Entity("adv_advocate", world.Tane) { ["adv_userid"] = new EntityReference("systemuser", riaUser) });

            Assert.AreEqual(AccessRights.None, world.SharedWith(world.TaneUser));
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(riaUser));
            Assert.IsTrue(world.CanRead(riaUser, "account", other), "every account the advocate advocates");
            Assert.IsFalse(world.CanRead(world.TaneUser, "account", other));
            StringAssert.Contains(string.Join("\n", world.Inner.Sandbox.Traces("Advocacy: move account shares (advocate user or backup change)")), "4 share writes");
        }
    
        private static Guid SeedBackedAdvocate(World world, string name, Guid userId, Guid backupId)
        {
            var advocate = world.Inner.SeedAdvocate(name, userId, new[] { CustomerTier.Key });
            world.Inner.Sandbox.SeedChange(new Entity("adv_advocate", advocate) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", backupId) });
            return advocate;
        }

        private Guid PacificUser(World world, string name)
        {
            var user = world.Inner.Sandbox.SeedUser(name, world.Inner.ManagerUserId, world.Pacific);
            world.Inner.Sandbox.Security.AssignRole(user, AdvocacyWorld.UsualRole);
            world.Inner.Sandbox.Security.AssignRole(user, "Customer Advocate");
            return user;
        }

        [TestMethod]
        public void The_advocates_backup_who_takes_urgent_work_while_they_are_away_gets_the_account_too_and_a_new_backup_takes_it_over()
        {
            var world = new World();
            var ariUser = PacificUser(world, "Ari Backup");
            var ari = world.Inner.SeedAdvocate("Ari Backup", ariUser, Array.Empty<CustomerTier>());
            world.Inner.Sandbox.SeedChange(new Entity("adv_advocate", world.Tane) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", ari) });

            world.Inner.SetTier(world.Account, CustomerTier.Key);

            Assert.AreEqual(world.Tane, world.Inner.AdvocateOf(world.Account));
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(ariUser), "the backup stands in for Tane");
            Assert.IsTrue(world.CanRead(ariUser, "account", world.Account));

            // The manager names another backup on Tane's profile.
            var bexUser = PacificUser(world, "Bex Backup");
            var bex = world.Inner.SeedAdvocate("Bex Backup", bexUser, Array.Empty<CustomerTier>());
            world.Inner.Sandbox.CreateService(world.Inner.ManagerUserId).Update(new Entity("adv_advocate", world.Tane) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", bex) });

            Assert.AreEqual(AccessRights.None, world.SharedWith(ariUser));
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(bexUser));
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(world.TaneUser), "the advocate keeps it");
        }

        [TestMethod]
        public void When_a_backup_profile_names_another_user_the_accounts_it_stands_in_for_go_to_that_user()
        {
            var world = new World();
            var ariUser = PacificUser(world, "Ari Backup");
            var ari = world.Inner.SeedAdvocate("Ari Backup", ariUser, Array.Empty<CustomerTier>());
            world.Inner.Sandbox.SeedChange(new Entity("adv_advocate", world.Tane) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", ari) });
            world.Inner.SetTier(world.Account, CustomerTier.Key);
            var newUser = PacificUser(world, "Ari's successor");

            // Another advocate's customer, not backed by Ari: untouched by Ari's change.
            var leeUser = world.Inner.SeedUser("Lee");
            var lee = world.Inner.SeedAdvocate("Lee Park", leeUser, Array.Empty<CustomerTier>());
            var leesAccount = world.Inner.SeedAccount("Lee's customer", null, lee);

            world.Inner.Sandbox.CreateService(world.Inner.ManagerUserId).Update(new Entity("adv_advocate", ari) { ["adv_userid"] = new EntityReference("systemuser", newUser) });

            Assert.IsFalse(world.CanRead(newUser, "account", leesAccount), "only the accounts of the advocates Ari backs up");
            Assert.AreEqual(AccessRights.None, world.SharedWith(ariUser));
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(newUser));
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(world.TaneUser));
        }

        [TestMethod]
        public void The_recount_shares_an_imported_account_with_the_advocates_backup_too()
        {
            var world = new World();
            var ariUser = PacificUser(world, "Ari Backup");
            var ari = world.Inner.SeedAdvocate("Ari Backup", ariUser, Array.Empty<CustomerTier>());
            world.Inner.Sandbox.SeedChange(new Entity("adv_advocate", world.Tane) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", ari) });
            var imported = world.Inner.SeedAccount("Imported", CustomerTier.Key, world.Tane);

            var response = world.Inner.Sandbox.Run(new OrganizationRequest(AdvocateLoadRecount.Message));

            Assert.AreEqual(1, response.Results["AccountsShared"]);
            Assert.IsTrue(world.CanRead(world.TaneUser, "account", imported));
            Assert.IsTrue(world.CanRead(ariUser, "account", imported));
        }
    
        /// <summary>Tane → Ari → Cy: Tane's backup and the backup's own backup, each in the Pacific unit.</summary>
        private (Guid AriUser, Guid Ari, Guid CyUser, Guid Cy) SeedChain(World world)
        {
            var cyUser = PacificUser(world, "Cy Second");
            var cy = world.Inner.SeedAdvocate("Cy Second", cyUser, Array.Empty<CustomerTier>());
            var ariUser = PacificUser(world, "Ari Backup");
            var ari = world.Inner.SeedAdvocate("Ari Backup", ariUser, Array.Empty<CustomerTier>(), backupId: cy);
            world.Inner.Sandbox.SeedChange(new Entity("adv_advocate", world.Tane) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", ari) });
            return (ariUser, ari, cyUser, cy);
        }

        private static void AwayFromToday(World world, Guid advocate) =>
            world.Inner.Sandbox.SeedChange(new Entity("adv_advocate", advocate)
            {
                ["adv_outofofficefrom"] = AdvocacyWorld.Now.Date.AddDays(-1),
                ["adv_outofofficeto"] = AdvocacyWorld.Now.Date.AddDays(5),
            });

        [TestMethod]
        public void When_the_advocate_and_their_backup_are_both_away_the_backups_own_backup_takes_the_urgent_work_and_can_open_the_customer()
        {
            var world = new World();
            var chain = SeedChain(world);
            world.Inner.SetTier(world.Account, CustomerTier.Key);
            AwayFromToday(world, world.Tane);
            AwayFromToday(world, chain.Ari);

            // A detractor's answer: the recovery is urgent, Tane and Ari are away, so it goes to Cy.
            world.Inner.Agent.Create(new Entity("adv_feedback") { ["adv_name"] = "Survey", ["adv_accountid"] = new EntityReference("account", world.Account), ["adv_nps"] = 3 });

            var recovery = world.Inner.Tasks(AdvocacyTaskKind.DetractorRecovery).Single();
            Assert.AreEqual(chain.CyUser, recovery.GetAttributeValue<EntityReference>("ownerid").Id, "routing reaches the backup's own backup");
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(chain.CyUser));
            Assert.IsTrue(world.CanRead(chain.CyUser, "account", world.Account), "the stand-in opens the customer the task is about");
            Assert.IsTrue(world.CanRead(chain.CyUser, "incident", world.Case));
            world.Inner.Sandbox.CreateService(chain.CyUser).Create(new Entity("adv_feedback") { ["adv_accountid"] = new EntityReference("account", world.Account), ["adv_csat"] = 2 });
        }

        [TestMethod]
        public void A_third_backup_whom_urgent_work_never_reaches_is_not_given_the_account()
        {
            var world = new World();
            var chain = SeedChain(world);
            var deeUser = PacificUser(world, "Dee Third");
            var dee = world.Inner.SeedAdvocate("Dee Third", deeUser, Array.Empty<CustomerTier>());
            world.Inner.Sandbox.SeedChange(new Entity("adv_advocate", chain.Cy) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", dee) });

            world.Inner.SetTier(world.Account, CustomerTier.Key);

            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(chain.CyUser));
            Assert.AreEqual(AccessRights.None, world.SharedWith(deeUser), "routing stops at the second backup");
        }

        [TestMethod]
        public void When_the_backup_names_another_backup_the_advocates_accounts_go_from_the_old_second_stand_in_to_the_new_one()
        {
            var world = new World();
            var chain = SeedChain(world);
            world.Inner.SetTier(world.Account, CustomerTier.Key);
            var deeUser = PacificUser(world, "Dee Second");
            var dee = world.Inner.SeedAdvocate("Dee Second", deeUser, Array.Empty<CustomerTier>());

            // Ari's manager names Dee as Ari's backup: Dee is now Tane's second stand-in.
            world.Inner.Sandbox.CreateService(world.Inner.ManagerUserId).Update(new Entity("adv_advocate", chain.Ari) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", dee) });

            Assert.AreEqual(AccessRights.None, world.SharedWith(chain.CyUser));
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(deeUser));
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(chain.AriUser), "Ari still backs Tane up");
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(world.TaneUser));
        }

        [TestMethod]
        public void When_the_second_stand_in_names_another_user_the_advocates_accounts_go_to_that_user()
        {
            var world = new World();
            var chain = SeedChain(world);
            world.Inner.SetTier(world.Account, CustomerTier.Key);
            var successor = PacificUser(world, "Cy's successor");

            world.Inner.Sandbox.CreateService(world.Inner.ManagerUserId).Update(new Entity("adv_advocate", chain.Cy) { ["adv_userid"] = new EntityReference("systemuser", successor) });

            Assert.AreEqual(AccessRights.None, world.SharedWith(chain.CyUser));
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(successor));
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(chain.AriUser));
        }

        [TestMethod]
        public void The_recount_shares_an_imported_account_with_the_second_stand_in_too()
        {
            var world = new World();
            var chain = SeedChain(world);
            var imported = world.Inner.SeedAccount("Imported", CustomerTier.Key, world.Tane);

            var response = world.Inner.Sandbox.Run(new OrganizationRequest(AdvocateLoadRecount.Message));

            Assert.AreEqual(1, response.Results["AccountsShared"]);
            Assert.IsTrue(world.CanRead(chain.AriUser, "account", imported));
            Assert.IsTrue(world.CanRead(chain.CyUser, "account", imported));
        }

        [TestMethod]
        public void A_manager_cannot_give_themselves_accounts_beyond_their_reach_by_naming_themselves_on_a_profile()
        {
            var world = new World();
            world.Inner.SetTier(world.Account, CustomerTier.Key);
            // A manager of the Pacific unit: Write on every profile (the role's Global), Read and Share on accounts of
            // Pacific and below only (Deep). Contoso is in the root unit.
            var pacificManager = world.Inner.Sandbox.SeedUser("Mika Manager", null, world.Pacific);
            world.Inner.Sandbox.Security.AssignRole(pacificManager, AdvocacyWorld.UsualRole);
            world.Inner.Sandbox.Security.AssignRole(pacificManager, "Advocacy Manager");
            Assert.IsFalse(world.CanRead(pacificManager, "account", world.Account));

            var asMika = world.Inner.Sandbox.CreateService(pacificManager);
            var fault = Assert.ThrowsExactly<SandboxFaultException>(() =>
                asMika.Update(new Entity("adv_advocate", world.Tane) { ["adv_userid"] = new EntityReference("systemuser", pacificManager) }));
            var backupFault = Assert.ThrowsExactly<SandboxFaultException>(() =>
                asMika.Update(new Entity("adv_advocate", world.Tane) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", world.Inner.SeedAdvocate("Mika Manager", pacificManager, Array.Empty<CustomerTier>())) }));

            foreach (var refused in new[] { fault, backupFault })
            {
                StringAssert.Contains(refused.Message, "you may not share account " + world.Account.ToString("D"));
            }
            Assert.IsFalse(world.CanRead(pacificManager, "account", world.Account), "nothing shared");
            Assert.AreEqual(world.TaneUser, world.Inner.Sandbox.Get("adv_advocate", world.Tane).GetAttributeValue<EntityReference>("adv_userid").Id, "the profile change rolled back");
            Assert.IsNull(world.Inner.Sandbox.Get("adv_advocate", world.Tane).GetAttributeValue<EntityReference>("adv_backupadvocateid"));
        }

        [TestMethod]
        public void A_manager_who_cannot_share_the_accounts_may_still_take_a_backup_away_which_only_removes_access()
        {
            var world = new World();
            var ariUser = PacificUser(world, "Ari Backup");
            var ari = world.Inner.SeedAdvocate("Ari Backup", ariUser, Array.Empty<CustomerTier>());
            world.Inner.Sandbox.SeedChange(new Entity("adv_advocate", world.Tane) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", ari) });
            world.Inner.SetTier(world.Account, CustomerTier.Key);
            var pacificManager = world.Inner.Sandbox.SeedUser("Mika Manager", null, world.Pacific);
            world.Inner.Sandbox.Security.AssignRole(pacificManager, AdvocacyWorld.UsualRole);
            world.Inner.Sandbox.Security.AssignRole(pacificManager, "Advocacy Manager");

            world.Inner.Sandbox.CreateService(pacificManager).Update(new Entity("adv_advocate", world.Tane) { ["adv_backupadvocateid"] = null });

            Assert.AreEqual(AccessRights.None, world.SharedWith(ariUser), "taken away by the system: removing access needs no right to share");
            Assert.AreEqual(AccessRights.ReadAccess | AccessRights.AppendToAccess, world.SharedWith(world.TaneUser));
        }

        [TestMethod]
        public void A_new_backup_profile_of_the_advocates_own_user_gives_the_account_to_nobody_new()
        {
            var world = new World();
            world.Inner.SetTier(world.Account, CustomerTier.Key);
            var second = world.Inner.SeedAdvocate("Tane (second profile)", world.TaneUser, Array.Empty<CustomerTier>());
            world.Inner.Sandbox.Metrics.Reset();

            world.Inner.Sandbox.CreateService(world.Inner.ManagerUserId).Update(new Entity("adv_advocate", world.Tane) { ["adv_backupadvocateid"] = new EntityReference("adv_advocate", second) });

            StringAssert.Contains(string.Join("\n", world.Inner.Sandbox.Traces("Advocacy: move account shares (advocate user or backup change)")), "gives no account to other users");
            Assert.AreEqual(0L, world.Inner.Sandbox.Metrics.RoundTripCount(message: "RetrieveMultiple", table: "principalobjectaccess"), "nothing to read when nobody's entitlement changed");
        }
    }
}
