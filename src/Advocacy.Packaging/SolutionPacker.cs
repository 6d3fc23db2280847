using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Advocacy.Registration;

namespace Advocacy.Packaging
{
    /// <summary>Which zips to write.</summary>
    public enum SolutionPackageType
    {
        /// <summary>Only {UniqueName}.zip.</summary>
        Unmanaged,

        /// <summary>Only {UniqueName}_managed.zip.</summary>
        Managed,

        /// <summary>Both.</summary>
        Both,
    }

    /// <summary>What to pack.</summary>
    public sealed class PackRequest
    {
        /// <summary>The unpacked solution (SolutionPackager layout: Other/Solution.xml, Other/Customizations.xml, Entities/…).</summary>
        public required string SolutionFolder { get; init; }

        /// <summary>The deployable plug-in assembly (the net462 build); the only assembly that goes into the zip.</summary>
        public required string AssemblyPath { get; init; }

        /// <summary>Where the zips go.</summary>
        public required string OutputDirectory { get; init; }

        /// <summary>Unmanaged, managed or both (default).</summary>
        public SolutionPackageType PackageType { get; init; } = SolutionPackageType.Both;

        /// <summary>The solution version (AdvocacyVersion); <c>null</c> keeps Other/Solution.xml's.</summary>
        public string? Version { get; init; }

        /// <summary>The registrations; read from <see cref="AssemblyPath"/> with MetadataLoadContext when <c>null</c>.</summary>
        public PluginAssemblyRegistration? Registration { get; init; }

        /// <summary>Options for reading the assembly when <see cref="Registration"/> is <c>null</c>.</summary>
        public PluginAssemblyLoadOptions? LoadOptions { get; init; }

        /// <summary>Which registrations this solution ships (default: all of them).</summary>
        public StepScope Scope { get; init; } = StepScope.All;

        /// <summary>Progress messages; <c>null</c> for none.</summary>
        public Action<string>? Log { get; init; }
    }

    /// <summary>
    /// Packs an unpacked solution folder plus the built plug-in assembly into importable solution zips, laid out
    /// as Dataverse exports them: solution.xml, customizations.xml, [Content_Types].xml,
    /// PluginAssemblies/{Name}-{ID}/{Name}.dll, customapis/…, web resources at their FileName (<see cref="WebResourceLayout"/>)
    /// and any other file of the folder unchanged.
    /// The plug-in assembly, its types, steps, images and Custom APIs are generated from the assembly's attributes
    /// (never read from the folder); the same inputs give the same bytes.
    /// </summary>
    public static class SolutionPacker
    {
        /// <summary>IntroducedVersion written on generated components.</summary>
        public const string IntroducedVersion = "1.0";

        /// <summary>Packs and writes the zip(s); returns their paths.</summary>
        public static IReadOnlyList<string> Pack(PackRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            Action<string> log = request.Log ?? (_ => { });
            string folder = Path.GetFullPath(request.SolutionFolder);
            if (!File.Exists(Path.Combine(folder, "Other", "Solution.xml")))
            {
                throw new InvalidDataException($"{folder} is not an unpacked solution: Other/Solution.xml is missing.");
            }

            if (Directory.Exists(request.AssemblyPath))
            {
                throw new InvalidDataException($"{request.AssemblyPath} is a folder; --assembly needs the plug-in assembly file (.dll).");
            }

            if (!File.Exists(request.AssemblyPath))
            {
                throw new InvalidDataException($"The plug-in assembly {request.AssemblyPath} does not exist.");
            }

            log($"Reading registrations from {request.AssemblyPath}");
            PluginAssemblyRegistration registration = request.Scope.Apply(request.Registration ?? ReadRegistration(request.AssemblyPath, request.LoadOptions));
            log($"  {registration.FullName}: {registration.Types.Count} types, {registration.Steps.Count()} steps, " +
                $"{registration.Types.Count(t => t.IsWorkflowActivity)} workflow activities, {registration.CustomApis.Count()} Custom APIs");
            byte[] assemblyBytes = File.ReadAllBytes(request.AssemblyPath);

            log($"Reading {folder}");
            SortedDictionary<string, byte[]> files = ReadFolder(folder);
            UniqueName(files[SolutionLayout.SolutionXml], SolutionLayout.SolutionXml); // refused before anything is written
            Directory.CreateDirectory(request.OutputDirectory);
            var written = new List<string>();
            log($"  this solution ships {request.Scope}: {registration.Steps.Count()} steps");
            foreach (bool managed in Kinds(request.PackageType))
            {
                IReadOnlyDictionary<string, byte[]> entries = BuildEntries(files, registration, assemblyBytes, managed, request.Version, log, request.Scope.IncludesAssembly);
                string uniqueName = UniqueName(entries["solution.xml"]);
                string path = Path.Combine(request.OutputDirectory, uniqueName + (managed ? "_managed" : string.Empty) + ".zip");
                File.WriteAllBytes(path, DeterministicZip.Write(entries));
                log($"Wrote {path} ({entries.Count} entries, {(managed ? "managed" : "unmanaged")})");
                written.Add(path);
            }

            return written;
        }

