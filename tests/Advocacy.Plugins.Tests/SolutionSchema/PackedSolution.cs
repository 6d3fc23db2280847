using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Packaging;
using Advocacy.Plugins.Tests.Packaging;
using Advocacy.Registration;

namespace Advocacy.Plugins.Tests.SolutionSchema
{
    /// <summary>
    /// The zip entries the packer writes for <c>solution/</c> and the deployable net462 assembly (unmanaged), packed once
    /// per test run: what Dataverse reads on import.
    /// </summary>
    internal static class PackedSolution
    {
        // The product's two solutions as eng/Pack.targets packs them: the core leaves out the steps on Sales tables,
        // the extension ships only those.
        internal static class ProductSolutions
        {
            public static readonly string[] SalesTables = { "salesorder" };

            public static StepScope Core => StepScope.Except(SalesTables);

            public static StepScope Sales => StepScope.Only(SalesTables);
        }

        private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> Packed = new(Pack);

        /// <summary>The zip entries (path → bytes); Inconclusive when the net462 build is missing.</summary>
        public static IReadOnlyDictionary<string, byte[]> Entries
        {
            get
            {
                PackagingTestSupport.RequireDeployableAssembly();
                return Packed.Value;
            }
        }

        public static XDocument Customizations => CanonicalXml.Parse(Entries["customizations.xml"]);

        /// <summary>The Sales extension's customizations.xml, packed as eng/Pack.targets packs it.</summary>
        public static XDocument SalesCustomizations
        {
            get
            {
                string assembly = PackagingTestSupport.RequireDeployableAssembly();
                var registration = ProductSolutions.Sales.Apply(RegistrationReader.ReadFile(assembly));
                var files = SolutionPacker.ReadFolder(Path.Combine(PackagingTestSupport.RepoRoot, "solution-sales"));
                var entries = SolutionPacker.BuildEntries(files, registration, File.ReadAllBytes(assembly), managed: false, version: null, includeAssembly: false);
                return CanonicalXml.Parse(entries["customizations.xml"]);
            }
        }

        public static IEnumerable<KeyValuePair<string, XDocument>> Xml(Func<string, bool> path) =>
            Entries.Where(e => path(e.Key) && e.Key.EndsWith(".xml", StringComparison.Ordinal))
                .Select(e => new KeyValuePair<string, XDocument>(e.Key, CanonicalXml.Parse(e.Value)));

        private static IReadOnlyDictionary<string, byte[]> Pack()
        {
            string assembly = PackagingTestSupport.DeployableAssembly;
            PluginAssemblyRegistration registration = RegistrationReader.ReadFile(assembly);
            SortedDictionary<string, byte[]> files = SolutionPacker.ReadFolder(Path.Combine(PackagingTestSupport.RepoRoot, "solution"));
            return SolutionPacker.BuildEntries(files, ProductSolutions.Core.Apply(registration), File.ReadAllBytes(assembly), managed: false, version: null);
        }
    }
}
