using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Sdk
{
    /// <summary>
    /// The net462 plug-in is what Dataverse loads in its sandbox: it must be strong-name signed and may reference
    /// only what the sandbox supplies — the .NET Framework, Microsoft.Xrm.Sdk(.Workflow) 9.0.0.0 and
    /// System.Activities 4.0.0.0 — never one of our own assemblies (the offline surface binds by identity).
    /// </summary>
    [TestClass]
    public sealed class DeployableAssemblyTests
    {
        private const string MicrosoftToken = "31bf3856ad364e35";

        private static readonly HashSet<string> FrameworkTokens = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "b77a5c561934e089", "b03f5f7f11d50a3a", MicrosoftToken,
        };

        private static readonly Dictionary<string, Version> PlatformAssemblies = new Dictionary<string, Version>(StringComparer.Ordinal)
        {
            ["Microsoft.Xrm.Sdk"] = new Version(9, 0, 0, 0),
            // The platform's typed messages (GrantAccessRequest, …): in Microsoft.CrmSdk.CoreAssemblies beside Microsoft.Xrm.Sdk.
            ["Microsoft.Crm.Sdk.Proxy"] = new Version(9, 0, 0, 0),
            ["Microsoft.Xrm.Sdk.Workflow"] = new Version(9, 0, 0, 0),
            ["System.Activities"] = new Version(4, 0, 0, 0),
        };

        [TestMethod]
        public void Deployable_plugin_is_strong_name_signed_and_references_only_what_the_platform_supplies()
        {
            var path = typeof(DeployableAssemblyTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "DeployablePluginAssembly").Value!;
            Assert.IsTrue(File.Exists(path), $"The net462 plug-in was not built at {path}.");

            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            var definition = metadata.GetAssemblyDefinition();

            Assert.IsFalse(definition.PublicKey.IsNil, "The plug-in has no public key.");
            Assert.IsNotEmpty(metadata.GetBlobBytes(definition.PublicKey), "The plug-in has no public key.");
            var corHeader = pe.PEHeaders.CorHeader!;
            Assert.IsTrue(corHeader.Flags.HasFlag(CorFlags.StrongNameSigned), "The CorFlags StrongNameSigned flag is not set.");
            var signature = corHeader.StrongNameSignatureDirectory;
            Assert.IsGreaterThan(0, signature.Size, "The plug-in has no strong-name signature.");
            var signatureBytes = pe.GetSectionData(signature.RelativeVirtualAddress).GetContent(0, signature.Size);
            Assert.IsTrue(signatureBytes.Any(b => b != 0), "The strong-name signature is empty (public-signed only); Dataverse needs a real signature.");

            var problems = new List<string>();
            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                var name = metadata.GetString(reference.Name);
                var token = Token(metadata, reference);
                var display = $"{name}, Version={reference.Version}, PublicKeyToken={token}";

                if (name.StartsWith("Advocacy", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{display}: a project assembly; the platform cannot load it");
                }
                else if (PlatformAssemblies.TryGetValue(name, out var version))
                {
                    if (reference.Version != version || !string.Equals(token, MicrosoftToken, StringComparison.OrdinalIgnoreCase))
                    {
                        problems.Add($"{display}: expected Version={version}, PublicKeyToken={MicrosoftToken}");
                    }
                }
                else if (name == "mscorlib" || name == "System" || name.StartsWith("System.", StringComparison.Ordinal))
                {
                    if (!FrameworkTokens.Contains(token))
                    {
                        problems.Add($"{display}: not a .NET Framework assembly");
                    }
                }
                else
                {
                    problems.Add($"{display}: not supplied by the Dataverse sandbox");
                }
            }

            Assert.IsEmpty(problems, string.Join(Environment.NewLine, problems));
        }

        private static string Token(MetadataReader metadata, AssemblyReference reference)
        {
            var bytes = metadata.GetBlobBytes(reference.PublicKeyOrToken);
            if ((reference.Flags & AssemblyFlags.PublicKey) != 0)
            {
                // A full public key: its token is the last 8 bytes of its SHA-1, reversed.
                using var sha1 = System.Security.Cryptography.SHA1.Create();
                bytes = sha1.ComputeHash(bytes).Reverse().Take(8).ToArray();
            }

            return string.Concat(bytes.Select(b => b.ToString("x2")));
        }
    }
}
