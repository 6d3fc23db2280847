using System;
using System.IO;
using System.Linq;

namespace Advocacy.Sandbox
{
    // The ways a plug-in project other than this repository's builds a sandbox: from its own unpacked solutions, or
    // leniently from nothing.
    public sealed partial class DataverseSandbox
    {
        /// <summary>
        /// A sandbox whose metadata is the built-in standard tables plus the given unpacked solution folders
        /// (SolutionPackager's layout: <c>Other/Solution.xml</c>, <c>Entities/*/Entity.xml</c>, <c>OptionSets/</c>,
        /// <c>Roles/</c>, <c>Other/Relationships/</c>), read in the order given as importing them in that order would
        /// leave them: a later solution adds columns to an earlier one's tables. Strict: writing a table or column none
        /// of them defines fails as on Dataverse.
        /// </summary>
        /// <exception cref="DirectoryNotFoundException">A folder is missing or is not an unpacked solution.</exception>
        public static DataverseSandbox FromSolutionFolders(params string[] solutionFolders)
        {
            ArgumentNullException.ThrowIfNull(solutionFolders);
            // A mistyped path would otherwise give a sandbox without the solution's tables, and every test would fail
            // later with "entity doesn't exist" instead of naming the path.
            foreach (string folder in solutionFolders)
            {
                if (!File.Exists(Path.Combine(folder, "Other", "Solution.xml")))
                {
                    throw new DirectoryNotFoundException(
                        $"'{Path.GetFullPath(folder)}' is not an unpacked solution folder: SolutionPackager's layout has Other/Solution.xml in it.");
                }
            }
            return new DataverseSandbox(SandboxMetadata.FromSolutions(solutionFolders.Select(Path.GetFullPath)));
        }

        /// <summary>
        /// A sandbox in lenient mode (<see cref="SandboxMetadata.Strict"/> false): the built-in standard tables keep their
        /// types, any other table and column is accepted and typed by the first value written to it. For plug-ins whose
        /// tables no unpacked solution describes; strict metadata (<see cref="FromSolutionFolders"/>) catches more.
        /// </summary>
        public static DataverseSandbox Lenient(params string[] solutionFolders)
        {
            var sandbox = solutionFolders.Length == 0 ? new DataverseSandbox((string?)null) : FromSolutionFolders(solutionFolders);
            sandbox.Metadata.Strict = false;
            return sandbox;
        }
    }
}
