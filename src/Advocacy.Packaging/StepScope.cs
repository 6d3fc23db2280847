using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Registration;

namespace Advocacy.Packaging
{
    /// <summary>
    /// Which part of the plug-in assembly's registrations one solution ships. The core solution ships the assembly,
    /// its types, Custom APIs and every step except those on tables it must not depend on; an extension solution (the
    /// Sales extension) ships only the steps on its tables, which point at plug-in types the core solution owns.
    /// </summary>
    public sealed class StepScope
    {
        private StepScope(IReadOnlyCollection<string>? onlyTables, IReadOnlyCollection<string> skipTables)
        {
            OnlyTables = onlyTables;
            SkipTables = skipTables;
        }

        /// <summary>Everything: the assembly and every step.</summary>
        public static StepScope All { get; } = new StepScope(null, Array.Empty<string>());

        /// <summary>The assembly and every step except those on <paramref name="tables"/>.</summary>
        public static StepScope Except(IEnumerable<string> tables) => new StepScope(null, Normalise(tables));

        /// <summary>Only the steps on <paramref name="tables"/>: no assembly, types or Custom APIs.</summary>
        public static StepScope Only(IEnumerable<string> tables)
        {
            var only = Normalise(tables);
            if (only.Count == 0) throw new ArgumentException("An extension's step scope names at least one table.", nameof(tables));
            return new StepScope(only, Array.Empty<string>());
        }

        /// <summary>Null: no restriction to a set of tables (the core solution).</summary>
        public IReadOnlyCollection<string>? OnlyTables { get; }

        public IReadOnlyCollection<string> SkipTables { get; }

        /// <summary>The assembly, its types and Custom APIs go into this solution.</summary>
        public bool IncludesAssembly => OnlyTables == null;

        public bool Includes(StepRegistration step)
        {
            string table = (step.PrimaryEntity ?? string.Empty).ToLowerInvariant();
            return OnlyTables != null ? OnlyTables.Contains(table) : !SkipTables.Contains(table);
        }

        /// <summary>The registration as this solution ships it: the same assembly and types, only the steps in scope.</summary>
        public PluginAssemblyRegistration Apply(PluginAssemblyRegistration registration)
        {
            if (OnlyTables == null && SkipTables.Count == 0)
            {
                return registration;
            }

            return new PluginAssemblyRegistration
            {
                Name = registration.Name,
                Version = registration.Version,
                Culture = registration.Culture,
                PublicKeyToken = registration.PublicKeyToken,
                Id = registration.Id,
                IsolationMode = registration.IsolationMode,
                Types = registration.Types.Select(t => new PluginTypeRegistration
                {
                    TypeName = t.TypeName,
                    AssemblyQualifiedName = t.AssemblyQualifiedName,
                    Id = t.Id,
                    IsWorkflowActivity = t.IsWorkflowActivity,
                    IsPlugin = t.IsPlugin,
                    Name = t.Name,
                    FriendlyName = t.FriendlyName,
                    Description = t.Description,
                    WorkflowActivity = t.WorkflowActivity,
                    Steps = t.Steps.Where(Includes).ToList(),
                    CustomApi = IncludesAssembly ? t.CustomApi : null,
                }).ToList(),
            };
        }

        public override string ToString() =>
            OnlyTables != null ? "only the steps on " + string.Join(", ", OnlyTables)
            : SkipTables.Count > 0 ? "everything but the steps on " + string.Join(", ", SkipTables)
            : "everything";

        private static IReadOnlyCollection<string> Normalise(IEnumerable<string> tables) =>
            new HashSet<string>(tables.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0), StringComparer.Ordinal);
    }
}
