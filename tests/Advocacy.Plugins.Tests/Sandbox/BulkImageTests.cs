using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Advocacy.Plugins.Registration;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// Entity images of steps on CreateMultiple / UpdateMultiple / UpsertMultiple: one EntityImageCollection per Target, in
    /// Targets' order, through IPluginExecutionContext4 (Microsoft Learn, "Write plug-ins for CreateMultiple and
    /// UpdateMultiple"), with PreEntityImages / PostEntityImages empty; no pre-image on Create, post-images only after the
    /// operation (Learn, "Register a plug-in": "Availability of images").
    /// </summary>
    [TestClass]
    public sealed class BulkImageTests
    {
        private static EntityCollection Widgets(IEnumerable<Entity> rows) => new(rows.ToList()) { EntityName = SandboxFixture.Widget };

        private static Guid[] SeedWidgets(DataverseSandbox sandbox, params (string Name, int Count)[] rows) =>
            rows.Select(r => sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = r.Name, ["sbx_count"] = r.Count, ["sbx_mode"] = "seeded" })).ToArray();

        private static string Image(string alias, Guid id, params string[] columns) =>
            $"{alias}{{{string.Join(",", columns.Append($"sbx_widgetid={id}").OrderBy(c => c, StringComparer.Ordinal))}}}";

        [TestMethod]
        public void An_UpdateMultiple_step_sees_each_Targets_own_previous_values_in_Targets_order()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxBulkPreImageProbe));
            var ids = SeedWidgets(sandbox, ("alpha", 1), ("beta", 2), ("gamma", 3));

            // Targets in another order than the rows were created, so a positional mix-up shows.
            var order = new[] { ids[2], ids[0], ids[1] };
            sandbox.Service.Execute(new OrganizationRequest("UpdateMultiple")
            {
                ["Targets"] = Widgets(order.Select((id, i) => new Entity(SandboxFixture.Widget, id) { ["sbx_name"] = $"renamed {i}", ["sbx_count"] = 10 + i })),
            });

            CollectionAssert.AreEqual(new[]
            {
                "targets 3, pre 3, post 3, single pre 0, single post 0",
                $"{order[0]}: pre [{Image("pre", ids[2], "sbx_count=3", "sbx_name=gamma")}] post []",
                $"{order[1]}: pre [{Image("pre", ids[0], "sbx_count=1", "sbx_name=alpha")}] post []",
                $"{order[2]}: pre [{Image("pre", ids[1], "sbx_count=2", "sbx_name=beta")}] post []",
            }, sandbox.Traces(SbxBulkPreImageProbe.Step).ToArray());
            Assert.AreEqual("renamed 0", sandbox.Get(SandboxFixture.Widget, ids[2]).GetAttributeValue<string>("sbx_name"), "the update itself went through");
        }

        [TestMethod]
        public void A_CreateMultiple_post_operation_step_gets_each_created_row_as_its_post_image_and_no_pre_image()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxBulkPostImageProbe));
            var ids = (Guid[])sandbox.Service.Execute(new OrganizationRequest("CreateMultiple")
            {
                ["Targets"] = Widgets(new[] { ("one", "a"), ("two", "b") }.Select(r => new Entity(SandboxFixture.Widget) { ["sbx_name"] = r.Item1, ["sbx_mode"] = r.Item2, ["sbx_count"] = 7 })),
            }).Results["Ids"];

            // The image carries the registered columns and the id, not sbx_count; Create has no pre-image.
            var traces = sandbox.Traces(SbxBulkPostImageProbe.Step).ToArray();
            Assert.AreEqual("targets 2, pre 2, post 2, single pre 0, single post 0", traces[0]);
            Assert.AreEqual($"(new): pre [] post [{Image("post", ids[0], "sbx_mode=a", "sbx_name=one")}]", traces[1]);
            Assert.AreEqual($"(new): pre [] post [{Image("post", ids[1], "sbx_mode=b", "sbx_name=two")}]", traces[2]);
            Assert.HasCount(3, traces);
        }

        [TestMethod]
        public void A_single_Update_gives_the_UpdateMultiple_step_a_one_entry_collection_of_its_images_and_no_single_row_images()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxBulkBothImagesProbe));
            var id = SeedWidgets(sandbox, ("solo", 4))[0];

            sandbox.Service.Update(new Entity(SandboxFixture.Widget, id) { ["sbx_count"] = 5 });

            CollectionAssert.AreEqual(new[]
            {
                "targets 1, pre 1, post 1, single pre 0, single post 0",
                $"{id}: pre [{Image("both", id, "sbx_count=4")}] post [{Image("both", id, "sbx_count=5")}]",
            }, sandbox.Traces(SbxBulkBothImagesProbe.Step).ToArray());
            Assert.AreEqual("UpdateMultiple", sandbox.ExecutionsOf(SbxBulkBothImagesProbe.Step).Single().Message);
        }

        [TestMethod]
        public void An_UpdateMultiple_post_operation_step_sees_every_row_before_and_after_the_whole_operation()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxBulkBothImagesProbe));
            var ids = SeedWidgets(sandbox, ("first", 1), ("second", 2));

            sandbox.Service.Execute(new OrganizationRequest("UpdateMultiple")
            {
                ["Targets"] = Widgets(ids.Select(id => new Entity(SandboxFixture.Widget, id) { ["sbx_count"] = 100 })),
            });

            CollectionAssert.AreEqual(new[]
            {
                "targets 2, pre 2, post 2, single pre 0, single post 0",
                $"{ids[0]}: pre [{Image("both", ids[0], "sbx_count=1")}] post [{Image("both", ids[0], "sbx_count=100")}]",
                $"{ids[1]}: pre [{Image("both", ids[1], "sbx_count=2")}] post [{Image("both", ids[1], "sbx_count=100")}]",
            }, sandbox.Traces(SbxBulkBothImagesProbe.Step).ToArray());
        }

        [TestMethod]
        public void An_UpsertMultiple_step_has_no_pre_image_for_the_row_it_creates_and_the_previous_row_for_the_one_it_updates()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxBulkUpsertProbe));
            var existing = sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "kept", ["sbx_code"] = "K-1", ["sbx_count"] = 1 });

            var targets = Widgets(new[]
            {
                new Entity(SandboxFixture.Widget, "sbx_code", "NEW-1") { ["sbx_name"] = "made" },
                new Entity(SandboxFixture.Widget, "sbx_code", "K-1") { ["sbx_name"] = "changed" },
            });
            var results = (Microsoft.Xrm.Sdk.Messages.UpsertResponse[])sandbox.Service.Execute(new OrganizationRequest("UpsertMultiple") { ["Targets"] = targets }).Results["Results"];
            var created = results[0].Target.Id;

            CollectionAssert.AreEqual(new[]
            {
                "targets 2, pre 2, post 2, single pre 0, single post 0",
                $"(new): pre [] post [{Image("both", created, "sbx_name=made")}]",
                $"(new): pre [{Image("both", existing, "sbx_name=kept")}] post [{Image("both", existing, "sbx_name=changed")}]",
            }, sandbox.Traces(SbxBulkUpsertProbe.Step).ToArray());
        }

        [TestMethod]
        public void An_asynchronous_UpdateMultiple_step_gets_its_images_in_the_system_job()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxBulkAsyncProbe));
            var ids = SeedWidgets(sandbox, ("later", 8));

            sandbox.Service.Execute(new OrganizationRequest("UpdateMultiple") { ["Targets"] = Widgets(new[] { new Entity(SandboxFixture.Widget, ids[0]) { ["sbx_count"] = 9 } }) });
            Assert.IsEmpty(sandbox.Traces(SbxBulkAsyncProbe.Step), "queued until the jobs run");
            sandbox.RunAsyncJobs();

            CollectionAssert.AreEqual(new[]
            {
                "targets 1, pre 1, post 1, single pre 0, single post 0",
                $"{ids[0]}: pre [{Image("both", ids[0], "sbx_count=8")}] post [{Image("both", ids[0], "sbx_count=9")}]",
            }, sandbox.Traces(SbxBulkAsyncProbe.Step).ToArray());
        }

        [TestMethod]
        public void A_bulk_step_without_images_gets_one_empty_collection_per_Target_and_no_row_is_read_for_images()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxBulkNoImageProbe));
            var ids = SeedWidgets(sandbox, ("x", 1), ("y", 2), ("z", 3));
            long before = sandbox.Engine.ImageRowsRead;

            sandbox.Service.Execute(new OrganizationRequest("UpdateMultiple") { ["Targets"] = Widgets(ids.Select(id => new Entity(SandboxFixture.Widget, id) { ["sbx_count"] = 0 })) });
            sandbox.Service.Update(new Entity(SandboxFixture.Widget, ids[0]) { ["sbx_count"] = 5 });
            sandbox.Service.Execute(new OrganizationRequest("CreateMultiple") { ["Targets"] = Widgets(new[] { new Entity(SandboxFixture.Widget) { ["sbx_name"] = "w" } }) });

            Assert.AreEqual(0, sandbox.Engine.ImageRowsRead - before, "no step wants an image: no row is read for one");
            CollectionAssert.AreEqual(new[]
            {
                "targets 3, pre 3, post 3, single pre 0, single post 0",
                $"{ids[0]}: pre [] post []", $"{ids[1]}: pre [] post []", $"{ids[2]}: pre [] post []",
                "targets 1, pre 1, post 1, single pre 0, single post 0",
                $"{ids[0]}: pre [] post []",
            }, sandbox.Traces(SbxBulkNoImageProbe.Step).ToArray());
        }

        [TestMethod]
        public void Rows_are_read_for_bulk_images_once_per_Target_and_kind_only_when_a_bulk_step_wants_them()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxBulkBothImagesProbe));
            var ids = SeedWidgets(sandbox, ("x", 1), ("y", 2), ("z", 3));
            long before = sandbox.Engine.ImageRowsRead;

            sandbox.Service.Execute(new OrganizationRequest("UpdateMultiple") { ["Targets"] = Widgets(ids.Select(id => new Entity(SandboxFixture.Widget, id) { ["sbx_count"] = 0 })) });
            Assert.AreEqual(6, sandbox.Engine.ImageRowsRead - before, "three rows before and three after; the rows' own Update events read none");

            before = sandbox.Engine.ImageRowsRead;
            sandbox.Service.Update(new Entity(SandboxFixture.Widget, ids[0]) { ["sbx_count"] = 5 });
            Assert.AreEqual(2, sandbox.Engine.ImageRowsRead - before, "a single Update raising the step: its row before and after");

            before = sandbox.Engine.ImageRowsRead;
            sandbox.Service.Create(new Entity(SandboxFixture.Widget) { ["sbx_name"] = "no UpdateMultiple step for a create" });
            Assert.AreEqual(0, sandbox.Engine.ImageRowsRead - before);
        }

        [TestMethod]
        public void A_single_row_step_keeps_its_images_and_gets_empty_collections()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxWidgetCountChanged), typeof(SbxSingleRowCollectionsProbe));
            var id = SeedWidgets(sandbox, ("plain", 1))[0];

            sandbox.Service.Update(new Entity(SandboxFixture.Widget, id) { ["sbx_count"] = 2 });

            CollectionAssert.AreEqual(new[] { "count 1 -> 2; pre has name False; post name plain" }, sandbox.Traces("sbx: widget count changed").ToArray());
            CollectionAssert.AreEqual(new[] { "pre 1, post 1, pre collections 0, post collections 0" }, sandbox.Traces(SbxSingleRowCollectionsProbe.Step).ToArray());
        }

        [TestMethod]
        public void The_context_is_IPluginExecutionContext4_with_the_calling_user_as_authenticated_user_and_no_portal_or_Entra_ids()
        {
            var sandbox = SandboxFixture.Create(typeof(SbxContextIdentityProbe));
            var user = sandbox.SeedUser("Casey Caller");
            var id = SeedWidgets(sandbox, ("plain", 1))[0];

            sandbox.CreateService(user).Update(new Entity(SandboxFixture.Widget, id) { ["sbx_count"] = 2 });

            CollectionAssert.AreEqual(new[] { $"authenticated {user}, entra {Guid.Empty}/{Guid.Empty}, application {Guid.Empty}, portal {Guid.Empty} False" },
                sandbox.Traces(SbxContextIdentityProbe.Step).ToArray());
        }
    }

    /// <summary>Traces what a bulk step sees: per Target, its pre and post images (columns sorted, values as text).</summary>
    internal static class BulkImageTrace
    {
        public static void Write(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext4)serviceProvider.GetService(typeof(IPluginExecutionContext4))!;
            var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
            var targets = (EntityCollection)context.InputParameters["Targets"];
            trace.Trace("targets {0}, pre {1}, post {2}, single pre {3}, single post {4}", targets.Entities.Count, context.PreEntityImagesCollection.Length,
                context.PostEntityImagesCollection.Length, context.PreEntityImages.Count, context.PostEntityImages.Count);
            for (int i = 0; i < targets.Entities.Count; i++)
            {
                var id = targets.Entities[i].Id;
                trace.Trace("{0}: pre [{1}] post [{2}]", id == Guid.Empty ? "(new)" : id.ToString(),
                    Describe(context.PreEntityImagesCollection[i]), Describe(context.PostEntityImagesCollection[i]));
            }
        }

        private static string Describe(EntityImageCollection images) =>
            string.Join(" ", images.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => i.Key + "{" + string.Join(",",
                i.Value.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={Convert.ToString(a.Value, CultureInfo.InvariantCulture)}")) + "}"));
    }

    [CrmPluginRegistration("UpdateMultiple", "sbx_widget", StageEnum.PreOperation, ExecutionModeEnum.Synchronous, "", Step, 1, IsolationModeEnum.Sandbox,
        Image1Name = "pre", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "sbx_name,sbx_count")]
    public sealed class SbxBulkPreImageProbe : IPlugin
    {
        public const string Step = "sbx: widget update multiple pre-image";

        public void Execute(IServiceProvider serviceProvider) => BulkImageTrace.Write(serviceProvider);
    }

    [CrmPluginRegistration("CreateMultiple", "sbx_widget", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", Step, 1, IsolationModeEnum.Sandbox,
        Image1Name = "post", Image1Type = ImageTypeEnum.PostImage, Image1Attributes = "sbx_name,sbx_mode")]
    public sealed class SbxBulkPostImageProbe : IPlugin
    {
        public const string Step = "sbx: widget create multiple post-image";

        public void Execute(IServiceProvider serviceProvider) => BulkImageTrace.Write(serviceProvider);
    }

    [CrmPluginRegistration("UpdateMultiple", "sbx_widget", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", Step, 1, IsolationModeEnum.Sandbox,
        Image1Name = "both", Image1Type = ImageTypeEnum.Both, Image1Attributes = "sbx_count")]
    public sealed class SbxBulkBothImagesProbe : IPlugin
    {
        public const string Step = "sbx: widget update multiple both images";

        public void Execute(IServiceProvider serviceProvider) => BulkImageTrace.Write(serviceProvider);
    }

    [CrmPluginRegistration("UpsertMultiple", "sbx_widget", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", Step, 1, IsolationModeEnum.Sandbox,
        Image1Name = "both", Image1Type = ImageTypeEnum.Both, Image1Attributes = "sbx_name")]
    public sealed class SbxBulkUpsertProbe : IPlugin
    {
        public const string Step = "sbx: widget upsert multiple both images";

        public void Execute(IServiceProvider serviceProvider) => BulkImageTrace.Write(serviceProvider);
    }

    [CrmPluginRegistration("UpdateMultiple", "sbx_widget", StageEnum.PostOperation, ExecutionModeEnum.Asynchronous, "", Step, 1, IsolationModeEnum.Sandbox,
        Image1Name = "both", Image1Type = ImageTypeEnum.Both, Image1Attributes = "sbx_count")]
    public sealed class SbxBulkAsyncProbe : IPlugin
    {
        public const string Step = "sbx: widget update multiple async images";

        public void Execute(IServiceProvider serviceProvider) => BulkImageTrace.Write(serviceProvider);
    }

    [CrmPluginRegistration("UpdateMultiple", "sbx_widget", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", Step, 1, IsolationModeEnum.Sandbox)]
    public sealed class SbxBulkNoImageProbe : IPlugin
    {
        public const string Step = "sbx: widget update multiple without images";

        public void Execute(IServiceProvider serviceProvider) => BulkImageTrace.Write(serviceProvider);
    }

    [CrmPluginRegistration("Update", "sbx_widget", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", Step, 1, IsolationModeEnum.Sandbox,
        Image1Name = "both", Image1Type = ImageTypeEnum.Both, Image1Attributes = "sbx_count")]
    public sealed class SbxSingleRowCollectionsProbe : IPlugin
    {
        public const string Step = "sbx: widget update single-row collections";

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext4)serviceProvider.GetService(typeof(IPluginExecutionContext4))!;
            ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("pre {0}, post {1}, pre collections {2}, post collections {3}",
                context.PreEntityImages.Count, context.PostEntityImages.Count, context.PreEntityImagesCollection.Length, context.PostEntityImagesCollection.Length);
        }
    }

    [CrmPluginRegistration("Update", "sbx_widget", StageEnum.PostOperation, ExecutionModeEnum.Synchronous, "", Step, 1, IsolationModeEnum.Sandbox)]
    public sealed class SbxContextIdentityProbe : IPlugin
    {
        public const string Step = "sbx: widget update context identity";

        public void Execute(IServiceProvider serviceProvider)
        {
            var two = (IPluginExecutionContext2)serviceProvider.GetService(typeof(IPluginExecutionContext2))!;
            var three = (IPluginExecutionContext3)serviceProvider.GetService(typeof(IPluginExecutionContext3))!;
            ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("authenticated {0}, entra {1}/{2}, application {3}, portal {4} {5}",
                three.AuthenticatedUserId, two.UserAzureActiveDirectoryObjectId, two.InitiatingUserAzureActiveDirectoryObjectId, two.InitiatingUserApplicationId,
                two.PortalsContactId, two.IsPortalsClientCall);
        }
    }
}
