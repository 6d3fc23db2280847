using System;
using System.Linq;
using Advocacy.Registration;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Packaging
{
    [TestClass]
    public sealed class RegistrationReaderTests
    {
        [TestMethod]
        public void Deterministic_guid_is_rfc4122_version5()
        {
            // RFC 4122 / Python uuid5(NAMESPACE_DNS, "www.example.com").
            Guid dns = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
            Assert.AreEqual(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), DeterministicGuid.Create(dns, "www.example.com"));
            Assert.AreEqual(DeterministicGuid.Create("x"), DeterministicGuid.Create("x"));
            Assert.AreNotEqual(DeterministicGuid.Create("x"), DeterministicGuid.Create("y"));
        }

        [TestMethod]
        public void Reads_steps_with_platform_numbering()
        {
            PluginAssemblyRegistration registration = PackagingTestSupport.TestAssemblyRegistration();
            PluginTypeRegistration type = registration.FindType(typeof(SampleRegisteredPlugin).FullName!)!;
            Assert.IsNotNull(type);
            Assert.IsTrue(type.IsPlugin);
            Assert.IsFalse(type.IsWorkflowActivity);
            Assert.HasCount(2, type.Steps);

            StepRegistration update = type.Steps[0];
            Assert.AreEqual("Update", update.Message);
            Assert.AreEqual("account", update.PrimaryEntity);
            Assert.AreEqual(StepStage.PreOperation, update.Stage);
            Assert.AreEqual(StepMode.Synchronous, update.Mode);
            Assert.AreEqual(0, (int)update.Mode, "spkl's Synchronous (1) is the platform's 0");
            Assert.AreEqual(5, update.Rank);
            CollectionAssert.AreEqual(new[] { "adv_tier", "name" }, update.FilteringAttributes.ToArray());
            Assert.AreEqual("Sample: Update of account", update.Name);
            Assert.AreEqual("Sample update step", update.Description);
            Assert.AreEqual("{\"x\":1}", update.UnsecureConfiguration);
            Assert.HasCount(2, update.Images);
            Assert.AreEqual("PreImage", update.Images[0].EntityAlias);
            Assert.AreEqual(ImageType.PreImage, update.Images[0].ImageType);
            CollectionAssert.AreEqual(new[] { "adv_advocateid", "adv_tier" }, update.Images[0].Attributes.ToArray());
            Assert.AreEqual("Target", update.Images[0].MessagePropertyName);
            Assert.AreEqual(ImageType.PostImage, update.Images[1].ImageType);
            Assert.IsEmpty(update.Images[1].Attributes);

            StepRegistration create = type.Steps[1];
            Assert.AreEqual("Create", create.Message);
            Assert.AreEqual(StepMode.Asynchronous, create.Mode);
            Assert.AreEqual(1, (int)create.Mode, "spkl's Asynchronous (0) is the platform's 1");
            Assert.AreEqual(StepStage.PostOperation, create.Stage);
            Assert.IsTrue(create.AsyncAutoDelete);
            Assert.AreEqual($"{typeof(SampleRegisteredPlugin).FullName}: Create of adv_inconvenience", create.Name);
            Assert.AreEqual(IsolationMode.Sandbox, registration.IsolationMode);
        }

        [TestMethod]
        public void Reads_custom_api()
        {
            CustomApiRegistration api = PackagingTestSupport.TestAssemblyRegistration().CustomApis.Single(a => a.UniqueName == "adv_SampleApi");
            Assert.AreEqual("Sample API", api.DisplayName);
            Assert.IsTrue(api.IsFunction);
            Assert.AreEqual(CustomApiBinding.Global, api.Binding);
            Assert.AreEqual("prvReadaccount", api.ExecutePrivilegeName);
            Assert.AreEqual(typeof(SampleRegisteredPlugin).FullName, api.PluginTypeName);
            Assert.HasCount(2, api.RequestParameters);
            Assert.AreEqual(5, api.RequestParameters[0].Type);
            Assert.AreEqual("EntityReference", api.RequestParameters[0].TypeName);
            Assert.AreEqual("account", api.RequestParameters[0].LogicalEntityName);
            Assert.IsTrue(api.RequestParameters[1].IsOptional);
            Assert.AreEqual("Remaining", api.ResponseProperties.Single().UniqueName);
        }

        [TestMethod]
        public void Ids_are_stable_and_distinct()
        {
            PluginAssemblyRegistration a = PackagingTestSupport.TestAssemblyRegistration();
            PluginAssemblyRegistration b = PackagingTestSupport.TestAssemblyRegistration();
            Guid[] idsA = AllIds(a);
            CollectionAssert.AreEqual(idsA, AllIds(b));
            Assert.AreEqual(idsA.Length, idsA.Distinct().Count(), "every component has its own id");
            Assert.AreEqual(DeterministicGuid.Create("pluginassembly:" + a.Name), a.Id);
        }

        [TestMethod]
        public void Reads_the_deployable_net462_assembly_through_MetadataLoadContext()
        {
            string path = PackagingTestSupport.RequireDeployableAssembly();
            PluginAssemblyRegistration net462 = RegistrationReader.ReadFile(path);
            Assert.AreEqual("Advocacy.Plugins", net462.Name);
            Assert.IsNotNull(net462.PublicKeyToken, "the plug-in assembly is strong-name signed");
            Assert.IsTrue(net462.Types.All(t => t.IsPlugin || t.IsWorkflowActivity));

            // The same code built for net10.0, read by runtime reflection, declares the same registrations.
            PluginAssemblyRegistration net10 = RegistrationReader.Read(typeof(CrmPluginRegistrationAttribute).Assembly);
            CollectionAssert.AreEqual(net10.Types.Select(t => t.TypeName).ToArray(), net462.Types.Select(t => t.TypeName).ToArray());
            CollectionAssert.AreEqual(net10.Steps.Select(Describe).ToArray(), net462.Steps.Select(Describe).ToArray());
            CollectionAssert.AreEqual(net10.CustomApis.Select(c => c.UniqueName).ToArray(), net462.CustomApis.Select(c => c.UniqueName).ToArray());
        }

        internal static string Describe(StepRegistration s) =>
            $"{s.Id}|{s.Name}|{s.PluginTypeName}|{s.Message}|{s.PrimaryEntity}|{(int)s.Stage}|{(int)s.Mode}|{s.Rank}|" +
            $"{string.Join(",", s.FilteringAttributes)}|{s.AsyncAutoDelete}|{s.UnsecureConfiguration}|" +
            string.Join(";", s.Images.Select(i => $"{i.Id}/{i.Name}/{(int)i.ImageType}/{string.Join(",", i.Attributes)}"));

        private static Guid[] AllIds(PluginAssemblyRegistration r) =>
            new[] { r.Id }
                .Concat(r.Types.Select(t => t.Id))
                .Concat(r.Steps.Select(s => s.Id))
                .Concat(r.Steps.SelectMany(s => s.Images).Select(i => i.Id))
                .Concat(r.CustomApis.Select(c => c.Id))
                .Concat(r.CustomApis.SelectMany(c => c.RequestParameters).Select(p => p.Id))
                .Concat(r.CustomApis.SelectMany(c => c.ResponseProperties).Select(p => p.Id))
                .ToArray();
    }
}
