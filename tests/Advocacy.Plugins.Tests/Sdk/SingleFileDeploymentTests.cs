using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Sdk
{
    /// <summary>
    /// Dataverse registers one assembly per plug-in package and loads nothing beside it: every language must travel
    /// inside Advocacy.Plugins.dll (string tables in C#), never as satellite assemblies in culture folders.
    /// </summary>
    [TestClass]
    public sealed class SingleFileDeploymentTests
    {
        private static string DeployablePath =>
            typeof(SingleFileDeploymentTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "DeployablePluginAssembly").Value!;

        [TestMethod]
        public void The_net462_build_has_no_satellite_assemblies_or_culture_folders()
        {
            var folder = Path.GetDirectoryName(DeployablePath)!;
            Assert.IsTrue(Directory.Exists(folder), folder);

            var satellites = Directory.EnumerateFiles(folder, "*.resources.dll", SearchOption.AllDirectories).ToList();
            var cultureFolders = Directory.EnumerateDirectories(folder)
                .Where(d => Directory.EnumerateFiles(d, "Advocacy.Plugins*", SearchOption.AllDirectories).Any()).ToList();

            Assert.IsEmpty(satellites, string.Join(", ", satellites));
            Assert.IsEmpty(cultureFolders, string.Join(", ", cultureFolders));
        }

        [TestMethod]
        public void The_plug_in_carries_the_German_table_itself()
        {
            var plugins = typeof(Advocacy.Plugins.Domain.Words.GermanTexts).Assembly;

            Assert.AreEqual("Advocacy.Plugins", plugins.GetName().Name);
            Assert.AreEqual(1031, Advocacy.Plugins.Domain.Words.Language.German.LanguageId);
            Assert.IsEmpty(plugins.GetManifestResourceNames().Where(n => n.EndsWith(".resources", System.StringComparison.Ordinal)).ToList(),
                "no .resx: resources would ask for satellite assemblies per culture");
        }
    }
}
