using System;
using System.Linq;
using Advocacy.Plugins.Application.Assignment;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Registration;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Assignment
{
    /// <summary>Makes the accounts <see cref="First"/> and <see cref="Second"/> fail any change of their advocate, as a customer's own plug-in might.</summary>
    [CrmPluginRegistration("Update", "account", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "adv_advocateid",
        "test: a broken account refuses a new advocate", 99, IsolationModeEnum.Sandbox)]
    public sealed class BrokenAccountPlugin : IPlugin
    {
        public static readonly Guid First = new Guid("00000000-0000-0000-0000-000000000001");
        public static readonly Guid Second = new Guid("00000000-0000-0000-0000-000000000002");

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            if (context.PrimaryEntityId == First || context.PrimaryEntityId == Second)
            {
                throw new InvalidPluginExecutionException("This account is locked by an integration.");
            }
        }
    }

    /// <summary>Makes every account named "Broken …" refuse a new advocate, with a 300-character reason.</summary>
    [CrmPluginRegistration("Update", "account", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "adv_advocateid",
        "test: accounts named Broken refuse a new advocate", 99, IsolationModeEnum.Sandbox, Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "name")]
    public sealed class BrokenByNamePlugin : IPlugin
    {
        public static readonly string Reason = "Locked by an integration: " + new string('x', 274);

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var name = context.PreEntityImages.Contains("pre") ? context.PreEntityImages["pre"].GetAttributeValue<string>("name") : null;
            if (name != null && name.StartsWith("Broken", StringComparison.Ordinal))
            {
                throw new InvalidPluginExecutionException(Reason);
            }
        }
    }

    /// <summary>
    /// Re-assignment after an advocate is deactivated moves through the accounts by a cursor over the query's order.
    /// It used to measure progress by ids already seen: accounts that rightly kept the inactive advocate (no known
    /// tier, or a failure) stayed at the head of the query, and once a whole batch of them was there the run stopped
    /// with the tiered accounts behind them never moved.
    /// </summary>
    [TestClass]
    public sealed class ReassignmentCursorTests
    {
        // Ids in the platform's uniqueidentifier order (the last group weighs most): a whole batch of accounts that
        // stay (two failures, batch size 2) comes first.
        private static Guid Ordered(int n) => new Guid("00000000-0000-0000-0000-" + n.ToString("D12"));

        [TestMethod]
        public void Accounts_that_stay_with_the_inactive_advocate_do_not_block_the_ones_behind_them()
        {
            var world = new AdvocacyWorld();
            world.Sandbox.RegisterPlugins(typeof(BrokenAccountPlugin));
            var leaving = world.SeedAdvocate("Leaving", world.SeedUser("Leaving"), new[] { CustomerTier.Key }, accountCount: 6, active: false);
            var stay = world.SeedAdvocate("Staying", world.SeedUser("Staying"), new[] { CustomerTier.Key });
            var broken = new[]
            {
                Seed(world, BrokenAccountPlugin.First, "Broken 1", Choices.Option(CustomerTier.Key), leaving),
                Seed(world, BrokenAccountPlugin.Second, "Broken 2", Choices.Option(CustomerTier.Key), leaving),
            };
            var tierless = Seed(world, Ordered(3), "Tierless", null, leaving);
            var tiered = Enumerable.Range(4, 3).Select(n => Seed(world, Ordered(n), "Tiered " + n, Choices.Option(CustomerTier.Key), leaving)).ToArray();

            var tracer = new ListTracer();
            var run = new ReassignFromInactiveAdvocate(new TestHost(world.Sandbox.NestedService, tracer)).Run(leaving, 2, () => false);

            Assert.IsTrue(tiered.All(a => world.AdvocateOf(a) == stay), string.Join("\n", tracer.Lines));
            Assert.AreEqual(3, run.Reassigned);
            Assert.AreEqual(2, run.Failed, "each broken account fails alone");
            Assert.AreEqual(0, run.Unassigned);
            Assert.IsFalse(run.Continued);
            Assert.IsTrue(broken.All(a => world.AdvocateOf(a) == leaving), "each call's own transaction rolled back");
            Assert.AreEqual(leaving, world.AdvocateOf(tierless), "a tierless account is not asked for: nobody is assigned to it");
            Assert.AreEqual(3, world.CountOf(stay));
            Assert.IsTrue(tracer.Lines.Any(l => l.Contains("failed and keeps its advocate") && l.Contains("locked by an integration")), string.Join("\n", tracer.Lines));
            Assert.AreEqual(3, run.Batches, "two full batches and the short last one");
        }

        [TestMethod]
        public void A_long_run_keeps_the_accounts_that_failed_in_the_part_of_its_trace_the_platform_keeps()
        {
            // Dataverse keeps the most recent 10 KB of a step's trace ("older trace lines will be removed"): one line per
            // account pushes the early failures out, so the run's last lines must name them.
            var world = new AdvocacyWorld();
            world.Sandbox.RegisterPlugins(typeof(BrokenAccountPlugin));
            var leaving = world.SeedAdvocate("Leaving", world.SeedUser("Leaving"), new[] { CustomerTier.Key }, accountCount: 152);
            world.SeedAdvocate("Staying", world.SeedUser("Staying"), new[] { CustomerTier.Key });
            Seed(world, BrokenAccountPlugin.First, "Broken 1", Choices.Option(CustomerTier.Key), leaving);
            Seed(world, BrokenAccountPlugin.Second, "Broken 2", Choices.Option(CustomerTier.Key), leaving);
            for (int n = 3; n <= 152; n++)
            {
                Seed(world, Ordered(n), "Tiered " + n, Choices.Option(CustomerTier.Key), leaving);
            }

            world.Sandbox.Service.Update(new Entity("adv_advocate", leaving) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            world.Sandbox.RunAsyncJobs();

            var run = world.Sandbox.ExecutionsOf("Advocacy: re-assign accounts of a deactivated advocate").Single();
            Assert.IsGreaterThan(ExecutionRecord.TraceLogLimit, run.TraceText.Length, "the run traces more than the platform keeps");
            string kept = run.TraceLog;
            Assert.DoesNotContain("account " + BrokenAccountPlugin.First + " failed", kept, "the failure's own line is long gone");
            // The staying advocate takes 25 (the default capacity); the rest are left unassigned with a task each.
            StringAssert.Contains(kept, "25 re-assigned, 125 left unassigned, 0 kept, 2 failed (they keep the inactive advocate)");
            StringAssert.Contains(kept, BrokenAccountPlugin.First + " (This account is locked by an integration.)");
            StringAssert.Contains(kept, BrokenAccountPlugin.Second + " (This account is locked by an integration.)");
        }

        [TestMethod]
        public void The_last_line_names_ten_failed_accounts_with_their_reasons_cut_to_200_characters_and_counts_the_rest()
        {
            var world = new AdvocacyWorld();
            world.Sandbox.RegisterPlugins(typeof(BrokenByNamePlugin));
            var leaving = world.SeedAdvocate("Leaving", world.SeedUser("Leaving"), new[] { CustomerTier.Key }, accountCount: 12, active: false);
            for (int n = 1; n <= 12; n++)
            {
                Seed(world, Ordered(n), "Broken " + n, Choices.Option(CustomerTier.Key), leaving);
            }

            var tracer = new ListTracer();
            var run = new ReassignFromInactiveAdvocate(new TestHost(world.Sandbox.NestedService, tracer)).Run(leaving, 5, () => false);

            Assert.AreEqual(12, run.Failed);
            Assert.HasCount(ReassignFromInactiveAdvocate.FailuresNamed, run.Failures);
            var last = tracer.Lines.Last();
            StringAssert.Contains(last, "0 re-assigned, 0 left unassigned, 0 kept, 12 failed (they keep the inactive advocate): " + Ordered(1) + " (");
            StringAssert.Contains(last, Ordered(10) + " (");
            Assert.DoesNotContain(Ordered(11).ToString(), last, "ten are named");
            StringAssert.EndsWith(last, "; and 2 more.");
            Assert.AreEqual(200, run.Failures[0].Reason.Length, "a reason is cut to 200 characters");
            StringAssert.EndsWith(run.Failures[0].Reason, "…");
        }

        private static Guid Seed(AdvocacyWorld world, Guid id, string name, OptionSetValue? tier, Guid advocate)
        {
            var account = new Entity("account", id)
            {
                ["name"] = name,
                ["ownerid"] = new EntityReference("systemuser", world.AgentUserId),
                ["adv_advocateid"] = new EntityReference("adv_advocate", advocate),
            };
            if (tier != null) account["adv_tier"] = tier;
            world.Sandbox.Seed(account);
            return id;
        }
    }
}
