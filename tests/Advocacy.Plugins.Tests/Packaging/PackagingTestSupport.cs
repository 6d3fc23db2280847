using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Advocacy.Registration;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Packaging
{
    internal static class PackagingTestSupport
    {
        public static string RepoRoot => Metadata("RepoRoot");

        public static string FixtureFolder => Path.Combine(RepoRoot, "tests", "Advocacy.Plugins.Tests", "Packaging", "Fixtures", "MiniSolution");

        public static string DeployableAssembly => Metadata("DeployablePluginAssembly");

        /// <summary>Registrations of this test assembly (only SampleRegisteredPlugin carries attributes).</summary>
        public static PluginAssemblyRegistration TestAssemblyRegistration() => RegistrationReader.Read(typeof(SampleRegisteredPlugin).Assembly);

        public static byte[] TestAssemblyBytes() => File.ReadAllBytes(typeof(SampleRegisteredPlugin).Assembly.Location);

        /// <summary>The net462 plug-in assembly's path, or Inconclusive saying what is missing.</summary>
        public static string RequireDeployableAssembly()
        {
            string path = DeployableAssembly;
            if (!File.Exists(path))
            {
                Assert.Inconclusive($"The net462 plug-in build {path} is missing: build the solution (dotnet build -c Release) first.");
            }

            string referenceAssemblies = Path.Combine(
                Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
                PluginAssemblyLoader.ReferenceAssembliesPackage);
            if (!Directory.Exists(referenceAssemblies))
            {
                Assert.Inconclusive($"The .NET Framework 4.6.2 reference assemblies are not in the NuGet cache ({referenceAssemblies}): restore the solution first.");
            }

            return path;
        }

        /// <summary>A new empty folder, deleted with the rest of this run's folders when the run ends.</summary>
        public static string NewTempFolder() => Support.TestRunFolders.New();

        private static string Metadata(string key) =>
            typeof(PackagingTestSupport).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;
    }
}
