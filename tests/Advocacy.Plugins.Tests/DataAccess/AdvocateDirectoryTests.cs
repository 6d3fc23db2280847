using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Data;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Moq;

namespace Advocacy.Plugins.Tests.DataAccess
{
    /// <summary>
    /// How an advocate profile row (or a backup's aliased columns in the routing query) becomes a candidate,
    /// and how the routing query reaches the second backup.
    /// </summary>
    [TestClass]
    public sealed class AdvocateDirectoryTests
    {
        private static readonly DateTime Today = new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);
        private static readonly Guid Ann = Guid.Parse("0a000000-0000-4000-8000-000000000001");
        private static readonly Guid Bea = Guid.Parse("0b000000-0000-4000-8000-000000000002");
        private static readonly Guid Cal = Guid.Parse("0c000000-0000-4000-8000-000000000003");
        private static readonly Guid AnnUser = Guid.Parse("1a000000-0000-4000-8000-000000000001");
        private static readonly Guid BeaUser = Guid.Parse("1b000000-0000-4000-8000-000000000002");
        private static readonly Guid CalUser = Guid.Parse("1c000000-0000-4000-8000-000000000003");
        private static readonly Guid Manager = Guid.Parse("1d000000-0000-4000-8000-000000000004");

        private static AdvocateDirectory Directory(IOrganizationService? service = null) => new AdvocateDirectory(service!, defaultCapacity: 25);

        private static void Linked(Entity row, string alias, string column, object value) =>
            row[alias + "." + column] = new AliasedValue("adv_advocate", column, value);

        [TestMethod]
        public void A_profile_row_maps_every_column_and_its_id_comes_from_the_row()
        {
            var row = new Entity("adv_advocate", Ann)
            {
                ["adv_capacity"] = 7,
                ["adv_accountcount"] = 3,
                ["adv_outofofficefrom"] = Today.AddDays(-1),
                ["adv_outofofficeto"] = Today.AddDays(4),
                ["adv_lastassignedon"] = Today.AddDays(-9),
                ["adv_backupadvocateid"] = new EntityReference("adv_advocate", Bea),
            };

            var candidate = Directory().ToCandidate(row, null)!;

            Assert.AreEqual(Ann, candidate.Id);
            Assert.AreEqual(string.Empty, candidate.Name, "a profile without a name reads as empty, not null");
            Assert.AreEqual(7, candidate.Capacity);
            Assert.AreEqual(3, candidate.AccountCount);
            Assert.AreEqual(Today.AddDays(-1), candidate.OutOfOfficeFrom);
            Assert.AreEqual(Today.AddDays(4), candidate.OutOfOfficeTo);
            Assert.AreEqual(Today.AddDays(-9), candidate.LastAssignedOn);
            Assert.AreEqual(Bea, candidate.BackupAdvocateId);
        }

        [TestMethod]
        public void A_profile_row_without_capacity_or_count_gets_the_default_capacity_and_no_accounts()
        {
            var candidate = Directory().ToCandidate(new Entity("adv_advocate", Ann), null)!;

            Assert.AreEqual(25, candidate.Capacity);
            Assert.AreEqual(0, candidate.AccountCount);
            Assert.IsNull(candidate.OutOfOfficeFrom);
            Assert.IsNull(candidate.LastAssignedOn);
        }

        [TestMethod]
        public void A_row_read_directly_is_mapped_even_without_an_id_only_a_missing_linked_profile_is_null()
        {
            var candidate = Directory().ToCandidate(new Entity("adv_advocate") { ["adv_name"] = "Ann" }, null);

            Assert.IsNotNull(candidate);
            Assert.AreEqual(Guid.Empty, candidate.Id);
            Assert.AreEqual("Ann", candidate.Name);
            Assert.IsNull(Directory().ToCandidate(new Entity("adv_advocate", Ann), "b1"), "the outer link found no backup");
        }

        [TestMethod]
        public void A_linked_profile_maps_its_aliased_columns()
        {
            var row = new Entity("adv_advocate", Ann) { ["adv_capacity"] = 99, ["adv_accountcount"] = 98, ["adv_lastassignedon"] = Today.AddDays(-30) };
            Linked(row, "b1", "adv_advocateid", Bea);
            Linked(row, "b1", "adv_name", "Bea");
            Linked(row, "b1", "adv_capacity", 7);
            Linked(row, "b1", "adv_accountcount", 3);
            Linked(row, "b1", "adv_outofofficefrom", Today.AddDays(-1));
            Linked(row, "b1", "adv_outofofficeto", Today.AddDays(4));
            Linked(row, "b1", "adv_lastassignedon", Today.AddDays(-9));

            var candidate = Directory().ToCandidate(row, "b1")!;

            Assert.AreEqual(Bea, candidate.Id);
            Assert.AreEqual("Bea", candidate.Name);
            Assert.AreEqual(7, candidate.Capacity);
            Assert.AreEqual(3, candidate.AccountCount);
            Assert.AreEqual(Today.AddDays(-1), candidate.OutOfOfficeFrom);
            Assert.AreEqual(Today.AddDays(4), candidate.OutOfOfficeTo);
            Assert.AreEqual(Today.AddDays(-9), candidate.LastAssignedOn);
        }

