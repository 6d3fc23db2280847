using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Advocacy.Packaging
{
    /// <summary>
    /// Unpacks a solution zip into the SolutionPackager folder layout — the reverse of <see cref="SolutionPacker"/>.
    /// By default it writes the source layout only: what the packer generates from the plug-in assembly
    /// (PluginAssemblies/, the steps, the Custom APIs implemented by the packed assembly, root components 91/92)
    /// is left out, so unpack(pack(folder)) reproduces folder. With <c>includeGenerated</c> it writes those too,
    /// as SolutionPackager does (PluginAssemblies/{folder}/{Name}.dll + .dll.data.xml, SdkMessageProcessingSteps/{id}.xml).
    /// </summary>
    public static class SolutionUnpacker
    {
        /// <summary>Unpacks <paramref name="zipPath"/> into <paramref name="folder"/> (created; existing files overwritten).</summary>
        public static IReadOnlyDictionary<string, byte[]> Unpack(string zipPath, string folder, bool includeGenerated = false, Action<string>? log = null)
        {
            log ??= _ => { };
            log($"Reading {zipPath}");
            IReadOnlyDictionary<string, byte[]> files = Split(DeterministicZip.Read(zipPath), includeGenerated);
            foreach (KeyValuePair<string, byte[]> file in files)
            {
                string target = Path.Combine(folder, file.Key.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, file.Value);
            }

            log($"Wrote {files.Count} files to {folder}");
            return files;
        }

        /// <summary>The folder files (relative path → bytes) for the given zip entries.</summary>
        public static IReadOnlyDictionary<string, byte[]> Split(IReadOnlyDictionary<string, byte[]> entries, bool includeGenerated = false)
        {
            var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            if (!entries.TryGetValue("solution.xml", out byte[]? solutionBytes) || !entries.TryGetValue("customizations.xml", out byte[]? customizationsBytes))
            {
                throw new InvalidDataException("Not a solution zip: solution.xml or customizations.xml is missing.");
            }

            XElement solution = CanonicalXml.Parse(solutionBytes).Root!;
            if (!includeGenerated)
            {
                solution.Element("SolutionManifest")?.Element("RootComponents")?.Elements("RootComponent").Where(SolutionPacker.IsGeneratedRoot).Remove();
            }

            SolutionLayout.Write(output, SolutionLayout.SolutionXml, solution);

            XElement customizations = CanonicalXml.Parse(customizationsBytes).Root!;
            XElement? assemblies = customizations.Element("SolutionPluginAssemblies");
            XElement? steps = customizations.Element("SdkMessageProcessingSteps");
            var pluginTypeIds = new HashSet<Guid>(
                (assemblies?.Descendants("PluginType") ?? Enumerable.Empty<XElement>())
                .Select(t => Guid.TryParse((string?)t.Attribute("PluginTypeId"), out Guid id) ? id : Guid.Empty));
            var assemblyFiles = new HashSet<string>(StringComparer.Ordinal);
            foreach (XElement assembly in assemblies?.Elements("PluginAssembly").ToList() ?? new List<XElement>())
            {
                string fileName = (assembly.Element("FileName")?.Value ?? string.Empty).Trim().TrimStart('/');
                assemblyFiles.Add(fileName);
                if (includeGenerated)
                {
                    SolutionLayout.Write(output, fileName + ".data.xml", assembly);
                }
            }

            if (includeGenerated)
            {
                foreach (XElement step in steps?.Elements("SdkMessageProcessingStep") ?? Enumerable.Empty<XElement>())
                {
                    string id = ((string?)step.Attribute("SdkMessageProcessingStepId") ?? Guid.Empty.ToString()).Trim('{', '}').ToLowerInvariant();
                    SolutionLayout.Write(output, $"SdkMessageProcessingSteps/{{{id}}}.xml", step);
                }
            }

            // Source layout: these sections are generated on pack, so Other/Customizations.xml does not carry them.
            // Full layout: empty placeholders, as SolutionPackager leaves them.
            if (includeGenerated)
            {
                assemblies?.RemoveNodes();
                steps?.RemoveNodes();
            }
            else
            {
                assemblies?.Remove();
                steps?.Remove();
            }
            SolutionLayout.Split(customizations, output);
            SolutionLayout.Write(output, SolutionLayout.CustomizationsXml, customizations);

            var generatedApis = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, byte[]> entry in entries.Where(e => e.Key.StartsWith("customapis/", StringComparison.OrdinalIgnoreCase) && e.Key.EndsWith("/customapi.xml", StringComparison.OrdinalIgnoreCase)))
            {
                XElement api = CanonicalXml.Parse(entry.Value).Root!;
                string? typeId = api.Element("plugintypeid")?.Element("plugintypeid")?.Value;
                if (Guid.TryParse(typeId?.Trim('{', '}'), out Guid id) && pluginTypeIds.Contains(id))
                {
                    generatedApis.Add(entry.Key[..^"customapi.xml".Length]);
                }
            }

            foreach (KeyValuePair<string, byte[]> entry in entries)
            {
                if (entry.Key is "solution.xml" or "customizations.xml" or "[Content_Types].xml")
                {
                    continue;
                }

                bool generated = assemblyFiles.Contains(entry.Key) || generatedApis.Any(p => entry.Key.StartsWith(p, StringComparison.OrdinalIgnoreCase));
                if (generated && !includeGenerated)
                {
                    continue;
                }

                if (output.ContainsKey(entry.Key))
                {
                    throw new InvalidDataException($"{entry.Key} collides with a file the unpacker writes.");
                }

                output[entry.Key] = entry.Value;
            }

            return output;
        }
    }
}
