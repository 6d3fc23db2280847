using System;
using System.IO;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// Assigning a row applies its one-to-many relationships' CascadeAssign to the rows that reference it, in the same
    /// transaction: Cascade (all), Active, UserOwned, NoCascade.
    /// </summary>
    [TestClass]
    public sealed class CascadeAssignTests
    {
        private sealed class World
        {
            public readonly DataverseSandbox Sandbox = SandboxFixture.Create();
            public readonly Guid Alice;
            public readonly Guid Bob;
            public readonly Guid Carol;
            public readonly Guid Widget;

            public World(CascadeAssign rule)
            {
                Sandbox.Metadata.AddRelationship(new OneToManyMetadata("sbx_widget_notes", SandboxFixture.Widget, SandboxFixture.Note, "sbx_widgetid", CascadeDelete.RemoveLink) { OnAssign = rule });
                Alice = Sandbox.SeedUser("Alice");
                Bob = Sandbox.SeedUser("Bob");
                Carol = Sandbox.SeedUser("Carol");
                Widget = Sandbox.CreateService(Alice).Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "w" });
            }

            public Guid Note(string name, Guid owner, bool active = true)
            {
                var id = Sandbox.CreateService(owner).Create(new Entity(SandboxFixture.Note) { ["sbx_name"] = name, ["sbx_widgetid"] = new EntityReference(SandboxFixture.Widget, Widget) });
                if (!active)
                {
                    Sandbox.Service.Update(new Entity(SandboxFixture.Note, id) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
                }
                return id;
            }

            public void AssignWidgetTo(Guid user) => Sandbox.Service.Execute(new OrganizationRequest("Assign")
            {
                ["Target"] = new EntityReference(SandboxFixture.Widget, Widget),
                ["Assignee"] = new EntityReference("systemuser", user),
            });

            public Guid OwnerOf(Guid note) => Sandbox.Get(SandboxFixture.Note, note).GetAttributeValue<EntityReference>("ownerid").Id;
        }

        [TestMethod]
        public void Cascade_gives_every_referencing_row_to_the_new_owner()
        {
            var w = new World(CascadeAssign.Cascade);
            var mine = w.Note("alice's", w.Alice);
            var carols = w.Note("carol's", w.Carol);
            var closed = w.Note("closed", w.Carol, active: false);

            w.AssignWidgetTo(w.Bob);

            Assert.AreEqual(w.Bob, w.OwnerOf(mine));
            Assert.AreEqual(w.Bob, w.OwnerOf(carols));
            Assert.AreEqual(w.Bob, w.OwnerOf(closed));
        }

        [TestMethod]
        public void Active_moves_only_the_active_rows()
        {
            var w = new World(CascadeAssign.Active);
            var open = w.Note("open", w.Carol);
            var closed = w.Note("closed", w.Carol, active: false);

            w.AssignWidgetTo(w.Bob);

            Assert.AreEqual(w.Bob, w.OwnerOf(open));
            Assert.AreEqual(w.Carol, w.OwnerOf(closed));
        }

        [TestMethod]
        public void UserOwned_moves_only_the_rows_the_previous_owner_owned()
        {
            var w = new World(CascadeAssign.UserOwned);
            var mine = w.Note("alice's", w.Alice);
            var carols = w.Note("carol's", w.Carol);

            w.Sandbox.Service.Update(new Entity(SandboxFixture.Widget, w.Widget) { ["ownerid"] = new EntityReference("systemuser", w.Bob) });

            Assert.AreEqual(w.Bob, w.OwnerOf(mine), "an Update of ownerid is an assignment too");
            Assert.AreEqual(w.Carol, w.OwnerOf(carols));
        }

        [TestMethod]
        public void NoCascade_leaves_the_referencing_rows_with_their_owners()
        {
            var w = new World(CascadeAssign.NoCascade);
            var mine = w.Note("alice's", w.Alice);

            w.AssignWidgetTo(w.Bob);

            Assert.AreEqual(w.Alice, w.OwnerOf(mine));
            Assert.AreEqual(w.Bob, w.Sandbox.Get(SandboxFixture.Widget, w.Widget).GetAttributeValue<EntityReference>("ownerid").Id);
        }

        [TestMethod]
        public void A_failing_assignment_rolls_back_the_cascaded_owners_too()
        {
            var w = new World(CascadeAssign.Cascade);
            var mine = w.Note("alice's", w.Alice);

            // The assignment and a failing request in one transaction: the cascaded owners are part of what rolls back.
            var requests = new OrganizationRequestCollection
            {
                new Microsoft.Xrm.Sdk.Messages.UpdateRequest { Target = new Entity(SandboxFixture.Widget, w.Widget) { ["ownerid"] = new EntityReference("systemuser", w.Bob) } },
                new Microsoft.Xrm.Sdk.Messages.UpdateRequest { Target = new Entity(SandboxFixture.Widget, Guid.NewGuid()) { ["sbx_name"] = "missing" } },
            };
            Assert.ThrowsExactly<SandboxFaultException>(() => w.Sandbox.Service.Execute(new OrganizationRequest("ExecuteTransaction") { ["Requests"] = requests }));

            Assert.AreEqual(w.Alice, w.OwnerOf(mine));
        }

        [TestMethod]
        public void CascadeAssign_is_read_from_the_solutions_relationships()
        {
            var folder = Support.TestRunFolders.New("sbx-cascade-");
            Directory.CreateDirectory(Path.Combine(folder, "Other", "Relationships"));
            try
            {
                File.WriteAllText(Path.Combine(folder, "Other", "Relationships", "Account.xml"), @"<EntityRelationships>
  <EntityRelationship Name='sbx_account_notes'>
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <ReferencingEntityName>Contact</ReferencingEntityName>
    <ReferencedEntityName>Account</ReferencedEntityName>
    <CascadeAssign>Active</CascadeAssign>
    <CascadeDelete>RemoveLink</CascadeDelete>
    <ReferencingAttributeName>AccountId</ReferencingAttributeName>
  </EntityRelationship>
</EntityRelationships>");
                var metadata = SandboxMetadata.FromSolution(folder);
                // The standard relationships (Account_Tasks, …) are there too since StandardRelationships; only the
                // solution's own are looked at here.
                Assert.AreEqual(CascadeAssign.Active, metadata.ReferencingRelationships("account").Single(r => r.SchemaName == "sbx_account_notes").OnAssign);
                Assert.IsTrue(DataverseSandbox.ForRepository().Metadata.ReferencingRelationships("account").Where(r => r.SchemaName.StartsWith("adv_", StringComparison.OrdinalIgnoreCase))
                    .All(r => r.OnAssign == CascadeAssign.NoCascade), "the product's own relationships do not cascade assignments");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