        private static PluginAssemblyRegistration ReadRegistration(string path, PluginAssemblyLoadOptions? options)
        {
            try
            {
                return RegistrationReader.ReadFile(path, options);
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException)
            {
                throw new InvalidDataException($"{path} is not a .NET assembly that can be read ({e.GetType().Name}: {e.Message})", e);
            }
        }

        /// <summary>Reads every file under <paramref name="folder"/> (relative path with '/' → bytes).</summary>
        public static SortedDictionary<string, byte[]> ReadFolder(string folder)
        {
            var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(folder, file).Replace('\\', '/')] = File.ReadAllBytes(file);
            }

            return files;
        }

        /// <summary>The zip entries (path → bytes) for the given source files and registrations.</summary>
        public static IReadOnlyDictionary<string, byte[]> BuildEntries(
            IReadOnlyDictionary<string, byte[]> files,
            PluginAssemblyRegistration registration,
            byte[] assemblyBytes,
            bool managed,
            string? version,
            Action<string>? log = null,
            bool includeAssembly = true)
        {
            log ??= _ => { };
            if (!files.ContainsKey(SolutionLayout.SolutionXml) || !files.ContainsKey(SolutionLayout.CustomizationsXml))
            {
                throw new InvalidDataException("The solution folder needs Other/Solution.xml and Other/Customizations.xml.");
            }

            var entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);

            // solution.xml: version, managed flag, generated root components.
            XElement solution = SolutionLayout.Root(files, SolutionLayout.SolutionXml);
            XElement manifest = solution.Element("SolutionManifest") ?? throw new InvalidDataException("Other/Solution.xml has no SolutionManifest.");
            if (version != null)
            {
                SetChild(manifest, "Version", SolutionVersion.Validate(version, "--version"), after: "LocalizedNames");
            }
            else
            {
                SolutionVersion.Validate(manifest.Element("Version")?.Value ?? string.Empty, "Other/Solution.xml");
            }

            SetChild(manifest, "Managed", managed ? "1" : "0", after: "Version");
            XElement roots = manifest.Element("RootComponents") ?? AddChild(manifest, "RootComponents");
            roots.Elements("RootComponent").Where(IsGeneratedRoot).Remove();
            roots.Add(PluginComponents.RootComponents(registration, includeAssembly));
            entries["solution.xml"] = CanonicalXml.ToBytes(solution);

            // customizations.xml: the split files merged back, plus the generated plug-in sections.
            XElement customizations = SolutionLayout.Root(files, SolutionLayout.CustomizationsXml);
            HashSet<string> used = SolutionLayout.Merge(customizations, files);
            var rootNames = new HashSet<string>(
                roots.Elements("RootComponent").Where(r => (string?)r.Attribute("type") == WebResourceLayout.RootComponentType)
                    .Select(r => (string?)r.Attribute("schemaName") ?? string.Empty),
                StringComparer.OrdinalIgnoreCase);
            IReadOnlyList<WebResourceLayout.Packed> webResources = WebResourceLayout.Read(files, used, rootNames);
            SolutionLayout.Fill(customizations, "WebResources", webResources.Select(w => w.Element));
            SolutionLayout.Fill(customizations, "SolutionPluginAssemblies",
                includeAssembly ? new[] { PluginComponents.PluginAssemblyElement(registration, IntroducedVersion) } : Array.Empty<XElement>());
            SolutionLayout.Fill(customizations, "SdkMessageProcessingSteps",
                registration.Steps.OrderBy(s => s.Id).Select(s => PluginComponents.StepElement(registration, s, IntroducedVersion)));
            entries["customizations.xml"] = CanonicalXml.ToBytes(customizations);

            foreach (StepRegistration step in registration.Steps.Where(s => !PluginComponents.KnownMessageIds.ContainsKey(s.Message)))
            {
                log($"  warning: step '{step.Name}': no well-known sdkmessage id for {step.Message}; SdkMessageId left out");
            }

            if (includeAssembly)
            {
                entries[PluginComponents.AssemblyZipPath(registration)] = assemblyBytes;
            }

            foreach (WebResourceLayout.Packed resource in webResources)
            {
                if (!entries.TryAdd(resource.Entry, resource.Content))
                {
                    throw new InvalidDataException($"The web resource {EntryNames.Quote(resource.Name)}'s FileName {resource.Entry} would be written twice.");
                }
            }

            var generatedApis = new HashSet<string>(registration.CustomApis.Select(a => "customapis/" + a.UniqueName + "/"), StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, XElement> file in PluginComponents.CustomApiFiles(registration))
            {
                entries[file.Key] = CanonicalXml.ToBytes(file.Value);
            }

            foreach (KeyValuePair<string, byte[]> file in files)
            {
                if (used.Contains(file.Key))
                {
                    continue;
                }

                if (SolutionLayout.GeneratedFolders.Any(f => file.Key.StartsWith(f, StringComparison.Ordinal)) ||
                    generatedApis.Any(f => file.Key.StartsWith(f, StringComparison.OrdinalIgnoreCase)))
                {
                    log($"  skipped {file.Key}: generated from the assembly");
                    continue;
                }

                if (file.Key.StartsWith("Other/", StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"{file.Key}: the packer does not know where this goes in customizations.xml.");
                }

                if (entries.ContainsKey(file.Key))
                {
                    throw new InvalidDataException($"{file.Key} would be written twice.");
                }

                entries[file.Key] = file.Value;
            }

            entries["[Content_Types].xml"] = ContentTypes(entries.Keys);
            return entries;
        }

        /// <summary>
        /// The unique name in solution.xml bytes; it names the zip, so it must be a valid Dataverse solution unique
        /// name (a letter, then letters, digits or underscores, at most 65 characters) and is refused otherwise.
        /// </summary>
        public static string UniqueName(byte[] solutionXml, string source = "solution.xml")
        {
            string name = CanonicalXml.Parse(solutionXml, source).Root?.Element("SolutionManifest")?.Element("UniqueName")?.Value.Trim()
                ?? throw new InvalidDataException("solution.xml has no UniqueName.");
            if (!IsValidUniqueName(name))
            {
                throw new InvalidDataException($"The solution's UniqueName {EntryNames.Quote(name)} ({source}) is not a valid solution unique name: " +
                    "a letter, then letters, digits or underscores, at most 65 characters.");
            }

            return name;
        }

        /// <summary>A letter (A–Z, a–z), then letters, digits or underscores, at most 65 characters.</summary>
        public static bool IsValidUniqueName(string? name) =>
            name is { Length: > 0 and <= 65 } && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

        internal static bool IsGeneratedRoot(XElement root)
        {
            string? type = (string?)root.Attribute("type");
            return type is "91" or "92";
        }

        private static IEnumerable<bool> Kinds(SolutionPackageType type) => type switch
        {
            SolutionPackageType.Unmanaged => new[] { false },
            SolutionPackageType.Managed => new[] { true },
            _ => new[] { false, true },
        };

        private static void SetChild(XElement parent, string name, string value, string after)
        {
            XElement? element = parent.Element(name);
            if (element != null)
            {
                element.Value = value;
                return;
            }

            element = new XElement(name, value);
            XElement? anchor = parent.Element(after);
            if (anchor != null)
            {
                anchor.AddAfterSelf(element);
            }
            else
            {
                parent.AddFirst(element);
            }
        }

        private static XElement AddChild(XElement parent, string name)
        {
            var element = new XElement(name);
            parent.Add(element);
            return element;
        }

        private static byte[] ContentTypes(IEnumerable<string> paths)
        {
            XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
            var types = new XElement(ns + "Types");
            List<string> list = paths.ToList();
            foreach (string extension in list.Select(p => Path.GetExtension(p)).Where(e => e.Length > 1)
                         .Select(e => e[1..].ToLowerInvariant()).Distinct().OrderBy(e => e, StringComparer.Ordinal))
            {
                types.Add(new XElement(ns + "Default", new XAttribute("Extension", extension), new XAttribute("ContentType", "application/octet-stream")));
            }

            foreach (string path in list.Where(p => Path.GetExtension(p).Length <= 1).OrderBy(p => p, StringComparer.Ordinal))
            {
                types.Add(new XElement(ns + "Override", new XAttribute("PartName", "/" + path), new XAttribute("ContentType", "application/octet-stream")));
            }

            return CanonicalXml.ToBytes(types);
        }
    }
}
