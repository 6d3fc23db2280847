using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Registration;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Assignment
{
    /// <summary>
    /// Holds every reader of advocate rows right after its read until a second reader has read too (or a second has
    /// passed): the widest window a race between two transactions can have. Registered only by the tests below, and
    /// armed only while they race, so the static gate touches no other test's sandbox.
    /// </summary>
    [CrmPluginRegistration("RetrieveMultiple", "adv_advocate", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "",
        "test: hold advocate readers together", 1, IsolationModeEnum.Sandbox)]
    public sealed class HoldAdvocateReadersPlugin : IPlugin
    {
        internal static RendezVous? Gate;

        public void Execute(IServiceProvider serviceProvider) => Gate?.Arrive();
    }

    internal sealed class RendezVous
    {
        private readonly ManualResetEventSlim _both = new ManualResetEventSlim(false);
        private int _arrived;

        /// <summary>How many readers arrived while the other was already waiting.</summary>
        public int Met { get; private set; }

        public void Arrive()
        {
            if (Interlocked.Increment(ref _arrived) >= 2)
            {
                Met++;
                _both.Set();
                return;
            }

            _both.Wait(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>
    /// The lock rows make concurrent assignments and recounts run one after the other inside their transactions. The
    /// sandbox reads committed rows without read locks and holds write locks to commit, as SQL Server does for
    /// Dataverse; with two readers held together after reading the advocates, a missing lock row shows as an advocate
    /// over capacity or a count that lost an update. Each test fails when the LockRows.Take it pins is removed.
    /// </summary>
    [TestClass]
    [DoNotParallelize]
    public sealed class LockRowRaceTests
    {
        [TestCleanup]
        public void Disarm() => HoldAdvocateReadersPlugin.Gate = null;

        [TestMethod]
        public void Two_assignments_racing_for_the_last_seat_take_turns()
        {
            var world = new AdvocacyWorld();
            var advocate = world.SeedAdvocate("Last seat", world.SeedUser("Last seat"), new[] { CustomerTier.Key }, capacity: 1);
            var first = world.SeedAccount("First");
            var second = world.SeedAccount("Second");
            world.Sandbox.Run(new OrganizationRequest("adv_RecountAdvocateLoad"));
            world.Sandbox.RegisterPlugins(typeof(HoldAdvocateReadersPlugin));
            HoldAdvocateReadersPlugin.Gate = new RendezVous();

            Task.WaitAll(
                Task.Run(() => world.SetTier(first, CustomerTier.Key)),
                Task.Run(() => world.SetTier(second, CustomerTier.Key)));

            var holders = new[] { first, second }.Count(a => world.AdvocateOf(a) == advocate);
            Assert.AreEqual(1, holders, "capacity 1: one account gets the advocate, the other is unassigned");
            Assert.AreEqual(1, world.CountOf(advocate), "the maintained count lost no update");
            Assert.HasCount(1, world.Tasks(AdvocacyTaskKind.UnassignedAdvocacy));
        }

        [TestMethod]
        public void Two_hand_changes_of_advocate_racing_are_both_counted()
        {
            // No selection runs (the user names the advocate), so only the settling step's own lock row orders them.
            var world = new AdvocacyWorld();
            var bob = world.SeedAdvocate("Bob", world.SeedUser("Bob"), new[] { CustomerTier.Key }, capacity: 5);
            var first = world.SeedAccount("First");
            var second = world.SeedAccount("Second");
            world.Sandbox.Run(new OrganizationRequest("adv_RecountAdvocateLoad"));
            world.Sandbox.RegisterPlugins(typeof(HoldAdvocateReadersPlugin));
            HoldAdvocateReadersPlugin.Gate = new RendezVous();

            Task.WaitAll(
                Task.Run(() => world.Agent.Update(new Entity("account", first) { ["adv_advocateid"] = new EntityReference("adv_advocate", bob) })),
                Task.Run(() => world.Agent.Update(new Entity("account", second) { ["adv_advocateid"] = new EntityReference("adv_advocate", bob) })));

            Assert.AreEqual(2, world.CountOf(bob), "each count includes the other change: the second waited for the first to commit");
        }

        [TestMethod]
        public void A_recount_racing_an_assignment_keeps_the_count_true()
        {
            var world = new AdvocacyWorld();
            var advocate = world.SeedAdvocate("Lee", world.SeedUser("Lee"), new[] { CustomerTier.Key }, capacity: 5);
            var account = world.SeedAccount("Contoso");
            world.Sandbox.Run(new OrganizationRequest("adv_RecountAdvocateLoad"));
            // The count has drifted (accounts imported around the plug-ins): why the admin runs the recount.
            world.Sandbox.SeedChange(new Entity("adv_advocate", advocate) { ["adv_accountcount"] = 3 });
            world.Sandbox.RegisterPlugins(typeof(HoldAdvocateReadersPlugin));
            HoldAdvocateReadersPlugin.Gate = new RendezVous();

            Task.WaitAll(
                Task.Run(() => world.Sandbox.Run(new OrganizationRequest("adv_RecountAdvocateLoad"))),
                Task.Run(() => world.SetTier(account, CustomerTier.Key)));

            Assert.AreEqual(advocate, world.AdvocateOf(account));
            Assert.AreEqual(1, world.CountOf(advocate), "the recount either saw the assignment or ran before it; it never overwrote it");
        }
    }
}
