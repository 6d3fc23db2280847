using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Packaging
{
    /// <summary>
    /// spkl reads spkl.json whole into its config model with Newtonsoft (StringEnumConverter on the enum fields) before
    /// any command runs, so one bad value stops every command. The model, written down as facts from SparkleXrm
    /// spkl/SparkleXrm.Tasks/Config (ConfigFile, PluginDeployConfig, SolutionPackageConfig, SolutionPackageMap,
    /// MapTypes, WebresourceDeployConfig, EarlyBoundTypeConfig): our file may use only its keys and values.
    /// </summary>
    [TestClass]
    public sealed class SpklConfigTests
    {
        private static readonly Dictionary<string, Dictionary<string, JsonValueKind[]>> Sections = new()
        {
            ["plugins"] = Keys(("profile", S), ("solution", S), ("assemblypath", S), ("classRegex", S), ("excludePluginSteps", B)),
            ["solutions"] = Keys(("profile", S), ("solution_uniquename", S), ("packagepath", S), ("solutionpath", S), ("packagetype", S),
                ("diffpath", S), ("increment_on_import", B), ("map", new[] { JsonValueKind.Array }), ("clobber", B), ("allowwrite", B), ("allowdelete", B)),
            ["webresources"] = Keys(("profile", S), ("root", S), ("solution", S), ("autodetect", S), ("deleteaction", S), ("files", new[] { JsonValueKind.Array })),
            ["earlyboundtypes"] = Keys(("profile", S), ("entities", S), ("entityCollection", new[] { JsonValueKind.Array }), ("actions", S),
                ("actionCollection", new[] { JsonValueKind.Array }), ("generateOptionsetEnums", B), ("generateGlobalOptionsets", B), ("generateStateEnums", B),
                ("filename", S), ("classNamespace", S), ("serviceContextName", S), ("oneTypePerFile", B)),
        };

        private static readonly string[] PackageTypes = { "unmanaged", "managed", "both_unmanaged_import", "both_managed_import" };
        private static readonly string[] MapTypes = { "file", "path", "folder" };

        private static JsonValueKind[] S => new[] { JsonValueKind.String, JsonValueKind.Null };
        private static JsonValueKind[] B => new[] { JsonValueKind.True, JsonValueKind.False };

        private static Dictionary<string, JsonValueKind[]> Keys(params (string Key, JsonValueKind[] Kinds)[] keys) =>
            keys.ToDictionary(k => k.Key, k => k.Kinds, StringComparer.Ordinal);

        [TestMethod]
        public void Spkl_json_uses_only_what_spkls_config_model_declares()
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(PackagingTestSupport.RepoRoot, "spkl.json")));
            var problems = new List<string>();
            foreach (var section in json.RootElement.EnumerateObject())
            {
                if (!Sections.TryGetValue(section.Name, out var keys))
                {
                    problems.Add("top-level key '" + section.Name + "' is not in spkl's ConfigFile (webresources, plugins, earlyboundtypes, solutions)");
                    continue;
                }

                foreach (var entry in section.Value.EnumerateArray())
                {
                    foreach (var property in entry.EnumerateObject())
                    {
                        if (!keys.TryGetValue(property.Name, out var kinds)) problems.Add(section.Name + ": key '" + property.Name + "' is not spkl's");
                        else if (!kinds.Contains(property.Value.ValueKind)) problems.Add(section.Name + "." + property.Name + ": " + property.Value.ValueKind + " where spkl expects " + string.Join("/", kinds));
                    }

                    if (entry.TryGetProperty("packagetype", out var packageType) && !PackageTypes.Contains(packageType.GetString(), StringComparer.OrdinalIgnoreCase))
                    {
                        problems.Add("solutions.packagetype '" + packageType.GetString() + "' is not one of spkl's PackageType values (" + string.Join(", ", PackageTypes) + ")");
                    }

                    if (entry.TryGetProperty("map", out var maps))
                    {
                        foreach (var map in maps.EnumerateArray())
                        {
                            if (!MapTypes.Contains(map.GetProperty("map").GetString(), StringComparer.OrdinalIgnoreCase)) problems.Add("map type '" + map.GetProperty("map") + "' is not spkl's");
                        }
                    }
                }
            }

            Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
        }

        [TestMethod]
        public void Spkl_deploys_the_deployable_assembly_and_its_class_pattern_finds_every_registered_class()
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(PackagingTestSupport.RepoRoot, "spkl.json")));
            var plugins = json.RootElement.GetProperty("plugins").EnumerateArray().Single();
            var path = Path.GetFullPath(Path.Combine(PackagingTestSupport.RepoRoot, plugins.GetProperty("assemblypath").GetString()!));
            Assert.AreEqual(Path.GetFullPath(PackagingTestSupport.DeployableAssembly), path, "spkl deploys the net462 Release build");
            Assert.AreEqual("CustomerAdvocacy", plugins.GetProperty("solution").GetString());
            Assert.IsFalse(json.RootElement.TryGetProperty("solutions", out _),
                "solution/ holds no plug-in assembly or steps (our packer generates them), so a spkl pack of it would ship none: pack with `dotnet build` instead");

            // spkl's instrument task finds the classes to annotate in source with classRegex.
            var pattern = new Regex(plugins.GetProperty("classRegex").GetString()!);
            var source = Path.Combine(PackagingTestSupport.RepoRoot, "src", "Advocacy.Plugins");
            var registered = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"public sealed class (\w+) : (AdvocacyPlugin|AdvocacyActivity)\b").Select(m => m.Value))
                .ToArray();
            Assert.IsTrue(registered.Length > 15, "the product's plug-ins and activities are found");
            foreach (var declaration in registered)
            {
                Assert.IsTrue(pattern.IsMatch(declaration), "spkl's classRegex misses: " + declaration);
            }
        }
    }
}
