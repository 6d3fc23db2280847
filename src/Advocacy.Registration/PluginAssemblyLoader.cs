using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace Advocacy.Registration
{
    /// <summary>Where <see cref="PluginAssemblyLoader"/> looks for the assemblies a plug-in assembly references.</summary>
    public sealed class PluginAssemblyLoadOptions
    {
        /// <summary>
        /// Folders whose *.dll files may satisfy references (searched after the assembly's own folder). When empty,
        /// the defaults apply: for a .NET Framework assembly the net462 reference assemblies (with Facades) from the
        /// NuGet cache, the offline SDK built beside it (src/Sdk/*/bin/&lt;Config&gt;/net462) and, when restored,
        /// Microsoft's CrmSdk packages; for a .NET assembly the running runtime's folder.
        /// </summary>
        public IList<string> ReferenceDirectories { get; } = new List<string>();

        /// <summary>The NuGet package cache; <c>NUGET_PACKAGES</c> or ~/.nuget/packages when <c>null</c>.</summary>
        public string? NuGetPackagesDirectory { get; set; }

        /// <summary>The repository root holding src/Sdk; found by walking up from the assembly when <c>null</c>.</summary>
        public string? RepositoryRoot { get; set; }

        /// <summary>The build configuration of src/Sdk to use; taken from the assembly's path (bin/&lt;Config&gt;/net462) when <c>null</c>.</summary>
        public string? Configuration { get; set; }
    }

    /// <summary>An assembly opened for inspection; dispose it to release the files.</summary>
    public sealed class LoadedPluginAssembly : IDisposable
    {
        private readonly MetadataLoadContext context;

        internal LoadedPluginAssembly(MetadataLoadContext context, Assembly assembly, IReadOnlyList<string> searchedDirectories)
        {
            this.context = context;
            Assembly = assembly;
            SearchedDirectories = searchedDirectories;
        }

        /// <summary>The assembly, loaded for inspection only (no code runs).</summary>
        public Assembly Assembly { get; }

        /// <summary>The folders the resolver used, in order (for diagnostics).</summary>
        public IReadOnlyList<string> SearchedDirectories { get; }

        /// <inheritdoc />
        public void Dispose() => context.Dispose();
    }

    /// <summary>
    /// Opens a plug-in assembly with <see cref="MetadataLoadContext"/>, so that the deployable net462 build can be read
    /// on .NET 10 without loading it. Only metadata is read: custom attribute data, types, base types, interfaces.
    /// </summary>
    public static class PluginAssemblyLoader
    {
        /// <summary>The net462 reference assemblies package the build restores.</summary>
        public const string ReferenceAssembliesPackage = "microsoft.netframework.referenceassemblies.net462/1.0.3/build/.NETFramework/v4.6.2";

        /// <summary>Opens <paramref name="assemblyPath"/> for inspection.</summary>
        /// <exception cref="FileNotFoundException">The assembly is missing.</exception>
        /// <exception cref="RegistrationException">The references it needs cannot be found (the message says where it looked).</exception>
        public static LoadedPluginAssembly Load(string assemblyPath, PluginAssemblyLoadOptions? options = null)
        {
            options ??= new PluginAssemblyLoadOptions();
            string fullPath = Path.GetFullPath(assemblyPath);
            if (!File.Exists(fullPath))
            {
                throw new FileNotFoundException($"The plug-in assembly {fullPath} does not exist; build it first.", fullPath);
            }

            bool isFramework = ReferencesMscorlib(fullPath);
            var directories = new List<string> { Path.GetDirectoryName(fullPath)! };
            directories.AddRange(options.ReferenceDirectories.Count > 0
                ? options.ReferenceDirectories
                : isFramework ? DefaultFrameworkDirectories(fullPath, options) : new[] { RuntimeEnvironment.GetRuntimeDirectory() });

            var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string directory in directories.Where(Directory.Exists))
            {
                foreach (string file in Directory.EnumerateFiles(directory, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
                {
                    files.TryAdd(Path.GetFileNameWithoutExtension(file), file);
                }
            }

            files[Path.GetFileNameWithoutExtension(fullPath)] = fullPath;
            string coreAssembly = isFramework ? "mscorlib" : "System.Private.CoreLib";
            if (!files.ContainsKey(coreAssembly))
            {
                throw new RegistrationException(
                    $"Cannot read {Path.GetFileName(fullPath)}: {coreAssembly}.dll was not found in {string.Join(", ", directories)}. " +
                    (isFramework ? $"Restore the solution so that the NuGet cache holds {ReferenceAssembliesPackage}." : string.Empty));
            }

            var context = new MetadataLoadContext(new PathAssemblyResolver(files.Values), coreAssembly);
            try
            {
                return new LoadedPluginAssembly(context, context.LoadFromAssemblyPath(fullPath), directories);
            }
            catch
            {
                context.Dispose();
                throw;
            }
        }

        /// <summary>The default search folders for a .NET Framework (net462) plug-in assembly.</summary>
        public static IReadOnlyList<string> DefaultFrameworkDirectories(string assemblyPath, PluginAssemblyLoadOptions? options = null)
        {
            options ??= new PluginAssemblyLoadOptions();
            var result = new List<string>();
            string nuget = options.NuGetPackagesDirectory
                ?? Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            string referenceAssemblies = Path.Combine(nuget, ReferenceAssembliesPackage);
            result.Add(referenceAssemblies);
            result.Add(Path.Combine(referenceAssemblies, "Facades"));

            string fullPath = Path.GetFullPath(assemblyPath);
            string? configuration = options.Configuration ?? ConfigurationFromPath(fullPath);
            string? root = options.RepositoryRoot ?? FindRepositoryRoot(Path.GetDirectoryName(fullPath)!);
            if (root != null)
            {
                string sdk = Path.Combine(root, "src", "Sdk");
                if (Directory.Exists(sdk))
                {
                    foreach (string project in Directory.GetDirectories(sdk).OrderBy(d => d, StringComparer.Ordinal))
                    {
                        IEnumerable<string> configurations = configuration != null
                            ? new[] { configuration }
                            : new[] { "Release", "Debug" };
                        result.AddRange(configurations.Select(c => Path.Combine(project, "bin", c, "net462")));
                    }
                }
            }

            // XrmSdk=Microsoft builds: Microsoft's packages, when restored.
            result.Add(Path.Combine(nuget, "microsoft.crmsdk.coreassemblies", "9.0.2.56", "lib", "net462"));
            result.Add(Path.Combine(nuget, "microsoft.crmsdk.workflow", "9.0.2.34", "lib", "net462"));
            return result;
        }

        private static string? ConfigurationFromPath(string assemblyPath)
        {
            // …/bin/<Config>/net462/Name.dll
            DirectoryInfo? tfm = new FileInfo(assemblyPath).Directory;
            DirectoryInfo? config = tfm?.Parent;
            return config?.Parent?.Name.Equals("bin", StringComparison.OrdinalIgnoreCase) == true ? config.Name : null;
        }

        private static string? FindRepositoryRoot(string start)
        {
            for (DirectoryInfo? dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "src", "Sdk")))
                {
                    return dir.FullName;
                }
            }

            return null;
        }

        private static bool ReferencesMscorlib(string path)
        {
            using FileStream stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            MetadataReader reader = pe.GetMetadataReader();
            return reader.AssemblyReferences
                .Select(h => reader.GetString(reader.GetAssemblyReference(h).Name))
                .Any(n => n == "mscorlib");
        }
    }
}