        [TestMethod]
        public void A_linked_profile_without_capacity_or_count_gets_the_default_capacity_and_no_accounts()
        {
            var row = new Entity("adv_advocate", Ann) { ["adv_capacity"] = 99, ["adv_accountcount"] = 98 };
            Linked(row, "b2", "adv_advocateid", Cal);

            var candidate = Directory().ToCandidate(row, "b2")!;

            Assert.AreEqual(25, candidate.Capacity);
            Assert.AreEqual(0, candidate.AccountCount);
            Assert.IsNull(candidate.LastAssignedOn);
        }

        [TestMethod]
        public void Urgent_work_reaches_the_second_backup_when_the_advocate_and_the_first_backup_are_away()
        {
            QueryExpression? sent = null;
            var row = new Entity("adv_advocate", Ann)
            {
                ["adv_name"] = "Ann",
                ["adv_userid"] = new EntityReference("systemuser", AnnUser),
                ["adv_outofofficefrom"] = Today.AddDays(-1),
                ["adv_outofofficeto"] = Today.AddDays(4),
                ["adv_backupadvocateid"] = new EntityReference("adv_advocate", Bea),
                ["user.parentsystemuserid"] = new AliasedValue("systemuser", "parentsystemuserid", new EntityReference("systemuser", Manager)),
            };
            Linked(row, "b1", "adv_advocateid", Bea);
            Linked(row, "b1", "adv_name", "Bea");
            Linked(row, "b1", "adv_userid", new EntityReference("systemuser", BeaUser));
            Linked(row, "b1", "adv_outofofficefrom", Today.AddDays(-2));
            Linked(row, "b1", "adv_outofofficeto", Today.AddDays(2));
            Linked(row, "b1", "adv_backupadvocateid", new EntityReference("adv_advocate", Cal));
            Linked(row, "b2", "adv_advocateid", Cal);
            Linked(row, "b2", "adv_name", "Cal");
            Linked(row, "b2", "adv_userid", new EntityReference("systemuser", CalUser));
            var service = new Mock<IOrganizationService>(MockBehavior.Strict);
            service.Setup(s => s.RetrieveMultiple(It.IsAny<QueryBase>())).Returns((QueryBase q) =>
            {
                sent = (QueryExpression)q;
                return new EntityCollection(new List<Entity> { row });
            });

            var routing = Directory(service.Object).RoutingFor(Ann, Today)!;

            Assert.AreEqual(AnnUser, routing.AdvocateUserId);
            Assert.AreEqual(Manager, routing.ManagerUserId);
            Assert.AreEqual(CalUser, routing.BackupUserId);
            Assert.AreEqual("Cal", routing.BackupName);

            // The query reads, for the advocate and both backups, what routing needs: the away window and the next backup.
            string[] needed = { "adv_userid", "adv_outofofficefrom", "adv_outofofficeto", "adv_backupadvocateid" };
            var backup = sent!.LinkEntities.Single(l => l.LinkToEntityName == "adv_advocate");
            Assert.AreEqual("b1", backup.EntityAlias);
            var backup2 = backup.LinkEntities.Single(l => l.LinkToEntityName == "adv_advocate");
            Assert.AreEqual("b2", backup2.EntityAlias);
            // Each backup's user is linked for isdisabled: a disabled user's backup profile takes no urgent work.
            foreach (var (profile, alias) in new[] { (backup, "b1user"), (backup2, "b2user") })
            {
                var user = profile.LinkEntities.Single(l => l.LinkToEntityName == "systemuser");
                Assert.AreEqual(alias, user.EntityAlias);
                Assert.AreEqual(JoinOperator.LeftOuter, user.JoinOperator, "a backup without a user still routes (and says why)");
                CollectionAssert.Contains(user.Columns.Columns.ToList(), "isdisabled");
            }
            foreach (var columns in new[] { sent.ColumnSet, backup.Columns, backup2.Columns })
            {
                CollectionAssert.IsSubsetOf(needed, columns.Columns.ToList());
            }

            CollectionAssert.Contains(backup2.Columns.Columns.ToList(), "adv_advocateid", "a linked row's id comes back only when asked for");
        }
    }
}
