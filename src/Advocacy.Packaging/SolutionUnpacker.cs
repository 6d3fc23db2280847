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
        /// <summary>
        /// Unpacks <paramref name="zipPath"/> into <paramref name="folder"/>. Everything is read and checked first
        /// (entry names, limits, XML), then written to a temporary folder beside the target, which replaces the
        /// target only when complete: a failed unpack leaves the target as it was and nothing else behind. Files of
        /// an existing target that are not in the zip are kept (and logged) unless <paramref name="deleteMissing"/>,
        /// as SolutionPackager's /allowDelete. Files in the zip overwrite the target's (paths compared case-insensitively).
        /// </summary>
        /// <exception cref="InvalidDataException">The zip is refused; nothing was written.</exception>
        public static IReadOnlyDictionary<string, byte[]> Unpack(
            string zipPath, string folder, bool includeGenerated = false, Action<string>? log = null, bool deleteMissing = false, ZipLimits? limits = null)
        {
            log ??= _ => { };
            log($"Reading {zipPath}");
            IReadOnlyDictionary<string, byte[]> files = Split(DeterministicZip.Read(zipPath, limits), includeGenerated);
            var names = new Dictionary<string, string>(EntryNames.Comparer);
            foreach (string name in files.Keys)
            {
                EntryNames.Validate(name, "file name");
                if (!names.TryAdd(name, name))
                {
                    throw new InvalidDataException($"The files {EntryNames.Quote(names[name])} and {EntryNames.Quote(name)} are the same file (names are compared case-insensitively).");
                }
            }

            foreach (string name in files.Keys)
            {
                for (int slash = name.IndexOf('/'); slash > 0; slash = name.IndexOf('/', slash + 1))
                {
                    if (names.TryGetValue(name[..slash], out string? file))
                    {
                        throw new InvalidDataException($"The zip has a file {EntryNames.Quote(file)} and a file inside a folder of that name, {EntryNames.Quote(name)}.");
                    }
                }
            }

            string target = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            if (File.Exists(target))
            {
                throw new InvalidDataException($"{target} is a file; unpack needs a folder (it is created when missing).");
            }

            string parent = Path.GetDirectoryName(target) ?? throw new InvalidDataException($"{target} cannot be the target: unpack needs a folder below a root.");
            string stamp = Guid.NewGuid().ToString("N")[..8];
            string temporary = Path.Combine(parent, $".{Path.GetFileName(target)}.unpacking-{stamp}");
            string replaced = Path.Combine(parent, $".{Path.GetFileName(target)}.replaced-{stamp}");
            Directory.CreateDirectory(parent);
            try
            {
                foreach (KeyValuePair<string, byte[]> file in files)
                {
                    WriteInside(temporary, file.Key, file.Value);
                }

                bool exists = Directory.Exists(target);
                if (exists)
                {
                    foreach (string existing in Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                    {
                        string relative = Path.GetRelativePath(target, existing).Replace('\\', '/');
                        if (names.ContainsKey(relative))
                        {
                            continue;
                        }

                        if (deleteMissing)
                        {
                            log($"  deleted {relative} (not in the zip)");
                            continue;
                        }

                        log($"  kept {relative} (not in the zip; --delete-missing deletes such files)");
                        string copy = Path.Combine(temporary, relative);
                        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                        File.Copy(existing, copy);
                    }

                    Directory.Move(target, replaced);
                    try
                    {
                        Directory.Move(temporary, target);
                    }
                    catch
                    {
                        Directory.Move(replaced, target);
                        throw;
                    }

                    Directory.Delete(replaced, recursive: true);
                }
                else
                {
                    Directory.Move(temporary, target);
                }
            }
            finally
            {
                if (Directory.Exists(temporary))
                {
                    Directory.Delete(temporary, recursive: true);
                }
            }

            log($"Wrote {files.Count} files to {target}");
            return files;
        }

        private static void WriteInside(string root, string relative, byte[] content)
        {
            string path = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The file name {EntryNames.Quote(relative)} leaves the target folder.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            stream.Write(content, 0, content.Length);
        }

        /// <summary>The folder files (relative path → bytes) for the given zip entries.</summary>
        public static IReadOnlyDictionary<string, byte[]> Split(IReadOnlyDictionary<string, byte[]> entries, bool includeGenerated = false)
        {
            var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            if (!entries.TryGetValue("solution.xml", out byte[]? solutionBytes) || !entries.TryGetValue("customizations.xml", out byte[]? customizationsBytes))
            {
                throw new InvalidDataException("Not a solution zip: solution.xml or customizations.xml is missing.");
            }

            XElement solution = CanonicalXml.Parse(solutionBytes, "solution.xml").Root!;
            if (!includeGenerated)
            {
                solution.Element("SolutionManifest")?.Element("RootComponents")?.Elements("RootComponent").Where(SolutionPacker.IsGeneratedRoot).Remove();
            }

            SolutionLayout.Write(output, SolutionLayout.SolutionXml, solution);

            XElement customizations = CanonicalXml.Parse(customizationsBytes, "customizations.xml").Root!;
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
            HashSet<string> webResourceEntries = WebResourceLayout.Split(customizations, entries, output);
            SolutionLayout.Split(customizations, output);
            SolutionLayout.Write(output, SolutionLayout.CustomizationsXml, customizations);

            var generatedApis = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, byte[]> entry in entries.Where(e => e.Key.StartsWith("customapis/", StringComparison.OrdinalIgnoreCase) && e.Key.EndsWith("/customapi.xml", StringComparison.OrdinalIgnoreCase)))
            {
                XElement api = CanonicalXml.Parse(entry.Value, entry.Key).Root!;
                string? typeId = api.Element("plugintypeid")?.Element("plugintypeid")?.Value;
                if (Guid.TryParse(typeId?.Trim('{', '}'), out Guid id) && pluginTypeIds.Contains(id))
                {
                    generatedApis.Add(entry.Key[..^"customapi.xml".Length]);
                }
            }

            foreach (KeyValuePair<string, byte[]> entry in entries)
            {
                if (entry.Key is "solution.xml" or "customizations.xml" or "[Content_Types].xml" || webResourceEntries.Contains(entry.Key))
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
